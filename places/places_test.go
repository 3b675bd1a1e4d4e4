package places_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"dyad/doc"
	"dyad/places"
)

// marker is "[text]CODE:kind": a place mention, its country and its kind.
var marker = regexp.MustCompile(`\[([^\]]+)\]([A-Z]{3}):(city|region|country)`)

// unmark strips the markers of s and returns the plain text and the
// expected places as "text CODE kind".
func unmark(s string) (string, []string) {
	var want []string
	plain := marker.ReplaceAllStringFunc(s, func(m string) string {
		p := marker.FindStringSubmatch(m)
		want = append(want, fmt.Sprintf("%s %s %s", p[1], p[2], p[3]))
		return p[1]
	})
	return plain, want
}

func code(t *testing.T, text string) *doc.Doc {
	t.Helper()
	d := &doc.Doc{ID: "t", Text: text, Date: time.Date(2018, 9, 7, 0, 0, 0, 0, time.UTC)}
	if err := testPipeline(t).Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPlaces(t *testing.T) {
	tests := []struct{ name, in string }{
		{"seed air strike", "Russian and government warplanes hit rebel-held parts of [Idlib]SYR:city."},
		{"province and direction", "Militants gathered in [Idlib province]SYR:region in northwest [Syria]SYR:country."},
		{"capital", "The summit in [Tehran]IRN:city ended on Friday."},
		{"organisation", "Hilal Khashan is a professor at the American University of Beirut."},
		{"newspaper and person", "The Washington Post said George Washington slept there."},
		{"qualified", "Clashes erupted in [Tripoli]LBN:city, [Lebanon]LBN:country, on Friday."},
		{"article's country", "The Lebanese army deployed in [Tripoli]LBN:city after clashes in [Lebanon]LBN:country."},
		{"default reading", "Forces loyal to Khalifa Haftar shelled the outskirts of [Tripoli]LBY:city."},
		{"alternate names", "Fighting in [Hama]SYR:city and [Idleb]SYR:city continued, and [Kiev]UKR:city protested."},
		{"country as modifier", "[U.S.]USA:country President Donald Trump spoke in [Moscow]RUS:city."},
		{"dateline", "[BEIRUT]LBN:city (Reuters) - Israeli jets struck targets in [Syria]SYR:country."},
		{"months and common words", "In March, Police said the Council would meet."},
		{"small town needs a locative", "Mr. Welch said he was tired of Welch's critics."},
		{"town, state", "A man from [Alexandria]USA:city, [Louisiana]USA:region, was arrested."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, want := unmark(tc.in)
			d := code(t, text)
			var got []string
			for _, p := range d.Places {
				got = append(got, fmt.Sprintf("%s %s %s", d.Slice(p.Span), p.Country, p.Kind))
				if p.Lat == 0 && p.Lon == 0 {
					t.Errorf("%s has no coordinates", d.Slice(p.Span))
				}
			}
			if strings.Join(got, "; ") != strings.Join(want, "; ") {
				t.Errorf("%s\n got  %q\n want %q", text, got, want)
			}
		})
	}
}

func TestLocations(t *testing.T) {
	tests := []struct {
		name, text, verb string
		want, precision  string     // location name; "" for none
		within           [3]float64 // lat, lon, km
	}{
		{"locative after verb", "But as the leaders gathered in Tehran, Russian and government warplanes hit rebel-held parts of Idlib, the Syrian Observatory for Human Rights war monitor said.",
			"hit", "Idlib", "city", [3]float64{35.93, 36.63, 60}},
		{"locative before verb", "In Aleppo, rebels attacked an army post.", "attacked", "Aleppo", "city", [3]float64{36.20, 37.16, 30}},
		{"region", "Government forces shelled villages in Idlib province on Sunday.", "shelled", "Idlib", "region", [3]float64{35.93, 36.63, 60}},
		{"dateline", "BEIRUT (Reuters) - Gunmen attacked a convoy on Sunday.", "attacked", "Beirut", "city", [3]float64{33.89, 35.50, 20}},
		{"salient", "Aleppo was quiet on Monday. Residents said rebels fired shells overnight.", "fired", "Aleppo", "city", [3]float64{36.20, 37.16, 30}},
		{"nowhere", "Rebels fired shells overnight.", "fired", "", "", [3]float64{}},
	}
	st := places.New()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := code(t, tc.text)
			// one event on the verb, whatever the events stage coded
			at := strings.Index(d.Text, tc.verb)
			si := 0
			for i, s := range d.Sentences {
				if int(s.Start) <= at && at < int(s.End) {
					si = i
				}
			}
			d.Events = []doc.Event{{Sentence: si, Verb: doc.Span{Start: int32(at), End: int32(at + len(tc.verb))}, CAMEO: "190"}}
			if err := st.Process(d); err != nil {
				t.Fatal(err)
			}
			loc := d.Events[0].Location
			if tc.want == "" {
				if loc != nil {
					t.Errorf("location = %+v, want none", loc)
				}
				return
			}
			if loc == nil {
				t.Fatalf("no location, want %s", tc.want)
			}
			if loc.Name != tc.want || loc.Precision != tc.precision {
				t.Errorf("location = %s (%s), want %s (%s)", loc.Name, loc.Precision, tc.want, tc.precision)
			}
			if km := distance(loc.Lat, loc.Lon, tc.within[0], tc.within[1]); km > tc.within[2] {
				t.Errorf("location %s is %.0f km from %.2f,%.2f, want ≤ %.0f", loc.Name, km, tc.within[0], tc.within[1], tc.within[2])
			}
		})
	}
}

func TestExplain(t *testing.T) {
	d := code(t, "Hilal Khashan is a professor at the American University of Beirut, which is in Beirut.")
	st := places.New()
	g, err := st.Gazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := st.Analyze(g, d)
	var b strings.Builder
	r.Explain(d, &b)
	// the first Beirut is the university's (a named actor, or an organisation
	// word before "of"), the second the city
	for _, want := range []string{`"Beirut" → Beirut (city, LB.04, LBN)`, `rejected "Beirut": inside`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explanation lacks %q:\n%s", want, b.String())
		}
	}
}
