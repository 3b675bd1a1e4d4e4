package sink

import "dyad/doc"

func refActor(d *doc.Doc, a *doc.Actor) *Actor {
	if a == nil {
		return nil
	}
	sec := a.Sectors
	if sec == nil {
		sec = []string{}
	}
	return &Actor{Text: d.Slice(a.Span), Code: a.Code, Country: a.Country, Sectors: sec}
}

func refSpan(s doc.Span) [2]int { return [2]int{int(s.Start), int(s.End)} }

// refConvert is Convert as it was before JSONL reused its buffers: the
// reference the tests compare Convert and JSONL with.
func refConvert(d *doc.Doc) Document {
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
			ID: e.ID, Sentence: e.Sentence, Source: refActor(d, e.Source), Target: refActor(d, e.Target),
			CAMEO: e.CAMEO, Root: e.Root, Quad: e.Quad, Goldstein: e.Goldstein,
			Plover: Plover{Event: e.Plover.Event, Mode: e.Plover.Mode}, Mood: e.Mood,
			Evidence: Evidence{
				Text: d.Slice(d.Sentences[e.Sentence].Span), Verb: d.Slice(e.Verb), Rule: e.Rule,
				VerbSpan: refSpan(e.Verb),
			},
		}
		if e.Source != nil {
			ev.Evidence.SourceSpan = refSpan(e.Source.Span)
			ev.Source.Rule = e.Source.Rule
		}
		if e.Target != nil {
			ts := refSpan(e.Target.Span)
			ev.Evidence.TargetSpan = &ts
			ev.Target.Rule = e.Target.Rule
		}
		if l := e.Location; l != nil {
			ev.Location = &Location{Name: l.Name, Country: l.Country, Lat: l.Lat, Lon: l.Lon, Precision: l.Precision, Geo: GeoOf(l.Name, l.Lat, l.Lon)}
		}
		out.Events = append(out.Events, ev)
	}
	for _, q := range d.Quotes {
		oq := Quote{Sentence: q.Sentence, Text: d.Slice(q.Span), Direct: q.Direct, Speaker: refActor(d, q.Speaker)}
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
