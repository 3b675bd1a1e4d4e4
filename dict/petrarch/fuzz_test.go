package petrarch_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dyad/actors"
	"dyad/dict"
	"dyad/dict/petrarch"
	"dyad/events"
)

// checkSet asserts what every conversion must hold, whatever its input:
// patterns dyad can compile (codes of two or more characters, non-empty
// slots), actors the actor stage can compile, and errors and notes that
// name their file and line.
func checkSet(t *testing.T, set *petrarch.Set, err error) {
	t.Helper()
	if set == nil || set.Dict == nil {
		t.Fatal("nil result")
	}
	for _, p := range set.Dict.Verbs {
		if len(p.Code) < 2 || len(p.Slots) == 0 {
			t.Fatalf("bad pattern %+v", p)
		}
		for _, s := range p.Slots {
			if len(s.Alts) == 0 {
				t.Fatalf("empty slot in %+v", p)
			}
			for _, a := range s.Alts {
				if a == "" {
					t.Fatalf("empty alternative in %+v", p)
				}
			}
		}
	}
	for _, a := range set.Dict.Agents {
		if a.Phrase == "" || a.Sector == "" {
			t.Fatalf("bad agent %+v", a)
		}
	}
	events.CompileVerbs(set.Dict.Verbs)
	actors.Compile(set.Dict)
	for _, n := range set.Report.Notes {
		if n.File == "" || n.Line <= 0 || n.Reason == "" {
			t.Fatalf("bad note %+v", n)
		}
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	for _, e := range errs {
		var de *dict.Error
		if !errors.As(e, &de) || de.File == "" || de.Line <= 0 {
			t.Fatalf("error without file and line: %v", e)
		}
	}
}

func addSeeds(f *testing.F, files ...string) {
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "reference", "petrarch2", name))
		if err == nil {
			if len(b) > 4<<10 {
				b = b[:4<<10]
			}
			f.Add(string(b))
		}
	}
}

func FuzzParseVerbs(f *testing.F) {
	f.Add("&S\n+A_B\n+&S\n--- X [010] ---\nX {Y Z} [011:012]\n+P_Q\nR_+S\n- * &S (TO {A B}) [0]\n- * { A | B_C } ^ $ [014]\n~ a (a b Q) X = a b Q\n")
	f.Add("&A\n+&B_&B\n&B\n+&A\n--- X [010] ---\nX\n- * &A [011]\n- * _ { | } * [012]\n")
	addSeeds(f, "PETR.Validate.verbs.txt", "CAMEO.2.0.txt")
	f.Fuzz(func(t *testing.T, src string) {
		set, err := petrarch.ParseVerbs("verbs.txt", src, &petrarch.Options{Lemmas: map[string]string{"said": "say"}})
		checkSet(t, set, err)
	})
}

func FuzzParseActors(f *testing.F) {
	f.Add("GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n[X >990816]\nA [B/C] [---]\n")
	f.Add("<NOUN>\nX\n</NOUN>\nA_ [###]\n~~FINISH\n")
	addSeeds(f, "PETR.Validate.actors.txt", "Phoenix.International.actors.txt")
	f.Fuzz(func(t *testing.T, src string) {
		for _, d := range []petrarch.Dialect{petrarch.PETRARCH, petrarch.TABARI} {
			set, err := petrarch.ParseActors("actors.txt", src, &petrarch.Options{Dialect: d})
			checkSet(t, set, err)
		}
	})
}

func FuzzParseAgents(f *testing.F) {
	f.Add("!P! = MAN, MEN\nX!P! [~LEG]\nTROOPS {} [~MIL]\nA {B_C} [NGO~]\n")
	addSeeds(f, "PETR.Validate.agents.txt", "Phoenix.agents.txt")
	f.Fuzz(func(t *testing.T, src string) {
		set, err := petrarch.ParseAgents("agents.txt", src, nil)
		checkSet(t, set, err)
	})
}

func FuzzParseDiscards(f *testing.F) {
	f.Add("+A B\nC_\n# x\n")
	addSeeds(f, "PETR.Validate.discards.txt")
	f.Fuzz(func(t *testing.T, src string) {
		set, err := petrarch.ParseDiscards("discards.txt", src, nil)
		checkSet(t, set, err)
		for _, d := range set.Dict.Discards {
			if d.Phrase == "" {
				t.Fatalf("empty discard %+v", d)
			}
		}
	})
}

func FuzzParseIssues(f *testing.F) {
	f.Add("<ISSUE CATEGORY=\"A\">\nn:a+b v:c [X]\n~d\n~~e\n</ISSUE>\n")
	addSeeds(f, "Phoenix.IssueCoding.txt")
	f.Fuzz(func(t *testing.T, src string) {
		set, err := petrarch.ParseIssues("issues.txt", src, nil)
		checkSet(t, set, err)
		petrarch.MatchIssues(set.Issues, src)
	})
}
