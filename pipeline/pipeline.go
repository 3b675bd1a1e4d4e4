// Package pipeline runs dyad's stages over a document in a fixed order.
//
// A Component declares the fields of the document it reads and writes
// ("doc.tokens", "token.tag", "doc.events"). New checks, before anything
// runs, that every field a component reads is written by an earlier one (or
// by the reader: doc.text, doc.date), and refuses to build a pipeline that
// would silently leave a field empty. Default (default.go) lists the stages
// in order with versioned names.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"dyad/doc"
)

// Component is one stage.
type Component interface {
	Name() string
	Reads() []string
	Writes() []string
	Process(*doc.Doc) error
}

// ErrRequirement is returned by New when a stage reads a field no earlier
// stage writes.
var ErrRequirement = errors.New("pipeline: unmet requirement")

// ReaderFields are the fields a reader sets on every document.
var ReaderFields = []string{"doc.id", "doc.text", "doc.date", "doc.title"}

// Pipeline is an ordered list of components. It holds no per-document state
// and is safe for concurrent use when its components are.
type Pipeline struct {
	stages []Component
}

// New builds a pipeline after checking every requirement.
func New(stages ...Component) (*Pipeline, error) {
	have := map[string]bool{}
	for _, f := range ReaderFields {
		have[f] = true
	}
	for _, s := range stages {
		for _, r := range s.Reads() {
			if !have[r] {
				return nil, fmt.Errorf("%w: %s reads %s, which no earlier stage writes", ErrRequirement, s.Name(), r)
			}
		}
		for _, w := range s.Writes() {
			have[w] = true
		}
	}
	return &Pipeline{stages: stages}, nil
}

// Stages returns the components in order.
func (p *Pipeline) Stages() []Component { return p.stages }

// Run passes d through every stage. A stage error is recorded as a
// diagnostic on d and the remaining stages still run; a panic inside a stage
// is recovered and recorded the same way. Run returns the first error.
func (p *Pipeline) Run(ctx context.Context, d *doc.Doc) error {
	var first error
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := safe(s, d); err != nil {
			d.Diagnostics.Add(doc.NoPos, doc.Error, s.Name(), "stage", err.Error())
			if first == nil {
				first = fmt.Errorf("%s: %w", s.Name(), err)
			}
		}
	}
	return first
}

// RunBatch passes every document of ds through the pipeline stage by stage:
// each stage codes all of ds before the next one starts, which keeps one
// stage's dictionaries in the processor's caches while it works (short
// documents such as single sentences code faster in batches of a few dozen).
// Each document ends as Run would leave it; RunBatch returns, for each
// document, the error Run would have returned, or nil, reusing errs.
func (p *Pipeline) RunBatch(ctx context.Context, ds []*doc.Doc, errs []error) []error {
	errs = append(errs[:0], make([]error, len(ds))...)
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			for i := range errs {
				errs[i] = err
			}
			return errs
		}
		for i, d := range ds {
			if err := safe(s, d); err != nil {
				d.Diagnostics.Add(doc.NoPos, doc.Error, s.Name(), "stage", err.Error())
				if errs[i] == nil {
					errs[i] = fmt.Errorf("%s: %w", s.Name(), err)
				}
			}
		}
	}
	return errs
}

func safe(s Component, d *doc.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return s.Process(d)
}

// Describe writes the table of stages with what each reads and writes.
func (p *Pipeline) Describe(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tstage\treads\twrites")
	for i, s := range p.stages {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", i+1, s.Name(), strings.Join(s.Reads(), ", "), strings.Join(s.Writes(), ", "))
	}
	return tw.Flush()
}
