package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"

	"dyad/actors"
	"dyad/codes"
	"dyad/data"
	"dyad/dict"
	"dyad/events"
	"dyad/gazetteer"
	"dyad/internal/prosenlp"
	"dyad/places"
	"dyad/quotes"
	"dyad/segment"
	"dyad/tag"
)

// Resources are the loaded models and dictionaries a pipeline is built
// from. Loading them is the expensive part of start-up; build them once and
// share them between pipelines and goroutines.
type Resources struct {
	Dict   *dict.Dictionaries
	Model  *prosenlp.Tagger
	Actors *actors.Dictionary
	Verbs  *events.Verbs
	Codes  *codes.Table
	Quotes *quotes.Stage
}

// Load reads the embedded dictionaries, then every override directory in
// order (files there replace or extend the defaults, see dict.Dictionaries.Add).
func Load(overrides ...fs.FS) (*Resources, error) {
	// Decode the tagger model and the gazetteer on other cores while the
	// dictionaries load: both are loaded once per process and shared.
	go prosenlp.Default()
	go gazetteer.Embedded()
	d, err := dict.Load(data.FS)
	if err != nil {
		return nil, fmt.Errorf("embedded dictionaries: %w", err)
	}
	var errs []error
	for _, o := range overrides {
		if err := d.Add(o); err != nil {
			errs = append(errs, err)
		}
	}
	r, err := FromDict(d)
	if err != nil {
		return nil, err
	}
	return r, errors.Join(errs...)
}

// FromDict builds the resources for dictionaries loaded some other way
// (for example PETRARCH dictionaries converted by package dict).
func FromDict(d *dict.Dictionaries) (*Resources, error) {
	m, err := prosenlp.Default()
	if err != nil {
		return nil, err
	}
	return &Resources{
		Dict:   d,
		Model:  m,
		Actors: actors.Compile(d),
		Verbs:  events.CompileVerbs(d.Verbs),
		Codes:  codes.Default(),
		Quotes: quotes.New(d),
	}, nil
}

// Lexicon returns what the tagger needs to know from the dictionaries.
func (r *Resources) Lexicon() *tag.Lexicon {
	nouns := r.Verbs.Nouns()
	agents := map[string]bool{}
	for _, a := range r.Dict.Agents {
		nouns[a.Phrase] = true
		agents[a.Phrase] = true
	}
	verbs := r.Verbs.Lemmas()
	return &tag.Lexicon{Irregular: maps.Clone(r.Dict.Lemmas), Verbs: verbs, Nouns: nouns, Agents: agents}
}

// Default returns dyad's standard pipeline, in order:
//
//	segment.v1 → tag.v1 → actors.v1 → events.v1 → quotes.v1 → places.v1
//
// ev, when non-nil, is used as the events stage (explain sets a trace on it).
func Default(r *Resources, ev *events.Stage) (*Pipeline, error) {
	if ev == nil {
		ev = events.New(r.Verbs, r.Codes, events.WithDiscards(r.Dict.Discards))
	}
	iso := make(map[string]string, len(r.Dict.Countries))
	for _, c := range r.Dict.Countries {
		if c.ISO2 != "" {
			iso[c.ISO2] = c.Code
		}
	}
	q := r.Quotes
	if q == nil {
		q = quotes.New(r.Dict)
	}
	return New(
		segment.Segmenter{},
		tag.New(r.Model, r.Lexicon()),
		actors.New(r.Actors),
		ev,
		q,
		places.New(places.WithCountryCodes(iso)),
	)
}
