package places_test

import (
	"testing"

	"dyad/internal/pipetest"
	"dyad/read"
)

// BenchmarkGigaWord measures the places stage alone on PETRARCH-2's
// GigaWord sample, prepared once by the stages before it.
func BenchmarkGigaWord(b *testing.B) {
	pipetest.BenchStage(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML, 1000, "places.", nil)
}
