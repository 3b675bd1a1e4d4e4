// Package quotes finds what was said in an article, and who said it.
//
// Reads: doc.sentences, doc.tokens, token.tag, token.lemma, doc.actors.
// Writes: doc.quotes.
//
// # Direct quotes
//
// A direct quote is text between quote marks: curly (“…”, ‘…’), straight
// ("…", also written with doubled apostrophes or backticks in some
// archives), or guillemets. Double quotes nest, so “As … his ‘allies’
// with “little games”, we’re …” is one quote; single quotes count only
// outside double quotes. A quote still open at the
// end of its paragraph runs to the paragraph's end: by news convention a
// quote continued in the next paragraph is not closed, and the next
// paragraph opens with a quote mark. The quote's Span is the quoted words
// without the marks (and without the comma before a closing mark: “We
// agree,” he said → We agree).
//
// The attribution is looked for, in order:
//
//  1. inside the quote, for a line of a transcript: `"PENCE: Well, look, …`;
//  2. after the closing mark, to the end of that sentence: `“…,” X said.`,
//     `“…,” said X, a professor at …`, `“…,” he told reporters.`, `“…,”
//     Zarif wrote.`, `“…,” X said in a Twitter post.`, `“…,” according to
//     X.`, `“…” — X`; but not `“…” Putin said he …` (a new statement) nor
//     `“…” Putin said: “…”` (the next quote's attribution);
//  3. before the opening mark in the same sentence: `X said: “…”`, `X
//     said, “…”`, `X wrote on Twitter: “…”`, `X said, adding: “…”`, or in
//     the previous paragraph when that ends with a colon (`Putin told
//     reporters:` ¶ `“…”`);
//  4. a quote that follows, in the same sentence, a quote attributed in
//     form 2 with only that attribution between them (`“…,” he said, “…”`)
//     is the second part of the same quote;
//  5. otherwise a quote that opens its sentence continues the nearest
//     earlier quote (direct or reported) of the same or the previous
//     paragraph: its speaker is that quote's. This is how multi-sentence
//     quotes and continuation paragraphs are attributed.
//
// A quote with none of these is not kept: nobody is said to have said it (a
// song title, a slogan, a quote whose attribution is out of reach). A quoted
// phrase inside a sentence (scare quotes: a “victory” of their summit) is
// not a quote either; one inside reported speech is part of that reported
// quote. A quoted phrase attributed in form 2 but preceded by other words of
// its sentence (`the deal was a “disaster,” Trump said`) is a reported quote
// of the whole clause.
//
// # Reported speech
//
// A verb of saying (say, tell, add, write, tweet, warn, respond, claim, …,
// and the SAY patterns of verbs.txt) followed by a finite clause is a
// reported quote with Direct false: "Putin said Moscow opposed a truce" →
// [Moscow opposed a truce], speaker Putin. Also recognised: `CLAUSE, X
// said.` (the attribution after the clause), `PHRASE, X said, CLAUSE` (in
// the middle of the sentence: two parts), `…, saying CLAUSE` (the speaker is
// the subject of the main verb), `according to X, CLAUSE` and `CLAUSE,
// according to X`. The clause must be finite, a subject then a finite verb
// ("posted the message in …" is not reported speech), and ends at the end
// of the sentence or where another attribution begins (`…, and Rouhani said
// …`). Speech yet to happen ("Iran will respond", "to say") is not
// reported.
//
// # Speakers
//
// The speaker is the subject of the verb of saying (`X said`), or the noun
// phrase after it (`said X`). It is resolved with package internal/coref:
// a dictionary name to its fullest mention ("Zarif" → "Mohammad Zarif",
// code IRNGOV); a pronoun to the nearest fitting earlier mention outside
// quotes ("he said" → Putin); a definite title to the nearest earlier person
// with that role ("the Turkish president" → Erdogan, "the minister" →
// Zarif); a surname to an earlier full name; "who" ("an official who said
// …") to its antecedent. A speaker that no dictionary knows keeps its name,
// and gets the code its role gives, from an appositive or a title before
// the name: "Hilal Khashan, a political science professor at the American
// University of Beirut" → Hilal Khashan, EDU (a demonym before the role adds
// a country: "a Lebanese professor" → LBNEDU). A speaker that is not a name
// ("a source"), or a pronoun with no antecedent outside quotes, has no
// Speaker; its words are kept in SpeakerText.
//
// Quote.Speaker is a copy of the resolved actor: its Span is the speaker's
// fullest name in the article, its code that of the mention, and its Rule
// says how it was resolved. Quote.SpeakerText holds the words that name the
// speaker where the attribution stands ("he", "the Turkish president").
// Quotes are in text order; a quote split around its attribution gives one
// Quote per part.
//
// Find returns the candidates before they are committed, with the cue and
// the local source words, for explanations and evaluation.
//
// For example, the sentences
//
//	“We agree,” Putin said. He added that Russia opposed a truce.
//
// give two quotes: [We agree] (direct) and [Russia opposed a truce]
// (reported), both with speaker Putin.
package quotes

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"dyad/dict"
	"dyad/doc"
	"dyad/internal/coref"
)

// Stage is the quotes stage. Its configuration is immutable after New, and
// it is safe for concurrent use: each call takes its scratch space from the
// stage's pool.
type Stage struct {
	index  *coref.Index
	speech map[string]bool // lemmas of verbs of saying
	// speechSet is speech, with a quick test; cueWords are the lower-cased
	// words that are verbs of saying whatever their lemma: speech, with the
	// irregular forms read as their lemma.
	speechSet, cueWords *wordSet
	pool                sync.Pool // *finder: per-call scratch, reused
}

// New returns the quotes stage. d gives the names, countries and role nouns
// used to resolve speakers, and extra verbs of saying (the SAY patterns of
// verbs.txt); it may be nil.
func New(d *dict.Dictionaries) *Stage {
	s := &Stage{index: coref.NewIndex(d), speech: map[string]bool{}}
	for w := range speechVerbs {
		s.speech[w] = true
	}
	if d != nil {
		for _, p := range d.Verbs {
			if p.Code == "SAY" && !p.Noun && len(p.Slots) == 1 {
				for _, a := range p.Slots[0].Alts {
					s.speech[a] = true
				}
			}
		}
	}
	for w := range notSpeech {
		delete(s.speech, w)
	}
	cue := make(map[string]bool, len(s.speech)+len(irregular))
	for w := range s.speech {
		cue[w] = true
	}
	for w, l := range irregular {
		if s.speech[l] {
			cue[w] = true
		} else {
			delete(cue, w)
		}
	}
	s.speechSet, s.cueWords = newWordSet(s.speech), newWordSet(cue)
	return s
}

// speechVerbs are the lemmas of verbs that introduce what someone said.
var speechVerbs = map[string]bool{
	"say": true, "tell": true, "add": true, "write": true, "tweet": true, "post": true, "ask": true,
	"reply": true, "respond": true, "answer": true, "explain": true, "note": true, "argue": true,
	"claim": true, "insist": true, "warn": true, "stress": true, "emphasize": true, "emphasise": true,
	"continue": true, "recall": true, "remark": true, "acknowledge": true, "admit": true, "concede": true,
	"complain": true, "joke": true, "quip": true, "predict": true, "suggest": true, "observe": true,
	"comment": true, "conclude": true, "shout": true, "urge": true, "vow": true, "promise": true,
	"pledge": true, "assert": true, "maintain": true, "contend": true, "counter": true, "retort": true,
	"declare": true, "announce": true, "state": true, "report": true, "confirm": true, "deny": true,
	"allege": true, "reveal": true, "disclose": true, "repeat": true, "reiterate": true, "exclaim": true,
	"whisper": true, "mutter": true, "chant": true, "boast": true, "caution": true, "estimate": true,
	"inform": true, "assure": true, "remind": true, "announced": true, "testify": true, "agree": true,
}

// notSpeech are verbs a dictionary may list under SAY that do not introduce
// words: "speak" and "talk" take no clause.
var notSpeech = map[string]bool{"speak": true, "talk": true, "meet": true}

// verbs whose first object is the hearer: "told reporters (that) …"
var hearerVerbs = map[string]bool{"tell": true, "inform": true, "assure": true, "remind": true, "warn": true,
	"ask": true, "promise": true, "urge": true, "caution": true}

// Name implements pipeline.Component.
func (*Stage) Name() string { return "quotes.v1" }

// Reads implements pipeline.Component.
func (*Stage) Reads() []string {
	return []string{"doc.sentences", "doc.tokens", "token.tag", "token.lemma", "doc.actors"}
}

// Writes implements pipeline.Component.
func (*Stage) Writes() []string { return []string{"doc.quotes"} }

// Candidate is one quote found by Find, before it is written to the Doc.
type Candidate struct {
	// Parts are the quoted (or reported) words: one span, or one per part
	// of a quote split around its attribution.
	Parts    []doc.Span
	Sentence int // the sentence of the first part
	Direct   bool
	// Cue is the verb of saying ("said", "according to"); zero when the
	// speaker was carried over from an earlier quote.
	Cue doc.Span
	// Source is the words that name the speaker where the attribution
	// stands ("he", "Zarif", "Hilal Khashan, a … professor"); zero when
	// there are none.
	Source doc.Span
	// Speaker is the resolved speaker, nil when unknown; SpeakerText the
	// source's words.
	Speaker     *doc.Actor
	SpeakerText string
	// Rule says how the quote and its speaker were found.
	Rule string
}

// Process finds the quotes of d and writes them to d.Quotes, replacing any.
//
// It writes what the candidates of Find give, one Quote per part, without
// building the candidates.
func (s *Stage) Process(d *doc.Doc) error {
	d.Quotes = d.Quotes[:0]
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	f := newFinder(s, d)
	defer f.release()
	f.find()
	// the speakers' copies, allocated at once
	n := 0
	for _, it := range f.items {
		if it.kept() && it.speaker != nil {
			n++
		}
	}
	var speakers []doc.Actor
	if n > 0 {
		speakers = make([]doc.Actor, 0, n)
	}
	for _, it := range f.items {
		if !it.kept() {
			continue
		}
		var speaker *doc.Actor
		first := true
		for _, r := range it.parts {
			p, ok := f.span(r)
			if !ok {
				continue
			}
			if first {
				speaker, first = f.speakerCopy(it, &speakers), false
			}
			q := doc.Quote{Sentence: d.SentenceOf(firstToken(d, p)), Span: p, Speaker: speaker,
				SpeakerText: it.text, Direct: it.direct}
			if q.Sentence < 0 {
				q.Sentence = d.SentenceOf(it.parts[0][0])
			}
			d.Quotes = append(d.Quotes, q)
		}
	}
	slices.SortStableFunc(d.Quotes, func(a, b doc.Quote) int { return cmp.Compare(a.Start, b.Start) })
	return nil
}

// firstToken returns the index of the token that starts at or after the
// start of span p.
func firstToken(d *doc.Doc, p doc.Span) int {
	return sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].End > p.Start })
}

// Find returns the quotes of d in text order, without changing d.
func (s *Stage) Find(d *doc.Doc) []Candidate {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return nil
	}
	f := newFinder(s, d)
	defer f.release()
	f.find()
	return f.commit()
}

// String renders a candidate for tests and explanations:
// `"text" ← speaker (CODE)`, with "(reported)" for reported speech.
func (c Candidate) String(d *doc.Doc) string {
	var b strings.Builder
	for i, p := range c.Parts {
		if i > 0 {
			b.WriteString(" … ")
		}
		b.WriteString(d.Slice(p))
	}
	sp := "?"
	switch {
	case c.Speaker != nil:
		sp = fmt.Sprintf("%s (%s)", d.Slice(c.Speaker.Span), c.Speaker.Code)
	case c.SpeakerText != "":
		sp = fmt.Sprintf("%s ()", c.SpeakerText)
	}
	kind := ""
	if !c.Direct {
		kind = " (reported)"
	}
	return fmt.Sprintf("%q ← %s%s", b.String(), sp, kind)
}
