package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// PloverRoots maps a PLOVER event type to the CAMEO roots score.py accepts
// for it.
var PloverRoots = map[string][]string{
	"AGREE": {"03", "05", "06"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"}, "AID": {"07"},
	"CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"10"}, "DISAPPROVE": {"11"},
	"REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"}, "MOBILIZE": {"15"}, "SANCTION": {"16"},
	"COERCE": {"17"}, "ASSAULT": {"18", "19", "20"}, "FIGHT": {"19", "18", "20"},
}

// ploverRecord is the scored part of a PLOVER gold record.
type ploverRecord struct {
	ID, Event, Mode, Text, EventText string
	Source, Target                   []string // actor codes, in order
}

// ploverActors is score.py's actors(v): the codes of the dict elements of v
// when v is a list, else none; a missing or non-string code is "".
func ploverActors(v any) []string {
	list, _ := v.([]any)
	var codes []string
	for _, a := range list {
		m, ok := a.(map[string]any)
		if !ok {
			continue
		}
		code, _ := m["code"].(string)
		codes = append(codes, code)
	}
	return codes
}

func prefixes(codes []string) []string {
	p := make([]string, len(codes))
	for i, c := range codes {
		p[i] = runeSlice(c, 0, 3)
	}
	return p
}

// PloverReport is the score of an output against PLOVER gold records. The
// overall figures are exactly score.py's plover mode.
type PloverReport struct {
	Records    int     `json:"records"`    // records scored
	EventDyad  int     `json:"event_dyad"` // records with a correct event
	Dyad       int     `json:"dyad"`       // records with an event with the right actors
	Produced   int     `json:"produced"`   // events in the scored documents
	Correct    int     `json:"correct"`    // of those, events with the right actors and root
	Recall     float64 `json:"recall"`     // EventDyad / Records
	DyadRecall float64 `json:"dyad_recall"`
	Precision  float64 `json:"precision"` // Correct / Produced, 0 when none produced
	F1         float64 `json:"f1"`
	// Pass is score.py's exit condition: Recall ≥ 0.6 and Precision ≥ 0.6.
	Pass bool `json:"pass"`
	// NoOutput counts scored records with no output document.
	NoOutput   int              `json:"no_output"`
	Categories []PloverCategory `json:"categories"` // by record event type, sorted
	Misses     []PloverMiss     `json:"misses"`     // records without a correct event
}

// PloverCategory holds the figures for the records of one event type.
type PloverCategory struct {
	Event      string  `json:"event"`
	Records    int     `json:"records"`
	EventDyad  int     `json:"event_dyad"`
	Dyad       int     `json:"dyad"`
	Produced   int     `json:"produced"`
	Correct    int     `json:"correct"`
	Recall     float64 `json:"recall"`
	DyadRecall float64 `json:"dyad_recall"`
	Precision  float64 `json:"precision"`
}

// PloverMiss is a record for which dyad produced no correct event.
type PloverMiss struct {
	ID        string     `json:"id"`
	Event     string     `json:"event"`
	Mode      string     `json:"mode,omitempty"`
	Source    []string   `json:"source"`
	Target    []string   `json:"target"`
	EventText string     `json:"event_text,omitempty"`
	Text      string     `json:"text"`
	DyadOK    bool       `json:"dyad_ok"` // an event had the right actors
	Produced  []EventRef `json:"produced"`
}

// Plover scores out against the PLOVER records (a JSON array) read from
// records, for the record ids in ids (nil: every record with an id, in file
// order), exactly as score.py's plover mode does; see the package comment.
// The output document for a record is the last one whose doc_id is the
// record's id. An id with no record is an error, as is scoring no record.
func Plover(records io.Reader, ids []string, out []OutDoc) (*PloverReport, error) {
	var raw []map[string]any
	if err := json.NewDecoder(records).Decode(&raw); err != nil {
		return nil, fmt.Errorf("eval: plover records: %w", err)
	}
	recs := map[string]*ploverRecord{}
	var order []string
	for i, m := range raw {
		v, ok := m["id"]
		if !ok {
			continue
		}
		id, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("eval: plover record %d: id %v is not a string", i, v)
		}
		str := func(k string) string { s, _ := m[k].(string); return s }
		if _, dup := recs[id]; !dup {
			order = append(order, id)
		}
		recs[id] = &ploverRecord{ID: id, Event: str("event"), Mode: str("mode"), Text: str("text"),
			EventText: str("eventText"), Source: ploverActors(m["source"]), Target: ploverActors(m["target"])}
	}
	if ids == nil {
		ids = order
	}
	if len(ids) == 0 {
		return nil, errors.New("eval: plover: no records to score")
	}
	docs := map[string]*OutDoc{}
	for i := range out {
		docs[out[i].DocID] = &out[i]
	}

	rep := &PloverReport{Records: len(ids)}
	cats := map[string]*PloverCategory{}
	for _, id := range ids {
		r, ok := recs[id]
		if !ok {
			return nil, fmt.Errorf("eval: plover: no record with id %q", id)
		}
		c := cats[r.Event]
		if c == nil {
			c = &PloverCategory{Event: r.Event}
			cats[r.Event] = c
		}
		c.Records++
		var evs []OutEvent
		d := docs[id]
		if d != nil {
			evs = d.Events
		} else {
			rep.NoOutput++
		}
		rep.Produced += len(evs)
		c.Produced += len(evs)
		roots := PloverRoots[r.Event]
		srcs, tgts := prefixes(r.Source), prefixes(r.Target)
		good, gd := false, false
		for i := range evs {
			e := &evs[i]
			var s, t string
			if e.Source != nil {
				s = runeSlice(e.Source.Code, 0, 3)
			}
			if e.Target != nil {
				t = runeSlice(e.Target.Code, 0, 3)
			}
			dy := slices.Contains(srcs, s) && (len(tgts) == 0 || slices.Contains(tgts, t))
			if dy {
				gd = true
			}
			if dy && slices.Contains(roots, e.Root()) {
				good = true
				rep.Correct++
				c.Correct++
			}
		}
		if good {
			rep.EventDyad++
			c.EventDyad++
		}
		if gd {
			rep.Dyad++
			c.Dyad++
		}
		if !good {
			m := PloverMiss{ID: id, Event: r.Event, Mode: r.Mode, Source: r.Source, Target: r.Target,
				EventText: r.EventText, Text: r.Text, DyadOK: gd}
			for i := range evs {
				m.Produced = append(m.Produced, refOf(id, &evs[i]))
			}
			rep.Misses = append(rep.Misses, m)
		}
	}
	n := rep.Records
	rep.Recall = ratio(rep.EventDyad, n)
	rep.DyadRecall = ratio(rep.Dyad, n)
	rep.Precision = ratio(rep.Correct, rep.Produced)
	rep.F1 = f1(rep.Precision, rep.Recall)
	rep.Pass = rep.Recall >= 0.6 && rep.Precision >= 0.6
	for _, c := range cats {
		c.Recall = ratio(c.EventDyad, c.Records)
		c.DyadRecall = ratio(c.Dyad, c.Records)
		c.Precision = ratio(c.Correct, c.Produced)
		rep.Categories = append(rep.Categories, *c)
	}
	sort.Slice(rep.Categories, func(i, j int) bool { return rep.Categories[i].Event < rep.Categories[j].Event })
	return rep, nil
}

// ScoreLine returns the line score.py prints for the same input.
func (r *PloverReport) ScoreLine() string {
	return fmt.Sprintf("plover-heldout: event+dyad recall %d/%d = %.2f; dyad recall %.2f; precision %.2f (%d/%d)",
		r.EventDyad, r.Records, r.Recall, r.DyadRecall, r.Precision, r.Correct, r.Produced)
}

// WriteText prints score.py's line, F1 and the pass flag, a table per event
// type, then every miss with what dyad produced for it.
func (r *PloverReport) WriteText(w io.Writer) {
	ew := &textWriter{w: w}
	ew.printf("%s\n", r.ScoreLine())
	ew.printf("F1 %.2f  pass %t  records without output %d\n", r.F1, r.Pass, r.NoOutput)
	ew.printf("\n  %-12s %7s %5s %6s %5s %5s %8s %7s %5s\n", "event", "records", "e+d", "recall", "dyad", "dyadR", "produced", "correct", "prec")
	for _, c := range r.Categories {
		ew.printf("  %-12s %7d %5d %6.2f %5d %5.2f %8d %7d %5.2f\n", orDash(c.Event), c.Records, c.EventDyad, c.Recall,
			c.Dyad, c.DyadRecall, c.Produced, c.Correct, c.Precision)
	}
	if len(r.Misses) > 0 {
		ew.printf("\nmisses (%d):\n", len(r.Misses))
		for _, m := range r.Misses {
			tgt := strings.Join(m.Target, ",")
			dy := ""
			if m.DyadOK {
				dy = "  (dyad ok)"
			}
			ew.printf("  %s  %s %s -> %s%s  %q\n", m.ID, m.Event, orDash(strings.Join(m.Source, ",")), orDash(tgt), dy, clip(m.Text, 100))
			if len(m.Produced) == 0 {
				ew.printf("      produced: nothing\n")
			}
			for _, e := range m.Produced {
				ew.printf("      produced: %s  [#%d] %q\n", e.short(), e.Sentence, e.Verb)
			}
		}
	}
}
