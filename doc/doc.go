// Package doc is dyad's data model: one Doc owns an article's text, and every
// sentence, token, actor mention, event, quote and place points into that
// text by byte offset.
//
// Stages never copy text: a Span is a pair of byte offsets into Doc.Text and
// Doc.Slice(span) returns the covered text. This is what lets every coded
// event point back to the exact words that produced it (its evidence).
//
// A Doc is filled by the pipeline in order: read sets ID, Date, Title, Source
// and Text; segment adds Sentences and Tokens; tag sets Token.Tag and
// Token.Lemma and adds Chunks; actors adds Actors; events adds Events; later
// stages add Quotes and Places. A stage that cannot finish adds a Diagnostic
// and leaves what it did compute in place.
package doc

import (
	"fmt"
	"time"
)

// Pos is a byte offset into Doc.Text plus one, so that the zero Pos means
// "no position" (as in go/token).
type Pos int32

// NoPos is the zero Pos: no position.
const NoPos Pos = 0

// PosOf returns the Pos of byte offset off.
func PosOf(off int) Pos { return Pos(off + 1) }

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p != NoPos }

// Offset returns the byte offset of p (or -1 for NoPos).
func (p Pos) Offset() int { return int(p) - 1 }

// Span is a half-open byte range [Start, End) of Doc.Text.
type Span struct {
	Start, End int32
}

// Len returns the number of bytes covered by s.
func (s Span) Len() int { return int(s.End - s.Start) }

// Contains reports whether s covers the whole of t.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Token is one word or punctuation mark. Tag is a Penn Treebank tag and
// Lemma the lower-case base form; both are set by the tag stage.
type Token struct {
	Span
	Tag   string
	Lemma string
	// Space reports whether white space follows the token in the text.
	Space bool
}

// Sentence is a span of the text and the index range [First, Last) of its
// tokens in Doc.Tokens.
type Sentence struct {
	Span
	First, Last int
	// Para is the 0-based paragraph index of the sentence.
	Para int
}

// ChunkKind names the phrase chunks the tag stage finds.
type ChunkKind uint8

const (
	NP ChunkKind = iota + 1 // noun phrase
	VP                      // verb group: auxiliaries, adverbs, verb, particles
	PP                      // preposition
)

func (k ChunkKind) String() string {
	switch k {
	case NP:
		return "NP"
	case VP:
		return "VP"
	case PP:
		return "PP"
	}
	return "?"
}

// Chunk is a phrase chunk: the token index range [First, Last) and, for a
// VP, the index of its main verb (Head).
type Chunk struct {
	Kind        ChunkKind
	First, Last int
	Head        int
}

// Doc is one article. Text holds the body exactly as read; every span points
// into it.
type Doc struct {
	ID     string
	Date   time.Time // zero when unknown
	Title  string
	Source string // where the article came from (file name, URL)
	// Line is the 1-based line of Source on which the article starts (for
	// JSON Lines and XML inputs), 0 when not known.
	Line int
	Text string

	Sentences []Sentence
	Tokens    []Token
	Chunks    []Chunk
	Actors    []Actor
	Events    []Event
	Quotes    []Quote
	Places    []Place

	Diagnostics Diagnostics
}

// HasDate reports whether the article's date is known.
func (d *Doc) HasDate() bool { return !d.Date.IsZero() }

// Slice returns the text covered by s.
func (d *Doc) Slice(s Span) string {
	if s.Start < 0 || int(s.End) > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string { return d.Slice(d.Tokens[i].Span) }

// SentenceOf returns the index of the sentence holding token i, or -1.
func (d *Doc) SentenceOf(tok int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		s := d.Sentences[m]
		switch {
		case tok < s.First:
			hi = m
		case tok >= s.Last:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Position is a resolved, human-readable location in an article.
type Position struct {
	Article  string // Doc.Source, or Doc.ID when Source is empty
	Sentence int    // 0-based sentence index, -1 when unknown
	Line     int    // 1-based line in the source file
	Col      int    // 1-based byte column
}

// String returns "article:line:col".
func (p Position) String() string {
	if p.Line == 0 {
		return p.Article
	}
	return fmt.Sprintf("%s:%d:%d", p.Article, p.Line, p.Col)
}

// Position resolves p against the article text. Lines count from Doc.Line
// (the line the article starts on in its file).
func (d *Doc) Position(p Pos) Position {
	name := d.Source
	if name == "" {
		name = d.ID
	}
	pos := Position{Article: name, Sentence: -1}
	if !p.IsValid() || p.Offset() > len(d.Text) {
		return pos
	}
	off := p.Offset()
	line, col := 1, 1
	for i := 0; i < off; i++ {
		if d.Text[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	if d.Line > 0 {
		line += d.Line - 1
	}
	pos.Line, pos.Col = line, col
	for i, s := range d.Sentences {
		if int(s.Start) <= off && off < int(s.End) {
			pos.Sentence = i
			break
		}
	}
	return pos
}
