package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// OutDoc is one line of dyad's JSON Lines output: one article.
type OutDoc struct {
	DocID  string     `json:"doc_id"`
	Date   string     `json:"date"`
	Title  *string    `json:"title"`
	Events []OutEvent `json:"events"`
	Quotes []OutQuote `json:"quotes"`
	Actors []OutActor `json:"actors"`
	Places []OutPlace `json:"places"`
}

// OutEvent is one coded event. Source and Target are nil when the JSON has
// null (an event with no target).
type OutEvent struct {
	ID        string       `json:"id"`
	Sentence  int          `json:"sentence"`
	Source    *OutActor    `json:"source"`
	Target    *OutActor    `json:"target"`
	Cameo     string       `json:"cameo"`
	CameoRoot string       `json:"cameo_root"`
	QuadClass int          `json:"quad_class"`
	Goldstein float64      `json:"goldstein"`
	Plover    *OutPlover   `json:"plover,omitempty"`
	Location  *OutLocation `json:"location,omitempty"`
	Evidence  OutEvidence  `json:"evidence"`
}

// Root is the event's 2-digit CAMEO root: cameo_root, or the first two
// characters of cameo when cameo_root is empty.
func (e *OutEvent) Root() string {
	if e.CameoRoot != "" {
		return e.CameoRoot
	}
	return runeSlice(e.Cameo, 0, 2)
}

// OutActor is a coded actor: an event's source or target, a quote's speaker
// (text and code only) or an entry of OutDoc.Actors, which also has
// Sentence, Start and End (byte offsets of the mention in its sentence).
type OutActor struct {
	Sentence int      `json:"sentence,omitempty"`
	Text     string   `json:"text"`
	Code     string   `json:"code"`
	Country  string   `json:"country,omitempty"`
	Sectors  []string `json:"sectors,omitempty"`
	Start    int      `json:"start,omitempty"`
	End      int      `json:"end,omitempty"`
}

// OutPlover is the PLOVER type and mode derived from the CAMEO code.
type OutPlover struct {
	Event string `json:"event"`
	Mode  string `json:"mode"`
}

// OutLocation is where an event happened; Lat and Lon are nil when unknown.
type OutLocation struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
}

// OutEvidence is why an event was coded: the sentence verbatim, the verb and
// the rule that fired.
type OutEvidence struct {
	Text string `json:"text"`
	Verb string `json:"verb"`
	Rule string `json:"rule"`
}

// OutQuote is a direct or reported quote; Text is the quoted words without
// the quote marks.
type OutQuote struct {
	Sentence int       `json:"sentence"`
	Speaker  *OutActor `json:"speaker"`
	Text     string    `json:"text"`
	Direct   bool      `json:"direct"`
}

// OutPlace is a place mention resolved to the gazetteer.
type OutPlace struct {
	Sentence int      `json:"sentence"`
	Text     string   `json:"text"`
	Name     string   `json:"name"`
	Country  string   `json:"country"`
	Lat      *float64 `json:"lat"`
	Lon      *float64 `json:"lon"`
}

// ReadOutput reads dyad's JSON Lines output: one OutDoc per non-blank line
// (lines are trimmed of surrounding white space first, as score.py does).
// Keys not in the model are ignored. An error names the 1-based line.
func ReadOutput(r io.Reader) ([]OutDoc, error) {
	br := bufio.NewReader(r)
	var docs []OutDoc
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return docs, fmt.Errorf("eval: output line %d: %w", n, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var d OutDoc
			if jerr := json.Unmarshal(t, &d); jerr != nil {
				return docs, fmt.Errorf("eval: output line %d: %w", n, jerr)
			}
			docs = append(docs, d)
		}
		if err != nil {
			return docs, nil
		}
	}
}

// EventRef identifies an emitted event in a report.
type EventRef struct {
	DocID    string `json:"doc_id"`
	Sentence int    `json:"sentence"`
	Cameo    string `json:"cameo"`
	Source   string `json:"source"` // actor code; "" when null
	Target   string `json:"target"` // actor code; "" when null
	Verb     string `json:"verb,omitempty"`
	Rule     string `json:"rule,omitempty"`
	Text     string `json:"text"` // evidence.text
}

func refOf(docID string, e *OutEvent) EventRef {
	r := EventRef{DocID: docID, Sentence: e.Sentence, Cameo: e.Cameo, Verb: e.Evidence.Verb,
		Rule: e.Evidence.Rule, Text: e.Evidence.Text}
	if r.Cameo == "" {
		r.Cameo = e.CameoRoot
	}
	if e.Source != nil {
		r.Source = e.Source.Code
	}
	if e.Target != nil {
		r.Target = e.Target.Code
	}
	return r
}

// short prints an event as "195 RUSMIL -> SYRREB".
func (r EventRef) short() string {
	return fmt.Sprintf("%s %s -> %s", orDash(r.Cameo), orDash(r.Source), orDash(r.Target))
}
