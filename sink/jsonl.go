// Package sink writes coded documents out. JSONL writes the JSON Lines
// contract of docs/format/events.md: one object per article with doc_id,
// date, title, events, quotes, actors and places. Keys are a contract:
// they may be added to, never renamed or removed.
package sink

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"dyad/doc"
	"dyad/gazetteer"
)

// Actor is an actor as it appears in an event or quote.
type Actor struct {
	Text    string   `json:"text"`
	Code    string   `json:"code"`
	Country string   `json:"country"`
	Sectors []string `json:"sectors"`
	Rule    string   `json:"rule,omitempty"`
}

// Plover is the PLOVER type of an event.
type Plover struct {
	Event string `json:"event"`
	Mode  string `json:"mode"`
}

// Location is where an event happened.
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision,omitempty"`
	Geo
}

// Geo holds GDELT's geographic fields of a place resolved to the gazetteer:
// geo_type (1 country, 2 US state, 3 US city, 4 world city, 5 world
// state), the FIPS 10-4 country code, the ADM1 code (FIPS country + region
// code, "SY12") and the feature id (GeoNames id of a city, ADM1 code of a
// region, FIPS code of a country).
type Geo struct {
	GeoType   int    `json:"geo_type,omitempty"`
	FIPS      string `json:"fips,omitempty"`
	ADM1      string `json:"adm1,omitempty"`
	FeatureID string `json:"feature_id,omitempty"`
}

// GeoOf looks a resolved place up in the embedded gazetteer (loaded on
// first use) for its GDELT fields; zero when it is not there.
func GeoOf(name string, lat, lon float64) Geo {
	g, err := gazetteer.Embedded()
	if err != nil {
		return Geo{}
	}
	e, ok := g.Find(name, lat, lon)
	if !ok {
		return Geo{}
	}
	return Geo{GeoType: e.GeoType(), FIPS: e.FIPS, ADM1: e.ADM1(), FeatureID: e.FeatureID()}
}

// Evidence says why an event was coded.
type Evidence struct {
	Text       string  `json:"text"`
	Verb       string  `json:"verb"`
	Rule       string  `json:"rule"`
	SourceSpan [2]int  `json:"source_span"`
	VerbSpan   [2]int  `json:"verb_span"`
	TargetSpan *[2]int `json:"target_span"`
}

// Event is one coded event.
type Event struct {
	ID        string    `json:"id"`
	Sentence  int       `json:"sentence"`
	Source    *Actor    `json:"source"`
	Target    *Actor    `json:"target"`
	CAMEO     string    `json:"cameo"`
	Root      string    `json:"cameo_root"`
	Quad      int       `json:"quad_class"`
	Goldstein float64   `json:"goldstein"`
	Plover    Plover    `json:"plover"`
	Location  *Location `json:"location"`
	Mood      string    `json:"mood,omitempty"`
	Evidence  Evidence  `json:"evidence"`
}

// Quote is a quote with its speaker.
type Quote struct {
	Sentence int    `json:"sentence"`
	Speaker  *Actor `json:"speaker"`
	Text     string `json:"text"`
	Direct   bool   `json:"direct"`
}

// Mention is an actor mention.
type Mention struct {
	Sentence int      `json:"sentence"`
	Text     string   `json:"text"`
	Code     string   `json:"code"`
	Country  string   `json:"country"`
	Sectors  []string `json:"sectors"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Rule     string   `json:"rule"`
}

// Place is a place mention.
type Place struct {
	Sentence int     `json:"sentence"`
	Text     string  `json:"text"`
	Name     string  `json:"name"`
	Country  string  `json:"country"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Kind     string  `json:"kind,omitempty"`
	Geo
}

// Diagnostic is a problem met while coding the article.
type Diagnostic struct {
	Stage    string `json:"stage"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Position string `json:"position,omitempty"`
}

// Document is one output line.
type Document struct {
	DocID       string       `json:"doc_id"`
	Date        *string      `json:"date"`
	Title       *string      `json:"title"`
	Source      string       `json:"source,omitempty"`
	Events      []Event      `json:"events"`
	Quotes      []Quote      `json:"quotes"`
	Actors      []Mention    `json:"actors"`
	Places      []Place      `json:"places"`
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

// actor returns the output form of a, or nil; a new Actor comes from s.
func (s *scratch) actor(d *doc.Doc, a *doc.Actor) *Actor {
	if a == nil {
		return nil
	}
	sec := a.Sectors
	if sec == nil {
		sec = []string{}
	}
	o := s.newActor()
	*o = Actor{Text: d.Slice(a.Span), Code: a.Code, Country: a.Country, Sectors: sec}
	return o
}

func span(s doc.Span) [2]int { return [2]int{int(s.Start), int(s.End)} }

// Convert turns a coded document into its output form. Offsets (start, end,
// *_span) are byte offsets into the article body.
func Convert(d *doc.Doc) Document {
	var out Document
	var s scratch
	s.convert(d, &out)
	return out
}

// scratch holds what converting a document allocates besides the
// Document's own slices, so that JSONL reuses it from one document to the
// next. Its zero value allocates afresh, as Convert needs.
type scratch struct {
	actors []Actor    // the events' and quotes' actors
	spans  [][2]int   // the events' target spans
	locs   []Location // the events' locations

	// geo caches GeoOf's answers when not nil.
	geo map[geoKey]Geo

	// date and dateStr: the last date formatted, and its text.
	date    time.Time
	dateStr *string
}

// geoKey is what GeoOf's answer depends on.
type geoKey struct {
	name     string
	lat, lon float64
}

// maxGeoCache bounds the number of places scratch.geo remembers.
const maxGeoCache = 1 << 14

// newActor returns a pointer to a zero Actor in s.actors, which convert
// gives room for all of a document's actors. (Were it to grow, the
// pointers handed out before would still point at their own Actors.)
func (s *scratch) newActor() *Actor {
	s.actors = append(s.actors, Actor{})
	return &s.actors[len(s.actors)-1]
}

// geoOf returns GeoOf(name, lat, lon), through s.geo when it is set.
func (s *scratch) geoOf(name string, lat, lon float64) Geo {
	if s.geo == nil {
		return GeoOf(name, lat, lon)
	}
	k := geoKey{name, lat, lon}
	if g, ok := s.geo[k]; ok {
		return g
	}
	g := GeoOf(name, lat, lon)
	if len(s.geo) >= maxGeoCache {
		clear(s.geo)
	}
	s.geo[k] = g
	return g
}

// grow returns sl emptied with room for n elements. Elements beyond
// len(sl) are zero: each use clears what the one before it used.
func grow[T any](sl []T, n int) []T {
	if sl == nil || cap(sl) < n {
		return make([]T, 0, n) // never nil: an empty list is [], not null
	}
	clear(sl) // drop references to the previous document
	return sl[:0]
}

// convert fills out, reusing its slices and those of s, with the output
// form of d (see Convert).
func (s *scratch) convert(d *doc.Doc, out *Document) {
	*out = Document{
		DocID: d.ID, Source: d.Source,
		Events:      grow(out.Events, len(d.Events)),
		Quotes:      grow(out.Quotes, len(d.Quotes)),
		Actors:      grow(out.Actors, len(d.Actors)),
		Places:      grow(out.Places, len(d.Places)),
		Diagnostics: out.Diagnostics[:0],
	}
	nActors, nSpans, nLocs := len(d.Quotes), 0, 0
	for i := range d.Events {
		e := &d.Events[i]
		nActors += 2
		if e.Target != nil {
			nSpans++
		}
		if e.Location != nil {
			nLocs++
		}
	}
	s.actors = grow(s.actors, nActors)
	s.spans = grow(s.spans, nSpans)
	s.locs = grow(s.locs, nLocs)
	if d.HasDate() {
		if s.dateStr == nil || !s.date.Equal(d.Date) || s.date.Location() != d.Date.Location() {
			str := d.Date.Format("2006-01-02")
			s.date, s.dateStr = d.Date, &str
		}
		out.Date = s.dateStr
	}
	if d.Title != "" {
		t := d.Title
		out.Title = &t
	}
	for i := range d.Events {
		e := &d.Events[i]
		out.Events = append(out.Events, Event{
			ID: e.ID, Sentence: e.Sentence, Source: s.actor(d, e.Source), Target: s.actor(d, e.Target),
			CAMEO: e.CAMEO, Root: e.Root, Quad: e.Quad, Goldstein: e.Goldstein,
			Plover: Plover{Event: e.Plover.Event, Mode: e.Plover.Mode}, Mood: e.Mood,
			Evidence: Evidence{
				Text: d.Slice(d.Sentences[e.Sentence].Span), Verb: d.Slice(e.Verb), Rule: e.Rule,
				VerbSpan: span(e.Verb),
			},
		})
		ev := &out.Events[len(out.Events)-1]
		if e.Source != nil {
			ev.Evidence.SourceSpan = span(e.Source.Span)
			ev.Source.Rule = e.Source.Rule
		}
		if e.Target != nil {
			s.spans = append(s.spans, span(e.Target.Span))
			ev.Evidence.TargetSpan = &s.spans[len(s.spans)-1]
			ev.Target.Rule = e.Target.Rule
		}
		if l := e.Location; l != nil {
			s.locs = append(s.locs, Location{Name: l.Name, Country: l.Country, Lat: l.Lat, Lon: l.Lon, Precision: l.Precision, Geo: s.geoOf(l.Name, l.Lat, l.Lon)})
			ev.Location = &s.locs[len(s.locs)-1]
		}
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		oq := Quote{Sentence: q.Sentence, Text: d.Slice(q.Span), Direct: q.Direct, Speaker: s.actor(d, q.Speaker)}
		if oq.Speaker == nil && q.SpeakerText != "" {
			oq.Speaker = s.newActor()
			*oq.Speaker = Actor{Text: q.SpeakerText, Sectors: []string{}}
		}
		out.Quotes = append(out.Quotes, oq)
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		if len(a.Members) > 0 || a.Code == "" {
			continue
		}
		sec := a.Sectors
		if sec == nil {
			sec = []string{}
		}
		out.Actors = append(out.Actors, Mention{
			Sentence: a.Sentence, Text: d.Slice(a.Span), Code: a.Code, Country: a.Country, Sectors: sec,
			Start: int(a.Start), End: int(a.End), Rule: a.Rule,
		})
	}
	for i := range d.Places {
		p := &d.Places[i]
		out.Places = append(out.Places, Place{Sentence: p.Sentence, Text: d.Slice(p.Span), Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, Kind: p.Kind, Geo: s.geoOf(p.Name, p.Lat, p.Lon)})
	}
	for _, g := range d.Diagnostics {
		sev := "warning"
		if g.Severity == doc.Error {
			sev = "error"
		}
		dg := Diagnostic{Stage: g.Stage, Code: g.Code, Severity: sev, Message: g.Msg}
		if g.Pos.IsValid() {
			dg.Position = d.Position(g.Pos).String()
		}
		out.Diagnostics = append(out.Diagnostics, dg)
	}
}

// JSONL writes one JSON object per document. It is not safe for concurrent
// use; call Flush when done.
type JSONL struct {
	w   *bufio.Writer
	enc *json.Encoder // for what appendDocument cannot encode
	err error         // the first write error; later writes return it

	out  Document // the last document converted, its slices reused
	s    scratch
	line []byte // the last line encoded, its array reused
}

// NewJSONL returns a writer of JSON Lines to w.
func NewJSONL(w io.Writer) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc, s: scratch{geo: map[geoKey]Geo{}}}
}

// Write writes one document as a line: Convert(d) as encoding/json
// encodes it (without HTML escaping), followed by a newline. A document
// that JSON cannot represent (a NaN coordinate) is not written; the error
// says why.
func (j *JSONL) Write(d *doc.Doc) error {
	if j.err != nil {
		return j.err
	}
	j.s.convert(d, &j.out)
	line, ok := appendDocument(j.line[:0], &j.out)
	if !ok {
		return j.enc.Encode(&j.out) // fails, and says why
	}
	j.line = append(line, '\n')
	if _, err := j.w.Write(j.line); err != nil {
		j.err = err
		return err
	}
	return nil
}

// Flush writes any buffered data.
func (j *JSONL) Flush() error { return j.w.Flush() }
