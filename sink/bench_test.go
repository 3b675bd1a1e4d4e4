package sink

import (
	"context"
	"io"
	"os"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

// BenchmarkJSONL writes the coded GigaWord sample as JSON Lines.
func BenchmarkJSONL(b *testing.B) {
	const path = "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v)", err)
	}
	r, err := pipeline.Load()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*doc.Doc
	sents := 0
	read.Paths([]string{path}, read.Options{Format: read.FormatPetrXML}, func(d *doc.Doc) error {
		if err := p.Run(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		sents += len(d.Sentences)
		return nil
	}, func(error) {})
	w := NewJSONL(io.Discard)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if err := w.Write(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(sents*b.N), "µs/sent")
}
