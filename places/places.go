// Package places finds the places an article names, resolves each to the
// gazetteer (with coordinates), and says where each event happened.
//
// Reads: doc.sentences, doc.tokens, token.tag, token.lemma, doc.actors,
// doc.events.
// Writes: doc.places, event.location.
//
// # Recognition
//
// A place mention is a run of capitalised words ("Idlib", "Rapides Parish",
// "Bosnia and Herzegovina", an all-capitals dateline "BEIRUT") whose text
// is a name in the gazetteer (case, diacritics and punctuation ignored, so
// "Idleb" and "Hama" find "Idlib" and "Ḩamāh"). The longest name wins. A
// following "province", "governorate", "region", "state", "county" or
// "district" joins the mention and makes it the region ("in Idlib
// province"), as "the province of" before it does; direction words before
// it are left out of it ("northwest Syria" is Syria). A name is not a place
// when it is
//
//   - inside a longer proper name: "Washington Post", "Texas Rangers",
//     "Dublin International Piano Competition" (a capitalised proper noun
//     next to it that is not a title, "Gainesville Mayor …", or a direction,
//     "Northern Ireland"); a country before a name is kept as a modifier
//     ("U.S. President Donald Trump");
//   - inside an organisation's name: "American University of Beirut",
//     "Bank of England" (an organisation word, then "of" or "for");
//   - part of a named actor the actors stage matched in actors.txt
//     ("Hilal Khashan"), or a person's name: "Andrew Trapani", "Mr. Welch",
//     and then every other bare mention of that name in the article;
//   - a function word or a common capitalised word ("We", "March",
//     "Police", "Council", "Western"), or a sentence-initial word the tagger
//     does not call a proper noun, unless it names a country, a region or a
//     city of 100,000 people;
//   - a minor place (cities and districts under 100,000 people, capitals
//     excepted) that the article never names after a locative or origin
//     preposition ("in", "at", "near", "from", "to", "the town of", "residents
//     of"), in a dateline, or as "Town, State"; a town under 10,000 people
//     (not a seat of government) needs such a phrase at that very mention.
//
// # Disambiguation
//
// Each mention's candidates are scored: population (log scale); kind
// (countries, then capitals, regions and seats of regions); the article's
// countries, from the other place names whose country is clear and from
// actors coded with a country by their own words ("Lebanese troops"), the
// name being resolved left out ("Tripoli" in an article about Lebanon is
// Tripoli, Lebanon; "Georgia" among Gainesville and Duluth is the U.S.
// state); an explicit qualifier ("Tripoli, Lebanon", "Alexandria, La.");
// and, in a second pass, the region of the other places chosen. When a
// city and the region it is the seat of share the name ("Idlib", "Tehran")
// the city is chosen unless the mention says "province" (or the like). A
// name keeps one reading within an article. Result.Explain prints every
// choice and rejection with its reason.
//
// # Event location
//
// An event is placed, in order of preference, at the place of a locative
// phrase ("in/at/near/outside/across/over X", "parts of X") after its verb
// in the same clause (the nearest; the clause ends at ";", ":", "said",
// "while", "according"); at a place inside its target ("rebel-held parts
// of Idlib"); at a locative place before the verb in the same clause ("In
// Idlib, rebels …"; the clause starts after a comma or a relative pronoun);
// at the dateline's place; or at the article's most salient place (most
// mentioned, cities weighted 1.5 and regions 1.25 against countries). A
// place that is itself the event's source or target ("Russia said") is not
// its location. Location.Precision is "city", "region" (first- or
// second-level) or "country".
//
//	Russian and government warplanes hit rebel-held parts of Idlib.
//	→ places: Idlib (SYR 35.93, 36.63, city); event location: Idlib, precision city
//
// The gazetteer is loaded on the first Process call (see
// gazetteer.Embedded), so building a pipeline costs nothing until an
// article is coded.
package places

import (
	"errors"
	"fmt"
	"sync"

	"dyad/doc"
	"dyad/gazetteer"
)

// ErrGazetteer is returned by Process when the gazetteer cannot be loaded.
var ErrGazetteer = errors.New("places: gazetteer unavailable")

// Stage is the places stage. It is safe for concurrent use.
type Stage struct {
	load  func() (*gazetteer.Gazetteer, error)
	codes map[string]string // ISO 3166 alpha-2 → dyad country code
	back  map[string]string // dyad country code → ISO 3166 alpha-2

	once sync.Once
	gaz  *gazetteer.Gazetteer
	err  error

	scratch sync.Pool // of *resolveScratch
	results sync.Pool // of *Result, for Process
}

// Option configures a Stage.
type Option func(*Stage)

// WithGazetteer makes the stage use g instead of the embedded gazetteer.
func WithGazetteer(g *gazetteer.Gazetteer) Option {
	return func(s *Stage) { s.load = func() (*gazetteer.Gazetteer, error) { return g, nil } }
}

// WithCountryCodes gives the country codes the actors stage uses (CAMEO,
// from countries.txt), keyed by ISO 3166-1 alpha-2 code ("RO" → "ROM").
// Places and locations then carry those codes, and actor countries count
// as evidence for disambiguation. Without it, codes are ISO alpha-3, which
// CAMEO uses for almost every country.
func WithCountryCodes(iso2ToCode map[string]string) Option {
	return func(s *Stage) {
		s.codes = map[string]string{}
		s.back = map[string]string{}
		for iso2, c := range iso2ToCode {
			s.codes[iso2] = c
			s.back[c] = iso2
		}
	}
}

// New returns the places stage.
func New(opts ...Option) *Stage {
	s := &Stage{load: gazetteer.Embedded}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Name implements pipeline.Component.
func (*Stage) Name() string { return "places.v1" }

// Reads implements pipeline.Component.
func (*Stage) Reads() []string {
	return []string{"doc.sentences", "doc.tokens", "token.tag", "token.lemma", "doc.actors", "doc.events"}
}

// Writes implements pipeline.Component.
func (*Stage) Writes() []string { return []string{"doc.places", "event.location"} }

// Gazetteer returns the stage's gazetteer, loading it on first use.
func (s *Stage) Gazetteer() (*gazetteer.Gazetteer, error) {
	s.once.Do(func() {
		s.gaz, s.err = s.load()
		if s.err != nil {
			s.err = fmt.Errorf("%w: %v", ErrGazetteer, s.err)
		}
	})
	return s.gaz, s.err
}

// Process finds and resolves the places of d and locates its events. It
// replaces d.Places and every event's Location.
func (s *Stage) Process(d *doc.Doc) error {
	g, err := s.Gazetteer()
	if err != nil {
		return err
	}
	r, _ := s.results.Get().(*Result)
	if r == nil {
		r = new(Result)
	}
	s.analyze(g, d, r)
	r.commit(s, d)
	s.results.Put(r)
	return nil
}

// countryCode returns the code places carry for a gazetteer entry's country.
func (s *Stage) countryCode(e *gazetteer.Entry) string {
	if c, ok := s.codes[e.ISO2]; ok {
		return c
	}
	return e.ISO3
}

// Precision returns the location precision of a gazetteer entry: "city",
// "region" (first- or second-level region) or "country".
func Precision(e *gazetteer.Entry) string {
	switch e.Kind {
	case gazetteer.Country:
		return "country"
	case gazetteer.Region, gazetteer.District:
		return "region"
	}
	return "city"
}

func (r *Result) commit(s *Stage, d *doc.Doc) {
	n := 0
	for _, m := range r.Mentions {
		if m.Entry != nil {
			n++
		}
	}
	if cap(d.Places) < n {
		d.Places = make([]doc.Place, 0, n)
	}
	d.Places = d.Places[:0]
	for _, m := range r.Mentions {
		if m.Entry == nil {
			continue
		}
		d.Places = append(d.Places, doc.Place{
			Span: m.Span, Sentence: m.Sentence, Name: m.Entry.Name, Country: s.countryCode(m.Entry),
			Lat: m.Entry.Lat, Lon: m.Entry.Lon, Kind: Precision(m.Entry),
		})
	}
	// the locations, allocated together
	n = 0
	for i := range d.Events {
		if i < len(r.Locations) && r.Locations[i].Mention != nil {
			n++
		}
	}
	locs := make([]doc.Location, n)
	for i := range d.Events {
		d.Events[i].Location = nil
		if i < len(r.Locations) && r.Locations[i].Mention != nil {
			e := r.Locations[i].Mention.Entry
			locs[0] = doc.Location{
				Name: e.Name, Country: s.countryCode(e), Lat: e.Lat, Lon: e.Lon, Precision: Precision(e),
			}
			d.Events[i].Location, locs = &locs[0], locs[1:]
		}
	}
}
