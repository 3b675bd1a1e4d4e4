package actors_test

import (
	"testing"

	"dyad/doc"
	"dyad/internal/pipetest"
	"dyad/read"
)

// BenchmarkProcess runs the actors stage alone on PETRARCH-2's GigaWord
// sample, prepared once by the stages before it, and reports its time per
// sentence.
func BenchmarkProcess(b *testing.B) {
	pipetest.BenchStage(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML, 1000, "actors.",
		func(d *doc.Doc) { d.Actors = nil }) // as a fresh document has
}
