// Package events codes events: who did what to whom, as CAMEO codes.
//
// Reads: doc.tokens, token.tag, token.lemma, doc.chunks, doc.actors.
// Writes: doc.events.
//
// Each verb group of a sentence is matched against the verb dictionary
// (verbs.txt): the longest pattern whose words follow the verb in its clause
// gives the code. The source is the subject, the nearest actor mention to
// the left of the verb in the same clause that is not the object of a
// preposition; the target is the first actor mention after the verb in the
// same clause, preferring objects to places named after "in", "at" or
// "near". Then:
//
//   - Passive voice swaps the roles: "Assad's forces, backed by Russia and
//     Iran," → Russia and Iran (source) support Assad's forces (target).
//   - Reported speech: a verb of saying (SAY in verbs.txt) is not an event
//     itself; the clause it introduces is coded, and its pronouns resolve
//     to the speaker. "Putin said Moscow opposed a truce" → RUSGOV rejects.
//     "X said Y must …" is X demanding of Y (100).
//   - Mood: a negated verb ("was not represented"), a hypothetical one
//     ("could result in"), a clause under "if"/"unless", and a question are
//     not events. A future or intended action ("will", "would", "going to",
//     "plans to") becomes the matching intent for cooperation (04 → 036,
//     07 → 033, …) and a threat for conflict (19 → 138, 16 → 131, …).
//   - An infinitive after a verb the dictionary does not code takes that
//     verb's subject ("prepared to attend"); after a coded verb it only
//     refines the pattern ("agreed to meet" → 036).
//   - A compound actor yields one event per member; a compound source with
//     no target and a reciprocal event (03–06: meet, agree, sign) yields
//     one event per directed pair. Noun patterns ("@meeting between") code
//     the pairs of the compound after the preposition.
//
// QuadClass, Goldstein and the PLOVER type come from package codes. Every
// event records in Rule the pattern (file:line) and the rules that chose its
// source, target and mood.
package events

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/internal/lower"
)

// Stage is the events stage.
type Stage struct {
	verbs *Verbs
	table *codes.Table
	// phrases are the discard phrases.
	phrases []discard
	// words numbers the words of the verb patterns (as Verbs.words does)
	// and the first words of the discard phrases; discards holds the
	// phrases by the number of their first word.
	words    wordIndex
	discards [][]discard
	// firsts rules out most words that start no discard phrase.
	firsts prefilter
	// codes caches codeInfo by the numbers of codeIDs.
	codeIDs wordIndex
	codes   []codeEvent
	// scratch holds *sentence values reused across documents.
	scratch sync.Pool
	// Trace, when non-nil, receives a line for every decision (for explain).
	Trace func(format string, args ...any)
}

// discard is a discard phrase with its words split once.
type discard struct {
	dict.Discard
	words []string // strings.Fields(Phrase)
}

// Option configures the stage.
type Option func(*Stage)

// WithDiscards makes the stage skip sentences (or whole articles) holding
// one of the discard phrases of discards.txt (sports, weather, culture).
func WithDiscards(ds []dict.Discard) Option {
	return func(s *Stage) {
		for _, d := range ds {
			w := strings.Fields(d.Phrase)
			if len(w) > 0 {
				s.phrases = append(s.phrases, discard{Discard: d, words: w})
			}
		}
	}
}

// New returns the events stage.
func New(v *Verbs, t *codes.Table, opts ...Option) *Stage {
	s := &Stage{verbs: v, table: t}
	for _, o := range opts {
		o(s)
	}
	if v != nil {
		for _, w := range v.words.keys {
			s.words.add(w) // the same numbers as in v.words
		}
		if t != nil {
			s.cacheCodes()
		}
	}
	for _, x := range s.phrases {
		id := s.words.add(x.words[0])
		s.firsts.add(x.words[0])
		for int(id) >= len(s.discards) {
			s.discards = append(s.discards, nil)
		}
		s.discards[id] = append(s.discards[id], x)
	}
	return s
}

// codeEvent is what emit needs to know about an event code.
type codeEvent struct {
	ev     codes.Event // the code's nearest event in the table
	ok     bool        // whether there is one
	plover doc.PloverType
}

// lookupCode returns what the table says about code.
func (s *Stage) lookupCode(code string) codeEvent {
	var ce codeEvent
	if ce.ev, ce.ok = s.table.Nearest(code); !ce.ok {
		return ce
	}
	if pe, ok := s.table.Lookup(code); ok {
		ce.plover = doc.PloverType{Event: pe.PloverEvent, Mode: pe.PloverMode}
	}
	if ce.plover.Event == "" {
		if pe, ok := s.table.Lookup(ce.ev.Root + "0"); ok {
			ce.plover = doc.PloverType{Event: pe.PloverEvent, Mode: pe.PloverMode}
		}
	}
	return ce
}

// cacheCodes looks up, once, the codes that emit can be asked about: those
// of the patterns, of the coder's rules, and what futureCode and refusal
// turn them into.
func (s *Stage) cacheCodes() {
	add := func(code string) {
		if len(code) < 2 {
			return // not a code emit is asked about
		}
		for _, c := range []string{code, futureCode(code)} {
			if s.codeIDs.find(c) < 0 {
				s.codeIDs.add(c)
				s.codes = append(s.codes, s.lookupCode(c))
			}
		}
	}
	for _, pss := range [][][]*pattern{s.verbs.verbPats, s.verbs.nounPats} {
		for _, ps := range pss {
			for _, p := range ps {
				add(p.Code)
			}
		}
	}
	for _, c := range []string{"100", "015", "112", "020"} {
		add(c)
	}
	for _, c := range refusal {
		add(c)
	}
}

// codeInfo returns what the table says about code.
func (s *Stage) codeInfo(code string) codeEvent {
	if id := s.codeIDs.find(code); id >= 0 {
		return s.codes[id]
	}
	return s.lookupCode(code)
}

// discarded returns the discard phrase found in sentence si, if any.
// c must be set to d (c.d, c.words and the word numbers).
func (s *Stage) discarded(c *sentence, d *doc.Doc, sent doc.Sentence) (dict.Discard, bool) {
	for i := sent.First; i < sent.Last; i++ {
		if !s.firsts.mayHave(d.Tokens[i].Lemma) && !s.firsts.mayHaveLower(d.TokenText(i)) {
			continue
		}
		lemmaID, lowerID := c.ids(i)
		var byLemma, byLower []discard
		if id := lemmaID; id >= 0 && int(id) < len(s.discards) {
			byLemma = s.discards[id]
		}
		if id := lowerID; id >= 0 && int(id) < len(s.discards) {
			byLower = s.discards[id]
		}
		if byLemma == nil && byLower == nil {
			continue
		}
		for _, ds := range [2][]discard{byLemma, byLower} {
			for _, x := range ds {
				w := x.words
				if i+len(w) > sent.Last {
					continue
				}
				ok := true
				for k, wk := range w {
					t := i + k
					if d.Tokens[t].Lemma != wk && !lower.Is(d.TokenText(t), wk) {
						ok = false
						break
					}
				}
				if ok {
					return x.Discard, true
				}
			}
		}
	}
	return dict.Discard{}, false
}

// Name implements pipeline.Component.
func (*Stage) Name() string { return "events.v1" }

// Reads implements pipeline.Component.
func (*Stage) Reads() []string {
	return []string{"doc.tokens", "token.tag", "token.lemma", "doc.chunks", "doc.actors"}
}

// Writes implements pipeline.Component.
func (*Stage) Writes() []string { return []string{"doc.events"} }

func (s *Stage) trace(format string, args ...any) {
	if s.Trace != nil {
		s.Trace(format, args...)
	}
}

// mood of a verb group
type mood uint8

const (
	asserted mood = iota
	negated
	hypothetical
	future
	obligation
	conditional
)

func (m mood) String() string {
	return [...]string{"asserted", "negated", "hypothetical", "future", "obligation", "conditional"}[m]
}

// vgroup is a verb group with what the coder needs to know about it.
type vgroup struct {
	first, last int // token range
	head        int
	lemma       string
	mood        mood
	passive     bool
	infinitive  bool // starts with "to"
	participle  bool // a bare -ing form after a comma: ", saying …"
	reduced     bool // a bare past participle: "forces, backed by …"
	finite      bool
	say         bool
	coded       bool
	subject     int  // index into Doc.Actors, -1 if none
	speaker     int  // the speaker when inside reported speech, -1 if none
	trailing    bool // the speaker comes from a trailing attribution ("…, X said")
	willNot     bool // a negated future: "would not provide"
	bare        bool // a finite verb with no auxiliary
	matrix      int  // the verb group this infinitive depends on, -1
	consumed    bool
	evSrc       int // the source and target its event was coded with, -1
	evTgt       int
	evCode      string // the code it was coded with
}

// sentence is the coder's state for one sentence. Its slices are scratch
// space, reused from sentence to sentence and, through Stage.scratch, from
// document to document.
type sentence struct {
	d       *doc.Doc
	s       doc.Sentence
	si      int
	actorAt []int // token → index of top-level actor in Doc.Actors, -1
	vgs     []vgroup
	vgAt    []int // token → vgroup index, -1
	// attrStart is the first token of a trailing or parenthetical
	// attribution (", X said."), or the sentence end when there is none.
	attrStart int
	// lower holds lower-cased tokens of the document, filled on demand by
	// low, "" elsewhere; lowSet lists the tokens filled.
	lower  []string
	lowSet []int
	// words numbers the words of the verb patterns (Stage.words).
	words *wordIndex
	// lemmaID and lowerID are the numbers in words of each token's lemma
	// and lower-cased text, -1 when absent, unknownID until computed by
	// ids, by token of the document.
	lemmaID, lowerID []int32
	// bound caches isBoundary per token: 0 unknown, 1 no, 2 yes.
	bound []int8
	// stop and bword are set by setStops, for newGroup and boundary.
	stop  []int
	bword []bool
	// present is a bitset over word numbers: the words of the tokens a
	// match may look at (see match); all zero between matches.
	present []uint64
	// toks receives the tokens matched by matchSlots.
	toks []int
	// notes receives the "; "-prefixed notes of codeGroup; head is where
	// a rule's beginning is built when it is not a pattern's.
	notes, head []byte
	// text holds the document's rules that emit built (see pend), then
	// its event IDs (finish).
	text []byte
	pend []pendingRule
	// events gathers the document's events (finish moves them to d).
	events []doc.Event
	// actorIdx[actorOff[si]:actorOff[si+1]] are the indexes of the
	// mentions of sentence si, in Doc.Actors order; chunkIdx and chunkOff
	// likewise list the VP chunks within sentence si, or every chunk
	// (allChunks) when the sentences do not allow it (see index).
	actorIdx, actorOff []int
	chunkIdx, chunkOff []int
	allChunks          bool
	sentOf             []int // scratch for index
	// skip marks the discarded sentences of the document (Process).
	skip []bool
}

// reset prepares c for sentence si of d.
func (c *sentence) reset(d *doc.Doc, si int, sent doc.Sentence) {
	n := sent.Last - sent.First
	c.d, c.s, c.si, c.attrStart = d, sent, si, sent.Last
	c.vgs = c.vgs[:0]
	c.actorAt = fill(c.actorAt, n, -1)
	c.vgAt = fill(c.vgAt, n, -1)
	c.bound = fill(c.bound, n, 0)
}

// fill returns xs resized to n elements, all set to v, reusing its storage
// when it is large enough.
func fill[T any](xs []T, n int, v T) []T {
	if cap(xs) < n {
		xs = make([]T, n)
	} else {
		xs = xs[:n]
	}
	for i := range xs {
		xs[i] = v
	}
	return xs
}

func (c *sentence) tok(i int) string { return c.d.TokenText(i) }

// low returns token i in lower case, computed once per document.
func (c *sentence) low(i int) string {
	if c.lower[i] == "" {
		c.lower[i] = strings.ToLower(c.d.TokenText(i))
		c.lowSet = append(c.lowSet, i)
	}
	return c.lower[i]
}

// unknownID marks a token whose word numbers are not yet computed.
const unknownID = -2

// ids returns the numbers in c.words of token i's lemma and lower-cased
// text, -1 when absent, computed once per document.
func (c *sentence) ids(i int) (int32, int32) {
	if c.lemmaID[i] == unknownID {
		lemma, text := c.d.Tokens[i].Lemma, c.d.TokenText(i)
		l := c.words.find(lemma)
		c.lemmaID[i] = l
		if lower.Is(text, lemma) {
			c.lowerID[i] = l
		} else {
			c.lowerID[i] = c.words.findLower(text)
		}
	}
	return c.lemmaID[i], c.lowerID[i]
}

func (c *sentence) lemma(i int) string { return c.d.Tokens[i].Lemma }
func (c *sentence) tag(i int) string   { return c.d.Tokens[i].Tag }

// boundaryWord reports whether lemma l opens a new clause ("after" and
// "so" do not).
func boundaryWord(l string) bool {
	if len(l) < 2 || len(l) > 8 { // "if" … "although"
		return false
	}
	switch l[0] {
	case 't', 'w', 'b', 'a', 'i', 'u':
	default:
		return false
	}
	switch l {
	case "that", "which", "who", "whom", "whose", "while", "whereas",
		"because", "although", "though", "if", "unless", "when",
		"whether", "until", "but", "where":
		return true
	}
	return false
}

// objectStart reports whether tag t starts a direct object after a verb.
func objectStart(t string) bool {
	switch t {
	case "DT", "PRP$", "CD", "NNP", "NNPS", "JJ", "NN", "NNS", "PRP", "PDT":
		return true
	}
	return false
}

// subordinator reports whether l, tagged IN, opens a clause, not a
// prepositional phrase.
func subordinator(l string) bool {
	switch l {
	case "that", "because", "if", "whether", "while",
		"although", "though", "unless", "so", "once", "whereas":
		return true
	}
	return false
}

// hypoModal, futureModal and obligModal report the kind of modal l is.
func hypoModal(l string) bool {
	switch l {
	case "could", "might", "may", "can":
		return true
	}
	return false
}

func futureModal(l string) bool {
	switch l {
	case "will", "would", "shall", "'ll":
		return true
	}
	return false
}

func obligModal(l string) bool {
	switch l {
	case "must", "should", "ought":
		return true
	}
	return false
}

// verbs after which an infinitive is intended, or not done at all
var intentMatrix = map[string]bool{"go": true, "plan": true, "intend": true, "prepare": true, "expect": true,
	"set": true, "aim": true, "want": true, "hope": true, "seek": true, "try": true, "decide": true, "wish": true,
	"schedule": true, "attempt": true, "propose": true, "move": true, "ready": true, "prepared": true, "willing": true,
	"poised": true, "due": true, "determined": true, "eager": true, "pledge": true, "promise": true, "vow": true,
	"offer": true, "agree": true, "threaten": true, "undertake": true, "volunteer": true, "swear": true}
var negMatrix = map[string]bool{"fail": true, "refuse": true, "decline": true, "avoid": true, "stop": true,
	"cease": true, "hesitate": true, "deny": true, "forget": true, "neglect": true}
var obligMatrix = map[string]bool{"have": true, "need": true}

// verbs whose object is asked to act: "wants Putin to attack"
var wishMatrix = map[string]bool{"want": true, "wish": true, "expect": true, "need": true, "encourage": true,
	"invite": true, "advise": true, "persuade": true, "convince": true, "challenge": true, "beg": true}

// verbs after which an infinitive is done: "began to withdraw"
var aspectMatrix = map[string]bool{"begin": true, "start": true, "continue": true, "resume": true, "manage": true,
	"proceed": true, "keep": true, "be": true, "get": true, "come": true, "rush": true, "hurry": true, "dare": true,
	"use": true, "return": true, "unite": true, "join": true, "mobilize": true, "mobilise": true, "gather": true,
	"order": true, "force": true, "compel": true, "oblige": true, "command": true, "instruct": true}

// locative prepositions: a mention after them is a place, a weak target
var locative = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "across": true,
	"throughout": true, "around": true, "outside": true, "within": true, "into": false}

// Process codes the events of every sentence of d.
func (s *Stage) Process(d *doc.Doc) error {
	d.Events = d.Events[:0]
	c, _ := s.scratch.Get().(*sentence)
	if c == nil {
		c = &sentence{}
	}
	defer s.release(c)
	c.d, c.words = d, &s.words
	c.lemmaID = fill(c.lemmaID, len(d.Tokens), unknownID)
	c.lowerID = fill(c.lowerID, len(d.Tokens), unknownID)
	if cap(c.lower) < len(d.Tokens) {
		c.lower = make([]string, len(d.Tokens))
	}
	c.lower = c.lower[:len(d.Tokens)] // all "" (see release)
	c.present = fill(c.present, (len(c.words.keys)+63)/64, 0)
	c.skip = fill(c.skip, len(d.Sentences), false)
	c.text, c.pend, c.events = c.text[:0], c.pend[:0], c.events[:0]
	c.index(d)
	if len(s.phrases) > 0 {
		for si, sent := range d.Sentences {
			if x, ok := s.discarded(c, d, sent); ok {
				if x.Story {
					if s.Trace != nil {
						s.trace("article discarded: %q (%s:%d)", x.Phrase, dict.DiscardsFile, x.Line)
					}
					return nil
				}
				if s.Trace != nil {
					s.trace("sentence %d discarded: %q (%s:%d)", si, x.Phrase, dict.DiscardsFile, x.Line)
				}
				c.skip[si] = true
			}
		}
	}
	for si, sent := range d.Sentences {
		if !c.skip[si] {
			c.reset(d, si, sent)
			s.sentence(c)
		}
	}
	c.finish(d)
	return nil
}

// index lists the mentions and the verb chunks of d by sentence, for
// actorsOf and chunksOf.
func (c *sentence) index(d *doc.Doc) {
	n := len(d.Sentences)
	c.actorOff = fill(c.actorOff, n+2, 0)
	for i := range d.Actors {
		if s := d.Actors[i].Sentence; s >= 0 && s < n {
			c.actorOff[s+2]++
		}
	}
	for s := 2; s < n+2; s++ {
		c.actorOff[s] += c.actorOff[s-1]
	}
	c.actorIdx = fill(c.actorIdx, c.actorOff[n+1], 0)
	for i := range d.Actors {
		if s := d.Actors[i].Sentence; s >= 0 && s < n {
			c.actorIdx[c.actorOff[s+1]] = i
			c.actorOff[s+1]++
		}
	}
	c.actorOff = c.actorOff[:n+1]

	// a chunk belongs to at most one sentence when the sentences are
	// ordered and disjoint and the chunk is not empty: the last sentence
	// starting at or before it
	c.allChunks = false
	for i, s := range d.Sentences {
		if s.First > s.Last || i > 0 && s.First < d.Sentences[i-1].Last {
			c.allChunks = true
		}
	}
	for _, ch := range d.Chunks {
		if ch.Kind == doc.VP && ch.First >= ch.Last {
			c.allChunks = true
		}
	}
	if c.allChunks {
		c.chunkIdx = fill(c.chunkIdx, len(d.Chunks), 0)
		for i := range c.chunkIdx {
			c.chunkIdx[i] = i
		}
		return
	}
	c.chunkOff = fill(c.chunkOff, n+2, 0)
	c.chunkIdx = fill(c.chunkIdx, len(d.Chunks), -1) // sentence by chunk, first
	for i, ch := range d.Chunks {
		if ch.Kind != doc.VP {
			continue
		}
		s := sort.Search(n, func(s int) bool { return d.Sentences[s].First > ch.First }) - 1
		if s >= 0 && ch.Last <= d.Sentences[s].Last {
			c.chunkIdx[i] = s
			c.chunkOff[s+2]++
		}
	}
	for s := 2; s < n+2; s++ {
		c.chunkOff[s] += c.chunkOff[s-1]
	}
	c.sentOf = append(c.sentOf[:0], c.chunkIdx...)
	c.chunkIdx = c.chunkIdx[:c.chunkOff[n+1]]
	for i, s := range c.sentOf {
		if s >= 0 {
			c.chunkIdx[c.chunkOff[s+1]] = i
			c.chunkOff[s+1]++
		}
	}
	c.chunkOff = c.chunkOff[:n+1]
}

// actorsOf returns the indexes in Doc.Actors of the mentions of sentence
// si, in order.
func (c *sentence) actorsOf(si int) []int {
	return c.actorIdx[c.actorOff[si]:c.actorOff[si+1]]
}

// chunksOf returns the indexes in Doc.Chunks of chunks that may lie within
// sentence si, in order.
func (c *sentence) chunksOf(si int) []int {
	if c.allChunks {
		return c.chunkIdx
	}
	return c.chunkIdx[c.chunkOff[si]:c.chunkOff[si+1]]
}

// digits returns the number of decimal digits of n > 0.
func digits(n int) int {
	k := 1
	for n >= 10 {
		n /= 10
		k++
	}
	return k
}

// sentence codes the sentence c has been reset to.
func (s *Stage) sentence(c *sentence) {
	d, si, sent := c.d, c.si, c.s
	// top-level mentions: compounds over their members
	for _, ai := range c.actorsOf(si) {
		a := &d.Actors[ai]
		if a.Sentence != si || a.First < sent.First || a.Last > sent.Last {
			continue
		}
		if a.Code == "" && len(a.Members) == 0 {
			continue
		}
		for k := a.First; k < a.Last; k++ {
			cur := c.actorAt[k-sent.First]
			if cur < 0 || d.Actors[cur].Last-d.Actors[cur].First < a.Last-a.First {
				c.actorAt[k-sent.First] = ai
			}
		}
	}
	// a question, also inside closing quotes: 'asked: "How can they fight crime?"'
	qk := sent.Last - 1
	for qk > sent.First && closingMark(c.tok(qk)) {
		qk--
	}
	question := c.tok(qk) == "?"
	c.setStops()
	for _, ci := range c.chunksOf(si) {
		ch := d.Chunks[ci]
		if ch.Kind != doc.VP || ch.First < sent.First || ch.Last > sent.Last {
			continue
		}
		if !strings.HasPrefix(c.tag(ch.Head), "VB") {
			continue
		}
		c.vgs = append(c.vgs, vgroup{})
		c.newGroup(&c.vgs[len(c.vgs)-1], ch)
		for k := ch.First; k < ch.Last; k++ {
			c.vgAt[k-sent.First] = len(c.vgs) - 1
		}
	}
	for vi := range c.vgs {
		v := &c.vgs[vi]
		v.say = s.verbs.IsSay(v.lemma) && !v.infinitive
		if v.say {
			// a longer pattern beats the verb of saying: "announced a ceasefire"
			if p, _ := s.match(c, v); p != nil && len(p.Slots) >= 2 {
				v.say = false
			}
		}
		v.matrix = -1
		if v.infinitive && vi > 0 {
			prev := &c.vgs[vi-1]
			if v.first-prev.last <= 6 && !c.boundaryBetween(prev.last, v.first) {
				v.matrix = vi - 1
			}
		}
	}
	// subjects, in order, so that participles and infinitives can inherit
	for vi := range c.vgs {
		v := &c.vgs[vi]
		v.subject, v.speaker = -1, -1
		switch {
		case v.infinitive && v.matrix >= 0:
			v.subject = c.vgs[v.matrix].subject
			v.speaker = c.vgs[v.matrix].speaker
		case v.participle:
			for k := vi - 1; k >= 0; k-- {
				if c.vgs[k].finite {
					v.subject = c.vgs[k].subject
					v.speaker = c.vgs[k].speaker
					break
				}
			}
		case v.finite && vi > 0 && c.coordinated(v.first) && c.vgs[vi-1].finite && !c.vgs[vi-1].say && !c.subordinateBetween(c.vgs[vi-1].last, v.first):
			// "killed one soldier and wounded two others": the subject of
			// the first verb, not its object
			v.subject, v.speaker = c.vgs[vi-1].subject, c.vgs[vi-1].speaker
		case v.finite && vi > 0 && c.coordinated(v.first) && c.lemma(v.first-1) == "and" && c.vgs[vi-1].infinitive && c.coordMatrix(vi-1) >= 0 && c.vgs[c.coordMatrix(vi-1)].speaker < 0 && !c.subordinateBetween(c.vgs[c.coordMatrix(vi-1)].last, v.first):
			// "has refused to deploy peacekeepers in Iraq and has urged its
			// citizens …": the subject of the finite verb the infinitive
			// depends on, not the infinitive's object (not after "but", not
			// in reported speech, where the sayer may be the one meant)
			m := &c.vgs[c.coordMatrix(vi-1)]
			v.subject, v.speaker = m.subject, m.speaker
		case !v.finite && !v.infinitive && c.tag(v.head) == "VBG" && v.first == v.head && !auxLemma(v.lemma) && v.first > c.s.First && c.actorAt[v.first-1-c.s.First] >= 0 && c.describable(c.actorAt[v.first-1-c.s.First]):
			// "fired on protesters demanding his resignation": the -ing form
			// describes the mention right before it, its subject
			v.subject = c.actorAt[v.first-1-c.s.First]
			for k := vi - 1; k >= 0; k-- {
				if c.vgs[k].finite {
					v.speaker = c.vgs[k].speaker
					break
				}
			}
		default:
			v.subject, v.speaker = c.subject(vi, v.passive || v.reduced)
		}
	}
	c.trailingSpeakers()
	for vi := range c.vgs {
		v := &c.vgs[vi]
		if v.say || v.consumed {
			continue
		}
		if question {
			if s.Trace != nil {
				s.trace("%s: not coded: the sentence is a question", c.tok(v.head))
			}
			continue
		}
		if c.tag(v.first) == "VBG" && vi > 0 && c.vgs[vi-1].last == v.first && negMatrix[c.vgs[vi-1].lemma] {
			// "Russia denied attacking the rebels"
			if s.Trace != nil {
				s.trace("%s: not coded: after %q", c.tok(v.head), c.tok(c.vgs[vi-1].head))
			}
			continue
		}
		if v.first == v.head && v.last == v.head+1 && v.last < c.s.Last && armedNoun(c.low(v.head), c.lemma(v.last)) {
			// "the Afghan armed forces": an adjective, not "arm"
			if s.Trace != nil {
				s.trace("%s: not coded: adjective before %q", c.tok(v.head), c.tok(v.last))
			}
			continue
		}
		if c.tag(v.first) == "VBG" && c.afterPrep(v.first) {
			// "accused the US of violating human rights": a gerund, not a clause
			if s.Trace != nil {
				s.trace("%s: not coded: gerund after %q", c.tok(v.head), c.tok(v.first-1))
			}
			v.consumed = true
			continue
		}
		if (v.participle || c.tag(v.first) == "VBG" && c.coordinated(v.first)) && vi > 0 && c.tag(c.vgs[vi-1].first) == "VBG" && (c.vgs[vi-1].consumed || c.afterPrep(c.vgs[vi-1].first)) {
			// "… of violating human rights, ignoring international law": the
			// gerund list goes on
			if s.Trace != nil {
				s.trace("%s: not coded: continues the gerunds before it", c.tok(v.head))
			}
			v.consumed = true
			continue
		}
		s.codeGroup(c, vi)
	}
	s.nounEvents(c)
}

// trailingSpeakers gives the speaker of a trailing attribution ("…, a
// British minister said.") to the clauses before it.
func (c *sentence) trailingSpeakers() {
	for vi := range c.vgs {
		v := &c.vgs[vi]
		if !v.say || v.subject < 0 || v.passive {
			continue // "a court martial was told": the addressee, not the speaker
		}
		subj := c.d.Actors[v.subject]
		// the attribution starts after a comma and nothing but adverbials follow it
		start := subj.First
		if start-1 > c.s.First && c.tok(start-1) == "(" {
			// "the World Food Program (WFP) said"
			if a := c.actorAt[start-2-c.s.First]; a >= 0 {
				start = c.d.Actors[a].First
			}
		}
		for start > c.s.First && c.tag(start-1) == "DT" {
			start--
		}
		if start > c.s.First && c.tok(start-1) != "," {
			// the speaker's title: ", US Deputy Secretary of Energy Jeffrey
			// Kupfer said"
			k := start
			for k > c.s.First && titleTag(c.tag(k-1)) || k-1 > c.s.First && c.lemma(k-1) == "of" && titleTag(c.tag(k-2)) {
				k--
			}
			if k > c.s.First && k < start && c.tok(k-1) == "," && c.titleActor(k, start) {
				start = k
			}
		}
		if start == c.s.First || c.tok(start-1) != "," && c.tok(start-1) != "”" && c.tok(start-1) != "''" {
			continue
		}
		// nothing but adverbials follow it, up to the end of the sentence or
		// to the comma that closes a parenthetical ", residents said,"
		tail := true
		for k := v.last; k < c.s.Last; k++ {
			if c.tok(k) == "," {
				break
			}
			if g := c.vgAt[k-c.s.First]; g >= 0 && c.vgs[g].finite {
				tail = false
			}
			if c.lemma(k) == "that" {
				tail = false
			}
		}
		if !tail {
			continue
		}
		if start-1 < c.attrStart {
			c.attrStart = start - 1
		}
		for ui := 0; ui < vi; ui++ {
			if u := &c.vgs[ui]; u.last <= start && u.speaker < 0 {
				u.speaker = v.subject
				u.trailing = true
			}
		}
	}
}

// titleActor reports whether tokens [a, b) hold a mention with a country
// ("US" in "US Deputy Secretary of Energy"): a title that names whom the
// speaker speaks for.
func (c *sentence) titleActor(a, b int) bool {
	for k := a; k < b; k++ {
		if x := c.actorAt[k-c.s.First]; x >= 0 && c.d.Actors[x].Country != "" && !strings.Contains(c.d.Actors[x].Rule, "context") {
			return true
		}
	}
	return false
}

// titleTag reports whether a token tagged t may be part of a speaker's
// title before the speaker's name.
func titleTag(t string) bool {
	switch t {
	case "NNP", "NNPS", "NN", "JJ", "DT", "POS":
		return true
	}
	return false
}

// newGroup sets *v to the verb group of chunk ch.
func (c *sentence) newGroup(v *vgroup, ch doc.Chunk) {
	*v = vgroup{first: ch.First, last: ch.Last, head: ch.Head, lemma: c.lemma(ch.Head), evSrc: -1, evTgt: -1}
	v.infinitive = c.tag(ch.First) == "TO"
	aux := false
	for k := ch.First; k < ch.Last; k++ {
		l := c.lemma(k)
		switch {
		case l == "not" || l == "never" || l == "n't":
			v.mood = negated
		case c.tag(k) == "MD":
			aux = true
			if futureModal(l) {
				v.willNot = true // kept only when the group is negated
			}
			if v.mood == negated {
				break
			}
			switch {
			case hypoModal(l):
				v.mood = hypothetical
			case futureModal(l):
				v.mood = future
			case obligModal(l):
				v.mood = obligation
			}
		case k < ch.Head && (l == "be" || l == "get") && c.tag(ch.Head) == "VBN":
			v.passive = true
			aux = true
		case k < ch.Head && strings.HasPrefix(c.tag(k), "VB"):
			aux = true
		}
	}
	if ch.First > c.s.First {
		p := c.lemma(ch.First - 1)
		if p == "nor" || p == "neither" || p == "no" {
			v.mood = negated
		}
	}
	if v.mood != negated {
		v.willNot = false
	}
	ht := c.tag(ch.Head)
	v.bare = !aux && (ht == "VBZ" || ht == "VBP")
	v.finite = !v.infinitive && (aux || ht == "VBD" || ht == "VBZ" || ht == "VBP")
	if !aux && !v.infinitive {
		if ht == "VBG" && ch.First > c.s.First && c.tok(ch.First-1) == "," {
			v.participle = true
		}
		if ht == "VBG" && ch.First > c.s.First && statementNoun(c.lemma(ch.First-1)) && c.actorAt[ch.First-1-c.s.First] < 0 && c.issued(ch.First-1) {
			// "issued a declaration demanding that …": the statement speaks
			// for whoever issued it
			v.participle = true
		}
		if ht == "VBN" && ch.First > c.s.First {
			// "forces, backed by Russia": a bare participle followed by "by"
			if ch.Last+1 < c.s.Last && c.lemma(ch.Last) == "by" && c.tag(ch.Last+1) == "CD" {
				// "Bashir on Thursday shortened by one hour the curfew": a
				// measure, not an agent; the verb is the clause's own
				v.finite = true
			} else if ch.Last < c.s.Last && c.lemma(ch.Last) == "by" {
				v.reduced = true
				v.finite = false
			} else if (ch.Last >= c.s.Last || !objectStart(c.tag(ch.Last))) && intransitive[v.lemma] {
				// "NPA rebels surrendered to the police": a verb with no
				// passive is the clause's own past tense
				v.finite = true
			} else if ch.Last >= c.s.Last || !objectStart(c.tag(ch.Last)) {
				// "10 Russian soldiers killed in Ukraine", "the civilians
				// imprisoned for …": a participle with no object describes
				// its noun; with no agent it has no source
				if p := c.tag(ch.First - 1); strings.HasPrefix(p, "NN") || p == "," {
					v.reduced = true
					v.finite = false
				}
			}
		}
	}
	// conditional clause: "if", "unless" or "whether" before the group,
	// with no other clause boundary between
	if k := c.stop[ch.First-c.s.First]; k >= 0 {
		if l := c.lemma(k); l == "if" || l == "unless" || l == "whether" {
			v.mood = conditional
		}
	}
}

// issued reports whether the noun at token k is the object of a verb that
// issues it ("issued a declaration", "passed a bill"), not of one that acts
// on it ("tore up legislation banning …").
func (c *sentence) issued(k int) bool {
	for j := k - 1; j >= c.s.First && j > k-6; j-- {
		switch c.tag(j) {
		case "DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "PRP$", "POS", "RB", "HYPH", "RP":
			continue // "put out a report", "a joint ceasefire declaration"
		case "VBN":
			if t := c.tag(j + 1); strings.HasPrefix(t, "NN") || t == "JJ" {
				continue // "a strongly worded resolution"
			}
		}
		switch c.lemma(j) {
		case "issue", "release", "publish", "pass", "adopt", "approve", "sign", "send", "write",
			"deliver", "make", "draft", "submit", "table", "unveil", "present", "introduce", "enact",
			"put", "circulate", "broadcast", "post", "distribute", "file", "lodge", "vote", "set":
			return true
		}
		return false
	}
	return false
}

// statementNoun reports whether lemma names a document, message or law that
// a participle after it speaks or acts through: "a statement condemning …",
// "passed a bill lifting the emergency law".
func statementNoun(lemma string) bool {
	switch lemma {
	case "statement", "declaration", "communique", "communiqué", "letter", "resolution",
		"message", "note", "petition", "motion", "report", "memorandum", "ultimatum",
		"bill", "law", "decree", "legislation":
		return true
	}
	return false
}

// setStops fills c.bword, whether each token of the sentence is a
// boundaryWord, and c.stop: for each token, the nearest token before it
// that is "if", "unless", "whether", another clause boundary word or ";",
// or -1.
func (c *sentence) setStops() {
	n := c.s.Last - c.s.First
	c.stop = fill(c.stop, n, -1)
	c.bword = fill(c.bword, n, false)
	last := -1
	for k := c.s.First; k < c.s.Last; k++ {
		c.stop[k-c.s.First] = last
		l := c.lemma(k)
		bw := boundaryWord(l)
		c.bword[k-c.s.First] = bw
		if bw || l == ";" {
			last = k // if, unless and whether are boundary words
		}
	}
}

// isBoundary reports whether token k ends the clause of what precedes it,
// computed once per token (the verb groups must be known).
func (c *sentence) isBoundary(k int) bool {
	b := &c.bound[k-c.s.First]
	if *b == 0 {
		*b = 1
		if c.boundary(k) {
			*b = 2
		}
	}
	return *b == 2
}

// boundary computes isBoundary.
func (c *sentence) boundary(k int) bool {
	l := c.lemma(k)
	if l == ";" || l == ":" {
		return true
	}
	if l == "," && k+1 < c.s.Last {
		switch c.low(k + 1) {
		case "and", "but", "or", "while", "whereas", "saying", "adding", "according":
			return true
		}
		if t := c.tag(k + 1); t == "VBN" || t == "VBG" {
			return true // ", expected to be joined by …", ", killing …"
		}
	}
	if l == "as" && c.tag(k) == "IN" {
		// "as authorities in Croatia cracked down": a clause, not "as a result"
		for j := k + 1; j < c.s.Last && j < k+8; j++ {
			if c.tok(j) == "," {
				break
			}
			if g := c.vgAt[j-c.s.First]; g >= 0 && c.vgs[g].finite {
				return true
			}
		}
	}
	if l == "that" && c.tag(k) == "DT" {
		return false
	}
	return c.bword[k-c.s.First] // boundaryWord(l)
}

func (c *sentence) boundaryBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if c.isBoundary(k) {
			return true
		}
	}
	return false
}

// inPP reports whether the mention starting at token first is the object of
// a preposition, and which one.
func (c *sentence) inPP(first int) (string, bool) {
	for k := first - 1; k >= c.s.First; k-- {
		t := c.tag(k)
		switch t {
		case "DT", "JJ", "JJS", "JJR", "CD", "PRP$", "RB":
			continue
		case "IN", "TO":
			if subordinator(c.lemma(k)) {
				return "", false
			}
			if c.lemma(k) == "to" && k > c.s.First && c.lemma(k-1) == "up" || c.lemma(k) == "than" {
				return "", false // "up to 1,000 ethnic Turks", "more than 100 Palestinians"
			}
			if (approx[c.lemma(k)] || k == c.s.First && c.lemma(k) == "about") && k+1 < first && c.tag(k+1) == "CD" {
				return "", false // "around 3,000 Islamic State members": a number, not a place
			}
			return c.lemma(k), true
		}
		return "", false
	}
	return "", false
}

// subject finds the subject of verb group vi: the nearest mention to the
// left in the same clause that is not a prepositional object. For passives
// a prepositional object is accepted when nothing else is found. It also
// returns the speaker when the clause is reported speech.
func (c *sentence) subject(vi int, passive bool) (int, int) {
	v := &c.vgs[vi]
	fallback := -1
	relative := false   // passed "who"/"which": the next mention is the antecedent
	participle := false // passed a participle ("… for introducing rules allowing …")
	for k := v.first - 1; k >= c.s.First; k-- {
		if g := c.vgAt[k-c.s.First]; g >= 0 && g != vi {
			o := &c.vgs[g]
			if !o.finite && !o.infinitive && (c.tag(o.head) == "VBN" || c.tag(o.head) == "VBG") && !c.adjectival(o) {
				if o.lemma == "provide" && o.last < v.first && o.last == o.first+1 && !objectNoun(c.tag(o.last)) {
					return fallback, -1 // "providing the MPs would support …": a condition
				}
				participle = true
			}
			if o.say && o.finite {
				if o.passive {
					return fallback, -1
				}
				return fallback, o.subject
			}
			if o.finite && !c.parenthetical(o) {
				return fallback, -1
			}
			if o.finite {
				k = c.openComma(o)
				continue
			}
			continue
		}
		if c.isBoundary(k) {
			if c.lemma(k) == "who" || c.lemma(k) == "which" {
				// relative clause: the subject is the antecedent before it
				relative = true
				continue
			}
			if c.lemma(k) == "that" {
				return fallback, c.governor(k)
			}
			return fallback, -1
		}
		if c.tok(k) == "," {
			// "Pakistan, a key U.S. ally in the war, has refused": skip the apposition
			if open := c.apposition(k); open >= 0 {
				k = open
				continue
			}
		}
		a := c.actorAt[k-c.s.First]
		if a < 0 {
			if relative && strings.HasPrefix(c.tag(k), "NN") {
				// "rules allowing reduced sentences for murderers who
				// pleaded guilty": the antecedent is no actor
				return fallback, -1
			}
			continue
		}
		m := c.d.Actors[a]
		if !relative && (c.participleObject(m.First) || participle && !c.participleAt(m.Last)) {
			// "British aircraft using guided missiles killed …": the object of
			// the participle is not the subject
			k = m.First
			continue
		}
		if _, pp := c.inPP(m.First); pp && !c.quantityOf(m.First) {
			if fallback < 0 && passive {
				fallback = a
			}
			k = m.First
			continue
		}
		return a, c.governor(m.First)
	}
	return fallback, -1
}

// subordinateBetween reports whether a subordinating or relative word
// ("because", "when", "which", "that" …; not "but") lies in tokens [a, b):
// "… attacked the town when rebels and troops clashed" does not coordinate
// "clashed" with "attacked".
func (c *sentence) subordinateBetween(a, b int) bool {
	for k := a; k < b; k++ {
		if c.bword[k-c.s.First] && c.lemma(k) != "but" && c.isBoundary(k) {
			return true
		}
	}
	return false
}

// coordinated reports whether the verb group starting at token k follows
// "and"/"or"/"but" directly (adverbs aside): a verb sharing its subject.
func (c *sentence) coordinated(k int) bool {
	for j := k - 1; j > c.s.First; j-- {
		switch c.tag(j) {
		case "RB":
			continue
		case "CC":
			return true
		}
		return false
	}
	return false
}

// coordMatrix follows infinitive verb group g up its matrix chain to the
// finite, non-saying verb group it depends on, or -1 (also when a verb of
// saying comes before it).
func (c *sentence) coordMatrix(g int) int {
	for n := 0; g >= 0 && c.vgs[g].infinitive && n < 8; n++ {
		g = c.vgs[g].matrix
	}
	if g < 0 || !c.vgs[g].finite || c.vgs[g].say {
		return -1
	}
	for k := 0; k < g; k++ {
		if c.vgs[k].say {
			return -1 // "X said workers did not want to … and called …"
		}
	}
	return g
}

// participleBetween reports whether a participle verb group (not finite)
// lies between tokens a and b: "MPs criticised Blunkett for introducing rules
// allowing reduced sentences for murderers who pleaded guilty": Blunkett is
// not the subject of "pleaded".
func (c *sentence) participleBetween(a, b int) bool {
	for gi := range c.vgs {
		g := &c.vgs[gi]
		if g.first >= a && g.last <= b && !g.finite && !g.infinitive && (c.tag(g.head) == "VBG" || c.tag(g.head) == "VBN") && !c.adjectival(g) {
			return true
		}
	}
	return false
}

// armedNoun reports whether word before a noun with lemma next is the
// adjective of a fixed phrase ("armed forces", "armed groups", "armed
// robbery"), which the tagger may take for a verb.
func armedNoun(word, next string) bool {
	if word != "armed" {
		return false
	}
	switch next {
	case "force", "forces", "group", "man", "men", "gang", "militia", "wing", "robbery", "attack",
		"conflict", "struggle", "clash", "violence", "resistance", "insurgency", "personnel",
		"service", "services", "police", "guard", "escort", "opposition", "rebellion", "uprising":
		return true
	}
	return false
}

// afterPrep reports whether token k follows a preposition (not a
// subordinator): the -ing form there is a gerund, "accused the US of
// violating human rights".
func (c *sentence) afterPrep(k int) bool {
	return k > c.s.First && c.tag(k-1) == "IN" && !subordinator(c.lemma(k-1))
}

// adjectival reports whether verb group g is a one-word participle used as
// an adjective inside a noun phrase: "Algeria's leading human rights
// activist", "the ruling party".
func (c *sentence) adjectival(g *vgroup) bool {
	if g.last-g.first != 1 || g.first <= c.s.First || g.last >= c.s.Last {
		return false
	}
	switch c.tag(g.first - 1) {
	case "POS", "DT", "PRP$", "JJ":
		t := c.tag(g.last)
		return strings.HasPrefix(t, "NN") || t == "JJ"
	}
	return false
}

// objectNoun reports whether tag t is a noun: an object right after a verb,
// not the subject of a clause ("providing the MPs would support": DT).
func objectNoun(t string) bool {
	return strings.HasPrefix(t, "NN")
}

// participleAt reports whether a participle verb group starts at token k,
// right after a mention that it describes: "The Red Cross operating in Iraq
// said".
func (c *sentence) participleAt(k int) bool {
	if k >= c.s.Last {
		return false
	}
	g := c.vgAt[k-c.s.First]
	return g >= 0 && c.vgs[g].first == k && !c.vgs[g].finite && !c.vgs[g].infinitive
}

// participleObject reports whether the mention starting at token first is
// the object of an -ing participle before it ("British aircraft using
// precision guided missiles"), modifiers aside; a mention before the
// participle is its subject ("The Red Cross operating in Iraq said").
func (c *sentence) participleObject(first int) bool {
	for k := first - 1; k > c.s.First; k-- {
		if g := c.vgAt[k-c.s.First]; g >= 0 {
			o := &c.vgs[g]
			if c.tag(o.head) == "VBG" && !o.finite && !o.infinitive && !c.adjectival(o) {
				// not "saying he would …": a clause of its own
				return !o.say && c.tag(first) != "PRP"
			}
			if t := c.tag(k); (t == "VBN" || t == "VBD") && o.first == o.last-1 && strings.HasPrefix(c.tag(k-1), "NN") {
				continue // "precision guided", "Russia backed"
			}
			return false
		}
		switch c.tag(k) {
		case "DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "PRP$", "RB":
			continue
		}
		return false
	}
	return false
}

// quantities head a subject whose actor follows "of": "thousands of
// students", "supporters of the former president".
var quantities = map[string]bool{"thousand": true, "thousands": true, "hundred": true, "hundreds": true, "dozen": true,
	"dozens": true, "score": true, "scores": true, "million": true, "millions": true, "ten": true, "tens": true,
	"group": true, "number": true, "member": true, "majority": true, "some": true, "many": true, "most": true,
	"all": true, "part": true, "third": true, "half": true, "supporter": true, "crowd": true, "band": true, "unit": true,
	"team": true, "delegation": true, "contingent": true, "representative": true, "leader": true, "faction": true}

// quantityOf reports whether the mention starting at token first follows
// "of" (or "from") after a quantity or group noun that is not itself an
// actor: "Tens of thousands of students" → the students are the subject.
func (c *sentence) quantityOf(first int) bool {
	k := first - 1
	for k > c.s.First && (c.tag(k) == "DT" || c.tag(k) == "JJ" || c.tag(k) == "CD") {
		k--
	}
	if k <= c.s.First || (c.lemma(k) != "of" && c.lemma(k) != "from") {
		return false
	}
	h := k - 1
	if c.actorAt[h-c.s.First] >= 0 {
		return false
	}
	return c.tag(h) == "CD" || quantities[c.lemma(h)] || quantities[c.low(h)]
}

// apposition returns the comma that opens an apposition closed by the comma
// at token k (", a key U.S. ally in the war on terror,"), or -1.
func (c *sentence) apposition(k int) int {
	for j := k - 1; j > c.s.First; j-- {
		if c.vgAt[j-c.s.First] >= 0 || c.isBoundary(j) {
			return -1
		}
		if c.tok(j) == "," {
			if d := c.lemma(j + 1); (d == "a" || d == "an" || d == "the") && j > c.s.First && c.actorAt[j-1-c.s.First] >= 0 {
				return j
			}
			return -1
		}
	}
	return -1
}

// denied marks the speaker index of a clause governed by a denial ("Iran
// denied that it had sent weapons"): such a clause is not an event.
const denied = -2

// irrealis marks a clause governed by a demand or an appeal ("demanded that
// the US cancel plans"): what is demanded has not happened.
const irrealis = -3

var irrealisVerbs = map[string]bool{"demand": true, "urge": true, "ask": true, "request": true, "insist": true,
	"want": true, "propose": true, "suggest": true, "recommend": true, "call": true, "appeal": true, "press": true,
	"hope": true, "wish": true, "expect": true, "require": true, "order": true,
	// unverified claims: what is alleged or feared is not coded as done
	"allege": true, "suspect": true, "fear": true, "believe": true, "think": true, "doubt": true}

var denyVerbs = map[string]bool{"deny": true, "dismiss": true, "refute": true, "rebut": true}

// governor returns the speaker of the clause that starts at token k when a
// verb of saying governs it ("Washington declared Tuesday that China …"),
// denied when a denial governs it, and -1 otherwise.
func (c *sentence) governor(k int) int {
	for j := k - 1; j >= c.s.First; j-- {
		if g := c.vgAt[j-c.s.First]; g >= 0 {
			o := &c.vgs[g]
			switch {
			case o.say && o.finite && !o.passive:
				return o.subject
			case denyVerbs[o.lemma]:
				return denied
			case irrealisVerbs[o.lemma]:
				return irrealis
			}
			return -1
		}
		if c.isBoundary(j) && c.lemma(j) != "that" {
			return -1
		}
	}
	return -1
}

// parenthetical reports whether verb group o sits in a comma-enclosed
// phrase opened by who/which/whose or a participle.
func (c *sentence) parenthetical(o *vgroup) bool {
	k := c.openComma(o)
	if k < c.s.First {
		return false
	}
	next := k + 1
	if next >= c.s.Last {
		return false
	}
	switch c.lemma(next) {
	case "who", "which", "whose", "whom", "where":
		return true
	}
	t := c.tag(next)
	return t == "VBN" || t == "VBG" || o.reduced
}

// openComma returns the comma that opens the phrase holding o, or -1.
func (c *sentence) openComma(o *vgroup) int {
	for k := o.first - 1; k >= c.s.First; k-- {
		if c.tok(k) == "," {
			return k
		}
		if c.lemma(k) == ";" {
			break
		}
	}
	return -1
}

// target finds the first mention after position from in the clause,
// preferring objects to locative places.
func (c *sentence) target(from int, src int, skip []int) (int, string) {
	loc := -1
	thatOK := true
	onlyConj := true // nothing but "and"/adverbs since from: "donated and delivered X"
	for k := from; k < c.s.Last; k++ {
		if k >= c.attrStart && from < c.attrStart {
			break // a trailing attribution: ", a Croatian official said"
		}
		if g := c.vgAt[k-c.s.First]; g >= 0 && c.vgs[g].finite && k == c.vgs[g].first {
			if onlyConj && k > from {
				k = c.vgs[g].last - 1 // coordinated verbs share their object
				continue
			}
			break
		}
		if t := c.tag(k); t != "CC" && t != "RB" {
			onlyConj = false
		}
		if c.isBoundary(k) {
			// "demanded that the US cancel …": the subject of the demanded clause
			if c.lemma(k) == "that" && thatOK && loc < 0 {
				thatOK = false
				if a := c.firstActorBeforeVerb(k + 1); a >= 0 && (src < 0 || !c.sameActor(a, src)) {
					return a, "subject of the clause it governs"
				}
			}
			break
		}
		a := c.actorAt[k-c.s.First]
		if a < 0 || a == src {
			continue
		}
		m := c.d.Actors[a]
		k = m.Last - 1
		if overlaps(m, skip) && (m.Country == "" || strings.Contains(m.Rule, "context")) && !strings.Contains(m.Rule, "actors.txt") {
			if p, pp := c.inPP(m.First); pp && aimedAt[p] {
				return a, "object" // "fired on protesters": the pattern's word is whom it is aimed at
			}
			continue // a word of the pattern: "provide intelligence", "send troops" (not "U.N. weapons inspectors": a named actor)
		}
		if src >= 0 && c.sameActor(a, src) {
			continue // "Iran denied that it …": the source itself
		}
		if c.clauseSubject(m) {
			// "China remained mum and Russia's UN ambassador said …": the
			// subject of the next clause, not an object
			break
		}
		if src >= 0 && len(skip) > 0 && m.Last < skip[len(skip)-1] && (c.tag(m.Last) == "CC" || c.tok(m.Last) == ",") &&
			m.Code == c.d.Actors[src].Code && strings.Contains(m.Rule, "context") {
			// "forces launched artillery and rocket fire against …": a
			// weapon of the source's own, coordinated with the pattern's
			// object
			continue
		}
		if first := m.First; first > c.s.First && c.tag(first-1) == "PRP$" || c.tag(first) == "PRP$" {
			// "offered its troops to Lebanon": the source's own assets
			continue
		}
		if p, pp := c.inPP(m.First); pp && locative[p] {
			if loc < 0 {
				loc = a
			}
			continue
		}
		return a, "object"
	}
	if loc >= 0 {
		return loc, "place"
	}
	return -1, ""
}

// projectile holds the verbs of firing whose agentless passive names where
// the fire came from: "rockets were fired from Gaza".
var projectile = map[string]bool{"fire": true, "launch": true, "lob": true, "shoot": true}

// firedFrom reads "[at|on|into|towards X] from Y [at|on|into|towards X]" after the passive verb
// ending at token k: Y's actor (the source) and X's (the target), or -1s.
func (c *sentence) firedFrom(k int) (int, int) {
	at := -1
	if k < c.s.Last {
		switch c.lemma(k) {
		case "at", "on", "into", "toward", "towards":
			j := k + 1
			for j < c.s.Last && c.tag(j) == "DT" {
				j++
			}
			if j >= c.s.Last {
				return -1, -1
			}
			a := c.actorAt[j-c.s.First]
			if a < 0 || c.d.Actors[a].First != j {
				return -1, -1
			}
			at, k = a, c.d.Actors[a].Last
		}
	}
	if k >= c.s.Last || c.lemma(k) != "from" {
		return -1, -1
	}
	j := k + 1
	for j < c.s.Last && c.tag(j) == "DT" {
		j++
	}
	if j >= c.s.Last {
		return -1, -1
	}
	a := c.actorAt[j-c.s.First]
	if a < 0 || c.d.Actors[a].First != j {
		return -1, -1
	}
	if k = c.d.Actors[a].Last; at < 0 && k+1 < c.s.Last {
		// "fired from Lebanon into northern Israel"
		switch c.lemma(k) {
		case "at", "on", "into", "toward", "towards":
			for j = k + 1; j < c.s.Last && (c.tag(j) == "DT" || c.tag(j) == "JJ"); j++ {
			}
			if j < c.s.Last {
				if b := c.actorAt[j-c.s.First]; b >= 0 && b != a {
					at = b
				}
			}
		}
	}
	return a, at
}

// clauseSubject reports whether mention m opens a coordinated clause: it
// follows "and"/"but" (and determiners) and a finite verb group starts right
// after it.
func (c *sentence) clauseSubject(m doc.Actor) bool {
	j := m.First - 1
	for j > c.s.First && c.tag(j) == "DT" {
		j--
	}
	if j <= c.s.First || c.tag(j) != "CC" || m.Last >= c.s.Last {
		return false
	}
	g := c.vgAt[m.Last-c.s.First]
	return g >= 0 && c.vgs[g].finite && c.vgs[g].first == m.Last
}

// expulsion reports whether code is an expulsion or suspension, whose
// passive names its source after "from": "inspectors were expelled from North
// Korea", "Mali was suspended from the bloc".
func expulsion(code string) bool {
	switch code[:3] {
	case "174", "166", "161", "160":
		return true
	}
	return false
}

// undergone reports whether a pattern names something its subject
// undergoes ("face pressure", "come under fire"), whose doer follows "from".
func undergone(text string) bool {
	return strings.HasPrefix(text, "face ") || strings.HasPrefix(text, "face|") || strings.HasPrefix(text, "come_under ")
}

// fromActor returns the first actor in the noun phrase right after "from"
// at token k ("from Labour MPs", "from the Georgian government"), or -1.
func (c *sentence) fromActor(k int) int {
	if k+1 >= c.s.Last || c.lemma(k) != "from" {
		return -1
	}
	for j := k + 1; j < c.s.Last && j <= k+5; j++ {
		if a := c.actorAt[j-c.s.First]; a >= 0 {
			return a
		}
		switch t := c.tag(j); {
		case t == "DT", t == "JJ", t == "CD", t == "POS", strings.HasPrefix(t, "NN"):
		default:
			return -1
		}
	}
	return -1
}

// expelledFrom returns the actor right after "from" following a passive
// verb ending at token k ("expelled from North Korea"), or -1.
func (c *sentence) expelledFrom(k int) int {
	if k+1 >= c.s.Last || c.lemma(k) != "from" {
		return -1
	}
	j := k + 1
	for j < c.s.Last && c.tag(j) == "DT" {
		j++
	}
	if j >= c.s.Last {
		return -1
	}
	if a := c.actorAt[j-c.s.First]; a >= 0 && c.d.Actors[a].First == j {
		return a
	}
	return -1
}

// mishaps head mentions that name an accident or disaster, which is no
// passive's agent: "killed by the Malaysia Airlines crash".
var mishaps = map[string]bool{
	"crash": true, "accident": true, "explosion": true, "blast": true, "collapse": true, "flood": true,
	"flooding": true, "earthquake": true, "quake": true, "storm": true, "landslide": true, "avalanche": true,
	"disease": true, "epidemic": true, "outbreak": true, "tsunami": true, "hurricane": true, "typhoon": true,
	"cyclone": true, "derailment": true, "stampede": true,
}

// closingMark reports whether w closes a quotation or parenthesis.
func closingMark(w string) bool {
	switch w {
	case "”", "''", "\"", "’", "'", ")":
		return true
	}
	return false
}

// violent reports whether code is an assault, a fight or mass violence.
func violent(code string) bool {
	return len(code) >= 2 && code[0] == '1' && (code[1] == '8' || code[1] == '9') || strings.HasPrefix(code, "20")
}

// attackNouns head the phrases after a passive violent verb's "in" whose
// modifier names who attacked: "killed in an Israeli air strike".
var attackNouns = map[string]bool{
	"strike": true, "airstrike": true, "raid": true, "attack": true, "shelling": true, "shell": true,
	"bombing": true, "bombardment": true, "offensive": true, "assault": true, "ambush": true, "crossfire": true,
}

// attackIn returns the actor that modifies an attack noun in an "in" phrase
// right after a passive verb ending at token k ("killed in Israeli tank
// shelling"), or -1.
func (c *sentence) attackIn(k int) int {
	if k+1 >= c.s.Last || c.lemma(k) != "in" {
		return -1
	}
	j := k + 1
	for j < c.s.Last && c.tag(j) == "DT" {
		j++
	}
	if j >= c.s.Last {
		return -1
	}
	// the phrase's head: the last of its modifiers and nouns
	h := j
	for n := j + 1; n < c.s.Last && n < j+5; n++ {
		t := c.tag(n)
		if t != "JJ" && !strings.HasPrefix(t, "NN") && !(t == "VBG" && n+1 < c.s.Last && !strings.HasPrefix(c.tag(n+1), "NN")) {
			break
		}
		h = n
	}
	if !attackNouns[c.lemma(h)] && !attackNouns[c.low(h)] {
		return -1
	}
	if a := c.actorAt[j-c.s.First]; a >= 0 && c.d.Actors[a].First == j && (h > j || c.d.Actors[a].Last-1 > j) {
		return a // "in an Israeli air strike"
	}
	// "killed in an air strike by government forces"
	if b := h + 1; b+1 < c.s.Last && c.lemma(b) == "by" {
		b++
		for b < c.s.Last && c.tag(b) == "DT" {
			b++
		}
		if b < c.s.Last {
			if a := c.actorAt[b-c.s.First]; a >= 0 && c.d.Actors[a].First == b {
				return a
			}
		}
	}
	return -1
}

// agentPhrase reports whether tokens [a, b) after a passive's "by" can lead
// up to the agent's mention at b: modifiers and "of"/"from"/"than" phrases
// ("by members of Hamas", "by fire from Israeli tanks"), but no other
// preposition, verb or comma.
func (c *sentence) agentPhrase(a, b int) bool {
	for k := a; k < b; k++ {
		t := c.tag(k)
		switch {
		case t == "IN" || t == "TO":
			if l := c.lemma(k); l != "of" && l != "from" && l != "than" {
				return false // "than": "by more than 1,000 people"
			}
		case (t == "VBG" || t == "VBN") && k+1 < b && strings.HasPrefix(c.tag(k+1), "NN"):
			// a modifier: "by Labour's ruling National Executive Committee"
		case t == "," || t == ":" || strings.HasPrefix(t, "VB") || t == "WDT" || t == "WP":
			return false
		}
	}
	return true
}

// describable reports whether mention a can be what an -ing form right
// after it describes: a subject or object, not the object of a preposition
// (a place: "in the capital of Algiers demanding …"; what a noun is aimed
// at: "an attack on a former spy using nerve agent"; "with the other
// parties battling over taxes").
func (c *sentence) describable(a int) bool {
	_, pp := c.inPP(c.d.Actors[a].First)
	return !pp
}

// auxLemma reports whether lemma is an auxiliary-like verb whose -ing form
// describes nothing by itself: "doctors having to find new appointments".
func auxLemma(lemma string) bool {
	return lemma == "have" || lemma == "be" || lemma == "get" || lemma == "do"
}

// intransitive holds verbs whose bare past participle after a noun is a past
// tense, not a reduced passive: "Syrian refugees protested", "the rebels
// surrendered to the police".
var intransitive = map[string]bool{"surrender": true, "retreat": true, "protest": true, "resign": true,
	"riot": true, "rally": true, "demonstrate": true, "march": true, "clash": true,
	"flee": true, "rebel": true, "mutiny": true, "defect": true, "capitulate": true, "relent": true}

// approx holds the words that make a number approximate as a preposition
// would: "around 3,000 members" (and "about" opening a sentence: "About 200
// supporters"; "complained about two raids", "over two raids" are what the
// complaint is about).
var approx = map[string]bool{"around": true, "nearly": true, "approximately": true, "almost": true}

// aimedAt holds the prepositions whose object a pattern's action is aimed
// at: "fired on protesters", "opened fire at the crowd".
var aimedAt = map[string]bool{"on": true, "at": true, "into": true, "against": true, "upon": true}

// between returns the first mention in tokens [a, b) other than src.
func (c *sentence) between(a, b, src int) int {
	for k := a; k < b; k++ {
		if x := c.actorAt[k-c.s.First]; x >= 0 && x != src {
			return x
		}
	}
	return -1
}

// aboutActor returns the first mention after token k, in the same clause,
// introduced by "over", "about" or "against" (possibly after modifiers).
func (c *sentence) aboutActor(k, src int) int {
	for end := c.clauseEnd(k); k < end; k++ {
		if c.isBoundary(k) || c.vgAt[k-c.s.First] >= 0 {
			return -1
		}
		if a := c.actorAt[k-c.s.First]; a >= 0 && a != src {
			if p, ok := c.inPP(c.d.Actors[a].First); ok && (p == "over" || p == "about" || p == "against") {
				return a
			}
		}
	}
	return -1
}

// clauseEnd is where a search that starts at token k must stop: a trailing
// or parenthetical attribution after k, or the end of the sentence.
func (c *sentence) clauseEnd(k int) int {
	if k < c.attrStart {
		return c.attrStart
	}
	return c.s.Last
}

// firstActorBeforeVerb returns the first mention from token k on that comes
// before any verb group, or -1.
func (c *sentence) firstActorBeforeVerb(k int) int {
	for end := c.clauseEnd(k); k < end; k++ {
		if c.vgAt[k-c.s.First] >= 0 || c.isBoundary(k) {
			return -1
		}
		if a := c.actorAt[k-c.s.First]; a >= 0 {
			return a
		}
	}
	return -1
}

// conditionSubject returns the subject of an "if"/"unless" clause that
// follows token k in the same sentence with no finite verb before it, or -1.
func (c *sentence) conditionSubject(k, src int) int {
	for ; k < c.s.Last; k++ {
		if g := c.vgAt[k-c.s.First]; g >= 0 && c.vgs[g].finite {
			return -1
		}
		switch c.lemma(k) {
		case "if", "unless":
			if a := c.firstActorBeforeVerb(k + 1); a >= 0 && (src < 0 || !c.sameActor(a, src) && c.d.Actors[a].Code != c.d.Actors[src].Code) {
				return a
			}
			return -1
		case ";", ":", "that", "because", "while", "after", "before", "when":
			return -1
		}
	}
	return -1
}

func overlaps(m doc.Actor, toks []int) bool {
	for _, t := range toks {
		if t >= m.First && t < m.Last {
			return true
		}
	}
	return false
}

func sameMention(d *doc.Doc, a, b int) bool {
	x, y := d.Actors[a], d.Actors[b]
	return x.First == y.First && x.Last == y.Last
}

// match finds the longest pattern for verb group v; it returns the pattern
// and the tokens its later words matched (in c.toks, valid until the next
// match).
func (s *Stage) match(c *sentence, v *vgroup) (*pattern, []int) {
	ps, words := s.verbs.verbPatterns(v.lemma)
	if len(ps) == 0 {
		return nil, nil
	}
	end := c.s.Last
	for k := v.last; k < c.s.Last; k++ {
		if c.isBoundary(k) && c.lemma(k) != "that" || k-v.last > 12 {
			end = k
			break
		}
		if g := c.vgAt[k-c.s.First]; g >= 0 && c.vgs[g].finite && k == c.vgs[g].first {
			end = k
			break
		}
	}
	// matchSlots looks at tokens [lo, end) only: a pattern with a slot
	// none of whose words is there cannot match
	lo := min(v.head+1, v.last)
	c.mark(lo, end)
	defer clear(c.present)
	at := 0
	for _, p := range ps {
		var may bool
		if may, at = c.mayMatch(words, at); !may {
			continue
		}
		if toks, ok := matchSlots(c, p.slots, v.last, end, v.head+1); ok {
			return p, toks
		}
	}
	return nil, nil
}

// mark adds the words of tokens [a, b) to c.present.
func (c *sentence) mark(a, b int) {
	for k := a; k < b; k++ {
		l, w := c.ids(k)
		if l >= 0 {
			c.present[l>>6] |= 1 << (l & 63)
		}
		if w >= 0 {
			c.present[w>>6] |= 1 << (w & 63)
		}
	}
}

// mayMatch reports whether every slot of the pattern whose record starts
// at words[at] (see Verbs.verbWords) has a word in c.present; it also
// returns where the next record starts.
func (c *sentence) mayMatch(words []int32, at int) (bool, int) {
	end := at + 1 + int(words[at])
	for i := at + 1; i < end; {
		n := int(words[i])
		alts := words[i+1 : i+1+n]
		i += 1 + n
		ok := false
		for _, a := range alts {
			if c.present[a>>6]&(1<<(a&63)) != 0 {
				ok = true
				break
			}
		}
		if !ok {
			return false, end
		}
	}
	return true, end
}

// matchSlots matches slots in order in tokens [from, end), an adjacent slot
// right after the previous word (or adjFrom-1); it returns the matched
// tokens, in c.toks.
func matchSlots(c *sentence, slots []slot, from, end, adjFrom int) ([]int, bool) {
	toks := c.toks[:0]
	pos := from
	prev := adjFrom - 1
	for si := range slots {
		sl := &slots[si]
		found := -1
		if sl.adjacent {
			k := prev + 1
			// skip adverbs and days: "called again on", "called Thursday on"
			for k < end && k < prev+3 && (c.tag(k) == "RB" || isWeekday(c.lemma(k))) {
				k++
			}
			if k < end && c.slotHas(sl, k) {
				found = k
			}
		} else {
			lim := end
			if prev >= 0 && lim > prev+maxGap+1 {
				lim = prev + maxGap + 1
			}
			for k := pos; k < lim; k++ {
				if c.slotHas(sl, k) {
					found = k
					break
				}
			}
		}
		if found < 0 {
			c.toks = toks
			return nil, false
		}
		toks = append(toks, found)
		prev = found
		pos = found + 1
	}
	c.toks = toks
	return toks, true
}

// isWeekday reports whether lemma names a day: "Thursday", "yesterday".
func isWeekday(lemma string) bool {
	switch lemma {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"today", "yesterday", "tonight":
		return true
	}
	return false
}

// maxGap is the most words allowed between two words of a pattern.
const maxGap = 7

// slotHas reports whether a slot's alternatives hold the lemma or the
// lower-cased word of token k.
func (c *sentence) slotHas(sl *slot, k int) bool {
	lemma, lower := c.ids(k)
	if lemma < 0 && lower < 0 {
		return false
	}
	for _, a := range sl.alts {
		if a == lemma || a == lower {
			return true
		}
	}
	return false
}

// codeGroup codes verb group vi, appending its events.
func (s *Stage) codeGroup(c *sentence, vi int) {
	v := &c.vgs[vi]
	word := c.tok(v.head)
	cp, ptoks := s.match(c, v)
	var p *dict.Pattern
	base := "" // the pattern's part of the rule, when p is cp
	if cp != nil {
		p, base = cp.Pattern, cp.rule
	}
	m := v.mood
	notes := c.notes[:0] // each note after "; "
	if v.infinitive {
		if v.matrix < 0 {
			return
		}
		mx := c.vgs[v.matrix]
		switch {
		case mx.coded || mx.say:
			return
		case negMatrix[mx.lemma] && (mx.lemma == "decline" || mx.lemma == "refuse") && p != nil && refusal[p.Code[:2]] != "":
			// "declined to meet the envoy": a refusal of what the
			// infinitive would do
			rc := refusal[p.Code[:2]]
			notes = append(notes, "; infinitive after "...)
			notes = strconv.AppendQuote(notes, c.tok(mx.head))
			notes = append(notes, ": "...)
			notes = append(notes, p.Code...)
			notes = append(notes, " → refusal "...)
			notes = append(notes, rc...)
			p = &dict.Pattern{Code: rc, Text: p.Text, File: p.File, Line: p.Line, Slots: p.Slots}
			base = ""
		case negMatrix[mx.lemma]:
			if s.Trace != nil {
				s.trace("%s: not coded: after %q", word, mx.lemma)
			}
			return
		case wishMatrix[mx.lemma] && mx.subject >= 0 && c.between(mx.last, v.first, mx.subject) >= 0 && mx.mood == asserted && !c.sameActor(c.between(mx.last, v.first, mx.subject), mx.subject):
			// "Obama wants Putin to attack Switzerland": a wish addressed
			// to the object, not an act of the subject
			obj := c.between(mx.last, v.first, mx.subject)
			verb := doc.Span{Start: c.d.Tokens[mx.head].Start, End: c.d.Tokens[v.head].End}
			rule := strconv.AppendQuote(c.head[:0], c.tok(mx.head))
			rule = append(rule, " + object + infinitive: the subject appeals to the object"...)
			c.head = rule[:0]
			s.emit(c, mx.subject, obj, "020", verb, "", rule, "object of ", c.tok(mx.head), asserted)
			return
		case intentMatrix[mx.lemma] || intentMatrix[c.low(mx.head)] || intentMatrix[c.lemma(v.first-1)]:
			if m == asserted {
				m = future
			}
			notes = append(notes, "; infinitive after "...)
			notes = strconv.AppendQuote(notes, c.tok(mx.head))
			notes = append(notes, ": intended"...)
		case obligMatrix[mx.lemma] && c.tag(mx.head) != "VBG":
			// "must"/"has to"; not "doctors would be left having to find …"
			m = obligation
		case aspectMatrix[mx.lemma]:
			notes = append(notes, "; infinitive after "...)
			notes = strconv.AppendQuote(notes, c.tok(mx.head))
		default:
			// "Obama is being pressured to help Iran": not done
			if s.Trace != nil {
				s.trace("%s: not coded: infinitive after %q", word, c.tok(mx.head))
			}
			return
		}
		if mx.mood == negated || mx.mood == hypothetical || mx.mood == conditional {
			m = mx.mood
		}
		if mx.mood == future && m == asserted {
			m = future
		}
	}
	if p == nil {
		if m == obligation && v.speaker >= 0 && v.subject >= 0 && !v.passive {
			// "Rouhani said Syria must regain control": a demand whatever the verb
			p = &dict.Pattern{Code: "100", Text: v.lemma, File: "rule", Line: 0}
			base = ""
		} else {
			return
		}
	}
	if v.speaker == denied || v.speaker == irrealis {
		if s.Trace != nil {
			s.trace("%s: not coded: the clause is denied or demanded, not done", word)
		}
		v.speaker = -1
		return
	}
	v.coded = true
	// later infinitives consumed by the pattern ("agree to meet")
	for _, t := range ptoks {
		if g := c.vgAt[t-c.s.First]; g >= 0 && g != vi {
			c.vgs[g].consumed = true
		}
	}
	// uncode undoes the above when the verb turns out to have no event of
	// its own ("Obama is scheduled to attend …": the infinitive is coded)
	uncode := func() {
		v.coded = false
		for _, t := range ptoks {
			if g := c.vgAt[t-c.s.First]; g >= 0 && g != vi {
				c.vgs[g].consumed = false
			}
		}
	}
	if m == negated && (v.willNot || v.speaker >= 0) {
		// "Obama said he would not provide support": a refusal
		if rc, ok := refusal[p.Code[:2]]; ok {
			notes = append(notes, "; negated intention: "...)
			notes = append(notes, p.Code...)
			notes = append(notes, " → refusal "...)
			notes = append(notes, rc...)
			p = &dict.Pattern{Code: rc, Text: p.Text, File: p.File, Line: p.Line, Slots: p.Slots}
			base = ""
			m = asserted
		}
	}
	switch m {
	case negated, hypothetical, conditional:
		if s.Trace != nil {
			s.trace("%s: pattern %q (%s:%d) matched but not coded: %s", word, p.Text, p.File, p.Line, m)
		}
		return
	}
	code := p.Code
	src, tgt := v.subject, -1
	var tgtRule, tgtWord string // the target's rule: tgtRule + tgtWord
	last := v.last
	for _, t := range ptoks {
		if t+1 > last {
			last = t + 1
		}
	}
	switch {
	case v.passive || v.reduced:
		// source after "by", target is the subject
		by := -1
		for k := v.last; k < c.s.Last && k < v.last+4; k++ {
			if c.lemma(k) == "by" {
				by = k
				break
			}
		}
		from := -1
		if by < 0 && expulsion(code) && !v.reduced {
			from = c.expelledFrom(v.last)
		}
		if by < 0 && from < 0 && violent(code) {
			// "killed in an Israeli air strike": the attack's owner
			from = c.attackIn(v.last)
		}
		firedAt, firedFrom := -1, false
		if by < 0 && from < 0 && violent(code) && !v.reduced && projectile[v.lemma] {
			// "a mortar bomb was fired at it from the Gaza Strip": fired
			// from the source's ground
			from, firedAt = c.firedFrom(v.last)
			firedFrom = from >= 0
		}
		if by < 0 && from < 0 {
			if s.Trace != nil {
				s.trace("%s: passive without an agent: no source", word)
			}
			uncode()
			return
		}
		a := from
		if by >= 0 {
			a, _ = c.target(by+1, -1, nil)
		}
		if by >= 0 && a >= 0 && !c.agentPhrase(by+1, c.d.Actors[a].First) {
			// "killed by an improvised explosive device outside of the
			// Iraqi city": the agent is not that mention
			a = -1
		}
		if by >= 0 && a >= 0 && mishaps[c.lemma(c.d.Actors[a].Last-1)] {
			// "killed by the Malaysia Airlines flight MH17 crash": an
			// accident, not an actor, did it
			a = -1
		}
		if a < 0 {
			if s.Trace != nil {
				s.trace("%s: passive agent is not an actor", word)
			}
			return
		}
		if v.reduced {
			// the noun the participle modifies
			tgt = -1
			k0 := v.first - 1
			if k0 > c.s.First && c.tok(k0) == "," {
				k0--
			}
			for k := k0; k >= c.s.First; k-- {
				if x := c.actorAt[k-c.s.First]; x >= 0 {
					tgt = x
					break
				}
				if c.isBoundary(k) {
					break
				}
			}
		} else if firedAt >= 0 {
			tgt = firedAt
		} else {
			tgt = src
		}
		src = a
		if firedFrom {
			notes = append(notes, "; passive: fired from the source's ground (\"from\")"...)
		} else if from >= 0 && !expulsion(code) {
			notes = append(notes, "; passive: source from the attack named after \"in\""...)
		} else if from >= 0 {
			notes = append(notes, "; passive expulsion: source after \"from\""...)
		} else {
			notes = append(notes, "; passive: source after \"by\""...)
		}
		tgtRule = "subject of the passive"
	case undergone(p.Text):
		// "Obama faces pressure from Congress", "came under fire from
		// rebels": the subject undergoes what the actor after "from" does
		a := c.fromActor(last)
		if a < 0 {
			if s.Trace != nil {
				s.trace("%s: undergone without an actor after \"from\": not coded", word)
			}
			uncode()
			return
		}
		tgt, src = src, a
		notes = append(notes, "; undergone: source after \"from\""...)
		tgtRule = "subject of the undergone act"
	default:
		if v.participle && violent(code) {
			// "a camp was attacked by militiamen, killing 156 people": the
			// passive's agent did the killing, not its subject
			for k := vi - 1; k >= 0; k-- {
				if g := &c.vgs[k]; g.finite {
					if g.coded && g.passive && g.evSrc >= 0 && g.subject == src && violent(g.evCode) {
						src = g.evSrc
						notes = append(notes, "; participle after a passive: its agent is the source"...)
					}
					break
				}
			}
		}
		tgt, tgtRule = c.target(v.last, src, ptoks)
		if tgt >= 0 && code[:2] == "11" {
			// "complained to the UN over Israeli air raids": the complaint is
			// about Israel; the addressee after "to" is not the target
			if p, _ := c.inPP(c.d.Actors[tgt].First); p == "to" {
				if a := c.aboutActor(c.d.Actors[tgt].Last, src); a >= 0 {
					tgt, tgtRule = a, "what the complaint is about"
				}
			}
		}
		if tgt < 0 && v.infinitive && v.matrix >= 0 {
			// "ordered the newspaper La Prensa to suspend publication"
			if a := c.between(c.vgs[v.matrix].last, v.first, src); a >= 0 {
				tgt, tgtRule, tgtWord = a, "object of ", c.tok(c.vgs[v.matrix].head)
			}
		}
		if tgt < 0 && v.participle && violent(code) {
			// "opened fire to disperse demonstrators, killing one person":
			// the victims are among the target of the clause it follows
			for k := vi - 1; k >= 0; k-- {
				if g := &c.vgs[k]; g.finite {
					if g.coded && !g.passive && g.evTgt >= 0 && g.evSrc == src {
						tgt, tgtRule = g.evTgt, "target of the clause the participle follows"
					}
					break
				}
			}
		}
		if tgt < 0 && code[:2] == "13" {
			// "threatened to stop negotiations if the United States goes
			// ahead": a threat is aimed at whoever meets its condition
			if a := c.conditionSubject(last, src); a >= 0 {
				tgt, tgtRule = a, "subject of the threat's condition"
			}
		}
	}
	if src < 0 {
		if s.Trace != nil {
			s.trace("%s: pattern %q matched but no source actor", word, p.Text)
		}
		return
	}
	v.evSrc, v.evTgt, v.evCode = src, tgt, code
	if v.speaker >= 0 && m == obligation {
		// "X said Y must …": X demands of Y
		notes = append(notes, "; reported obligation: speaker demands of the subject"...)
		tgt, src = src, v.speaker
		tgtRule, tgtWord = "subject of the reported clause", ""
		code = "100"
	} else if m == obligation {
		if s.Trace != nil {
			s.trace("%s: obligation without a speaker: not coded", word)
		}
		return
	}
	if v.speaker >= 0 && m == asserted && code[:2] >= "17" && src >= 0 && (!v.trailing || v.bare) {
		// "X said Y attacked Z": X accuses Y; "X said it attacked": X claims it
		if c.sameActor(src, v.speaker) {
			if code[:2] < "18" {
				goto claimed // only violence is "claimed"
			}
			notes = append(notes, "; reported by its own source: "...)
			notes = append(notes, code...)
			notes = append(notes, " → claim of responsibility 015"...)
			code = "015"
			tgt = -1
		} else {
			notes = append(notes, "; reported conflict: "...)
			notes = append(notes, code...)
			notes = append(notes, " → speaker accuses the reported source (112)"...)
			code = "112"
			tgt, src = src, v.speaker
			tgtRule, tgtWord = "source of the reported event", ""
		}
	}
claimed:
	if m == future {
		fc := futureCode(code)
		notes = append(notes, "; future/intended: "...)
		notes = append(notes, code...)
		notes = append(notes, " → "...)
		notes = append(notes, fc...)
		code = fc
	}
	if v.speaker >= 0 {
		notes = append(notes, "; reported speech"...)
	}
	c.notes = notes[:0] // keep the storage
	if base == "" {
		// a rule of the coder or a changed code: the pattern's part of the
		// rule goes before the notes
		head := appendPatternRule(c.head[:0], p)
		head = append(head, notes...)
		c.head = head[:0]
		notes = head
	}
	verb := doc.Span{Start: c.d.Tokens[v.head].Start, End: c.d.Tokens[v.head].End}
	if len(ptoks) > 0 {
		verb.End = c.d.Tokens[ptoks[len(ptoks)-1]].End
	}
	s.emit(c, src, tgt, code, verb, base, notes, tgtRule, tgtWord, m)
}

// appendPatternRule appends to r the part of an event's Rule that names
// pattern p: FILE:LINE CODE "TEXT", or reported obligation ("TEXT") for the
// coder's own rule.
func appendPatternRule(r []byte, p *dict.Pattern) []byte {
	if p.File == "rule" {
		r = append(r, "reported obligation ("...)
		r = strconv.AppendQuote(r, p.Text)
		return append(r, ')')
	}
	r = append(r, p.File...)
	r = append(r, ':')
	r = strconv.AppendInt(r, int64(p.Line), 10)
	r = append(r, ' ')
	r = append(r, p.Code...)
	r = append(r, ' ')
	return strconv.AppendQuote(r, p.Text)
}

// emit appends one event per member pair. The events' Rule is base, then
// notes, then what emit adds about the roles.
//
// tgtRule + tgtWord says how the target was found, "place" for a place.
func (s *Stage) emit(c *sentence, src, tgt int, code string, verb doc.Span, base string, notes []byte, tgtRule, tgtWord string, m mood) {
	d := c.d
	info := s.codeInfo(code)
	ev := info.ev
	if !info.ok {
		if s.Trace != nil {
			s.trace("unknown CAMEO code %q from %s", code, base+string(notes))
		}
		return
	}
	var srcOne, tgtOne [1]int
	srcs := members(d, src, &srcOne)
	if tgtRule == "place" && len(srcs) > 1 && strings.Contains("03 04 05 06", ev.Root) {
		// "Iran, Russia and Turkey met in Tehran": the place is not a party
		tgt = -1
	}
	tgts := members(d, tgt, &tgtOne)
	reciprocal := tgt < 0 && len(srcs) > 1 && strings.Contains("03 04 05 06", ev.Root)
	if reciprocal {
		tgts = srcs
	}
	// the rule, built once: base itself, or text[rs:re] (pending)
	rule, built, pending := base, false, false
	rs, re := 0, 0
	for _, a := range srcs {
		for _, b := range tgts {
			if a >= 0 && b >= 0 && (a == b || sameMention(d, a, b)) {
				continue
			}
			if a < 0 || d.Actors[a].Code == "" {
				continue
			}
			if b >= 0 && d.Actors[b].Code == "" {
				b = -1 // a target with no code is no target
			}
			if dup(c.events, c.si, code, codeOf(d, a), codeOf(d, b)) {
				continue
			}
			if !built {
				built = true
				target := tgt >= 0 && tgtRule != ""
				if len(notes) > 0 || reciprocal || target {
					rs = len(c.text)
					c.text = appendRule(c.text, base, notes, reciprocal, target, tgtRule, tgtWord)
					re = len(c.text)
					rule, pending = "", true
				}
			}
			e := doc.Event{
				Sentence: c.si, CAMEO: code, Root: ev.Root, Quad: ev.Quad, Goldstein: ev.Goldstein,
				Verb: verb, Rule: rule, Source: actorRef(d, a), Target: actorRef(d, b),
			}
			e.Plover = info.plover
			if m == future {
				e.Mood = "future"
			}
			if s.Trace != nil {
				r := rule
				if pending {
					r = string(c.text[rs:re])
				}
				s.trace("event %s %s → %s (%s)", code, codeOf(d, a), codeOf(d, b), r)
			}
			if pending {
				c.pend = append(c.pend, pendingRule{ev: len(c.events), start: rs, end: re})
			}
			c.events = append(c.events, e)
		}
	}
}

// appendRule appends to r base and notes followed by the notes on a
// reciprocal event and on the target's role (when target is set).
func appendRule(r []byte, base string, notes []byte, reciprocal, target bool, tgtRule, tgtWord string) []byte {
	r = append(r, base...)
	r = append(r, notes...)
	if reciprocal {
		r = append(r, "; compound source: one event per directed pair"...)
	}
	if target {
		r = append(r, "; target: "...)
		r = append(r, tgtRule...)
		r = append(r, tgtWord...)
	}
	return r
}

// pendingRule is the Rule of event ev of the document, text[start:end]
// until finish sets it.
type pendingRule struct{ ev, start, end int }

// release returns c to the pool, keeping nothing of the document.
func (s *Stage) release(c *sentence) {
	c.d = nil
	for _, i := range c.lowSet {
		c.lower[i] = ""
	}
	c.lowSet = c.lowSet[:0]
	clear(c.events) // (each release clears what its document added)
	c.events = c.events[:0]
	s.scratch.Put(c)
}

// finish moves the events emit gathered in c.events to d.Events and
// completes them: it gives each its own copy of its actors (emit points
// them into d.Actors), its ID (DOCID-1, DOCID-2, …) and its pending Rule,
// with one allocation for the events, one for the actors and one for the
// strings.
func (c *sentence) finish(d *doc.Doc) {
	if len(c.events) == 0 {
		return
	}
	d.Events = append(d.Events, c.events...)
	n := 0
	for i := range d.Events {
		if d.Events[i].Source != nil {
			n++
		}
		if d.Events[i].Target != nil {
			n++
		}
	}
	copies := make([]doc.Actor, 0, n)
	for i := range d.Events {
		e := &d.Events[i]
		if e.Source != nil {
			copies = append(copies, *e.Source)
			e.Source = &copies[len(copies)-1]
		}
		if e.Target != nil {
			copies = append(copies, *e.Target)
			e.Target = &copies[len(copies)-1]
		}
	}
	ids := len(c.text)
	for i := range d.Events {
		c.text = append(c.text, d.ID...)
		c.text = append(c.text, '-')
		c.text = strconv.AppendInt(c.text, int64(i+1), 10)
	}
	all := string(c.text)
	for _, p := range c.pend {
		d.Events[p.ev].Rule = all[p.start:p.end]
	}
	off := ids
	for i := range d.Events {
		n := len(d.ID) + 1 + digits(i+1)
		d.Events[i].ID = all[off : off+n]
		off += n
	}
}

// members returns the members of mention a, or a itself (in one) when it
// is not a compound, or -1 (in one) when a < 0.
func members(d *doc.Doc, a int, one *[1]int) []int {
	if a >= 0 {
		if ms := d.Actors[a].Members; len(ms) > 0 {
			return ms
		}
	}
	one[0] = a
	return one[:]
}

// codeOf returns the code of mention a, "---" when a < 0.
func codeOf(d *doc.Doc, a int) string {
	if a < 0 {
		return "---"
	}
	return d.Actors[a].Code
}

// eventCode returns the code of an event's actor, "---" when it is nil.
func eventCode(a *doc.Actor) string {
	if a == nil {
		return "---"
	}
	return a.Code
}

// actorRef returns mention a of d, nil when a < 0.
func actorRef(d *doc.Doc, a int) *doc.Actor {
	if a < 0 {
		return nil
	}
	return &d.Actors[a]
}

// dup reports whether an event of sentence si with code, source and target
// codes is already in evs.
func dup(evs []doc.Event, si int, code, src, tgt string) bool {
	for i := len(evs) - 1; i >= 0; i-- {
		o := &evs[i]
		if o.Sentence != si {
			return false
		}
		if o.CAMEO == code && eventCode(o.Source) == src && eventCode(o.Target) == tgt {
			return true
		}
	}
	return false
}

// nounEvents codes noun patterns: "a meeting between Iran, Russia and Turkey".
func (s *Stage) nounEvents(c *sentence) {
	for k := c.s.First; k < c.s.Last; k++ {
		if !strings.HasPrefix(c.tag(k), "NN") {
			continue
		}
		ps := s.verbs.nounPatterns(c.lemma(k))
		for _, p := range ps {
			toks, ok := matchSlots(c, p.slots, k+1, min(c.s.Last, k+4), k+1)
			if !ok {
				continue
			}
			after := k + 1
			if len(toks) > 0 {
				after = toks[len(toks)-1] + 1
			}
			for after < c.s.Last && (c.tag(after) == "DT" || c.tag(after) == "CD") {
				after++
			}
			if after >= c.s.Last {
				break
			}
			a := c.actorAt[after-c.s.First]
			if a < 0 || len(c.d.Actors[a].Members) < 2 {
				break
			}
			// "ready to host a meeting between …", "proposed talks between
			// …": a third party's offer or arrangement, not the parties' act
			if g := c.vgBefore(k); g >= 0 && c.objectOf(g, k) && (proposed[c.vgs[g].lemma] || arranged[c.vgs[g].lemma] && (c.vgs[g].infinitive || c.vgs[g].mood != asserted)) {
				if s.Trace != nil {
					s.trace("%s: noun pattern not coded: object of %q", c.tok(k), c.vgs[g].lemma)
				}
				break
			}
			// a negated or hypothetical clause around the noun
			if g := c.clauseMood(k); g != asserted {
				if s.Trace != nil {
					s.trace("%s: noun pattern not coded: %s", c.tok(k), g)
				}
				break
			}
			verb := c.d.Tokens[k].Span
			rule := fmt.Sprintf("%s:%d %s %q; noun pattern: the compound after %q", p.File, p.Line, p.Code, "@"+p.Text, c.tok(after-1))
			ms := c.d.Actors[a].Members
			for _, x := range ms {
				for _, y := range ms {
					if x != y {
						s.emitOne(c, x, y, p.Code, verb, rule)
					}
				}
			}
			break
		}
	}
}

// proposed holds verbs whose object event is only proposed ("proposed talks
// between"); arranged, verbs whose object event a third party arranges, not
// yet held when the verb is an infinitive or not asserted ("ready to host a
// meeting between"; "hosted talks between" keeps the talks).
var (
	proposed = map[string]bool{
		"propose": true, "suggest": true, "offer": true, "seek": true, "want": true, "plan": true,
		"urge": true, "call": true,
	}
	arranged = map[string]bool{
		"host": true, "organize": true, "organise": true, "arrange": true, "broker": true,
		"sponsor": true, "mediate": true, "convene": true,
	}
)

// objectOf reports whether noun k heads the object right after verb group g:
// only determiners, adjectives, numbers and possessives between.
func (c *sentence) objectOf(g, k int) bool {
	if k-c.vgs[g].last > 4 {
		return false
	}
	for j := c.vgs[g].last; j < k; j++ {
		switch c.tag(j) {
		case "DT", "JJ", "CD", "PRP$", "NN", "NNS":
		default:
			return false
		}
	}
	return true
}

// vgBefore returns the nearest verb group ending before token k, or -1.
func (c *sentence) vgBefore(k int) int {
	for i := len(c.vgs) - 1; i >= 0; i-- {
		if c.vgs[i].first < k {
			return i
		}
	}
	return -1
}

func (s *Stage) emitOne(c *sentence, a, b int, code string, verb doc.Span, rule string) {
	s.emit(c, a, b, code, verb, rule, nil, "", "", asserted)
}

// clauseMood returns the mood of the nearest verb group before token k.
func (c *sentence) clauseMood(k int) mood {
	for i := len(c.vgs) - 1; i >= 0; i-- {
		if c.vgs[i].first < k {
			if c.vgs[i].mood == negated || c.vgs[i].mood == hypothetical {
				return c.vgs[i].mood
			}
			return asserted
		}
	}
	return asserted
}

// sameActor reports whether mentions a and b are the same actor (the same
// mention, or a pronoun for it: the same code).
func (c *sentence) sameActor(a, b int) bool {
	if a == b || sameMention(c.d, a, b) {
		return true
	}
	x, y := c.d.Actors[a], c.d.Actors[b]
	return x.Code != "" && x.Code == y.Code && (strings.HasPrefix(x.Rule, "pronoun") || strings.HasPrefix(y.Rule, "pronoun"))
}

// refusal maps a cooperative root to the rejection that refusing it is.
var refusal = map[string]string{"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "124"}

// futureCode maps an event code to the intent (cooperation) or threat
// (conflict) that announcing it amounts to.
func futureCode(code string) string {
	if m, ok := futureMap[code]; ok {
		return m
	}
	if len(code) > 3 {
		if m, ok := futureMap[code[:3]]; ok {
			return m
		}
	}
	if m, ok := futureMap[code[:2]]; ok {
		return m
	}
	return code
}

var futureMap = map[string]string{
	"04": "036", "05": "032", "057": "030", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
	"14": "133", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "131", "165": "131", "166": "131",
	"17": "130", "172": "132", "175": "137", "18": "138", "19": "138", "191": "1381", "192": "1382",
	"193": "1384", "194": "1384", "195": "1384", "20": "138", "204": "1385",
}
