package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
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

// TestConcurrentMatchesSerial codes the golden script's sentences and the
// sample article with one shared pipeline from several goroutines at once,
// singly and in batches, and checks that every document's JSON is what
// coding it alone gives: the stages' pooled scratch must not leak between
// documents or goroutines.
func TestConcurrentMatchesSerial(t *testing.T) {
	script, err := os.ReadFile("../testdata/events.test")
	if err != nil {
		t.Fatal(err)
	}
	sample, err := os.ReadFile("../examples/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	type input struct {
		date time.Time
		text string
	}
	inputs := []input{{time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), string(sample)}}
	for line := range strings.SplitSeq(string(script), "\n") {
		f := strings.Split(line, " | ")
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		date, _ := time.Parse("2006-01-02", strings.TrimSpace(f[0]))
		inputs = append(inputs, input{date, f[1]})
	}
	p, err := pipeline.Default(resources(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	encode := func(d *doc.Doc) string {
		var b bytes.Buffer
		w := sink.NewJSONL(&b)
		if err := w.Write(d); err != nil {
			t.Error(err)
		}
		w.Flush()
		return b.String()
	}
	newDoc := func(i int) *doc.Doc {
		return &doc.Doc{ID: fmt.Sprint(i), Date: inputs[i].date, Text: inputs[i].text}
	}
	want := make([]string, len(inputs))
	for i := range inputs {
		d := newDoc(i)
		p.Run(context.Background(), d)
		want[i] = encode(d)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			batch := 1 + g*5 // 1, 6, 11, 16 documents at a time
			for start := g; start < len(inputs); start += batch {
				var ds []*doc.Doc
				for i := start; i < min(start+batch, len(inputs)); i++ {
					ds = append(ds, newDoc(i))
				}
				p.RunBatch(context.Background(), ds, nil)
				for k, d := range ds {
					if got := encode(d); got != want[start+k] {
						t.Errorf("goroutine %d, document %d differs from a serial run:\n got %s\nwant %s", g, start+k, got, want[start+k])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if len(inputs) < 20 {
		t.Fatalf("only %d inputs read from the golden script", len(inputs))
	}
}
