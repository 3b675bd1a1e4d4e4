package places_test

import (
	"context"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/places"
)

const benchText = `Zarif posted the message in the midst of a trilateral meeting between Iran, Russia and Turkey focused on a looming battle against militants in Idlib province in northwest Syria.

Similarly, Turkish President Tayyip Erdogan called for a ceasefire in the rebel-held region of Idlib in northwest Syria on Friday.

But as the leaders gathered in Tehran, Russian and government warplanes hit rebel-held parts of Idlib, the Syrian Observatory for Human Rights war monitor said.

"The battle for Idlib is going to be the final major battle," said Hilal Khashan, a political science professor at the American University of Beirut.`

// BenchmarkProcess measures the places stage alone on a tagged article
// (the gazetteer already loaded).
func BenchmarkProcess(b *testing.B) {
	p := testPipeline(b)
	base := &doc.Doc{Text: strings.Repeat(benchText+"\n\n", 5)}
	if err := p.Run(context.Background(), base); err != nil {
		b.Fatal(err)
	}
	st := places.New()
	if _, err := st.Gazetteer(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Process(base); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(base.Sentences))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
