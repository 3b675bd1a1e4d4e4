package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/sink"
)

// loadGigaWord returns the sentences of PETRARCH-2's own sample.
func loadGigaWord(b *testing.B) []*doc.Doc {
	const path = "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	err := read.Paths([]string{path}, read.Options{Format: read.FormatPetrXML}, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	}, func(error) {})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkPipeline codes PETRARCH-2's GigaWord sample, raw text in, JSON
// out, on one goroutine, and reports sentences per second: "doc" runs each
// document through every stage in turn (Run), "batch32" codes 32 documents
// stage by stage (RunBatch), as dyad code does.
func BenchmarkPipeline(b *testing.B) {
	docs := loadGigaWord(b)
	p, err := pipeline.Default(resources(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, batch := range []int{1, 32} {
		name := "doc"
		if batch > 1 {
			name = fmt.Sprintf("batch%d", batch)
		}
		b.Run(name, func(b *testing.B) { benchCode(b, p, docs, batch) })
	}
}

// benchCode codes docs b.N times, batch documents at a time.
func benchCode(b *testing.B, p *pipeline.Pipeline, docs []*doc.Doc, batch int) {
	w := sink.NewJSONL(discard{})
	ctx := context.Background()
	sents := 0
	var ds []*doc.Doc
	var errs []error
	b.ReportAllocs()
	resetCounters(b)
	for i := 0; i < b.N; i++ {
		for k := 0; k < len(docs); k += batch {
			ds = ds[:0]
			for _, src := range docs[k:min(k+batch, len(docs))] {
				ds = append(ds, &doc.Doc{ID: src.ID, Date: src.Date, Text: src.Text})
			}
			if batch == 1 {
				if err := p.Run(ctx, ds[0]); err != nil {
					b.Fatal(err)
				}
			} else {
				errs = p.RunBatch(ctx, ds, errs)
				if err := errors.Join(errs...); err != nil {
					b.Fatal(err)
				}
			}
			for _, d := range ds {
				sents += len(d.Sentences)
				if err := w.Write(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	reportSentences(b, sents)
}

// reportSentences adds the per-sentence figures: sentences/s, allocations per
// sentence, and the process's peak resident memory.
func reportSentences(b *testing.B, sents int) {
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if sents > 0 {
		b.ReportMetric(float64(m.Mallocs-startMallocs)/float64(sents), "allocs/sentence")
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}

// startMallocs is the allocation count when a benchmark's timer starts.
var startMallocs uint64

func resetCounters(b *testing.B) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	startMallocs = m.Mallocs
	b.ResetTimer()
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkBBC codes 200 real BBC News articles (politics section).
func BenchmarkBBC(b *testing.B) {
	const dir = "../../shared/corpora/bbc/politics"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	read.Paths([]string{dir}, read.Options{Format: read.FormatText}, func(d *doc.Doc) error {
		if len(docs) < 200 {
			docs = append(docs, d)
		}
		return nil
	}, func(error) {})
	p, err := pipeline.Default(resources(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, batch := range []int{1, 32} {
		name := "doc"
		if batch > 1 {
			name = fmt.Sprintf("batch%d", batch)
		}
		b.Run(name, func(b *testing.B) { benchCode(b, p, docs, batch) })
	}
}

// BenchmarkStages codes the GigaWord sample like BenchmarkPipeline and
// reports each stage's share as microseconds per sentence (µs/sent-STAGE),
// so an optimisation can be read against the stage it targets.
func BenchmarkStages(b *testing.B) {
	docs := loadGigaWord(b)
	p, err := pipeline.Default(resources(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	w := sink.NewJSONL(discard{})
	stages := p.Stages()
	spent := make([]time.Duration, len(stages)+1)
	sents := 0
	b.ReportAllocs()
	resetCounters(b)
	for i := 0; i < b.N; i++ {
		for _, src := range docs {
			d := &doc.Doc{ID: src.ID, Date: src.Date, Text: src.Text}
			for k, s := range stages {
				t0 := time.Now()
				if err := s.Process(d); err != nil {
					b.Fatal(err)
				}
				spent[k] += time.Since(t0)
			}
			t0 := time.Now()
			if err := w.Write(d); err != nil {
				b.Fatal(err)
			}
			spent[len(stages)] += time.Since(t0)
			sents += len(d.Sentences)
		}
	}
	reportSentences(b, sents)
	for k, s := range stages {
		name, _, _ := strings.Cut(s.Name(), ".")
		b.ReportMetric(spent[k].Seconds()*1e6/float64(sents), "µs/sent-"+name)
	}
	b.ReportMetric(spent[len(stages)].Seconds()*1e6/float64(sents), "µs/sent-json")
}
