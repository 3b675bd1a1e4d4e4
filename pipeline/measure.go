package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dyad/doc"
)

// Measurement is what Measure observed while coding.
type Measurement struct {
	Docs, Sentences, Tokens, Events int
	Workers                         int
	// Wall is the elapsed time of the timed run; Mallocs and Bytes are the
	// heap allocations it made (all goroutines, the collector's included).
	Wall           time.Duration
	Mallocs, Bytes uint64
	// HeapBefore and HeapAfter are the live heap, after a collection,
	// before and after the timed run: memory that stays flat over a long
	// run keeps them close.
	HeapBefore, HeapAfter uint64
	// Stages is the time spent in each stage, summed over workers, in
	// pipeline order; the last entry, "json", is the time in the sink.
	Stages []StageTime
}

// StageTime is the time one stage took over a measurement.
type StageTime struct {
	Name string
	Time time.Duration
}

// SentencesPerSecond is the throughput of the timed run.
func (m Measurement) SentencesPerSecond() float64 {
	return float64(m.Sentences) / m.Wall.Seconds()
}

// MeasureOptions say how Measure codes.
type MeasureOptions struct {
	MinSentences int // repeat the documents until at least this many sentences
	Workers      int // goroutines coding at once (at least 1)
	Batch        int // documents per RunBatch call (1: Run's order)
	// Sink, when set, returns a writer for one worker; the time its
	// Write takes is reported as the stage "json" (sink.NewJSONL to
	// io.Discard measures the JSON Lines encoding).
	Sink func() DocWriter
}

// DocWriter writes a coded document somewhere.
type DocWriter interface {
	Write(*doc.Doc) error
}

// Measure codes copies of docs (their ID, date and text) through p and
// hands them to o.Sink's writers, repeating the collection until at
// least o.MinSentences sentences are coded, on o.Workers goroutines, each
// taking the next o.Batch documents at a time and coding them stage by stage
// as RunBatch does (order does not matter here). A first, untimed pass over
// the collection warms caches and counts its sentences. Measure returns the
// first error a document's coding returned.
func Measure(ctx context.Context, p *Pipeline, docs []*doc.Doc, o MeasureOptions) (Measurement, error) {
	if len(docs) == 0 {
		return Measurement{}, fmt.Errorf("pipeline: nothing to measure")
	}
	workers, batch, minSentences := max(o.Workers, 1), max(o.Batch, 1), o.MinSentences
	perPass := 0
	for _, src := range docs {
		d := &doc.Doc{ID: src.ID, Date: src.Date, Text: src.Text}
		if err := p.Run(ctx, d); err != nil {
			return Measurement{}, err
		}
		perPass += len(d.Sentences)
	}
	passes := 1
	if perPass > 0 && minSentences > perPass {
		passes = (minSentences + perPass - 1) / perPass
	}
	total := passes * len(docs)

	type tally struct {
		spent                     []time.Duration
		sentences, tokens, events int
		err                       error
	}
	tallies := make([]tally, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func(t *tally) {
			defer wg.Done()
			t.spent = make([]time.Duration, len(p.stages)+1)
			var out DocWriter
			if o.Sink != nil {
				out = o.Sink()
			}
			ds := make([]*doc.Doc, 0, batch)
			for {
				k := int(next.Add(int64(batch))) - batch
				if k >= total || ctx.Err() != nil {
					return
				}
				ds = ds[:0]
				for ; k < total && len(ds) < batch; k++ {
					src := docs[k%len(docs)]
					ds = append(ds, &doc.Doc{ID: src.ID, Date: src.Date, Text: src.Text})
				}
				for i, s := range p.stages {
					t0 := time.Now()
					for _, d := range ds {
						if err := safe(s, d); err != nil && t.err == nil {
							t.err = fmt.Errorf("%s: %s: %w", d.ID, s.Name(), err)
						}
					}
					t.spent[i] += time.Since(t0)
				}
				if out != nil {
					t0 := time.Now()
					for _, d := range ds {
						if err := out.Write(d); err != nil && t.err == nil {
							t.err = err
						}
					}
					t.spent[len(p.stages)] += time.Since(t0)
				}
				for _, d := range ds {
					t.sentences += len(d.Sentences)
					t.tokens += len(d.Tokens)
					t.events += len(d.Events)
				}
			}
		}(&tallies[w])
	}
	wg.Wait()
	m := Measurement{Docs: total, Workers: workers, Wall: time.Since(start)}
	runtime.ReadMemStats(&after)
	m.Mallocs, m.Bytes = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
	runtime.GC()
	runtime.ReadMemStats(&after)
	m.HeapBefore, m.HeapAfter = before.HeapAlloc, after.HeapAlloc
	m.Stages = make([]StageTime, len(p.stages)+1)
	for i, s := range p.stages {
		name, _, _ := strings.Cut(s.Name(), ".")
		m.Stages[i].Name = name
	}
	m.Stages[len(p.stages)].Name = "json"
	for _, t := range tallies {
		if t.err != nil {
			return m, t.err
		}
		m.Sentences += t.sentences
		m.Tokens += t.tokens
		m.Events += t.events
		for i, d := range t.spent {
			m.Stages[i].Time += d
		}
	}
	return m, ctx.Err()
}
