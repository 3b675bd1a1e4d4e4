// Package codes provides the CAMEO event ontology as dyad uses it: every
// CAMEO event code with its root, quad class, Goldstein score, PLOVER event
// type and mode, and a short description, plus helpers that explain codes
// and split CAMEO actor codes.
//
// # Event codes
//
// A CAMEO event code is a string of two to four digits. Its first two digits
// are the root, one of the 20 top-level categories "01" (public statement)
// to "20" (mass violence); each further digit narrows the event down. A code
// is therefore a path in a tree whose parent is found by dropping the last
// digit:
//
//	19    FIGHT                                   root
//	190   conventional military force, unspecified
//	193   fight with small arms                   parent 19
//	0211  ask for economic cooperation            parent 021, root 02
//
// Codes must be kept as strings: "010" (make a public statement) and "10"
// (DEMAND) are different codes, and both become 10 as integers. Lookup
// matches a code exactly; Nearest falls back to the closest listed ancestor,
// so an unlisted "1935" is answered by "193", and "0299" by "02".
//
// Each code carries:
//
//   - Quad, the quad class, fixed by the root: 1 verbal cooperation (roots
//     01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13) and
//     4 material conflict (14-20). QuadName names them.
//   - Goldstein, the code's score on the Goldstein (1992) conflict-cooperation
//     scale, from -10.0 (most conflictual) to +10.0 (most cooperative). It is
//     a property of the event type, not of the event's size.
//   - PloverEvent and PloverMode, the PLOVER event type ("ASSAULT") and mode
//     ("firearms") that the published CAMEO to PLOVER map of 2021 assigns to
//     the code, copied as published (see PLOVER below).
//   - Label, a short description written for dyad. Root labels are short
//     upper-case names ("FIGHT"); other labels are lower case. A label ending
//     in ", unspecified" marks the residual code of its group, used when no
//     more specific child applies.
//
// Explain turns a code into one line for people, in the manner of spaCy's
// glossary:
//
//	190: conventional military force, unspecified (root 19 FIGHT, material conflict, Goldstein -10.0, PLOVER ASSAULT)
//
// # PLOVER
//
// PLOVER, the successor of CAMEO, has 16 event types, each with optional
// modes. The map (CAMEO2PLOVER-2021.txt, PLOVER draft 0.8) lists one line
// per CAMEO code of the form "CODE: EVENT, mode, context". It leaves gaps,
// and a code the map does not list has an empty PloverEvent and PloverMode:
//
//   - Roots 01 (statements) and 02 (appeals) and all their codes have no
//     PLOVER equivalent; PLOVER does not code statements or appeals.
//   - The two-digit roots have no type of their own. The map's two-digit
//     lines ("19: ASSAULT") are section headings, not mappings: root 08
//     heads two sections (CONCEDE and RETREAT), and sections hold codes of
//     other roots (175 and 201 sit under 18, 191 and 192 under 17). For an
//     event coded only at root level, the root's residual code (root+"0",
//     such as "190") carries the type the map gives the unspecified case.
//
// The map is used as published, quirks included. Some codes leave their
// root's section: 163 maps to COERCE, 1712 to ASSAULT, 191 and 192 to
// COERCE, and 0813 and 0814 to RETREAT. Some modes are not among the PLOVER
// manual's modes for their type: "ease" and "return" (RETREAT; the map itself
// calls "ease" no longer a mode), "ban" (THREATEN, COERCE), "political"
// (THREATEN), and "assassinate", "cleansing", "massacre" and "seize"
// (ASSAULT); 175's mode is "pro_autocracy", which the manual defines as a
// context. A coder that writes PLOVER records may want to check modes
// against the manual's lists. The map also lists 1213 and 1214, which are
// not CAMEO codes; they are not in the table, and Nearest answers them
// with 121.
//
// # Table format
//
// The table is embedded from cameo.tsv, which Parse reads. It is UTF-8 text
// with one record per line and tab-separated fields. Blank lines and lines
// starting with "#" are ignored. The first other line is the header
//
//	code	root	quad_class	goldstein	plover_event	plover_mode	label
//
// and every later line is one code, for example
//
//	193	19	4	-10.0	ASSAULT	firearms	fight with small arms
//
// Codes are two to four digits and unique; root is the code's first two
// digits; quad_class is 1 to 4; goldstein is a decimal number from -10 to
// 10; plover_event and plover_mode may be empty (a mode needs an event); the
// label must not be empty. Every code's parent must be in the table too.
//
// # Actor codes
//
// A CAMEO actor code is a run of three-letter blocks: a country (ISO 3166
// alpha-3 in most cases, such as RUS or SYR) or an international prefix
// (IGO, NGO, IMG, MNC, NGM, INT), then sector blocks such as GOV, MIL, REB
// or a known group. SplitActor takes one apart:
//
//	RUSGOV       country RUS, sectors [GOV]
//	PSEREBHMS    country PSE, sectors [REB HMS]
//	IGOUNO       country "",  sectors [IGO UNO]
//	USA          country USA, no sectors
//
// # Sources
//
// The codes and their hierarchy follow the CAMEO codebook 1.1b3 as published
// in GDELT's lookup files; Goldstein scores are GDELT's CAMEO application of
// Goldstein, J. S. (1992), "A Conflict-Cooperation Scale for WEIS Events
// Data", Journal of Conflict Resolution 36(2); the PLOVER columns come from
// openeventdata/PLOVER (CC BY-SA 4.0). cameo.tsv's header records the same.
package codes

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed cameo.tsv
var cameoTSV string

// Event is one CAMEO event code and what is known about it.
type Event struct {
	Code        string  // "193"; always a string, "010" is not "10"
	Root        string  // the first two digits: "19"
	Quad        int     // quad class 1..4; see QuadName
	Goldstein   float64 // Goldstein (1992) score, -10.0 to +10.0
	PloverEvent string  // PLOVER event type, "" where the map gives none
	PloverMode  string  // PLOVER mode, often ""
	Label       string  // short description; upper case for roots
}

// IsRoot reports whether e is one of the 20 two-digit root codes.
func (e Event) IsRoot() bool { return len(e.Code) == 2 }

func (e Event) explain(t *Table) string {
	var b strings.Builder
	b.WriteString(e.Code)
	b.WriteString(": ")
	b.WriteString(e.Label)
	b.WriteString(" (")
	if e.IsRoot() {
		b.WriteString("CAMEO root")
	} else {
		b.WriteString("root ")
		b.WriteString(e.Root)
		if r, ok := t.Lookup(e.Root); ok {
			b.WriteString(" ")
			b.WriteString(r.Label)
		}
	}
	if q := QuadName(e.Quad); q != "" {
		b.WriteString(", ")
		b.WriteString(q)
	}
	fmt.Fprintf(&b, ", Goldstein %.1f, ", e.Goldstein)
	switch {
	case e.PloverEvent != "":
		b.WriteString("PLOVER ")
		b.WriteString(e.PloverEvent)
		if e.PloverMode != "" {
			b.WriteString("/")
			b.WriteString(e.PloverMode)
		}
	case e.Root == "01" || e.Root == "02":
		b.WriteString("no PLOVER equivalent")
	case e.IsRoot():
		b.WriteString("no PLOVER type at root level")
	default:
		b.WriteString("no PLOVER type")
	}
	b.WriteString(")")
	return b.String()
}

// Quad classes, as stored in Event.Quad.
const (
	VerbalCooperation   = 1
	MaterialCooperation = 2
	VerbalConflict      = 3
	MaterialConflict    = 4
)

// QuadName returns the name of quad class q, such as "material conflict"
// for 4. It returns the empty string if q is not 1 to 4.
func QuadName(q int) string {
	switch q {
	case VerbalCooperation:
		return "verbal cooperation"
	case MaterialCooperation:
		return "material cooperation"
	case VerbalConflict:
		return "verbal conflict"
	case MaterialConflict:
		return "material conflict"
	}
	return ""
}

// A Table is an immutable set of event codes, safe for concurrent use.
type Table struct {
	events []Event // sorted by Code
	index  map[string]int
}

// Default returns the table embedded from cameo.tsv, which the package-level
// functions use. It is parsed once, on first use, and shared: callers must
// not (and through Table's methods cannot) change it. The package's tests
// guarantee that the embedded file parses.
func Default() *Table { return defaultTable() }

var defaultTable = sync.OnceValue(func() *Table {
	t, err := Parse(strings.NewReader(cameoTSV))
	if err != nil {
		panic("codes: embedded cameo.tsv: " + err.Error())
	}
	return t
})

// Len returns the number of codes in t.
func (t *Table) Len() int { return len(t.events) }

// Lookup returns the event with exactly the given code.
func (t *Table) Lookup(code string) (Event, bool) {
	i, ok := t.index[code]
	if !ok {
		return Event{}, false
	}
	return t.events[i], true
}

// Nearest returns the event for code or, if code is not in t, for its
// closest ancestor: the longest prefix of at least two digits that is in t.
// The returned Event's Code says which code matched. It reports false if
// code is not all digits or no prefix matches.
func (t *Table) Nearest(code string) (Event, bool) {
	if !isDigits(code) {
		return Event{}, false
	}
	for n := len(code); n >= 2; n-- {
		if e, ok := t.Lookup(code[:n]); ok {
			return e, true
		}
	}
	return Event{}, false
}

// Valid reports whether code is in t.
func (t *Table) Valid(code string) bool {
	_, ok := t.index[code]
	return ok
}

// Roots returns the two-digit root codes in t, in order.
func (t *Table) Roots() []string {
	var roots []string
	for _, e := range t.events {
		if e.IsRoot() {
			roots = append(roots, e.Code)
		}
	}
	return roots
}

// All returns a copy of every event in t, sorted by code. Sorting codes as
// strings puts each code right after its parent: "01", "010", ... "019",
// "02", "020", "021", "0211".
func (t *Table) All() []Event { return slices.Clone(t.events) }

// Explain returns a one-line explanation of code for people, such as
//
//	193: fight with small arms (root 19 FIGHT, material conflict, Goldstein -10.0, PLOVER ASSAULT/firearms)
//
// A code that is not in t is said to be unknown, with its nearest ancestor
// when it has one.
func (t *Table) Explain(code string) string {
	if e, ok := t.Lookup(code); ok {
		return e.explain(t)
	}
	if e, ok := t.Nearest(code); ok {
		return code + ": not a CAMEO code; nearest is " + e.explain(t)
	}
	return code + ": not a CAMEO code"
}

// Lookup returns the event with exactly the given code from the Default table.
func Lookup(code string) (Event, bool) { return Default().Lookup(code) }

// Nearest is like Lookup but falls back to the code's closest ancestor in
// the Default table: "1935" gives 193, "0299" gives 02. See Table.Nearest.
func Nearest(code string) (Event, bool) { return Default().Nearest(code) }

// Valid reports whether code is a CAMEO event code.
func Valid(code string) bool { return Default().Valid(code) }

// Roots returns the 20 root codes "01" to "20".
func Roots() []string { return Default().Roots() }

// All returns every CAMEO event code, sorted by code.
func All() []Event { return Default().All() }

// Explain returns a one-line explanation of code for people. See
// Table.Explain.
func Explain(code string) string { return Default().Explain(code) }

// Errors wrapped by ParseError.
var (
	ErrHeader     = errors.New("codes: missing or wrong header")
	ErrFieldCount = errors.New("codes: wrong number of fields")
	ErrField      = errors.New("codes: invalid field")
	ErrDuplicate  = errors.New("codes: duplicate code")
	ErrNoParent   = errors.New("codes: parent code missing")
)

// A ParseError is returned by Parse for a bad line. Line is 1-based.
type ParseError struct {
	Line  int
	Field string // the column at fault, "" when it is the whole line
	Err   error
}

func (e *ParseError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("line %d: %s: %v", e.Line, e.Field, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// header lists the columns of a table file, in order.
var header = []string{"code", "root", "quad_class", "goldstein", "plover_event", "plover_mode", "label"}

// Parse reads a table in the format described in the package documentation.
// It checks every line and the tree as a whole, and returns the first error
// as a *ParseError.
func Parse(r io.Reader) (*Table, error) {
	t := &Table{index: make(map[string]int)}
	lines := make(map[string]int) // code -> line, for error messages
	sc := bufio.NewScanner(r)
	n, sawHeader := 0, false
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !sawHeader {
			if !slices.Equal(f, header) {
				return nil, &ParseError{Line: n, Err: fmt.Errorf("%w: want %q", ErrHeader, strings.Join(header, "\t"))}
			}
			sawHeader = true
			continue
		}
		if len(f) != len(header) {
			return nil, &ParseError{Line: n, Err: fmt.Errorf("%w: %d, want %d", ErrFieldCount, len(f), len(header))}
		}
		e, err := parseEvent(f)
		if err != nil {
			err.Line = n
			return nil, err
		}
		if _, dup := lines[e.Code]; dup {
			return nil, &ParseError{Line: n, Field: "code", Err: fmt.Errorf("%w %q (first on line %d)", ErrDuplicate, e.Code, lines[e.Code])}
		}
		lines[e.Code] = n
		t.events = append(t.events, e)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !sawHeader {
		return nil, &ParseError{Line: n, Err: ErrHeader}
	}
	slices.SortFunc(t.events, func(a, b Event) int { return strings.Compare(a.Code, b.Code) })
	for i, e := range t.events {
		t.index[e.Code] = i
	}
	for _, e := range t.events {
		if e.IsRoot() {
			continue
		}
		if p := e.Code[:len(e.Code)-1]; !t.Valid(p) {
			return nil, &ParseError{Line: lines[e.Code], Field: "code", Err: fmt.Errorf("%w: %q has no %q", ErrNoParent, e.Code, p)}
		}
	}
	return t, nil
}

// parseEvent checks and converts the fields of one record. The returned
// error has no line number yet.
func parseEvent(f []string) (Event, *ParseError) {
	bad := func(field, format string, args ...any) (Event, *ParseError) {
		return Event{}, &ParseError{Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrField}, args...)...)}
	}
	e := Event{Code: f[0], Root: f[1], PloverEvent: f[4], PloverMode: f[5], Label: f[6]}
	if len(e.Code) < 2 || len(e.Code) > 4 || !isDigits(e.Code) {
		return bad("code", "%q is not 2 to 4 digits", e.Code)
	}
	if e.Root != e.Code[:2] {
		return bad("root", "%q is not the first two digits of %q", e.Root, e.Code)
	}
	q, err := strconv.Atoi(f[2])
	if err != nil || QuadName(q) == "" {
		return bad("quad_class", "%q is not 1 to 4", f[2])
	}
	e.Quad = q
	g, err := strconv.ParseFloat(f[3], 64)
	if err != nil || math.IsNaN(g) || g < -10 || g > 10 {
		return bad("goldstein", "%q is not a number from -10 to 10", f[3])
	}
	e.Goldstein = g
	if e.PloverEvent != strings.TrimSpace(e.PloverEvent) || strings.ToUpper(e.PloverEvent) != e.PloverEvent {
		return bad("plover_event", "%q is not an upper-case type name", e.PloverEvent)
	}
	if e.PloverMode != strings.TrimSpace(e.PloverMode) || (e.PloverMode != "" && e.PloverEvent == "") {
		return bad("plover_mode", "%q is padded or has no event", e.PloverMode)
	}
	if strings.TrimSpace(e.Label) == "" {
		return bad("label", "empty")
	}
	return e, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// international lists the actor-code prefixes that stand for a non-state,
// international actor rather than a country (GDELT's CAMEO.type.txt).
var international = map[string]bool{
	"IGO": true, // inter-governmental organization
	"NGO": true, // non-governmental organization
	"IMG": true, // international militarized group
	"MNC": true, // multinational corporation
	"NGM": true, // non-governmental movement
	"INT": true, // international or transnational, generic
}

// SplitActor splits a CAMEO actor code into its country and its sector
// blocks: "RUSGOV" gives "RUS" and [GOV], "PSEREBHMS" gives "PSE" and
// [REB HMS], "USA" gives "USA" and no sectors.
//
// The country is empty for an international code (one starting with IGO,
// NGO, IMG, MNC, NGM or INT); its prefix then stays as the first sector
// block, so "IGOUNO" gives "" and [IGO UNO] and "NGOHRI" gives "" and
// [NGO HRI]. It is also empty for PETRARCH's unknown-country placeholder
// "---", so "---GOV" gives "" and [GOV]. Codes are not case-folded, and a
// last block shorter than three letters is kept as it is, so joining the
// country and sectors gives back the code (less any "---").
func SplitActor(code string) (country string, sectors []string) {
	if code == "" {
		return "", nil
	}
	var blocks []string
	for s := code; s != ""; {
		n := min(3, len(s))
		blocks = append(blocks, s[:n])
		s = s[n:]
	}
	first, rest := blocks[0], blocks[1:]
	if len(rest) == 0 {
		rest = nil
	}
	switch {
	case first == "---":
		return "", rest
	case international[first]:
		return "", blocks
	}
	return first, rest
}
