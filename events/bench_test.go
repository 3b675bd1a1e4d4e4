package events_test

import (
	"testing"

	"dyad/internal/pipetest"
	"dyad/read"
)

// BenchmarkEvents runs only the events stage, after the stages before it
// have run once, and reports microseconds per sentence: over
// PETRARCH-2's GigaWord sample (short articles) and 200 BBC News
// articles (long ones).
func BenchmarkEvents(b *testing.B) {
	b.Run("giga", func(b *testing.B) {
		pipetest.BenchStage(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML, 200, "events.", nil)
	})
	b.Run("bbc", func(b *testing.B) {
		pipetest.BenchStage(b, "../../shared/corpora/bbc/politics", read.FormatText, 200, "events.", nil)
	})
}
