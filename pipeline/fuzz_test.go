package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
)

// FuzzPipeline runs the whole pipeline on arbitrary text: no stage may
// panic (the pipeline records a recovered panic as an "internal error").
func FuzzPipeline(f *testing.F) {
	for _, s := range []string{
		"Russian and government warplanes hit rebel-held parts of Idlib, the monitor said.",
		"“As @X destroys U.S credibility,” Zarif wrote. He called on all militants in Syria to disarm.",
		"The Albanians of southern Serbia are demanding autonomy.",
		"If it , then \" ’s and , , said by",
		"Iran, Russia and Turkey met. They said it would not be good.",
	} {
		f.Add(s)
	}
	p, err := pipeline.Default(resources(f), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &doc.Doc{ID: "fuzz", Text: s}
		p.Run(context.Background(), d)
		for _, g := range d.Diagnostics {
			if strings.Contains(g.Msg, "internal error") {
				t.Fatalf("%s: %s on %q", g.Stage, g.Msg, s)
			}
		}
	})
}
