package coref_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"dyad/actors"
	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/events"
	"dyad/internal/coref"
	"dyad/internal/prosenlp"
	"dyad/pipeline"
)

// coded runs segment → events with the quotes stage's test dictionary.
func coded(t *testing.T, text string) (*doc.Doc, *coref.Index) {
	t.Helper()
	d, err := dict.Load(os.DirFS("../../quotes/testdata/dict"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := prosenlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := &pipeline.Resources{Dict: d, Model: m, Actors: actors.Compile(d), Verbs: events.CompileVerbs(d.Verbs), Codes: codes.Default()}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := &doc.Doc{Text: text}
	if err := p.Run(context.Background(), x); err != nil {
		t.Fatal(err)
	}
	return x, coref.NewIndex(d)
}

// tok returns the index of the n-th (0-based) token with text w.
func tok(d *doc.Doc, w string, n int) int {
	for i := range d.Tokens {
		if d.TokenText(i) == w {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return -1
}

func name(d *doc.Doc, e *coref.Entity) string {
	if e == nil {
		return "<nil>"
	}
	if e.Name.Len() > 0 {
		return d.Slice(e.Name) + " " + e.Actor.Code
	}
	return d.Slice(e.Actor.Span) + " " + e.Actor.Code
}

func TestChains(t *testing.T) {
	text := "Iranian Foreign Minister Mohammad Zarif met Turkish President Tayyip Erdogan in Tehran. " +
		"“The Turkish president is right,” he said. Zarif left. The minister said he was tired. The Turkish president agreed."
	d, ix := coded(t, text)
	// the words inside the quote are skipped as antecedents
	q0, q1 := tok(d, "“", 0), tok(d, "”", 0)
	c := ix.Build(d, func(k int) bool { return k > q0 && k < q1 })

	if e := c.At(tok(d, "Zarif", 1)); name(d, e) != "Mohammad Zarif IRNGOV" {
		t.Errorf("Zarif → %s", name(d, e))
	}
	if e, how := c.Pronoun(tok(d, "he", 0)); name(d, e) != "Mohammad Zarif IRNGOV" || !strings.Contains(how, "pronoun") {
		t.Errorf("he (after the quote) → %s (%s)", name(d, e), how)
	}
	first := tok(d, "The", 1) // "The minister"
	if e, how := c.Title(first, first+2); name(d, e) != "Mohammad Zarif IRNGOV" {
		t.Errorf("the minister → %s (%s)", name(d, e), how)
	}
	first = tok(d, "The", 2) // "The Turkish president agreed"
	if e, _ := c.Title(first, first+3); name(d, e) != "Tayyip Erdogan TURGOV" {
		t.Errorf("the Turkish president → %s", name(d, e))
	}
}

func TestAddName(t *testing.T) {
	d, ix := coded(t, "Hilal Khashan teaches in Beirut. Khashan spoke. She left.")
	c := ix.Build(d, nil)
	ref := doc.ActorRef{Code: "EDU", Sectors: []string{"EDU"}}
	e := c.AddName(0, 2, ref, true, []string{"professor"}, "test")
	if name(d, e) != "Hilal Khashan EDU" {
		t.Fatalf("added %s", name(d, e))
	}
	k := tok(d, "Khashan", 1)
	if got, how := c.Name(k, k+1); got != e || !strings.Contains(how, "surname") {
		t.Errorf("Khashan → %s (%s)", name(d, got), how)
	}
	if got, _ := c.Pronoun(tok(d, "She", 0)); got != e {
		t.Errorf("She → %s", name(d, got))
	}
	if again := c.AddName(0, 2, ref, true, nil, "again"); again != e {
		t.Error("adding a name twice made two entities")
	}
	if got, _ := c.Pronoun(0); got != nil {
		t.Errorf("a non-pronoun resolved to %s", name(d, got))
	}
}

func TestIndex(t *testing.T) {
	ix := coref.NewIndex(nil)
	if s, ok := ix.RoleSector("professor"); !ok || s != "EDU" {
		t.Errorf("professor → %q %v", s, ok)
	}
	if _, ok := ix.Country("Turkish"); ok {
		t.Error("a nil dictionary knows countries")
	}
	if !coref.IsPersonRole("president") || coref.IsPersonRole("army") {
		t.Error("IsPersonRole")
	}
}
