// Package pipetest codes short texts with dyad's default pipeline and
// embedded dictionaries, for the external tests of the stage packages
// (actors_test, events_test), so that each does not build its own.
package pipetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
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
