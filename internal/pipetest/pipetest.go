// Package pipetest codes short texts with dyad's default pipeline and
// embedded dictionaries, for the external tests of the stage packages
// (actors_test, events_test), so that each does not build its own, and
// measures one stage alone for their benchmarks.
package pipetest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

var (
	once sync.Once
	pl   *pipeline.Pipeline
	perr error
)

// Code runs the default pipeline on text dated date (YYYY-MM-DD, or "" for
// unknown) and returns the coded document. The pipeline is built once per
// test binary. t may be nil in Example functions; errors then panic.
func Code(t testing.TB, date, text string) *doc.Doc {
	once.Do(func() {
		var r *pipeline.Resources
		if r, perr = pipeline.Load(); perr == nil {
			pl, perr = pipeline.Default(r, nil)
		}
	})
	fail := func(err error) {
		if t == nil {
			panic(err)
		}
		t.Fatal(err)
	}
	if perr != nil {
		fail(perr)
	}
	d := &doc.Doc{ID: "t", Text: text}
	if date != "" {
		d.Date, _ = time.Parse("2006-01-02", date)
	}
	if err := pl.Run(context.Background(), d); err != nil {
		fail(err)
	}
	return d
}

// BenchStage measures one stage of the default pipeline alone: it reads at
// most max documents at path (skipping the benchmark where path is
// absent), runs the stages before the one whose name starts with prefix
// ("events.") once over them, then times that stage over all of them b.N
// times and reports microseconds per sentence. reset, when not nil, is
// called on each document before the stage runs, to undo what an earlier
// run of the stage left that a fresh document would not have.
func BenchStage(b *testing.B, path string, format read.Format, max int, prefix string, reset func(*doc.Doc)) {
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	err := read.Paths([]string{path}, read.Options{Format: format}, func(d *doc.Doc) error {
		if len(docs) < max {
			docs = append(docs, d)
		}
		return nil
	}, func(error) {})
	if err != nil {
		b.Fatal(err)
	}
	r, err := pipeline.Load()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		b.Fatal(err)
	}
	var stage pipeline.Component
	sents := 0
	for _, d := range docs {
		for _, s := range p.Stages() {
			if strings.HasPrefix(s.Name(), prefix) {
				stage = s
				break
			}
			if err := s.Process(d); err != nil {
				b.Fatal(err)
			}
		}
		sents += len(d.Sentences)
	}
	if stage == nil || sents == 0 {
		b.Fatalf("no stage %q in the default pipeline, or no sentences in %s", prefix, path)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if reset != nil {
				reset(d)
			}
			if err := stage.Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*sents), "µs/sent")
}
