package petrarch

import (
	"fmt"
	"sort"
	"strings"
)

// NoteKind says what the conversion did with an entry.
type NoteKind uint8

const (
	// Skipped entries are not in the converted dictionaries.
	Skipped NoteKind = iota + 1
	// Approximated entries were converted with some loss of meaning.
	Approximated
)

func (k NoteKind) String() string {
	switch k {
	case Skipped:
		return "skipped"
	case Approximated:
		return "approximated"
	}
	return "note"
}

// Note is one entry that could not be converted exactly.
type Note struct {
	File   string
	Line   int
	Kind   NoteKind
	Reason string // a short, stable reason ("words before the verb")
	Text   string // the entry as written, without its comment
}

func (n Note) String() string {
	s := fmt.Sprintf("%s:%d: %s: %s", n.File, n.Line, n.Kind, n.Reason)
	if n.Text != "" {
		s += ": " + n.Text
	}
	return s
}

// Report lists what a conversion could not carry over exactly.
type Report struct {
	Notes []Note
}

func (r *Report) add(kind NoteKind, file string, line int, reason, text string) {
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	r.Notes = append(r.Notes, Note{File: file, Line: line, Kind: kind, Reason: reason, Text: text})
}

// Count returns the number of notes of kind k.
func (r *Report) Count(k NoteKind) int {
	n := 0
	for _, x := range r.Notes {
		if x.Kind == k {
			n++
		}
	}
	return n
}

// ReasonCount is the number of notes of one kind and reason.
type ReasonCount struct {
	Kind   NoteKind
	Reason string
	N      int
}

// Reasons counts the notes by kind and reason, most frequent first.
func (r *Report) Reasons() []ReasonCount {
	m := map[[2]string]*ReasonCount{}
	var out []*ReasonCount
	for _, x := range r.Notes {
		k := [2]string{x.Kind.String(), x.Reason}
		c, ok := m[k]
		if !ok {
			c = &ReasonCount{Kind: x.Kind, Reason: x.Reason}
			m[k] = c
			out = append(out, c)
		}
		c.N++
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].N > out[j].N
	})
	res := make([]ReasonCount, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
}

// Summary returns one line per kind and reason with its count.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d skipped, %d approximated\n", r.Count(Skipped), r.Count(Approximated))
	for _, c := range r.Reasons() {
		fmt.Fprintf(&b, "  %-12s %5d  %s\n", c.Kind, c.N, c.Reason)
	}
	return b.String()
}
