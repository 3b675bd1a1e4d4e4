package places_test

import (
	"context"
	"fmt"
	"strings"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/places"
)

func Example() {
	res, err := pipeline.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := pipeline.Default(res, nil)
	st := places.New()
	p, err = pipeline.New(append(p.Stages(), st)...)
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "As leaders met in Tehran, warplanes hit rebel-held parts of Idlib in northwest Syria."
	d := &doc.Doc{Text: text}
	p.Run(context.Background(), d)
	for _, pl := range d.Places {
		fmt.Printf("%s → %s, %s (%s) %.2f, %.2f\n", d.Slice(pl.Span), pl.Name, pl.Country, pl.Kind, pl.Lat, pl.Lon)
	}
	// an event on "hit", as the events stage would code it
	at := int32(strings.Index(text, "hit"))
	d.Events = []doc.Event{{Verb: doc.Span{Start: at, End: at + 3}, CAMEO: "190"}}
	st.Process(d)
	l := d.Events[0].Location
	fmt.Printf("event at %s, %s (%s)\n", l.Name, l.Country, l.Precision)
	// Output:
	// Tehran → Tehran, IRN (city) 35.69, 51.42
	// Idlib → Idlib, SYR (city) 35.93, 36.63
	// Syria → Syria, SYR (country) 34.80, 39.00
	// event at Idlib, SYR (city)
}
