package segment

import (
	"os"
	"strings"
	"testing"

	"dyad/doc"
)

// BenchmarkSegment segments the sentences of PETRARCH-2's GigaWord sample,
// each as its own document like the pipeline benchmark does.
func BenchmarkSegment(b *testing.B) {
	raw, err := os.ReadFile("../../shared/reference/petrarch2/GigaWord.sample.PETR.xml")
	if err != nil {
		b.Skipf("../shared is absent (%v)", err)
	}
	var texts []string
	for _, part := range strings.Split(string(raw), "<Text>")[1:] {
		t, _, _ := strings.Cut(part, "</Text>")
		texts = append(texts, strings.TrimSpace(t))
	}
	b.ReportAllocs()
	b.ResetTimer()
	sents := 0
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			d := &doc.Doc{Text: t}
			(Segmenter{}).Process(d)
			sents += len(d.Sentences)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e6/float64(sents), "µs/sent")
}
