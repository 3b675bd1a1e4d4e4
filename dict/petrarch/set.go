package petrarch

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"dyad/data"
	"dyad/dict"
)

// Dialect selects the conventions of the files being read.
type Dialect uint8

const (
	// PETRARCH is PETRARCH-2 (CAMEO.2.0.txt, Phoenix.*.txt, PETR.Validate.*).
	PETRARCH Dialect = iota
	// TABARI is TABARI's .actors and .agents files (package tabari reads
	// its .verbs files): several [codes] on an entry's line, <NOUN> and
	// <ADJECTIVE> sections, and [###] marking a discard.
	TABARI
)

// Options controls a conversion. The zero value is ready to use.
type Options struct {
	// Lemmas maps irregular inflections to lemmas ("said" → "say"). It is
	// used to find the base form of verbs written inflected ("SAID",
	// "HELD") and becomes the start of the converted Lemmas table. Nil
	// means dyad's own lemmas.txt.
	Lemmas map[string]string
	// MaxExpansions bounds the dyad patterns one pattern may expand into
	// through synsets with multi-word members; 0 means 64.
	MaxExpansions int
	// SayVerbs are the lemmas whose verbs become dyad's verbs of saying
	// (SAY: the reported clause is coded, not the verb), besides those a
	// transformation names. Nil means the SAY verbs of dyad's own verbs
	// files ("say", "tell", …); an empty map means none.
	SayVerbs map[string]bool
	// Dialect is PETRARCH unless package tabari says otherwise.
	Dialect Dialect
}

var (
	sayOnce sync.Once
	sayBase map[string]bool
)

// DefaultSayVerbs returns the lemmas of dyad's own SAY patterns.
func DefaultSayVerbs() map[string]bool {
	sayOnce.Do(func() {
		sayBase = map[string]bool{}
		files, _ := fs.Glob(data.FS, "verbs*.txt")
		for _, f := range files {
			b, err := fs.ReadFile(data.FS, f)
			if err != nil {
				continue
			}
			ps, _ := dict.ParseVerbs(f, string(b))
			for _, p := range ps {
				if p.Code == "SAY" && len(p.Slots) == 1 {
					for _, a := range p.Slots[0].Alts {
						sayBase[a] = true
					}
				}
			}
		}
	})
	m := make(map[string]bool, len(sayBase))
	for k, v := range sayBase {
		m[k] = v
	}
	return m
}

func (o *Options) sayVerbs() map[string]bool {
	if o == nil || o.SayVerbs == nil {
		return DefaultSayVerbs()
	}
	return o.SayVerbs
}

func (o *Options) maxExpansions() int {
	if o == nil || o.MaxExpansions <= 0 {
		return 64
	}
	return o.MaxExpansions
}

func (o *Options) dialect() Dialect {
	if o == nil {
		return PETRARCH
	}
	return o.Dialect
}

var (
	baseOnce   sync.Once
	baseLemmas map[string]string
)

// DefaultLemmas returns a copy of dyad's irregular-form table (lemmas.txt).
func DefaultLemmas() map[string]string {
	baseOnce.Do(func() {
		baseLemmas = map[string]string{}
		if b, err := fs.ReadFile(data.FS, dict.LemmasFile); err == nil {
			_ = dict.ParseLemmas(dict.LemmasFile, string(b), baseLemmas)
		}
	})
	m := make(map[string]string, len(baseLemmas))
	for k, v := range baseLemmas {
		m[k] = v
	}
	return m
}

func (o *Options) lemmas() map[string]string {
	if o == nil || o.Lemmas == nil {
		return DefaultLemmas()
	}
	m := make(map[string]string, len(o.Lemmas))
	for k, v := range o.Lemmas {
		m[k] = v
	}
	return m
}

// Set is the result of a conversion: the dictionaries, the issues (which
// dyad's coder does not use) and the report of what was lost.
type Set struct {
	Dict   *dict.Dictionaries
	Issues []Issue
	Report Report

	// literal holds inflected forms the verb file lists as verbs of their
	// own ("SAID", "LEFT"): they must stay out of the lemma table so that
	// the tagger keeps them as written.
	literal map[string]bool
}

func newSet() *Set {
	return &Set{Dict: &dict.Dictionaries{Lemmas: map[string]string{}}}
}

// Add merges o into s: countries with the same code are merged, other
// entries appended; lemmas already in s are kept.
func (s *Set) Add(o *Set) {
	if o == nil {
		return
	}
	addDict(s.Dict, o.Dict)
	for k := range o.literal {
		if s.literal == nil {
			s.literal = map[string]bool{}
		}
		s.literal[k] = true
	}
	s.Issues = append(s.Issues, o.Issues...)
	s.Report.Notes = append(s.Report.Notes, o.Report.Notes...)
}

// AddLemmas adds the irregular forms of base to the lemma table, except
// those already there and the inflected forms the verb files list as verbs
// of their own ("SAID", "LEFT"), which must stay as written.
func (s *Set) AddLemmas(base map[string]string) {
	if s.Dict.Lemmas == nil {
		s.Dict.Lemmas = map[string]string{}
	}
	for k, v := range base {
		if _, ok := s.Dict.Lemmas[k]; !ok && !s.literal[k] {
			s.Dict.Lemmas[k] = v
		}
	}
}

// AddTo adds the converted dictionaries to d (for example dyad's embedded
// ones): names of a country already in d are merged into its block, every
// other entry is appended, and lemmas already in d are kept.
func (s *Set) AddTo(d *dict.Dictionaries) { addDict(d, s.Dict) }

func addDict(d, o *dict.Dictionaries) {
	if o == nil {
		return
	}
	for _, c := range o.Countries {
		merged := false
		for i := range d.Countries {
			if d.Countries[i].Code == c.Code {
				mergeCountry(&d.Countries[i], c)
				merged = true
				break
			}
		}
		if !merged {
			d.Countries = append(d.Countries, c)
		}
	}
	d.Actors = append(d.Actors, o.Actors...)
	d.Agents = append(d.Agents, o.Agents...)
	d.Verbs = append(d.Verbs, o.Verbs...)
	d.Discards = append(d.Discards, o.Discards...)
	if len(o.Lemmas) > 0 && d.Lemmas == nil {
		d.Lemmas = map[string]string{}
	}
	for k, v := range o.Lemmas {
		if _, ok := d.Lemmas[k]; !ok {
			d.Lemmas[k] = v
		}
	}
}

func mergeCountry(dst *dict.Country, c dict.Country) {
	if dst.Name == "" {
		dst.Name = c.Name
	}
	dst.Names = dedupe(append(dst.Names, c.Names...))
	dst.Adjs = dedupe(append(dst.Adjs, c.Adjs...))
}

// ErrNoDictionaries is returned when a directory holds no file Load knows.
var ErrNoDictionaries = errors.New("petrarch: no PETRARCH dictionary files found")

// ConfigFile is the name of PETRARCH's configuration file.
const ConfigFile = "PETR_config.ini"

// Files are the dictionary files of a PETRARCH directory.
type Files struct {
	Verbs, Agents, Discards, Issues string
	Actors                          []string
}

// FindFiles returns the dictionary files of fsys: those PETR_config.ini
// names in [Dictionaries] when it exists (a missing one is left out with
// an error), otherwise the files whose names contain "verbs", "actors",
// "agents", "discards" and "issue" (case-insensitive).
func FindFiles(fsys fs.FS) (Files, error) {
	var f Files
	if b, err := fs.ReadFile(fsys, ConfigFile); err == nil {
		cfg := parseINI(string(b))
		dicts := cfg["dictionaries"]
		f.Verbs = dicts["verbfile_name"]
		f.Agents = dicts["agentfile_name"]
		f.Discards = dicts["discardfile_name"]
		f.Issues = dicts["issuefile_name"]
		for _, a := range strings.Split(dicts["actorfile_list"], ",") {
			if a = strings.TrimSpace(a); a != "" {
				f.Actors = append(f.Actors, a)
			}
		}
		var errs []error
		check := func(name string) string {
			if name == "" {
				return ""
			}
			if _, err := fs.Stat(fsys, name); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %w", ConfigFile, name, err))
				return ""
			}
			return name
		}
		f.Verbs, f.Agents, f.Discards, f.Issues = check(f.Verbs), check(f.Agents), check(f.Discards), check(f.Issues)
		actors := f.Actors[:0]
		for _, a := range f.Actors {
			if check(a) != "" {
				actors = append(actors, a)
			}
		}
		f.Actors = actors
		return f, errors.Join(errs...)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return f, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		n := e.Name()
		l := strings.ToLower(n)
		switch {
		case strings.HasSuffix(l, ".xml") || strings.HasSuffix(l, ".ini") || strings.HasSuffix(l, ".py"):
		case strings.Contains(l, "verbs") || strings.HasPrefix(l, "cameo.") && strings.HasSuffix(l, ".txt"):
			if f.Verbs == "" {
				f.Verbs = n
			}
		case strings.Contains(l, "actors"):
			f.Actors = append(f.Actors, n)
		case strings.Contains(l, "agents"):
			if f.Agents == "" {
				f.Agents = n
			}
		case strings.Contains(l, "discards"):
			if f.Discards == "" {
				f.Discards = n
			}
		case strings.Contains(l, "issue"):
			if f.Issues == "" {
				f.Issues = n
			}
		}
	}
	return f, nil
}

// parseINI reads a Python-style config file: [section] heads, key = value
// lines, continuation lines indented, '#' and ';' comment lines.
func parseINI(src string) map[string]map[string]string {
	out := map[string]map[string]string{}
	sec := ""
	key := ""
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimRight(l, "\r")
		t := strings.TrimSpace(l)
		if t == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		if t[0] == '[' && strings.HasSuffix(t, "]") {
			sec = strings.ToLower(strings.TrimSpace(t[1 : len(t)-1]))
			key = ""
			continue
		}
		if out[sec] == nil {
			out[sec] = map[string]string{}
		}
		if (l[0] == ' ' || l[0] == '\t') && key != "" {
			out[sec][key] += " " + t
			continue
		}
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			k, v, ok = strings.Cut(t, ":")
		}
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(k))
		out[sec][key] = strings.TrimSpace(v)
	}
	return out
}

// Load reads the PETRARCH dictionaries of fsys (see FindFiles) and converts
// them. The returned Set holds everything readable even when err is not nil;
// err joins the *dict.Error values of malformed lines and the files that
// could not be read. The Lemmas of the result start from opts.Lemmas (dyad's
// own table by default), so that pipeline.FromDict(set.Dict) lemmatizes as
// dyad does.
func Load(fsys fs.FS, opts *Options) (*Set, error) {
	files, ferr := FindFiles(fsys)
	if files.Verbs == "" && len(files.Actors) == 0 && files.Agents == "" {
		return newSet(), errors.Join(ferr, ErrNoDictionaries)
	}
	set, err := LoadFiles(fsys, files, opts)
	return set, errors.Join(ferr, err)
}

// LoadFiles reads and converts the named files of fsys; empty names are
// skipped. Like Load, the Lemmas of the result start from opts.Lemmas.
func LoadFiles(fsys fs.FS, files Files, opts *Options) (*Set, error) {
	var errs []error
	lem := opts.lemmas()
	o := Options{Lemmas: lem, MaxExpansions: opts.maxExpansions(), Dialect: opts.dialect(), SayVerbs: opts.sayVerbs()}
	set := newSet()
	read := func(name string, parse func(string, string, *Options) (*Set, error)) {
		if name == "" {
			return
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		s, err := parse(path.Base(name), string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), &o)
		set.Add(s)
		if err != nil {
			errs = append(errs, err)
		}
	}
	read(files.Verbs, ParseVerbs)
	for _, a := range files.Actors {
		read(a, ParseActors)
	}
	read(files.Agents, ParseAgents)
	read(files.Discards, ParseDiscards)
	read(files.Issues, ParseIssues)
	set.AddLemmas(lem)
	return set, errors.Join(errs...)
}

// LoadDir is Load on a directory of the file system. dir may also name
// PETR_config.ini itself.
func LoadDir(dir string, opts *Options) (*Set, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return newSet(), err
	}
	if !st.IsDir() {
		if path.Base(strings.ReplaceAll(dir, "\\", "/")) != ConfigFile {
			return newSet(), fmt.Errorf("petrarch: %s: want a directory or %s", dir, ConfigFile)
		}
		dir = path.Dir(strings.ReplaceAll(dir, "\\", "/"))
	}
	return Load(os.DirFS(dir), opts)
}
