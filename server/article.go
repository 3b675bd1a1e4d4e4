package server

import (
	"context"
	"sort"
	"strings"

	"dyad/codes"
	"dyad/doc"
	"dyad/sink"
	"dyad/store"
	"dyad/store/sqlite"
)

// ArticleJSON is an article with its layers and the evidence of each of its
// events: the data of /api/v1/articles/{id} and of the article view. Every
// start, end and span is a byte offset into Text.
type ArticleJSON struct {
	ID          int64              `json:"id,omitempty"` // 0 when not stored
	DocID       string             `json:"doc_id"`
	Date        *string            `json:"date"`
	Title       string             `json:"title,omitempty"`
	Source      string             `json:"source,omitempty"`
	URL         string             `json:"url,omitempty"`
	Text        string             `json:"text"`
	Sentences   []SentenceJSON     `json:"sentences"`
	Actors      []ActorMentionJSON `json:"actors"`
	Quotes      []QuoteJSON        `json:"quotes"`
	Places      []PlaceJSON        `json:"places"`
	Events      []ArticleEventJSON `json:"events"`
	Diagnostics []sink.Diagnostic  `json:"diagnostics,omitempty"`
}

// SentenceJSON is a sentence of an article.
type SentenceJSON struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Para  int `json:"para"`
}

// ActorMentionJSON is an actor mention with the dictionary entries that
// coded it.
type ActorMentionJSON struct {
	Sentence int      `json:"sentence"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Code     string   `json:"code"`
	Country  string   `json:"country"`
	Sectors  []string `json:"sectors"`
	Rule     string   `json:"rule"`
}

// SpeakerJSON is the speaker of a quote.
type SpeakerJSON struct {
	Text string `json:"text"`
	Code string `json:"code,omitempty"`
}

// QuoteJSON is a quote.
type QuoteJSON struct {
	Sentence int          `json:"sentence"`
	Start    int          `json:"start"`
	End      int          `json:"end"`
	Text     string       `json:"text"`
	Direct   bool         `json:"direct"`
	Speaker  *SpeakerJSON `json:"speaker"`
}

// PlaceJSON is a place mention resolved to the gazetteer.
type PlaceJSON struct {
	Sentence int     `json:"sentence"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Text     string  `json:"text"`
	Name     string  `json:"name"`
	Country  string  `json:"country"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Kind     string  `json:"kind,omitempty"`
}

// EvidenceActor is the source or target of an event in its sentence: the
// words, their span, the code and the dictionary entries behind it.
type EvidenceActor struct {
	Text string `json:"text"`
	Code string `json:"code"`
	Span [2]int `json:"span"`
	Rule string `json:"rule,omitempty"`
}

// ArticleEventJSON is one coded event of an article with its evidence
// trace: why it was coded that way.
type ArticleEventJSON struct {
	EventID   int64          `json:"event_id,omitempty"` // the stored event, 0 when not stored
	Ref       string         `json:"ref"`                // its id in the article's JSON output
	Sentence  int            `json:"sentence"`
	Source    *EvidenceActor `json:"source"`
	Target    *EvidenceActor `json:"target"`
	CAMEO     string         `json:"cameo"`
	Root      string         `json:"cameo_root"`
	Label     string         `json:"label"`
	Explain   string         `json:"explain"` // codes.Explain: the code, its root, quad class, Goldstein, PLOVER
	Quad      int            `json:"quad_class"`
	Goldstein float64        `json:"goldstein"`
	Plover    sink.Plover    `json:"plover"`
	Location  *sink.Location `json:"location"`
	Mood      string         `json:"mood,omitempty"`
	Verb      string         `json:"verb"`
	VerbSpan  [2]int         `json:"verb_span"`
	Rule      string         `json:"rule"` // the verb pattern and coder rules that fired
	Evidence  string         `json:"evidence"`
	// Mentions, Articles and Sources count the stored event's reports
	// (0 when not stored).
	Mentions int `json:"num_mentions,omitempty"`
	Articles int `json:"num_articles,omitempty"`
	Sources  int `json:"num_sources,omitempty"`
}

func labelOf(code string) string {
	if c, ok := codes.Lookup(code); ok {
		return c.Label
	}
	return ""
}

// actorRule finds the dictionary rule of the actor mention at span.
func actorRule(as []ActorMentionJSON, span [2]int) string {
	for _, a := range as {
		if a.Start == span[0] && a.End == span[1] {
			return a.Rule
		}
	}
	// a compound or a longer phrase: the mentions inside the span
	var rules []string
	for _, a := range as {
		if a.Start >= span[0] && a.End <= span[1] && a.Rule != "" {
			rules = append(rules, a.Rule)
		}
	}
	return strings.Join(rules, "; ")
}

func sectors(s string) []string {
	f := strings.Fields(s)
	if f == nil {
		return []string{}
	}
	return f
}

// storedArticle reads an article, its layers and its events.
func (s *Server) storedArticle(ctx context.Context, id int64) (*ArticleJSON, error) {
	a, err := s.st.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	ms, err := s.st.ArticleMentions(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(ms))
	seen := map[int64]bool{}
	for _, m := range ms {
		if !seen[m.EventID] {
			seen[m.EventID] = true
			ids = append(ids, m.EventID)
		}
	}
	evs := map[int64]*store.Event{}
	if len(ids) > 0 {
		err = s.st.Select(ctx, sqlite.Query{IDs: ids}, func(e *store.Event) error { evs[e.ID] = e; return nil })
		if err != nil {
			return nil, err
		}
	}
	out := &ArticleJSON{ID: a.ID, DocID: a.DocID, Title: a.Title, Source: a.Source, URL: a.URL, Text: a.Text,
		Sentences: []SentenceJSON{}, Actors: []ActorMentionJSON{}, Quotes: []QuoteJSON{}, Places: []PlaceJSON{},
		Events: []ArticleEventJSON{}, Diagnostics: a.Diagnostics}
	if a.Date != "" {
		d := a.Date
		out.Date = &d
	}
	for _, x := range a.Sentences {
		out.Sentences = append(out.Sentences, SentenceJSON{x.Start, x.End, x.Para})
	}
	for _, x := range a.Actors {
		out.Actors = append(out.Actors, ActorMentionJSON{x.Sentence, x.Start, x.End, x.Text, x.Code, x.Country, sectors(x.Sectors), x.Rule})
	}
	for _, x := range a.Quotes {
		q := QuoteJSON{Sentence: x.Sentence, Start: x.Start, End: x.End, Text: x.Text, Direct: x.Direct}
		if x.SpeakerText != "" || x.SpeakerCode != "" {
			q.Speaker = &SpeakerJSON{Text: x.SpeakerText, Code: x.SpeakerCode}
		}
		out.Quotes = append(out.Quotes, q)
	}
	for _, x := range a.Places {
		out.Places = append(out.Places, PlaceJSON{x.Sentence, x.Start, x.End, x.Text, x.Name, x.Country, x.Lat, x.Lon, x.Kind})
	}
	for _, m := range ms {
		e := evs[m.EventID]
		if e == nil {
			continue
		}
		ev := m.Evidence
		j := ArticleEventJSON{EventID: e.ID, Ref: m.Ref, Sentence: m.Sentence, CAMEO: e.CAMEO, Root: e.Root,
			Label: labelOf(e.CAMEO), Explain: codes.Explain(e.CAMEO), Quad: e.Quad, Goldstein: e.Goldstein, Plover: e.Plover,
			Location: e.Location, Mood: m.Mood, Verb: ev.Verb, VerbSpan: ev.VerbSpan, Rule: ev.Rule, Evidence: ev.Text,
			Mentions: e.NumMentions, Articles: e.NumArticles, Sources: e.NumSources}
		if e.Source != nil {
			j.Source = &EvidenceActor{Text: m.SourceText, Code: e.Source.Code, Span: ev.SourceSpan, Rule: actorRule(out.Actors, ev.SourceSpan)}
		}
		if e.Target != nil {
			j.Target = &EvidenceActor{Text: m.TargetText, Code: e.Target.Code}
			if ev.TargetSpan != nil {
				j.Target.Span = *ev.TargetSpan
				j.Target.Rule = actorRule(out.Actors, *ev.TargetSpan)
			}
		}
		out.Events = append(out.Events, j)
	}
	return out, nil
}

// codedArticle is the view of a document coded by the pipeline.
func codedArticle(d *doc.Doc) *ArticleJSON {
	conv := sink.Convert(d)
	out := &ArticleJSON{DocID: d.ID, Date: conv.Date, Title: d.Title, Source: d.Source, Text: d.Text,
		Sentences: []SentenceJSON{}, Actors: []ActorMentionJSON{}, Quotes: []QuoteJSON{}, Places: []PlaceJSON{},
		Events: []ArticleEventJSON{}, Diagnostics: conv.Diagnostics}
	for _, s := range d.Sentences {
		out.Sentences = append(out.Sentences, SentenceJSON{int(s.Start), int(s.End), s.Para})
	}
	for _, a := range conv.Actors {
		out.Actors = append(out.Actors, ActorMentionJSON{a.Sentence, a.Start, a.End, a.Text, a.Code, a.Country, a.Sectors, a.Rule})
	}
	for i, q := range conv.Quotes {
		j := QuoteJSON{Sentence: q.Sentence, Start: int(d.Quotes[i].Start), End: int(d.Quotes[i].End), Text: q.Text, Direct: q.Direct}
		if q.Speaker != nil {
			j.Speaker = &SpeakerJSON{Text: q.Speaker.Text, Code: q.Speaker.Code}
		}
		out.Quotes = append(out.Quotes, j)
	}
	for i, p := range conv.Places {
		out.Places = append(out.Places, PlaceJSON{p.Sentence, int(d.Places[i].Start), int(d.Places[i].End), p.Text, p.Name, p.Country, p.Lat, p.Lon, p.Kind})
	}
	for _, e := range conv.Events {
		ev := e.Evidence
		j := ArticleEventJSON{Ref: e.ID, Sentence: e.Sentence, CAMEO: e.CAMEO, Root: e.Root, Label: labelOf(e.CAMEO),
			Explain: codes.Explain(e.CAMEO), Quad: e.Quad, Goldstein: e.Goldstein, Plover: e.Plover, Location: e.Location,
			Mood: e.Mood, Verb: ev.Verb, VerbSpan: ev.VerbSpan, Rule: ev.Rule, Evidence: ev.Text}
		if e.Source != nil {
			j.Source = &EvidenceActor{Text: e.Source.Text, Code: e.Source.Code, Span: ev.SourceSpan, Rule: e.Source.Rule}
		}
		if e.Target != nil {
			j.Target = &EvidenceActor{Text: e.Target.Text, Code: e.Target.Code, Rule: e.Target.Rule}
			if ev.TargetSpan != nil {
				j.Target.Span = *ev.TargetSpan
			}
		}
		out.Events = append(out.Events, j)
	}
	sort.SliceStable(out.Events, func(i, k int) bool { return out.Events[i].Sentence < out.Events[k].Sentence })
	return out
}
