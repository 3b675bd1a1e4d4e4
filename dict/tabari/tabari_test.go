package tabari_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dyad/actors"
	"dyad/dict"
	"dyad/dict/petrarch"
	"dyad/dict/tabari"
	"dyad/events"
)

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

func TestParseVerbs(t *testing.T) {
	src := `<SYNSETS>
&CURRENCY
+DOLLAR
+SWISS_FRANC
</SYNSETS>
<TIME>
LAST_WEEK [-7]
</TIME>
ABANDON  [345] ;pas 15 Jul 2003
- * DIPLOMATIC TIES [901]
BREAK_ [1717]
{ BROKE_ BROKEN_ BROKEN_DOWN_ }
- + * IN_ $  [075] ; pattern CONNECT-6
CALL  [---]
- * FOR { SANCTIONS | BOYCOTT | EMBARGO }  [172] ;pas 25 Jan 2002
CALLED_ON  [094] ;jw   10/8/91
APPRECIATE POSITION  [042]
CONTRIBUT  [070] ;tony  3/12/91
- * &CURRENCY [903]
ATTEND  [031!]
DAVIS_CUP  [###] ;JW   10/17/91
- * TROPHY [010]
~~FINISH
`
	set, err := tabari.ParseVerbs("x.verbs", src, &petrarch.Options{Lemmas: map[string]string{"broke": "break"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range set.Dict.Verbs {
		got = append(got, render(p))
	}
	want := []string{
		"901 abandon diplomatic ties",
		"345 abandon",
		"075 break in",
		"1717 break",
		"172 call for sanctions|boycott|embargo",
		"094 call_on",
		"042 appreciate position",
		"903 contribut dollar|dollars",
		"903 contribut swiss_franc|francs",
		"070 contribut",
		"031 attend",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("patterns\n got %q\nwant %q", got, want)
	}
	if set.Dict.Lemmas["broken"] != "break" || set.Dict.Lemmas["contribute"] != "contribut" {
		t.Errorf("lemmas %v", set.Dict.Lemmas)
	}
	if len(set.Dict.Discards) != 1 || set.Dict.Discards[0].Phrase != "davis cup" {
		t.Errorf("discards %+v", set.Dict.Discards)
	}
	var notes []string
	for _, n := range set.Report.Notes {
		notes = append(notes, n.String())
	}
	if len(notes) == 0 || !strings.HasPrefix(notes[0], "x.verbs:6: skipped: TABARI <TIME> section") {
		t.Errorf("notes %q", notes)
	}
}

func TestActorsAndAgents(t *testing.T) {
	set, err := tabari.ParseActors("x.actors", `<NOUN>
BEES
</NOUN>
ALBRIGHT  [USAGOV 991201-010114] [---] ;ems 02 Feb 2001
KUWAIT  [KUW]
ESTONIA_  [EST]
NASGUL  [###]
`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Dict.Actors) != 1 || set.Dict.Actors[0].Name != "Albright" || len(set.Dict.Actors[0].Codes) != 1 {
		t.Errorf("actors %+v", set.Dict.Actors)
	}
	adj := map[string][]string{}
	for _, c := range set.Dict.Countries {
		adj[c.Code] = c.Adjs
	}
	if !contains(adj["KUW"], "Kuwaiti") || len(adj["EST"]) != 0 {
		t.Errorf("TABARI stems: %q", adj)
	}
	if len(set.Dict.Discards) != 1 || set.Dict.Discards[0].Phrase != "nasgul" {
		t.Errorf("discards %+v", set.Dict.Discards)
	}
	ag, err := tabari.ParseAgents("x.agents", "POLICE_   [  ~COP] ;JON 2/8/95\nHUMAN_RIGHTS_BODY_   [  NGO~] ;BNL\n", nil)
	if err != nil || len(ag.Dict.Agents) != 3 || ag.Dict.Agents[0].Sector != "COP" || ag.Dict.Agents[1].Phrase != "human rights body" {
		t.Errorf("agents %+v %v", ag.Dict.Agents, err)
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

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.verbs", "ATTACK [223]\n- * BONE [x\n")
	write("a.actors", "ARNOR [ARN]\n")
	proj := write("a.project", "Title\n<actorsfile> a.actors\n<verbsfile> a.verbs\n<agentsfile> missing.agents\n<optionsfile> a.options\n")
	set, err := tabari.Load(proj, &petrarch.Options{Lemmas: map[string]string{}})
	if err == nil || !strings.Contains(err.Error(), "missing.agents") || !strings.Contains(err.Error(), "a.verbs:2:") {
		t.Errorf("errors: %v", err)
	}
	if len(set.Dict.Verbs) != 1 || len(set.Dict.Countries) != 1 {
		t.Errorf("loaded %+v", set.Dict)
	}
	if n := set.Report.Notes[len(set.Report.Notes)-1]; n.File != "a.project" || n.Line != 5 {
		t.Errorf("options note %+v", n)
	}
	if _, err := tabari.Load(write("x.txt", ""), nil); !errors.Is(err, tabari.ErrUnknownFile) {
		t.Errorf("unknown file: %v", err)
	}
	one, err := tabari.Load(filepath.Join(dir, "a.actors"), nil)
	if err != nil || len(one.Dict.Countries) != 1 || len(one.Dict.Lemmas) == 0 {
		t.Errorf("single file: %v %+v", err, one.Dict.Countries)
	}
}

// TestReference converts TABARI's validation and CAMEO dictionaries from
// ../shared.
func TestReference(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "reference", "tabari")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: %s not found (../shared is absent)", dir)
	}
	for _, f := range []string{"Validate.project", "TABARI.Demo.project", "CAMEO.091003.master.verbs"} {
		set, err := tabari.Load(filepath.Join(dir, f), nil)
		if len(set.Dict.Verbs) == 0 {
			t.Errorf("%s: no verbs (%v)", f, err)
		}
		t.Logf("%s: %d patterns, %d actors, %d countries, %d agents; %d skipped, %d approximated; errors: %v",
			f, len(set.Dict.Verbs), len(set.Dict.Actors), len(set.Dict.Countries), len(set.Dict.Agents),
			set.Report.Count(petrarch.Skipped), set.Report.Count(petrarch.Approximated), err)
	}
}

func FuzzParseVerbs(f *testing.F) {
	f.Add("<SYNSETS>\n&A\n+B_C\n+&A\n</SYNSETS>\nX_ [010]\n{ Y_ Z_W }\n- $ * { A | &A_B | } + [011:012]\nD [###]\n- * E [013]\n~~FINISH\n")
	f.Add("<TIME>\nX [-7]\n</TIME>\n{ A }\n- * X [1]\nROOT\n+X\n&\n")
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "tabari", "TABARI.Demo.verbs")); err == nil {
		f.Add(string(b[:min(len(b), 4<<10)]))
	}
	f.Fuzz(func(t *testing.T, src string) {
		set, err := tabari.ParseVerbs("x.verbs", src, &petrarch.Options{Lemmas: map[string]string{}})
		if set == nil {
			t.Fatal("nil set")
		}
		for _, p := range set.Dict.Verbs {
			if len(p.Code) < 2 || len(p.Slots) == 0 {
				t.Fatalf("bad pattern %+v", p)
			}
			for _, s := range p.Slots {
				if len(s.Alts) == 0 || s.Alts[0] == "" {
					t.Fatalf("bad slot in %+v", p)
				}
			}
		}
		events.CompileVerbs(set.Dict.Verbs)
		actors.Compile(set.Dict)
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				var de *dict.Error
				if !errors.As(e, &de) || de.Line <= 0 {
					t.Fatalf("error without a line: %v", e)
				}
			}
		}
	})
}

func FuzzParseProject(f *testing.F) {
	f.Add("<actorsfile> a\n<verbsfile>\n<optionsfile> o ;x\n<")
	f.Fuzz(func(t *testing.T, src string) {
		p := tabari.ParseProject(src)
		if len(p.Options) != len(p.OptionsLines) {
			t.Fatalf("%+v", p)
		}
	})
}
