package quotes_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/quotes"
	"dyad/read"
)

const seedDir = "../../shared/eval/seed/"

// TestSeed codes the seed article with dyad's own (embedded) dictionaries
// and checks the gold quotes the way score.py does: a quote whose text
// starts with the gold's words and whose speaker matches the gold code
// (a sector-like gold code such as EDU may stand anywhere in the code). It
// also checks E21: "He called on all militants in Syria to disarm" has
// Rouhani's code as its source.
func TestSeed(t *testing.T) {
	if _, err := os.Stat(seedDir + "gold.json"); err != nil {
		t.Skipf("../shared is absent (%v)", err)
	}
	res, err := pipeline.Load()
	if res == nil {
		t.Fatal(err)
	}
	if len(res.Dict.Actors) == 0 {
		t.Skip("the embedded dictionaries are empty")
	}
	base, err := pipeline.Default(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(withQuotes(base.Stages(), quotes.New(res.Dict))...)
	if err != nil {
		t.Fatal(err)
	}
	var d *doc.Doc
	err = read.Paths([]string{seedDir + "article.txt"}, read.Options{}, func(x *doc.Doc) error {
		d = x
		return p.Run(context.Background(), x)
	}, func(e error) { t.Error(e) })
	if err != nil || d == nil {
		t.Fatalf("reading the seed: %v", err)
	}
	b, err := os.ReadFile(seedDir + "gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Quotes []struct {
			Speaker    string `json:"speaker"`
			Code       string `json:"speaker_code"`
			StartsWith string `json:"starts_with"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Quotes) == 0 {
		t.Fatal("no gold quotes")
	}
	for _, g := range gold.Quotes {
		found := false
		for _, q := range d.Quotes {
			if !strings.HasPrefix(d.Slice(q.Span), g.StartsWith) || q.Speaker == nil {
				continue
			}
			c := q.Speaker.Code
			if strings.HasPrefix(c, g.Code) || len(g.Code) == 3 && strings.Contains(c, g.Code) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing quote %q by %s (%s)", g.StartsWith, g.Speaker, g.Code)
		}
	}
	e21 := false
	for _, e := range d.Events {
		if e.Source != nil && e.Source.Code == "IRNGOV" && strings.Contains(d.Slice(d.Sentences[e.Sentence].Span), "called on all militants in Syria to disarm") {
			e21 = true
		}
	}
	if !e21 {
		t.Error("E21: no event with source IRNGOV for “He called on all militants in Syria to disarm”")
	}
	if t.Failed() {
		for _, q := range d.Quotes {
			sp := "-"
			if q.Speaker != nil {
				sp = d.Slice(q.Speaker.Span) + " " + q.Speaker.Code
			}
			t.Logf("%d %q ← %s", q.Sentence, d.Slice(q.Span), sp)
		}
	}
}
