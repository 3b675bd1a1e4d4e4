// Package sink writes coded documents out. JSONL writes the JSON Lines
// contract of docs/format/events.md: one object per article with doc_id,
// date, title, events, quotes, actors and places. Keys are a contract:
// they may be added to, never renamed or removed.
package sink

import (
	"bufio"
	"encoding/json"
	"io"

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

func actor(d *doc.Doc, a *doc.Actor) *Actor {
	if a == nil {
		return nil
	}
	sec := a.Sectors
	if sec == nil {
		sec = []string{}
	}
	return &Actor{Text: d.Slice(a.Span), Code: a.Code, Country: a.Country, Sectors: sec}
}

func span(s doc.Span) [2]int { return [2]int{int(s.Start), int(s.End)} }

// Convert turns a coded document into its output form. Offsets (start, end,
// *_span) are byte offsets into the article body.
func Convert(d *doc.Doc) Document {
	out := Document{DocID: d.ID, Source: d.Source, Events: []Event{}, Quotes: []Quote{}, Actors: []Mention{}, Places: []Place{}}
	if d.HasDate() {
		s := d.Date.Format("2006-01-02")
		out.Date = &s
	}
	if d.Title != "" {
		t := d.Title
		out.Title = &t
	}
	for _, e := range d.Events {
		ev := Event{
			ID: e.ID, Sentence: e.Sentence, Source: actor(d, e.Source), Target: actor(d, e.Target),
			CAMEO: e.CAMEO, Root: e.Root, Quad: e.Quad, Goldstein: e.Goldstein,
			Plover: Plover{Event: e.Plover.Event, Mode: e.Plover.Mode}, Mood: e.Mood,
			Evidence: Evidence{
				Text: d.Slice(d.Sentences[e.Sentence].Span), Verb: d.Slice(e.Verb), Rule: e.Rule,
				VerbSpan: span(e.Verb),
			},
		}
		if e.Source != nil {
			ev.Evidence.SourceSpan = span(e.Source.Span)
			ev.Source.Rule = e.Source.Rule
		}
		if e.Target != nil {
			ts := span(e.Target.Span)
			ev.Evidence.TargetSpan = &ts
			ev.Target.Rule = e.Target.Rule
		}
		if l := e.Location; l != nil {
			ev.Location = &Location{Name: l.Name, Country: l.Country, Lat: l.Lat, Lon: l.Lon, Precision: l.Precision, Geo: GeoOf(l.Name, l.Lat, l.Lon)}
		}
		out.Events = append(out.Events, ev)
	}
	for _, q := range d.Quotes {
		oq := Quote{Sentence: q.Sentence, Text: d.Slice(q.Span), Direct: q.Direct, Speaker: actor(d, q.Speaker)}
		if oq.Speaker == nil && q.SpeakerText != "" {
			oq.Speaker = &Actor{Text: q.SpeakerText, Sectors: []string{}}
		}
		out.Quotes = append(out.Quotes, oq)
	}
	for _, a := range d.Actors {
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
	for _, p := range d.Places {
		out.Places = append(out.Places, Place{Sentence: p.Sentence, Text: d.Slice(p.Span), Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, Kind: p.Kind, Geo: GeoOf(p.Name, p.Lat, p.Lon)})
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
	return out
}

// JSONL writes one JSON object per document. It is not safe for concurrent
// use; call Flush when done.
type JSONL struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns a writer of JSON Lines to w.
func NewJSONL(w io.Writer) *JSONL {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONL{w: bw, enc: enc}
}

// Write writes one document as a line.
func (j *JSONL) Write(d *doc.Doc) error { return j.enc.Encode(Convert(d)) }

// Flush writes any buffered data.
func (j *JSONL) Flush() error { return j.w.Flush() }
