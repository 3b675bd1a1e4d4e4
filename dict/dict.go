// Package dict reads dyad's dictionaries: countries, named actors, agents
// (role nouns), verb patterns and irregular word forms. The formats are
// plain text, specified in data/FORMATS.md, and meant to be edited by the
// people who use them.
//
// Every parser reports problems as *Error values naming the file and line,
// keeps the entries it could read, and never panics. Load reads the five
// files from any fs.FS (the embedded defaults, or a directory given on the
// command line); files missing from an override directory keep their
// defaults.
package dict

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors; *Error wraps one of them.
var (
	ErrSyntax = errors.New("dict: syntax error")
	ErrDate   = errors.New("dict: bad date range")
	ErrCoord  = errors.New("dict: bad coordinates")
	ErrCode   = errors.New("dict: bad code")
)

// Error is a positioned dictionary error.
type Error struct {
	File string
	Line int
	Err  error
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %v: %s", e.File, e.Line, e.Err, e.Msg) }
func (e *Error) Unwrap() error { return e.Err }

// Coord is a point in decimal degrees.
type Coord struct {
	Lat, Lon float64
	OK       bool
}

// Named is a name with optional coordinates.
type Named struct {
	Name string
	Coord
}

// Country is one block of countries.txt.
type Country struct {
	Code, ISO2, Name string
	Names            []string
	Adjs             []string
	Capitals         []Named
	Metonyms         []string
	Places           []Named
	Center           Coord
	// Not lists phrases that contain the country's names but do not denote
	// it ("Latin America", "Indian Ocean"); they are never coded.
	Not  []string
	Line int
}

// DatedCode is an actor code valid from From (inclusive) to To (exclusive);
// zero times are open ends. Undated is true for the fallback code.
type DatedCode struct {
	Code       string
	From, To   time.Time
	Undated    bool
	Unverified bool
	Note       string
}

// Covers reports whether the code holds on date t.
func (c DatedCode) Covers(t time.Time) bool {
	if c.Undated {
		return false
	}
	if !c.From.IsZero() && t.Before(c.From) {
		return false
	}
	if !c.To.IsZero() && !t.Before(c.To) {
		return false
	}
	return true
}

// Range formats the validity range as written in the file.
func (c DatedCode) Range() string {
	if c.Undated {
		return "undated"
	}
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	return f(c.From) + ".." + f(c.To)
}

// Actor is one block of actors.txt.
type Actor struct {
	Name    string
	Aliases []string
	Codes   []DatedCode
	Line    int
	File    string
}

// CodeOn returns the code that holds on date t. With a zero t (date
// unknown) it returns the latest dated code. The bool is false when no code
// applies.
func (a *Actor) CodeOn(t time.Time) (DatedCode, bool) {
	var fallback *DatedCode
	var latest *DatedCode
	for i := range a.Codes {
		c := &a.Codes[i]
		if c.Undated {
			fallback = c
			continue
		}
		if t.IsZero() {
			if latest == nil || c.From.After(latest.From) {
				latest = c
			}
			continue
		}
		if c.Covers(t) {
			return *c, true
		}
	}
	if latest != nil {
		return *latest, true
	}
	if fallback != nil {
		return *fallback, true
	}
	return DatedCode{}, false
}

// Agent is one role noun of agents.txt.
type Agent struct {
	Phrase string // lower-case lemmas separated by spaces
	Sector string
	Line   int
}

// Slot is one word position of a verb pattern: its alternatives, and
// whether it must directly follow the previous word.
type Slot struct {
	Alts     []string
	Adjacent bool
}

// Pattern is one line of verbs.txt.
type Pattern struct {
	Code  string // CAMEO code, or "SAY"
	Noun  bool   // a noun-headed pattern ("@meeting between")
	Slots []Slot // Slots[0] is the verb (or noun) lemma
	Text  string // the pattern as written
	Line  int
	File  string
}

// Words returns the number of slots, the pattern's specificity.
func (p *Pattern) Words() int { return len(p.Slots) }

// Discard is a phrase that marks a sentence or a whole article as outside
// political event data (sports, weather, entertainment).
type Discard struct {
	Phrase string // lower-case lemmas separated by spaces
	Story  bool   // the whole article, not just the sentence
	Line   int
}

// Dictionaries holds every dictionary dyad codes with.
type Dictionaries struct {
	Countries []Country
	Actors    []Actor
	Agents    []Agent
	Verbs     []Pattern
	Lemmas    map[string]string // inflected form → lemma
	Discards  []Discard
}

// File names inside a dictionary directory.
const (
	CountriesFile = "countries.txt"
	ActorsFile    = "actors.txt"
	AgentsFile    = "agents.txt"
	VerbsFile     = "verbs.txt" // and verbs-*.txt
	LemmasFile    = "lemmas.txt"
	DiscardsFile  = "discards.txt"
)

// Load reads every dictionary file present in fsys (verb patterns may be
// split over verbs.txt and verbs-*.txt). Missing files are
// skipped. Errors in individual lines are collected and returned together
// (errors.Join) while the readable entries are kept.
func Load(fsys fs.FS) (*Dictionaries, error) {
	d := &Dictionaries{Lemmas: map[string]string{}}
	var errs []error
	if err := d.Add(fsys); err != nil {
		errs = append(errs, err)
	}
	return d, errors.Join(errs...)
}

// Add reads the dictionary files present in fsys and adds their entries to
// d (named actors, agents and patterns are appended; countries with a code
// already present replace the earlier block).
func (d *Dictionaries) Add(fsys fs.FS) error {
	var errs []error
	read := func(name string, parse func(string, string) error) {
		b, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			errs = append(errs, err)
			return
		}
		if err := parse(name, string(b)); err != nil {
			errs = append(errs, err)
		}
	}
	read(CountriesFile, func(f, s string) error {
		cs, err := ParseCountries(f, s)
		for _, c := range cs {
			replaced := false
			for i := range d.Countries {
				if d.Countries[i].Code == c.Code {
					d.Countries[i] = c
					replaced = true
				}
			}
			if !replaced {
				d.Countries = append(d.Countries, c)
			}
		}
		return err
	})
	read(ActorsFile, func(f, s string) error {
		as, err := ParseActors(f, s)
		d.Actors = append(d.Actors, as...)
		return err
	})
	read(AgentsFile, func(f, s string) error {
		as, err := ParseAgents(f, s)
		d.Agents = append(d.Agents, as...)
		return err
	})
	// verbs.txt, then verbs-*.txt (one file per group of roots), in order
	verbFiles, _ := fs.Glob(fsys, "verbs*.txt")
	for _, vf := range verbFiles {
		read(vf, func(f, s string) error {
			ps, err := ParseVerbs(f, s)
			d.Verbs = append(d.Verbs, ps...)
			return err
		})
	}
	read(DiscardsFile, func(f, s string) error {
		ds, err := ParseDiscards(f, s)
		d.Discards = append(d.Discards, ds...)
		return err
	})
	read(LemmasFile, func(f, s string) error {
		if d.Lemmas == nil {
			d.Lemmas = map[string]string{}
		}
		return ParseLemmas(f, s, d.Lemmas)
	})
	return errors.Join(errs...)
}

// line is one logical line: its number, indentation and content without
// comment.
type line struct {
	n      int
	indent bool
	text   string
}

func lines(src string) []line {
	var out []line
	for i, l := range strings.Split(src, "\n") {
		if k := strings.IndexByte(l, '#'); k >= 0 {
			l = l[:k]
		}
		l = strings.TrimRight(l, " \t\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, line{n: i + 1, indent: l[0] == ' ' || l[0] == '\t', text: strings.TrimSpace(l)})
	}
	return out
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func keyValue(s string) (string, string, bool) {
	k, v, ok := strings.Cut(s, ":")
	if !ok {
		return "", "", false
	}
	k = strings.TrimSpace(k)
	if k == "" || strings.ContainsAny(k, " \t") {
		return "", "", false
	}
	return strings.ToLower(k), strings.TrimSpace(v), true
}

// parseNamed reads "Moscow @ 55.75, 37.62" (coordinates optional).
func parseNamed(s string) (Named, error) {
	name, c, ok := strings.Cut(s, "@")
	n := Named{Name: strings.TrimSpace(name)}
	if !ok {
		return n, nil
	}
	coord, err := parseCoord(c)
	n.Coord = coord
	return n, err
}

func parseCoord(s string) (Coord, error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return Coord{}, fmt.Errorf("%q: want LAT, LON", strings.TrimSpace(s))
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return Coord{}, fmt.Errorf("%q: want LAT, LON in degrees", strings.TrimSpace(s))
	}
	return Coord{Lat: lat, Lon: lon, OK: true}, nil
}

// ParseCountries reads countries.txt.
func ParseCountries(file, src string) ([]Country, error) {
	var out []Country
	var errs []error
	bad := func(n int, e error, msg string) { errs = append(errs, &Error{file, n, e, msg}) }
	var cur *Country
	for _, l := range lines(src) {
		if !l.indent {
			code, name, _ := strings.Cut(l.text, " ")
			if !isCode(code) || len(code) != 3 {
				bad(l.n, ErrCode, fmt.Sprintf("country block must start with a 3-letter code, got %q", code))
				cur = nil
				continue
			}
			out = append(out, Country{Code: code, Name: strings.TrimSpace(name), Line: l.n})
			cur = &out[len(out)-1]
			if cur.Name != "" {
				cur.Names = append(cur.Names, cur.Name)
			}
			continue
		}
		if cur == nil {
			continue // error reported at the block head
		}
		k, v, ok := keyValue(l.text)
		if !ok {
			bad(l.n, ErrSyntax, fmt.Sprintf("want \"key: value\", got %q", l.text))
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(v, "!unverified"))
		switch k {
		case "iso2":
			cur.ISO2 = v
		case "name":
			for _, n := range splitList(v) {
				if n != cur.Name {
					cur.Names = append(cur.Names, n)
				}
			}
		case "adj":
			cur.Adjs = append(cur.Adjs, splitList(v)...)
		case "metonym":
			cur.Metonyms = append(cur.Metonyms, splitList(v)...)
		case "not":
			cur.Not = append(cur.Not, splitList(v)...)
		case "capital", "place":
			for _, p := range splitList(v) {
				n, err := parseNamed(p)
				if err != nil {
					bad(l.n, ErrCoord, err.Error())
				}
				if k == "capital" {
					cur.Capitals = append(cur.Capitals, n)
				} else {
					cur.Places = append(cur.Places, n)
				}
			}
		case "center":
			c, err := parseCoord(v)
			if err != nil {
				bad(l.n, ErrCoord, err.Error())
			}
			cur.Center = c
		default:
			bad(l.n, ErrSyntax, fmt.Sprintf("unknown key %q", k))
		}
	}
	return out, errors.Join(errs...)
}

func isCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// ParseActors reads actors.txt.
func ParseActors(file, src string) ([]Actor, error) {
	var out []Actor
	var errs []error
	bad := func(n int, e error, msg string) { errs = append(errs, &Error{file, n, e, msg}) }
	var cur *Actor
	for _, l := range lines(src) {
		if !l.indent {
			out = append(out, Actor{Name: l.text, Line: l.n, File: file})
			cur = &out[len(out)-1]
			continue
		}
		if cur == nil {
			bad(l.n, ErrSyntax, "indented line before any actor name")
			continue
		}
		k, v, ok := keyValue(l.text)
		if !ok {
			bad(l.n, ErrSyntax, fmt.Sprintf("want \"key: value\", got %q", l.text))
			continue
		}
		switch k {
		case "alias":
			cur.Aliases = append(cur.Aliases, splitList(strings.TrimSuffix(v, "!unverified"))...)
		case "code":
			dc, err := parseDatedCode(v)
			if err != nil {
				bad(l.n, ErrDate, err.Error())
				continue
			}
			cur.Codes = append(cur.Codes, dc)
		default:
			bad(l.n, ErrSyntax, fmt.Sprintf("unknown key %q", k))
		}
	}
	for _, a := range out {
		if len(a.Codes) == 0 {
			bad(a.Line, ErrCode, fmt.Sprintf("actor %q has no code", a.Name))
		}
	}
	return out, errors.Join(errs...)
}

func parseDatedCode(v string) (DatedCode, error) {
	f := strings.Fields(v)
	var dc DatedCode
	if len(f) == 0 || !isCode(f[0]) {
		return dc, fmt.Errorf("want CODE [FROM..TO], got %q", v)
	}
	dc.Code = f[0]
	dc.Undated = true
	for _, x := range f[1:] {
		if x == "!unverified" {
			dc.Unverified = true
			continue
		}
		a, b, ok := strings.Cut(x, "..")
		if !ok {
			return dc, fmt.Errorf("want FROM..TO, got %q", x)
		}
		from, err := parseDate(a)
		if err != nil {
			return dc, err
		}
		to, err := parseDate(b)
		if err != nil {
			return dc, err
		}
		if !from.IsZero() && !to.IsZero() && !to.After(from) {
			return dc, fmt.Errorf("range %q ends before it starts", x)
		}
		dc.From, dc.To, dc.Undated = from, to, false
	}
	return dc, nil
}

// ParseAgents reads agents.txt.
func ParseAgents(file, src string) ([]Agent, error) {
	var out []Agent
	var errs []error
	for _, l := range lines(src) {
		k, v, ok := strings.Cut(l.text, ":")
		k = strings.TrimSpace(k)
		if !ok || !isCode(k) {
			errs = append(errs, &Error{file, l.n, ErrSyntax, fmt.Sprintf("want \"SECTOR: noun; noun\", got %q", l.text)})
			continue
		}
		for _, p := range splitList(strings.TrimSuffix(strings.TrimSpace(v), "!unverified")) {
			out = append(out, Agent{Phrase: strings.ToLower(strings.Join(strings.Fields(p), " ")), Sector: k, Line: l.n})
		}
	}
	return out, errors.Join(errs...)
}

// ParseVerbs reads verbs.txt.
func ParseVerbs(file, src string) ([]Pattern, error) {
	var out []Pattern
	var errs []error
	for _, l := range lines(src) {
		f := strings.Fields(l.text)
		if len(f) < 2 || !(f[0] == "SAY" || isDigits(f[0])) {
			errs = append(errs, &Error{file, l.n, ErrSyntax, fmt.Sprintf("want \"CODE pattern\", got %q", l.text)})
			continue
		}
		p := Pattern{Code: f[0], Line: l.n, File: file, Text: strings.Join(f[1:], " ")}
		for i, w := range f[1:] {
			if i == 0 && strings.HasPrefix(w, "@") {
				p.Noun = true
				w = w[1:]
			}
			for j, part := range strings.Split(w, "_") {
				var alts []string
				for _, a := range strings.Split(part, "|") {
					if a = strings.ToLower(strings.TrimSpace(a)); a != "" {
						alts = append(alts, a)
					}
				}
				if len(alts) == 0 {
					continue
				}
				p.Slots = append(p.Slots, Slot{Alts: alts, Adjacent: j > 0})
			}
		}
		if len(p.Slots) == 0 {
			errs = append(errs, &Error{file, l.n, ErrSyntax, "empty pattern"})
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

func isDigits(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ParseDiscards reads discards.txt: lines "story: phrase; phrase" (the
// phrase discards its whole article) and "sentence: phrase; phrase" (just
// the sentence).
func ParseDiscards(file, src string) ([]Discard, error) {
	var out []Discard
	var errs []error
	for _, l := range lines(src) {
		k, v, ok := keyValue(l.text)
		if !ok || k != "story" && k != "sentence" {
			errs = append(errs, &Error{file, l.n, ErrSyntax, fmt.Sprintf("want \"story: phrase; …\" or \"sentence: phrase; …\", got %q", l.text)})
			continue
		}
		for _, p := range splitList(v) {
			out = append(out, Discard{Phrase: strings.ToLower(strings.Join(strings.Fields(p), " ")), Story: k == "story", Line: l.n})
		}
	}
	return out, errors.Join(errs...)
}

// ParseLemmas reads lemmas.txt ("form lemma" per line) into m.
func ParseLemmas(file, src string, m map[string]string) error {
	var errs []error
	for _, l := range lines(src) {
		f := strings.Fields(l.text)
		if len(f) != 2 {
			errs = append(errs, &Error{file, l.n, ErrSyntax, fmt.Sprintf("want \"form lemma\", got %q", l.text)})
			continue
		}
		m[strings.ToLower(f[0])] = strings.ToLower(f[1])
	}
	return errors.Join(errs...)
}
