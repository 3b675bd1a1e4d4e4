package petrarch_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dyad/dict"
	"dyad/dict/petrarch"
)

// render writes a pattern in dyad's verbs.txt notation: alternatives joined
// by '|', adjacent words by '_'.
func render(p dict.Pattern) string {
	var b strings.Builder
	b.WriteString(p.Code)
	for i, s := range p.Slots {
		switch {
		case i == 0:
			b.WriteString(" ")
		case s.Adjacent:
			b.WriteString("_")
		default:
			b.WriteString(" ")
		}
		b.WriteString(strings.Join(s.Alts, "|"))
	}
	return b.String()
}

func renderAll(ps []dict.Pattern) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = render(p)
	}
	return out
}

func notes(r petrarch.Report) []string {
	var out []string
	for _, n := range r.Notes {
		out = append(out, fmt.Sprintf("%d %s: %s", n.Line, n.Kind, n.Reason))
	}
	return out
}

func TestParseVerbs(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  []string // rendered patterns, in order
		notes []string
	}{
		{
			name: "block with verbs, forms and patterns",
			src: `--- RUSH [042] ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
- * (TO BORDER) [154]   # RUSH
- * {RELIEF ASSISTANCE} [073]
- *_OUT [074]
`,
			want: []string{"154 rush|speed to border", "073 rush|speed relief assistance", "074 rush|speed_out", "042 rush|speed"},
		},
		{
			name: "synsets: one slot for one-word members, one pattern per phrase",
			src: `&CURRENCY
+DOLLAR
+EURO
+SWISS FRANC
+CASH_
&NEG_
+NOT
--- GRANT [070] ---
GRANT
- * &CURRENCY [903]
- * &NEG CASH [071]
`,
			want: []string{"903 grant dollar|dollars|euro|euros|cash", "903 grant swiss_franc|francs", "071 grant not cash", "070 grant"},
		},
		{
			name: "multi-word verbs and verb codes",
			src: `--- BREAK [1717] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN} [161]
WIRE_+TAP [1711]
- * TREATY [161]
`,
			want:  []string{"161 break|tap treaty", "161 break_down treaty", "161 break_down", "1717 break", "1711 tap"},
			notes: []string{"4 approximated: words before the verb of a multi-word verb dropped"},
		},
		{
			name: "what dyad cannot say",
			src: `--- MEET [031:031] ---
MEET
- WILL NOT * [112]
- % * [030]
- * TALKS [032:033]
- $ * + WITH [035]
- * VISIT [:033]
--- OFFEND [:110] ---
OFFEND
`,
			want: []string{"032 meet talks", "035 meet with", "031 meet"},
			notes: []string{
				"3 skipped: words before the verb (dyad's patterns start at the verb)",
				"4 skipped: pattern with no words after the verb (only role markers)",
				"5 approximated: reverse event of a CODE:CODE pair (target to source) dropped",
				"6 approximated: source/target markers ignored: dyad takes the subject as source and the first actor after the verb as target",
				"7 skipped: code with only a reverse event (target to source)",
				"2 approximated: reverse event of a CODE:CODE pair (target to source) dropped",
				"9 skipped: code with only a reverse event (target to source)",
			},
		},
		{
			name: "null codes block shorter patterns",
			src: `--- RECEIVE [033] ---
RECEIVE
- * CARD [---]
`,
			want: []string{"--- receive card", "033 receive"},
		},
		{
			name: "verbs of saying and transformations",
			src: `--- EXPLAIN [010] ---
SAY {SAID}
CLARIFY
- * THREAT [012]
--- ANNOUNCE [---] ---
DECLARE
~ a (a b Q) SAY = a b Q
~ a (b . ATTACK) SAY = a b 112
`,
			want:  []string{"012 say|clarify threat", "SAY say|clarify", "SAY declare"},
			notes: []string{"8 skipped: verb transformation (dyad applies its own rules to reported and intended events)"},
		},
		{
			name: "inflected verbs of their own stay as written",
			src: `--- LEAVE [012] ---
LEAVE
--- LEFT [032] ---
LEFT
--- CALL [---] ---
CALL
- * FOR [095]
--- CALLED [---] ---
CALLED_ON [094]
`,
			want: []string{"012 leave", "032 left", "095 call for", "094 call_on"},
		},
		{
			name: "TABARI disjunctions and XML comments",
			src: `<!-- a comment
spanning lines -->
--- ASK [090] --- <!-- inline -->
ASK
- * FOR { ECONOMIC_SANCTIONS | EMBARGO } [172]
`,
			want: []string{"172 ask for embargo", "172 ask for economic_sanctions", "090 ask"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := petrarch.ParseVerbs("verbs.txt", tt.src, &petrarch.Options{Lemmas: map[string]string{"said": "say", "left": "leave"}})
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got := renderAll(set.Dict.Verbs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("patterns\n got %q\nwant %q", got, tt.want)
			}
			if got := notes(set.Report); !reflect.DeepEqual(got, tt.notes) && !(len(got) == 0 && len(tt.notes) == 0) {
				t.Errorf("notes\n got %q\nwant %q", got, tt.notes)
			}
		})
	}
}

func TestVerbLemmas(t *testing.T) {
	src := "--- BREAK [1717] ---\nBREAK {BROKE BROKEN STEOPPED}\n--- LEFT [032] ---\nLEFT\n"
	set, err := petrarch.ParseVerbs("verbs.txt", src, &petrarch.Options{Lemmas: map[string]string{"broke": "break", "left": "leave"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"broken": "break", "steopped": "break"}
	if !reflect.DeepEqual(set.Dict.Lemmas, want) {
		t.Errorf("lemmas %v, want %v", set.Dict.Lemmas, want)
	}
	// "left" is a verb of its own: the base table loses it
	set.AddLemmas(map[string]string{"left": "leave", "went": "go"})
	if _, ok := set.Dict.Lemmas["left"]; ok || set.Dict.Lemmas["went"] != "go" {
		t.Errorf("after AddLemmas: %v", set.Dict.Lemmas)
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseActors(t *testing.T) {
	src := `<!-- PETR.Validate style -->
ARNOR_  [ARN]
ERIADOR  [ERI]
+ERIADORIAN
UNITED_NATIONS  [UNO]
+U.N. #JW   9/12/91
THE_AU [IGOAFR] # pas 26-Apr-11
BOROMIR  [---]
GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
PRINCE OF DOL AMROTH
	[--- <950630]
	[DOL]
THE_SHIRE  [FRO/BIL/SAM]
PALESTINIAN [pse]
`
	set, err := petrarch.ParseActors("actors.txt", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	countries := map[string]dict.Country{}
	for _, c := range set.Dict.Countries {
		countries[c.Code] = c
	}
	if c := countries["ARN"]; c.Name != "Arnor" || c.Line != 2 {
		t.Errorf("ARN: %+v", c)
	}
	if c := countries["ERI"]; !reflect.DeepEqual(c.Adjs, []string{"Eriadorian"}) {
		t.Errorf("ERI adjectives: %q", c.Adjs)
	}
	if c := countries["UNO"]; !contains(c.Names, "United Nations") || !contains(c.Names, "U.N.") {
		t.Errorf("UNO names: %q", c.Names)
	}
	if _, ok := countries["PSE"]; !ok {
		t.Errorf("lower-case code pse not upper-cased: %v", countries)
	}
	actors := map[string]dict.Actor{}
	for _, a := range set.Dict.Actors {
		actors[a.Name] = a
	}
	au := actors["The Au"]
	if !contains(au.Aliases, "The AU") || !contains(au.Aliases, "the AU") {
		t.Errorf("The AU aliases: %q", au.Aliases)
	}
	if b, ok := actors["Boromir"]; !ok || len(b.Codes) != 0 {
		t.Errorf("Boromir: %+v", b)
	}
	g := actors["Gollum"]
	if !contains(g.Aliases, "Smeagol") {
		t.Errorf("Gollum aliases %q", g.Aliases)
	}
	for _, tc := range []struct{ date, want string }{
		{"1995-06-01", "HOB"}, {"1995-06-02", "HOBGOV"}, {"1999-08-15", "HOBGOV"}, {"1999-08-16", "HOBREB"}, {"2014-01-01", "HOBREB"},
	} {
		if dc, _ := (&g).CodeOn(day(tc.date)); dc.Code != tc.want {
			t.Errorf("Gollum on %s: %q, want %q", tc.date, dc.Code, tc.want)
		}
	}
	p := actors["Prince of Dol Amroth"]
	if dc, ok := p.CodeOn(day("1995-01-01")); !ok || dc.Code != "" {
		t.Errorf("Prince before 1995-06-30: %+v %v, want no code", dc, ok)
	}
	if dc, _ := p.CodeOn(day("1999-01-01")); dc.Code != "DOL" {
		t.Errorf("Prince in 1999: %q", dc.Code)
	}
	if s := countries["FRO"]; !contains(s.Names, "the Shire") {
		t.Errorf("The Shire: %+v", s)
	}
	if got := notes(set.Report); !contains(got, "17 approximated: several codes joined by '/': only the first is kept") {
		t.Errorf("notes %q", got)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestParseAgents(t *testing.T) {
	src := `!PERSON! = MAN, MEN
CONGRESS!PERSON! [~LEG]
TROOPS {}  [~MIL]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
HUMAN_RIGHTS_ACTIVIST  [~OPP]
FOREIGN_MINISTER [~GOVFRM]
MSF {}  [NGO~]
SECURITY SERVICE [~GOV]
`
	set, err := petrarch.ParseAgents("agents.txt", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range set.Dict.Agents {
		got = append(got, a.Phrase+"="+a.Sector)
	}
	want := []string{"congressman=LEG", "congressmen=LEG", "troops=MIL", "troop=MIL", "golden goose=GGS", "golden geese=GGS",
		"human rights activist=OPP", "human right activist=OPP", "foreign minister=GOVFRM", "msf=NGO", "security service=GOV"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agents\n got %q\nwant %q", got, want)
	}
	if set.Dict.Lemmas["geese"] != "goose" {
		t.Errorf("lemmas %v", set.Dict.Lemmas)
	}
	if n := notes(set.Report); !reflect.DeepEqual(n, []string{
		"7 approximated: prefix agent code [CODE~]: dyad puts the sector after the country",
		"8 approximated: words separated by a blank may stand apart in the legacy coders, must be adjacent in dyad"}) {
		t.Errorf("notes %q", n)
	}
}

func TestParseDiscardsAndIssues(t *testing.T) {
	set, err := petrarch.ParseDiscards("discards.txt", "# comment\n+World Golf Championships   # pas\nBASEBALL\nAFRICAN NATIONS CUP ;AB\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []dict.Discard{{Phrase: "world golf championships", Story: true, Line: 2}, {Phrase: "baseball", Line: 3}, {Phrase: "african nations cup", Line: 4}}
	if !reflect.DeepEqual(set.Dict.Discards, want) {
		t.Errorf("discards %+v", set.Dict.Discards)
	}
	is, err := petrarch.ParseIssues("issues.txt", `<ISSUE CATEGORY="ID_ATROCITY">
n:genocide [ID_ATROCITY]
ethnic v:purge [ID_ATROCITY]
al+zarqawi network [NAMED_TERROR_GROUP]
~~Armenian genocide  # not coding historical cases
</ISSUE>
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(is.Issues) != 4 || is.Issues[0].Category != "ID_ATROCITY" ||
		!reflect.DeepEqual(is.Issues[0].Forms, []string{"genocide", "genocides"}) ||
		!reflect.DeepEqual(is.Issues[1].Forms, []string{"ethnic purge", "ethnic purges", "ethnic purged", "ethnic purging"}) ||
		!reflect.DeepEqual(is.Issues[2].Forms, []string{"al zarqawi network", "al-zarqawi network"}) || is.Issues[3].Exclude != 2 {
		t.Errorf("issues %+v", is.Issues)
	}
	got := petrarch.MatchIssues(is.Issues, "Genocides and the al-Zarqawi network; genocide.")
	if !reflect.DeepEqual(got, []petrarch.IssueCount{{"ID_ATROCITY", 2}, {"NAMED_TERROR_GROUP", 1}}) {
		t.Errorf("MatchIssues %v", got)
	}
	if got := petrarch.MatchIssues(is.Issues, "the Armenian genocide"); got != nil {
		t.Errorf("excluded text matched %v", got)
	}
}

func TestErrors(t *testing.T) {
	type parser func(string, string, *petrarch.Options) (*petrarch.Set, error)
	tests := []struct {
		name   string
		parse  parser
		src    string
		want   error
		prefix string
	}{
		{"pattern outside a block", petrarch.ParseVerbs, "- * X [010]\n", dict.ErrSyntax, "verbs.txt:1:"},
		{"no verb marker", petrarch.ParseVerbs, "--- A [010] ---\nA\n- X Y [011]\n", dict.ErrSyntax, "verbs.txt:3:"},
		{"bad code", petrarch.ParseVerbs, "--- A [010] ---\nA\n- * X [0]\n", dict.ErrCode, "verbs.txt:3:"},
		{"unclosed brace", petrarch.ParseVerbs, "--- A [010] ---\nA\n- * {X Y [011]\n", dict.ErrSyntax, "verbs.txt:3:"},
		{"bad date", petrarch.ParseActors, "X\n\t[ABC 19951301-19960101]\n", dict.ErrDate, "actors.txt:2:"},
		{"reversed range", petrarch.ParseActors, "X [ABC 20120101-20110101]\n", dict.ErrDate, "actors.txt:1:"},
		{"code line first", petrarch.ParseActors, "\t[ABC]\n", dict.ErrSyntax, "actors.txt:1:"},
		{"agent without code", petrarch.ParseAgents, "SOLDIER\n", dict.ErrSyntax, "agents.txt:1:"},
		{"agent bad code", petrarch.ParseAgents, "SOLDIER [MIL]\n", dict.ErrCode, "agents.txt:1:"},
		{"undefined marker", petrarch.ParseAgents, "X!NOPE! [~GOV]\n", dict.ErrSyntax, "agents.txt:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := strings.SplitN(tt.prefix, ":", 2)[0]
			set, err := tt.parse(file, tt.src, nil)
			if set == nil {
				t.Fatal("nil set")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.prefix) {
				t.Errorf("error %q does not start with %q", err, tt.prefix)
			}
			if set.Report.Count(petrarch.Skipped) == 0 {
				t.Errorf("malformed line not reported as skipped")
			}
		})
	}
}

func TestFindFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("my.verbs.txt", "--- A [010] ---\nA\n")
	write("x.actors.txt", "ARNOR [ARN]\n")
	write("y.agents.txt", "SOLDIER [~MIL]\n")
	set, err := petrarch.LoadDir(dir, &petrarch.Options{Lemmas: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Dict.Verbs) != 1 || len(set.Dict.Countries) != 1 || len(set.Dict.Agents) != 1 {
		t.Errorf("loaded %+v", set.Dict)
	}
	write(petrarch.ConfigFile, "[Dictionaries]\nverbfile_name = my.verbs.txt\nactorfile_list = x.actors.txt, missing.txt\n")
	set, err = petrarch.LoadDir(filepath.Join(dir, petrarch.ConfigFile), &petrarch.Options{Lemmas: map[string]string{}})
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("want an error for missing.txt, got %v", err)
	}
	if len(set.Dict.Verbs) != 1 || len(set.Dict.Countries) != 1 || len(set.Dict.Agents) != 0 {
		t.Errorf("loaded with config %+v", set.Dict)
	}
	if petrarch.OnlyLineErrors(err) {
		t.Errorf("a missing file is not a line error: %v", err)
	}
	if _, err := petrarch.LoadDir(t.TempDir(), nil); !errors.Is(err, petrarch.ErrNoDictionaries) || petrarch.OnlyLineErrors(err) {
		t.Errorf("empty dir: %v", err)
	}
	write("my.verbs.txt", "--- A [010] ---\nA\n- * B [0]\n")
	os.Remove(filepath.Join(dir, petrarch.ConfigFile))
	if _, err := petrarch.LoadDir(dir, nil); !petrarch.OnlyLineErrors(err) {
		t.Errorf("line errors only: %v", err)
	}
}

// TestReference converts PETRARCH's own dictionaries from ../shared: every
// file must be read, and only the known handful of malformed lines fail.
func TestReference(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "reference", "petrarch2")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: %s not found (../shared is absent)", dir)
	}
	set, err := petrarch.LoadDir(dir, nil)
	var n int
	for _, e := range strings.Split(fmt.Sprint(err), "\n") {
		if strings.Contains(e, ".txt:") {
			n++
		}
	}
	if n > 20 {
		t.Errorf("%d malformed lines in PETRARCH's dictionaries:\n%v", n, err)
	}
	d := set.Dict
	if len(d.Verbs) < 10000 || len(d.Actors) < 10000 || len(d.Countries) < 150 || len(d.Agents) < 1000 || len(d.Discards) < 100 || len(set.Issues) < 1000 {
		t.Errorf("too little converted: %d verbs, %d actors, %d countries, %d agents, %d discards, %d issues",
			len(d.Verbs), len(d.Actors), len(d.Countries), len(d.Agents), len(d.Discards), len(set.Issues))
	}
	t.Logf("%d verb patterns, %d actors, %d countries, %d agents, %d discards, %d issues; %s",
		len(d.Verbs), len(d.Actors), len(d.Countries), len(d.Agents), len(d.Discards), len(set.Issues), set.Report.Summary())
}
