package sink_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"dyad/doc"
	"dyad/sink"
)

// TestContract checks the keys of docs/format/events.md: present, typed,
// codes as strings, a missing target as null.
func TestContract(t *testing.T) {
	d := &doc.Doc{ID: "a1", Date: time.Date(2018, 9, 7, 0, 0, 0, 0, time.UTC), Text: "Russia attacked Turkey. Iran spoke."}
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: 23}}, {Span: doc.Span{Start: 24, End: 35}, Para: 0}}
	src := doc.Actor{Span: doc.Span{Start: 0, End: 6}, ActorRef: doc.ActorRef{Code: "RUS", Country: "RUS"}}
	tgt := doc.Actor{Span: doc.Span{Start: 16, End: 22}, ActorRef: doc.ActorRef{Code: "TURGOV", Country: "TUR", Sectors: []string{"GOV"}}}
	iran := doc.Actor{Sentence: 1, Span: doc.Span{Start: 24, End: 28}, ActorRef: doc.ActorRef{Code: "IRN", Country: "IRN"}}
	d.Actors = []doc.Actor{src, tgt, iran}
	d.Events = []doc.Event{
		{ID: "a1-1", Sentence: 0, Source: &src, Target: &tgt, Verb: doc.Span{Start: 7, End: 15}, CAMEO: "010", Root: "01", Quad: 1, Rule: "r"},
		{ID: "a1-2", Sentence: 1, Source: &iran, Verb: doc.Span{Start: 29, End: 34}, CAMEO: "190", Root: "19", Quad: 4, Goldstein: -10},
	}
	var b bytes.Buffer
	w := sink.NewJSONL(&b)
	if err := w.Write(d); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if n := strings.Count(b.String(), "\n"); n != 1 {
		t.Fatalf("want one line, got %d", n)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"doc_id", "date", "title", "events", "quotes", "actors", "places"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if m["date"] != "2018-09-07" || m["title"] != nil {
		t.Errorf("date %v, title %v", m["date"], m["title"])
	}
	evs := m["events"].([]any)
	e0 := evs[0].(map[string]any)
	for _, k := range []string{"id", "sentence", "source", "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "location", "evidence"} {
		if _, ok := e0[k]; !ok {
			t.Errorf("event lacks %q", k)
		}
	}
	if e0["cameo"] != "010" || e0["cameo_root"] != "01" {
		t.Errorf("codes must stay strings: %v %v", e0["cameo"], e0["cameo_root"])
	}
	ev := e0["evidence"].(map[string]any)
	if ev["text"] != "Russia attacked Turkey." || ev["verb"] != "attacked" {
		t.Errorf("evidence %v", ev)
	}
	if e1 := evs[1].(map[string]any); e1["target"] != nil {
		t.Errorf("a missing target must be null, got %v", e1["target"])
	}
	if src := e0["source"].(map[string]any); src["text"] != "Russia" || src["country"] != "RUS" {
		t.Errorf("source %v", src)
	}
	if len(m["actors"].([]any)) != 3 {
		t.Errorf("actors %v", m["actors"])
	}
}
