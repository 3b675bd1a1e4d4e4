package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
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
