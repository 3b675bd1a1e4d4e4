package events_test

import (
	"os"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

// BenchmarkEvents runs only the events stage, after the stages before it
// have run once, and reports microseconds per sentence: over
// PETRARCH-2's GigaWord sample (short articles) and 200 BBC News
// articles (long ones).
func BenchmarkEvents(b *testing.B) {
	b.Run("giga", func(b *testing.B) {
		benchEvents(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML)
	})
	b.Run("bbc", func(b *testing.B) {
		benchEvents(b, "../../shared/corpora/bbc/politics", read.FormatText)
	})
}

func benchEvents(b *testing.B, path string, format read.Format) {
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	read.Paths([]string{path}, read.Options{Format: format}, func(d *doc.Doc) error {
		if len(docs) < 200 {
			docs = append(docs, d)
		}
		return nil
	}, func(error) {})
	r, err := pipeline.Load()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		b.Fatal(err)
	}
	var ev pipeline.Component
	sents := 0
	for _, d := range docs {
		for _, s := range p.Stages() {
			if strings.HasPrefix(s.Name(), "events.") {
				ev = s
				break
			}
			if err := s.Process(d); err != nil {
				b.Fatal(err)
			}
		}
		sents += len(d.Sentences)
	}
	if ev == nil {
		b.Fatal("no events stage")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if err := ev.Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(sents*b.N), "µs/sent")
}
