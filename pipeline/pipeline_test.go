package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/sink"
)

type stage struct {
	name          string
	reads, writes []string
	fn            func(*doc.Doc) error
}

func (s stage) Name() string     { return s.name }
func (s stage) Reads() []string  { return s.reads }
func (s stage) Writes() []string { return s.writes }
func (s stage) Process(d *doc.Doc) error {
	if s.fn != nil {
		return s.fn(d)
	}
	return nil
}

func TestRequirements(t *testing.T) {
	a := stage{name: "a", reads: []string{"doc.text"}, writes: []string{"doc.tokens"}}
	b := stage{name: "b", reads: []string{"doc.tokens"}, writes: []string{"doc.events"}}
	if _, err := pipeline.New(a, b); err != nil {
		t.Fatalf("valid order refused: %v", err)
	}
	_, err := pipeline.New(b, a)
	if !errors.Is(err, pipeline.ErrRequirement) || !strings.Contains(err.Error(), "b reads doc.tokens") {
		t.Fatalf("wrong order: err = %v", err)
	}
}

func TestPanicIsRecorded(t *testing.T) {
	boom := stage{name: "boom", fn: func(*doc.Doc) error { panic("bad") }}
	after := false
	next := stage{name: "next", fn: func(*doc.Doc) error { after = true; return nil }}
	p, err := pipeline.New(boom, next)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{}
	if err := p.Run(context.Background(), d); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Fatalf("err = %v", err)
	}
	if !after || len(d.Diagnostics) != 1 {
		t.Fatalf("later stage ran = %v, diagnostics = %v", after, d.Diagnostics)
	}
}

func TestDefaultOrder(t *testing.T) {
	p, err := pipeline.Default(resources(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := p.Describe(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"segment.v1", "tag.v1", "actors.v1", "events.v1"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("pipeline table lacks %s:\n%s", s, b.String())
		}
	}
}

// TestRunBatch checks that coding stage by stage leaves every document as
// Run leaves it, keeps errors with their documents, and stops on a
// cancelled context.
func TestRunBatch(t *testing.T) {
	texts := []string{
		"Russian warplanes struck rebel-held parts of Idlib on Friday.",
		"",
		"Turkish President Tayyip Erdogan called for a ceasefire. Iran's President Hassan Rouhani said Syria must regain control of all its territory.",
		"FAIL Israeli soldiers arrested 100 Palestinians in Hebron.",
	}
	def, err := pipeline.Default(resources(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	// a stage that fails on documents starting "FAIL" and panics on empty ones
	check := stage{name: "check", fn: func(d *doc.Doc) error {
		if d.Text == "" {
			panic("empty")
		}
		if strings.HasPrefix(d.Text, "FAIL") {
			return errors.New("refused")
		}
		return nil
	}}
	p, err := pipeline.New(append(def.Stages(), check)...)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2018, 9, 7, 0, 0, 0, 0, time.UTC)
	var one, batch []*doc.Doc
	var oneErrs []error
	for i, s := range texts {
		d := &doc.Doc{ID: fmt.Sprint(i), Date: date, Text: s}
		oneErrs = append(oneErrs, p.Run(context.Background(), d))
		one = append(one, d)
		batch = append(batch, &doc.Doc{ID: fmt.Sprint(i), Date: date, Text: s})
	}
	errs := p.RunBatch(context.Background(), batch, nil)
	for i := range texts {
		if fmt.Sprint(errs[i]) != fmt.Sprint(oneErrs[i]) {
			t.Errorf("doc %d: RunBatch error %v, Run error %v", i, errs[i], oneErrs[i])
		}
		a, _ := json.Marshal(sink.Convert(one[i]))
		b, _ := json.Marshal(sink.Convert(batch[i]))
		if !bytes.Equal(a, b) {
			t.Errorf("doc %d differs:\nRun      %s\nRunBatch %s", i, a, b)
		}
	}
	if errs[0] != nil || errs[1] == nil || errs[3] == nil || len(batch[0].Events) == 0 {
		t.Errorf("errors %v, %d events in doc 0", errs, len(batch[0].Events))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, err := range p.RunBatch(ctx, []*doc.Doc{{Text: "x"}, {Text: "y"}}, errs) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled batch, doc %d: err = %v", i, err)
		}
	}
}
