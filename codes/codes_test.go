package codes_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"dyad/codes"
)

// quadOf is the root-range convention for quad classes.
func quadOf(root string) int {
	switch {
	case root <= "05":
		return 1
	case root <= "08":
		return 2
	case root <= "13":
		return 3
	}
	return 4
}

// perRoot is the number of codes under each root, the root included, in the
// CAMEO codebook (10 counts 106, which GDELT's lookup lost).
var perRoot = map[string]int{
	"01": 11, "02": 28, "03": 29, "04": 8, "05": 9, "06": 6, "07": 7, "08": 26, "09": 6, "10": 28,
	"11": 13, "12": 27, "13": 23, "14": 27, "15": 6, "16": 14, "17": 13, "18": 14, "19": 8, "20": 8,
}

// ploverTypes are the 16 event types of the PLOVER manual.
var ploverTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

func TestDefaultTable(t *testing.T) {
	all := codes.All()
	if got, want := len(all), 311; got != want {
		t.Errorf("len(All()) = %d, want %d", got, want)
	}
	if got := codes.Default().Len(); got != len(all) {
		t.Errorf("Len() = %d, want %d", got, len(all))
	}
	var wantRoots []string
	for i := 1; i <= 20; i++ {
		wantRoots = append(wantRoots, fmt.Sprintf("%02d", i))
	}
	if got := codes.Roots(); !slices.Equal(got, wantRoots) {
		t.Errorf("Roots() = %v, want %v", got, wantRoots)
	}
	count := map[string]int{}
	for i, e := range all {
		count[e.Root]++
		if i > 0 && all[i-1].Code >= e.Code {
			t.Errorf("All() not sorted: %q before %q", all[i-1].Code, e.Code)
		}
		if e.Root != e.Code[:2] {
			t.Errorf("%s: Root = %q", e.Code, e.Root)
		}
		if want := quadOf(e.Root); e.Quad != want {
			t.Errorf("%s: Quad = %d, want %d", e.Code, e.Quad, want)
		}
		if e.Goldstein < -10 || e.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v out of range", e.Code, e.Goldstein)
		}
		if !e.IsRoot() && !codes.Valid(e.Code[:len(e.Code)-1]) {
			t.Errorf("%s: parent missing", e.Code)
		}
		if e.PloverEvent != "" && !slices.Contains(ploverTypes, e.PloverEvent) {
			t.Errorf("%s: PloverEvent %q is not a PLOVER type", e.Code, e.PloverEvent)
		}
		if (e.IsRoot() || e.Root == "01" || e.Root == "02") != (e.PloverEvent == "") {
			t.Errorf("%s: PloverEvent = %q; want empty exactly for roots and codes under 01 and 02", e.Code, e.PloverEvent)
		}
		r, _ := utf8First(e.Label)
		switch {
		case e.IsRoot() && e.Label != strings.ToUpper(e.Label):
			t.Errorf("%s: root label %q is not upper case", e.Code, e.Label)
		case !e.IsRoot() && !unicode.IsLower(r):
			t.Errorf("%s: label %q does not start in lower case", e.Code, e.Label)
		case strings.ContainsAny(e.Label, "()\t"):
			t.Errorf("%s: label %q holds parentheses or tabs", e.Code, e.Label)
		}
	}
	for root, want := range perRoot {
		if count[root] != want {
			t.Errorf("root %s has %d codes, want %d", root, count[root], want)
		}
	}
}

func utf8First(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func TestAllReturnsCopy(t *testing.T) {
	a := codes.All()
	a[0].Label = "changed"
	if e, _ := codes.Lookup(a[0].Code); e.Label == "changed" {
		t.Error("changing All()'s result changed the table")
	}
	r := codes.Roots()
	r[0] = "99"
	if codes.Roots()[0] != "01" {
		t.Error("changing Roots()'s result changed the table")
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name, code string
		ok         bool
		want       codes.Event // Label is not compared
	}{
		{"statement", "010", true, codes.Event{Code: "010", Root: "01", Quad: 1, Goldstein: 0}},
		{"root DEMAND is not 010", "10", true, codes.Event{Code: "10", Root: "10", Quad: 3, Goldstein: -5}},
		{"four digits", "0211", true, codes.Event{Code: "0211", Root: "02", Quad: 1, Goldstein: 3.4}},
		{"pessimism", "012", true, codes.Event{Code: "012", Root: "01", Quad: 1, Goldstein: -0.4}},
		{"intent", "0311", true, codes.Event{Code: "0311", Root: "03", Quad: 1, Goldstein: 5.2, PloverEvent: "AGREE"}},
		{"visit", "042", true, codes.Event{Code: "042", Root: "04", Quad: 1, Goldstein: 1.9, PloverEvent: "CONSULT", PloverMode: "visit"}},
		{"surrender is +10", "0874", true, codes.Event{Code: "0874", Root: "08", Quad: 2, Goldstein: 10, PloverEvent: "RETREAT", PloverMode: "disarm"}},
		{"curfew eased is RETREAT", "0813", true, codes.Event{Code: "0813", Root: "08", Quad: 2, Goldstein: 5, PloverEvent: "RETREAT"}},
		{"restored 106", "106", true, codes.Event{Code: "106", Root: "10", Quad: 3, Goldstein: -5, PloverEvent: "REQUEST", PloverMode: "meet"}},
		{"threaten residual", "130", true, codes.Event{Code: "130", Root: "13", Quad: 3, Goldstein: -4.4, PloverEvent: "THREATEN"}},
		{"protest is material conflict", "141", true, codes.Event{Code: "141", Root: "14", Quad: 4, Goldstein: -6.5, PloverEvent: "PROTEST", PloverMode: "demo"}},
		{"sanctions map to COERCE", "163", true, codes.Event{Code: "163", Root: "16", Quad: 4, Goldstein: -8, PloverEvent: "COERCE", PloverMode: "restrict"}},
		{"arrest", "173", true, codes.Event{Code: "173", Root: "17", Quad: 4, Goldstein: -5, PloverEvent: "COERCE", PloverMode: "arrest"}},
		{"fight residual", "190", true, codes.Event{Code: "190", Root: "19", Quad: 4, Goldstein: -10, PloverEvent: "ASSAULT"}},
		{"small arms", "193", true, codes.Event{Code: "193", Root: "19", Quad: 4, Goldstein: -10, PloverEvent: "ASSAULT", PloverMode: "firearms"}},
		{"nuclear", "2042", true, codes.Event{Code: "2042", Root: "20", Quad: 4, Goldstein: -10, PloverEvent: "ASSAULT", PloverMode: "unconventional"}},
		{"PLOVER-only code", "1213", false, codes.Event{}},
		{"integer form of 010", "1", false, codes.Event{}},
		{"empty", "", false, codes.Event{}},
		{"padded", " 190", false, codes.Event{}},
		{"five digits", "19300", false, codes.Event{}},
		{"not digits", "abc", false, codes.Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := codes.Lookup(tt.code)
			if ok != tt.ok {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.code, ok, tt.ok)
			}
			if v := codes.Valid(tt.code); v != tt.ok {
				t.Errorf("Valid(%q) = %v, want %v", tt.code, v, tt.ok)
			}
			if !ok {
				if got != (codes.Event{}) {
					t.Errorf("Lookup(%q) = %+v, want zero Event", tt.code, got)
				}
				return
			}
			if got.Label == "" {
				t.Errorf("Lookup(%q): empty label", tt.code)
			}
			got.Label = ""
			if got != tt.want {
				t.Errorf("Lookup(%q) = %+v, want %+v", tt.code, got, tt.want)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		name, code, want string // want "" means not found
	}{
		{"exact", "193", "193"},
		{"exact four digits", "0211", "0211"},
		{"unknown child", "1935", "193"},
		{"unknown under root", "0299", "02"},
		{"PLOVER-only code", "1213", "121"},
		{"too long", "12345", "1234"},
		{"no such root", "99", ""},
		{"no such root, longer", "9912", ""},
		{"one digit", "1", ""},
		{"empty", "", ""},
		{"not digits", "19x", ""},
		{"sign", "-190", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := codes.Nearest(tt.code)
			if ok != (tt.want != "") || e.Code != tt.want {
				t.Errorf("Nearest(%q) = %q, %v; want %q", tt.code, e.Code, ok, tt.want)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"190", "190: conventional military force, unspecified (root 19 FIGHT, material conflict, Goldstein -10.0, PLOVER ASSAULT)"},
		{"193", "193: fight with small arms (root 19 FIGHT, material conflict, Goldstein -10.0, PLOVER ASSAULT/firearms)"},
		{"19", "19: FIGHT (CAMEO root, material conflict, Goldstein -10.0, no PLOVER type at root level)"},
		{"01", "01: PUBLIC STATEMENT (CAMEO root, verbal cooperation, Goldstein 0.0, no PLOVER equivalent)"},
		{"0211", "0211: ask for economic cooperation (root 02 APPEAL, verbal cooperation, Goldstein 3.4, no PLOVER equivalent)"},
		{"0874", "0874: retreat or surrender (root 08 YIELD, material cooperation, Goldstein 10.0, PLOVER RETREAT/disarm)"},
		{"1213", "1213: not a CAMEO code; nearest is 121: turn down material cooperation, unspecified (root 12 REJECT, verbal conflict, Goldstein -4.0, PLOVER REJECT/assist)"},
		{"99", "99: not a CAMEO code"},
		{"", ": not a CAMEO code"},
	}
	for _, tt := range tests {
		if got := codes.Explain(tt.code); got != tt.want {
			t.Errorf("Explain(%q)\n got %q\nwant %q", tt.code, got, tt.want)
		}
	}
	// Every code explains itself without falling back.
	for _, e := range codes.All() {
		if got := codes.Explain(e.Code); !strings.HasPrefix(got, e.Code+": "+e.Label+" (") {
			t.Errorf("Explain(%q) = %q", e.Code, got)
		}
	}
}

func TestQuadName(t *testing.T) {
	tests := []struct {
		q    int
		want string
	}{
		{codes.VerbalCooperation, "verbal cooperation"},
		{codes.MaterialCooperation, "material cooperation"},
		{codes.VerbalConflict, "verbal conflict"},
		{codes.MaterialConflict, "material conflict"},
		{0, ""},
		{5, ""},
		{-1, ""},
	}
	for _, tt := range tests {
		if got := codes.QuadName(tt.q); got != tt.want {
			t.Errorf("QuadName(%d) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSplitActor(t *testing.T) {
	tests := []struct {
		code, country string
		sectors       []string
	}{
		{"RUSGOV", "RUS", []string{"GOV"}},
		{"SYRREB", "SYR", []string{"REB"}},
		{"USA", "USA", nil},
		{"PSEREBHMS", "PSE", []string{"REB", "HMS"}},
		{"SYRREBMUS", "SYR", []string{"REB", "MUS"}},
		{"IGOUNO", "", []string{"IGO", "UNO"}},
		{"IGOUNOHLHWHO", "", []string{"IGO", "UNO", "HLH", "WHO"}},
		{"IGOWSTNAT", "", []string{"IGO", "WST", "NAT"}},
		{"NGOHRI", "", []string{"NGO", "HRI"}},
		{"NGO", "", []string{"NGO"}},
		{"IMGMUS", "", []string{"IMG", "MUS"}},
		{"MNC", "", []string{"MNC"}},
		{"---GOV", "", []string{"GOV"}},
		{"---", "", nil},
		{"RUSGO", "RUS", []string{"GO"}},
		{"RU", "RU", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		country, sectors := codes.SplitActor(tt.code)
		if country != tt.country || !slices.Equal(sectors, tt.sectors) || (sectors == nil) != (tt.sectors == nil) {
			t.Errorf("SplitActor(%q) = %q, %q; want %q, %q", tt.code, country, sectors, tt.country, tt.sectors)
		}
	}
}

func TestParse(t *testing.T) {
	const head = "# comment\ncode\troot\tquad_class\tgoldstein\tplover_event\tplover_mode\tlabel\n"
	good := head + "19\t19\t4\t-10.0\t\t\tFIGHT\n\n190\t19\t4\t-10.0\tASSAULT\t\tfight\r\n1901\t19\t4\t-9.5\tASSAULT\tfirearms\tshoot\n"
	tab, err := codes.Parse(strings.NewReader(good))
	if err != nil {
		t.Fatalf("Parse(good): %v", err)
	}
	if e, ok := tab.Nearest("19012"); !ok || e.Code != "1901" || e.Goldstein != -9.5 || e.PloverMode != "firearms" || e.Label != "shoot" {
		t.Errorf("Nearest(19012) = %+v, %v", e, ok)
	}
	if got := tab.Explain("1901"); got != "1901: shoot (root 19 FIGHT, material conflict, Goldstein -9.5, PLOVER ASSAULT/firearms)" {
		t.Errorf("Explain(1901) = %q", got)
	}

	tests := []struct {
		name, in string
		line     int
		field    string
		err      error
	}{
		{"no header", "", 0, "", codes.ErrHeader},
		{"wrong header", "code\troot\n", 1, "", codes.ErrHeader},
		{"field count", head + "19\t19\t4\t-10.0\t\tFIGHT\n", 3, "", codes.ErrFieldCount},
		{"bad code", head + "1x\t1x\t4\t-10.0\t\t\tFIGHT\n", 3, "code", codes.ErrField},
		{"long code", head + "19000\t19\t4\t-10.0\t\t\tFIGHT\n", 3, "code", codes.ErrField},
		{"root mismatch", head + "19\t18\t4\t-10.0\t\t\tFIGHT\n", 3, "root", codes.ErrField},
		{"quad", head + "19\t19\t5\t-10.0\t\t\tFIGHT\n", 3, "quad_class", codes.ErrField},
		{"goldstein range", head + "19\t19\t4\t-11\t\t\tFIGHT\n", 3, "goldstein", codes.ErrField},
		{"goldstein NaN", head + "19\t19\t4\tNaN\t\t\tFIGHT\n", 3, "goldstein", codes.ErrField},
		{"plover case", head + "19\t19\t4\t-10\tassault\t\tFIGHT\n", 3, "plover_event", codes.ErrField},
		{"mode without event", head + "19\t19\t4\t-10\t\tfirearms\tFIGHT\n", 3, "plover_mode", codes.ErrField},
		{"empty label", head + "19\t19\t4\t-10\t\t\t \n", 3, "label", codes.ErrField},
		{"duplicate", head + "19\t19\t4\t-10\t\t\tFIGHT\n19\t19\t4\t-10\t\t\tFIGHT\n", 4, "code", codes.ErrDuplicate},
		{"orphan", head + "19\t19\t4\t-10\t\t\tFIGHT\n1931\t19\t4\t-10\t\t\tx\n", 4, "code", codes.ErrNoParent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := codes.Parse(strings.NewReader(tt.in))
			var pe *codes.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error = %v, want a *ParseError", err)
			}
			if !errors.Is(err, tt.err) || pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("Parse error = %v (line %d, field %q), want %v on line %d, field %q", err, pe.Line, pe.Field, tt.err, tt.line, tt.field)
			}
		})
	}
}

// refDir holds the reference files in the shared checkout beside the module
// (../shared from the module root).
var refDir = filepath.Join("..", "..", "shared", "reference", "cameo")

// refFact is one code as the GDELT lookup has it.
type refFact struct {
	root      string
	quad      int
	goldstein float64
	line      int
}

// readGoldstein reads cameo_eventcodes_goldstein_quad.tsv. A code whose own
// line was run into another's description, as "1056 ...engagement106:[-5.0]
// Demand withdrawal" is in GDELT's file, is recovered from that fragment.
func readGoldstein(t *testing.T, path string) map[string]refFact {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lost := regexp.MustCompile(`(\d{2,4}):\[(-?\d+(?:\.\d+)?)\]`)
	facts := map[string]refFact{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if n == 1 {
			continue // header
		}
		fld := strings.Split(sc.Text(), "\t")
		if len(fld) != 5 {
			t.Errorf("%s:%d: %d fields, want 5", path, n, len(fld))
			continue
		}
		q, err1 := strconv.Atoi(fld[2])
		g, err2 := strconv.ParseFloat(fld[3], 64)
		if err1 != nil || err2 != nil {
			t.Errorf("%s:%d: bad quad or Goldstein %q %q", path, n, fld[2], fld[3])
			continue
		}
		facts[fld[0]] = refFact{fld[1], q, g, n}
		for _, m := range lost.FindAllStringSubmatch(fld[4], -1) {
			g, _ := strconv.ParseFloat(m[2], 64)
			t.Logf("%s:%d: code %s recovered from the description of %s (Goldstein %v)", path, n, m[1], fld[0], g)
			facts[m[1]] = refFact{m[1][:2], q, g, n}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return facts
}

type refPlover struct {
	event, mode string
	line        int
}

// readPlover reads CAMEO2PLOVER-2021.txt: lines "CODE: EVENT, mode, context
// # text". Two-digit lines without a comma ("19: ASSAULT") are section
// headings and are returned separately.
func readPlover(t *testing.T, path string) (maps map[string]refPlover, headings map[string][]string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^(\d{2,4}):(.*)$`)
	maps, headings = map[string]refPlover{}, map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		code, body := m[1], m[2]
		if i := strings.Index(body, "#"); i >= 0 {
			body = body[:i]
		}
		fld := strings.Split(body, ",")
		for i := range fld {
			fld[i] = strings.TrimSpace(fld[i])
		}
		if len(fld) == 1 {
			if len(code) != 2 {
				t.Errorf("%s:%d: %s has a type but no mode or context", path, n, code)
			}
			headings[code] = append(headings[code], fld[0])
			continue
		}
		p := refPlover{event: fld[0], mode: fld[1], line: n}
		if old, ok := maps[code]; ok && (old.event != p.event || old.mode != p.mode) {
			t.Errorf("%s:%d: %s maps to %s/%s, but line %d says %s/%s", path, n, code, p.event, p.mode, old.line, old.event, old.mode)
		}
		maps[code] = p
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return maps, headings
}

// TestReference checks the embedded table against the reference files in
// ../shared: every code, quad class and Goldstein score against GDELT's
// lookup, and every PLOVER event and mode against the 2021 map. Each
// disagreement is reported.
func TestReference(t *testing.T) {
	gold := filepath.Join(refDir, "cameo_eventcodes_goldstein_quad.tsv")
	plover := filepath.Join(refDir, "CAMEO2PLOVER-2021.txt")
	for _, p := range []string{gold, plover} {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			t.Skipf("reference file %s not found: ../shared is absent, so the table is not cross-checked", p)
		}
	}
	facts := readGoldstein(t, gold)
	maps, headings := readPlover(t, plover)

	// Codes, quad classes and Goldstein scores.
	for code, f := range facts {
		e, ok := codes.Lookup(code)
		if !ok {
			t.Errorf("%s:%d: code %s is not in the table", gold, f.line, code)
			continue
		}
		if e.Root != f.root {
			t.Errorf("%s:%d: code %s: root %s, table has %s", gold, f.line, code, f.root, e.Root)
		}
		if e.Quad != f.quad {
			t.Errorf("%s:%d: code %s: quad class %d, table has %d", gold, f.line, code, f.quad, e.Quad)
		}
		if e.Goldstein != f.goldstein {
			t.Errorf("%s:%d: code %s: Goldstein %.1f, table has %.1f", gold, f.line, code, f.goldstein, e.Goldstein)
		}
	}
	for _, e := range codes.All() {
		if _, ok := facts[e.Code]; !ok {
			t.Errorf("table code %s is not in %s", e.Code, gold)
		}
	}

	// PLOVER events and modes.
	var extra []string
	for code, p := range maps {
		if codes.Valid(code) {
			continue
		}
		if _, ok := facts[code]; ok {
			t.Errorf("%s:%d: CAMEO code %s is not in the table", plover, p.line, code)
		} else {
			extra = append(extra, code)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		t.Logf("%s maps codes that CAMEO does not have (not in the table): %s", plover, strings.Join(extra, ", "))
	}
	for _, e := range codes.All() {
		p, ok := maps[e.Code]
		switch {
		case !ok && (e.PloverEvent != "" || e.PloverMode != ""):
			t.Errorf("code %s: the map has no line for it, table has PLOVER %s/%s", e.Code, e.PloverEvent, e.PloverMode)
		case ok && (e.PloverEvent != p.event || e.PloverMode != p.mode):
			t.Errorf("%s:%d: code %s: PLOVER %s/%s, table has %s/%s", plover, p.line, e.Code, p.event, p.mode, e.PloverEvent, e.PloverMode)
		}
	}
	// The headings name the root's PLOVER section(s); roots stay untyped,
	// and the package doc's account of the headings must still hold.
	if got := headings["08"]; !slices.Equal(got, []string{"CONCEDE", "RETREAT"}) {
		t.Errorf("%s: headings for 08 = %v; the package doc says CONCEDE and RETREAT", plover, got)
	}
	for _, r := range []string{"01", "02"} {
		if len(headings[r]) > 0 {
			t.Errorf("%s: root %s has headings %v; the package doc says it has none", plover, r, headings[r])
		}
	}
}

// Explain gives one line per code; Lookup gives the facts.
func Example() {
	fmt.Println(codes.Explain("193"))
	fmt.Println(codes.Explain("0211"))

	e, _ := codes.Lookup("0874")
	fmt.Println(e.Label, e.Quad, codes.QuadName(e.Quad), e.Goldstein, e.PloverEvent, e.PloverMode)

	// Codes are strings: 010 and 10 differ.
	a, _ := codes.Lookup("010")
	b, _ := codes.Lookup("10")
	fmt.Println(a.Label, "|", b.Label)
	// Output:
	// 193: fight with small arms (root 19 FIGHT, material conflict, Goldstein -10.0, PLOVER ASSAULT/firearms)
	// 0211: ask for economic cooperation (root 02 APPEAL, verbal cooperation, Goldstein 3.4, no PLOVER equivalent)
	// retreat or surrender 2 material cooperation 10 RETREAT disarm
	// make a public statement, unspecified | DEMAND
}

func ExampleNearest() {
	for _, code := range []string{"1935", "0299", "1213", "99"} {
		e, ok := codes.Nearest(code)
		fmt.Printf("%s -> %q %v\n", code, e.Code, ok)
	}
	// Output:
	// 1935 -> "193" true
	// 0299 -> "02" true
	// 1213 -> "121" true
	// 99 -> "" false
}

func ExampleSplitActor() {
	for _, code := range []string{"RUSGOV", "PSEREBHMS", "IGOUNO", "NGOHRI", "USA"} {
		country, sectors := codes.SplitActor(code)
		fmt.Printf("%-10s %q %q\n", code, country, sectors)
	}
	// Output:
	// RUSGOV     "RUS" ["GOV"]
	// PSEREBHMS  "PSE" ["REB" "HMS"]
	// IGOUNO     "" ["IGO" "UNO"]
	// NGOHRI     "" ["NGO" "HRI"]
	// USA        "USA" []
}
