package quotes_test

import (
	"testing"

	"dyad/internal/pipetest"
	"dyad/read"
)

// BenchmarkQuotesStage runs only the quotes stage over PETRARCH-2's
// GigaWord sample, after the stages before it have run once, and reports
// microseconds per sentence.
func BenchmarkQuotesStage(b *testing.B) {
	pipetest.BenchStage(b, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML, 100, "quotes.", nil)
}

// BenchmarkQuotesStageBBC is BenchmarkQuotesStage on the first 100 BBC
// News articles (politics section): long documents with many quotes.
func BenchmarkQuotesStageBBC(b *testing.B) {
	pipetest.BenchStage(b, "../../shared/corpora/bbc/politics", read.FormatText, 100, "quotes.", nil)
}
