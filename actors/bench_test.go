package actors_test

import (
	"os"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

// BenchmarkProcess runs the actors stage alone on PETRARCH-2's GigaWord
// sample, prepared once by the stages before it, and reports its time per
// sentence.
func BenchmarkProcess(b *testing.B) {
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
			if strings.HasPrefix(s.Name(), "actors.") {
				stage = s
				break
			}
			if err := s.Process(d); err != nil {
				b.Fatal(err)
			}
		}
		sents += len(d.Sentences)
	}
	if stage == nil {
		b.Fatal("no actors stage")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			d.Actors = nil // as a fresh document has
			if err := stage.Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e3/float64(b.N*sents), "µs/sent")
}
