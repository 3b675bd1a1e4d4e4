package quotes_test

import (
	"context"
	"fmt"
	"os"

	"dyad/actors"
	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/events"
	"dyad/internal/prosenlp"
	"dyad/pipeline"
	"dyad/quotes"
)

// The quotes stage runs after the events stage. Here a title ("the
// minister") and a pronoun ("He") resolve to the speaker's first, full
// mention, and a quote split around its attribution gives two quotes.
func Example() {
	d, _ := dict.Load(os.DirFS("testdata/dict"))
	model, _ := prosenlp.Load()
	res := &pipeline.Resources{Dict: d, Model: model, Actors: actors.Compile(d),
		Verbs: events.CompileVerbs(d.Verbs), Codes: codes.Default()}
	base, _ := pipeline.Default(res, nil)
	p, err := pipeline.New(withQuotes(base.Stages(), quotes.New(res.Dict))...)
	if err != nil {
		fmt.Println(err)
		return
	}
	art := &doc.Doc{Text: "Iranian Foreign Minister Mohammad Zarif met Putin in Tehran. " +
		"“We are ready,” the minister said, “and we will not wait.” He added that Iran opposed a truce."}
	if err := p.Run(context.Background(), art); err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range art.Quotes {
		kind := "reported"
		if q.Direct {
			kind = "direct"
		}
		fmt.Printf("%-8s %-28q %s (%s), named %q\n", kind, art.Slice(q.Span), art.Slice(q.Speaker.Span), q.Speaker.Code, q.SpeakerText)
	}
	// Output:
	// direct   "We are ready"               Mohammad Zarif (IRNGOV), named "the minister"
	// direct   "and we will not wait."      Mohammad Zarif (IRNGOV), named "the minister"
	// reported "Iran opposed a truce"       Mohammad Zarif (IRNGOV), named "He"
}
