package quotes_test

import (
	"os"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

// BenchmarkQuotesStage runs only the quotes stage over PETRARCH-2's
// GigaWord sample, after the stages before it have run once, and reports
// microseconds per sentence.
func BenchmarkQuotesStage(b *testing.B) {
	benchStage(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML)
}

// BenchmarkQuotesStageBBC is BenchmarkQuotesStage on the first 100 BBC
// News articles (politics section): long documents with many quotes.
func BenchmarkQuotesStageBBC(b *testing.B) {
	benchStage(b, "../../shared/corpora/bbc/politics", read.FormatText)
}

// benchStage runs the quotes stage alone over the documents at path (at
// most 100), after the stages before it have run once.
func benchStage(b *testing.B, path string, format read.Format) {
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	if err := read.Paths([]string{path}, read.Options{Format: format}, func(d *doc.Doc) error {
		if len(docs) < 100 {
			docs = append(docs, d)
		}
		return nil
	}, func(error) {}); err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Load()
	if res == nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		b.Fatal(err)
	}
	var stage pipeline.Component
	sents := 0
	for _, d := range docs {
		for _, s := range p.Stages() {
			if err := s.Process(d); err != nil {
				b.Fatal(err)
			}
			if s.Name() == "quotes.v1" {
				stage = s
				break
			}
		}
		sents += len(d.Sentences)
	}
	if stage == nil {
		b.Fatal("no quotes stage")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if err := stage.Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*sents), "µs/sent")
}
