package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// seedGold is the part of eval/seed/gold.json that is scored.
type seedGold struct {
	Events  []seedEvent   `json:"events"`
	MustNot []seedMustNot `json:"must_not"`
	Quotes  []seedQuote   `json:"quotes"`
	Places  []seedPlace   `json:"places"`
}

type seedEvent struct {
	ID          string     `json:"id"`
	Required    bool       `json:"required"`
	SentenceHas string     `json:"sentence_has"`
	Pairs       [][]string `json:"pairs"`
	Roots       []string   `json:"roots"`
	Codes       []string   `json:"codes"`
	Note        string     `json:"note"`
	Location    *seedPlace `json:"location"`
}

type seedMustNot struct {
	ID          string   `json:"id"`
	SentenceHas string   `json:"sentence_has"`
	Roots       []string `json:"roots"`
	Note        string   `json:"note"`
}

type seedQuote struct {
	Speaker     string `json:"speaker"`
	SpeakerCode string `json:"speaker_code"`
	StartsWith  string `json:"starts_with"`
}

type seedPlace struct {
	Name     string  `json:"name"`
	Country  string  `json:"country"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	WithinKm float64 `json:"within_km"`
}

// matches is score.py's ev_matches.
func (g *seedEvent) matches(e *OutEvent) bool {
	if !strings.Contains(e.Evidence.Text, g.SentenceHas) || !slices.Contains(g.Roots, e.Root()) {
		return false
	}
	for _, p := range g.Pairs {
		if codeMatch(p[0], e.Source) && codeMatch(p[1], e.Target) {
			return true
		}
	}
	return false
}

// SeedReport is the score of an output against the seed gold. The counts
// and Precision are exactly score.py's; Recall is RequiredFound/Required.
type SeedReport struct {
	Required      int      `json:"required"`
	RequiredFound int      `json:"required_found"`
	Recall        float64  `json:"recall"`
	Events        int      `json:"events"`  // emitted events, all documents
	Matched       int      `json:"matched"` // emitted events matching any gold event
	Precision     float64  `json:"precision"`
	F1            float64  `json:"f1"`
	MustNotHit    []string `json:"must_not_hit"` // sorted distinct ids
	Located       int      `json:"located"`
	LocatedTotal  int      `json:"located_total"`
	Quotes        int      `json:"quotes"`
	QuotesTotal   int      `json:"quotes_total"`
	Places        int      `json:"places"`
	PlacesTotal   int      `json:"places_total"`
	Pass          SeedPass `json:"pass"`

	// Missing lists the required gold events no emitted event matched,
	// sorted by id (score.py's "missing required").
	Missing []SeedMiss `json:"missing"`
	// Unmatched lists the emitted events that match no gold event.
	Unmatched []EventRef `json:"unmatched"`
	// MustNotHits lists every (must_not entry, event) hit.
	MustNotHits []SeedMustNotHit `json:"must_not_hits"`
	// Unlocated lists the ids of located required events that no matching
	// event places within range.
	Unlocated    []string `json:"unlocated"`
	MissedQuotes []string `json:"missed_quotes"` // "SPEAKER_CODE: starts_with"
	MissedPlaces []string `json:"missed_places"` // gold place names
}

// SeedPass holds score.py's exit conditions for its four seed modes.
type SeedPass struct {
	Events bool `json:"events"`
	Quotes bool `json:"quotes"`
	Places bool `json:"places"`
	Recall bool `json:"recall"`
}

// SeedMiss is a required gold event that was not found.
type SeedMiss struct {
	ID          string     `json:"id"`
	SentenceHas string     `json:"sentence_has"`
	Roots       []string   `json:"roots"`
	Pairs       [][]string `json:"pairs"`
	Note        string     `json:"note"`
}

// SeedMustNotHit is an emitted event that hits a must_not entry.
type SeedMustNotHit struct {
	ID    string   `json:"id"`
	Note  string   `json:"note"`
	Event EventRef `json:"event"`
}

// Seed scores out against the seed gold (eval/seed/gold.json) read from
// gold, exactly as score.py's seed mode does; see the package comment.
func Seed(gold io.Reader, out []OutDoc) (*SeedReport, error) {
	var g seedGold
	if err := json.NewDecoder(gold).Decode(&g); err != nil {
		return nil, fmt.Errorf("eval: seed gold: %w", err)
	}
	for _, ge := range g.Events {
		for _, p := range ge.Pairs {
			if len(p) != 2 {
				return nil, fmt.Errorf("eval: seed gold event %s: pair %q is not (source, target)", ge.ID, p)
			}
		}
	}
	type docEvent struct {
		doc string
		ev  *OutEvent
	}
	var events []docEvent
	var quotes []*OutQuote
	var places []*OutPlace
	for i := range out {
		d := &out[i]
		for j := range d.Events {
			events = append(events, docEvent{d.DocID, &d.Events[j]})
		}
		for j := range d.Quotes {
			quotes = append(quotes, &d.Quotes[j])
		}
		for j := range d.Places {
			places = append(places, &d.Places[j])
		}
	}
	rep := &SeedReport{QuotesTotal: len(g.Quotes), PlacesTotal: len(g.Places), Events: len(events)}

	var req []*seedEvent
	for i := range g.Events {
		if g.Events[i].Required {
			req = append(req, &g.Events[i])
		}
	}
	rep.Required = len(req)
	foundIDs := map[string]bool{}
	for _, ge := range req {
		for _, e := range events {
			if ge.matches(e.ev) {
				rep.RequiredFound++
				foundIDs[ge.ID] = true
				break
			}
		}
	}
	for _, e := range events {
		hit := false
		for i := range g.Events {
			if g.Events[i].matches(e.ev) {
				hit = true
				break
			}
		}
		if hit {
			rep.Matched++
		} else {
			rep.Unmatched = append(rep.Unmatched, refOf(e.doc, e.ev))
		}
	}
	bad := map[string]bool{}
	for _, n := range g.MustNot {
		for _, e := range events {
			if strings.Contains(e.ev.Evidence.Text, n.SentenceHas) && slices.Contains(n.Roots, e.ev.Root()) {
				bad[n.ID] = true
				rep.MustNotHits = append(rep.MustNotHits, SeedMustNotHit{ID: n.ID, Note: n.Note, Event: refOf(e.doc, e.ev)})
			}
		}
	}
	rep.MustNotHit = sortedKeys(bad)

	for _, ge := range req {
		if ge.Location == nil {
			continue
		}
		rep.LocatedTotal++
		L := ge.Location
		ok := false
		for _, e := range events {
			loc := e.ev.Location
			if ge.matches(e.ev) && loc != nil && loc.Lat != nil && loc.Lon != nil &&
				km(L.Lat, L.Lon, *loc.Lat, *loc.Lon) <= L.WithinKm {
				ok = true
				break
			}
		}
		if ok {
			rep.Located++
		} else {
			rep.Unlocated = append(rep.Unlocated, ge.ID)
		}
	}
	for _, gq := range g.Quotes {
		ok := false
		for _, q := range quotes {
			if strings.HasPrefix(quoteText(q.Text), gq.StartsWith) && codeMatch(gq.SpeakerCode, q.Speaker) {
				ok = true
				break
			}
		}
		if ok {
			rep.Quotes++
		} else {
			rep.MissedQuotes = append(rep.MissedQuotes, gq.SpeakerCode+": "+gq.StartsWith)
		}
	}
	for _, gp := range g.Places {
		ok := false
		for _, p := range places {
			if p.Lat != nil && p.Lon != nil && km(gp.Lat, gp.Lon, *p.Lat, *p.Lon) <= gp.WithinKm {
				ok = true
				break
			}
		}
		if ok {
			rep.Places++
		} else {
			rep.MissedPlaces = append(rep.MissedPlaces, gp.Name)
		}
	}

	rep.Precision = ratio(rep.Matched, rep.Events)
	rep.Recall = ratio(rep.RequiredFound, rep.Required)
	rep.F1 = f1(rep.Precision, rep.Recall)
	missing := map[string]bool{}
	for _, ge := range req {
		if !foundIDs[ge.ID] && !missing[ge.ID] {
			missing[ge.ID] = true
			rep.Missing = append(rep.Missing, SeedMiss{ID: ge.ID, SentenceHas: ge.SentenceHas,
				Roots: ge.Roots, Pairs: ge.Pairs, Note: ge.Note})
		}
	}
	sort.SliceStable(rep.Missing, func(i, j int) bool { return rep.Missing[i].ID < rep.Missing[j].ID })

	found, nreq := float64(rep.RequiredFound), float64(rep.Required)
	rep.Pass = SeedPass{
		Events: found >= 0.8*nreq && rep.Precision >= 0.6 && len(bad) == 0,
		Quotes: rep.Quotes == rep.QuotesTotal && foundIDs["E21"],
		Places: rep.Places == rep.PlacesTotal && rep.Located == rep.LocatedTotal,
		Recall: found >= 0.6*nreq && len(bad) == 0,
	}
	return rep, nil
}

// ScoreLines returns the two lines score.py prints for the same input.
func (r *SeedReport) ScoreLines() []string {
	ids := make([]string, len(r.Missing))
	for i, m := range r.Missing {
		ids[i] = m.ID
	}
	return []string{
		fmt.Sprintf("missing required: %s  must_not hit: %s", pyList(ids), pyList(r.MustNotHit)),
		fmt.Sprintf("seed: required %d/%d, precision %.2f (%d/%d), must_not %d, located %d/%d, quotes %d/%d, places %d/%d",
			r.RequiredFound, r.Required, r.Precision, r.Matched, r.Events, len(r.MustNotHit),
			r.Located, r.LocatedTotal, r.Quotes, r.QuotesTotal, r.Places, r.PlacesTotal),
	}
}

// WriteText prints score.py's two lines, recall/F1 and the pass flags, then
// every missed required event, unmatched emitted event, must_not hit,
// unlocated event, missed quote and missed place.
func (r *SeedReport) WriteText(w io.Writer) {
	ew := &textWriter{w: w}
	for _, l := range r.ScoreLines() {
		ew.printf("%s\n", l)
	}
	ew.printf("recall %.2f  precision %.2f  F1 %.2f  pass: events=%t quotes=%t places=%t recall=%t\n",
		r.Recall, r.Precision, r.F1, r.Pass.Events, r.Pass.Quotes, r.Pass.Places, r.Pass.Recall)
	if len(r.Missing) > 0 {
		ew.printf("\nmissed required events (%d):\n", len(r.Missing))
		for _, m := range r.Missing {
			ew.printf("  %s  roots %v pairs %v  %q  -- %s\n", m.ID, m.Roots, m.Pairs, m.SentenceHas, m.Note)
		}
	}
	if len(r.Unmatched) > 0 {
		ew.printf("\nemitted events matching no gold event (%d):\n", len(r.Unmatched))
		for _, e := range r.Unmatched {
			ew.printf("  %s  [%s #%d] %q\n", e.short(), e.DocID, e.Sentence, clip(e.Text, 100))
		}
	}
	if len(r.MustNotHits) > 0 {
		ew.printf("\nmust_not hits (%d):\n", len(r.MustNotHits))
		for _, h := range r.MustNotHits {
			ew.printf("  %s  %s  -- %s  %q\n", h.ID, h.Event.short(), h.Note, clip(h.Event.Text, 100))
		}
	}
	if len(r.Unlocated) > 0 {
		ew.printf("\nunlocated required events: %v\n", r.Unlocated)
	}
	if len(r.MissedQuotes) > 0 {
		ew.printf("\nmissed quotes (%d):\n", len(r.MissedQuotes))
		for _, q := range r.MissedQuotes {
			ew.printf("  %s\n", q)
		}
	}
	if len(r.MissedPlaces) > 0 {
		ew.printf("\nmissed places: %v\n", r.MissedPlaces)
	}
}
