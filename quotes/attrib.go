package quotes

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"dyad/doc"
	"dyad/internal/coref"

	"dyad/internal/lower"
)

// rng is a token range [0, 1); {-1, -1} is none.
type rng [2]int

var none = rng{-1, -1}

func (r rng) ok() bool { return r[0] >= 0 && r[1] > r[0] }

// item is a quote being built.
type item struct {
	parts  []rng
	direct bool
	cue    rng
	src    rng // the noun phrase naming the speaker
	appos  rng // an appositive that describes the speaker: ", a professor at …"
	rule   string
	region int // index into finder.regs, -1 for reported speech
	from   int // the item whose speaker this one shares, -1
	para   int

	speaker *doc.Actor
	text    string
	how     string // how the speaker was resolved
	done    bool
}

type finder struct {
	s         *Stage
	d         *doc.Doc
	regs      []region
	inReg     []int // token → region (marks and content), -1
	actorAt   []int // token → the widest simple actor mention over it, -1
	used      []bool
	chains    *coref.Chains      // built on first use: see coref
	chainsMem coref.Chains       // chains' memory, reused
	skip      func(tok int) bool // insideQuote
	items     []*item
	byReg     []*item     // region → the item that holds it, nil
	lowers    []string    // token → its lower-cased text, "" until computed
	cue       []int8      // token → 0 unknown, 1 not a verb of saying, 2 one
	paras     [][2]int    // scratch for regions
	slab      []item      // room for items: see newItem
	rngs      []rng       // room for the items' parts: see partsOf
	actors    []doc.Actor // room for the items' speakers: see newActor
}

// newFinder returns a finder for d, reusing the scratch slices of a finder
// that Stage.pool holds. Release it with release when done.
func newFinder(s *Stage, d *doc.Doc) *finder {
	f, _ := s.pool.Get().(*finder)
	if f == nil {
		f = &finder{}
	}
	f.s, f.d = s, d
	n := len(d.Tokens)
	f.inReg = resize(f.inReg, n)
	f.actorAt = resize(f.actorAt, n)
	f.used = resize(f.used, n)
	f.lowers = grow(f.lowers, n) // release left it cleared
	f.cue = resize(f.cue, n)
	for i := range f.inReg {
		f.inReg[i], f.actorAt[i] = -1, -1
	}
	f.regs, f.paras = regions(d, f.regs[:0], f.paras[:0])
	f.byReg = resize(f.byReg, len(f.regs))
	for ri, r := range f.regs {
		for k := r.open; k < r.end && k < n; k++ {
			f.inReg[k] = ri
		}
	}
	for ai := range d.Actors {
		a := &d.Actors[ai]
		if len(a.Members) > 0 || a.First < 0 || a.Last > n {
			continue
		}
		for k := a.First; k < a.Last; k++ {
			if cur := f.actorAt[k]; cur < 0 || d.Actors[cur].Last-d.Actors[cur].First < a.Last-a.First {
				f.actorAt[k] = ai
			}
		}
	}
	return f
}

// release clears f's references into the document and returns it to the
// stage's pool.
func (f *finder) release() {
	clear(f.items)
	f.items = f.items[:0]
	clear(f.byReg)
	clear(f.lowers)
	clear(f.slab)
	f.slab = f.slab[:0]
	f.rngs = f.rngs[:0]
	clear(f.actors)
	f.actors = f.actors[:0]
	if f.chains != nil {
		f.chainsMem.Clear()
	}
	s := f.s
	f.s, f.d, f.chains = nil, nil, nil
	s.pool.Put(f)
}

// grow returns a slice of n elements, reusing xs's array when it is large
// enough. Unlike resize it does not clear them: the caller keeps the whole
// array cleared between uses.
func grow[T any](xs []T, n int) []T {
	if cap(xs) < n {
		return make([]T, n)
	}
	return xs[:n]
}

// resize returns a slice of n zero values, reusing xs's array when it is
// large enough.
func resize[T any](xs []T, n int) []T {
	if cap(xs) < n {
		return make([]T, n)
	}
	xs = xs[:n]
	clear(xs)
	return xs
}

// coref returns the coreference chains of the document, building them on
// first use: most documents have no speaker to resolve.
func (f *finder) coref() *coref.Chains {
	if f.chains == nil {
		if f.skip == nil {
			f.skip = f.insideQuote // made once: f is reused
		}
		f.chains = f.s.index.BuildInto(&f.chainsMem, f.d, f.skip)
	}
	return f.chains
}

// insideQuote reports whether token tok lies inside a quoted region, after
// its opening mark: mentions there are never antecedents.
func (f *finder) insideQuote(tok int) bool {
	ri := f.inReg[tok]
	return ri >= 0 && tok > f.regs[ri].open
}

func (f *finder) tok(i int) string   { return f.d.TokenText(i) }
func (f *finder) tag(i int) string   { return f.d.Tokens[i].Tag }
func (f *finder) lemma(i int) string { return f.d.Tokens[i].Lemma }

// lowerIs reports whether the lower-cased text of token i is w, a
// lower-case ASCII word: f.lower(i) == w, without building the lower-cased
// text of an ASCII token.
func (f *finder) lowerIs(i int, w string) bool {
	t := f.tok(i)
	if !lower.ASCII(t) {
		return f.lower(i) == w // the cached lower-cased text
	}
	return lower.Is(t, w)
}

// inSet reports set[f.lower(i)], without building the lower-cased text of
// a short ASCII token.
func (f *finder) inSet(set map[string]bool, i int) bool {
	t := f.tok(i)
	var buf [32]byte
	if len(t) > len(buf) || !lower.ASCII(t) {
		return set[f.lower(i)]
	}
	b := buf[:len(t)]
	for k := 0; k < len(t); k++ {
		b[k] = lower.Byte(t[k])
	}
	return set[string(b)]
}

// The word lists above as wordSets, for the lookups of every token.
var (
	timeSet         = newWordSet(timeWords)
	auxSet          = newWordSet(auxWords)
	adjunctSet      = newWordSet(adjunctPreps)
	subordinatorSet = newWordSet(subordinators)
)

// wordSet is a set of words that rejects most other words by their first
// byte and length, without hashing them.
type wordSet struct {
	words map[string]bool
	sig   [256]uint64 // first byte → bit min(length, 63) of each word
}

// newWordSet returns the set of the words that words maps to true.
func newWordSet(words map[string]bool) *wordSet {
	s := &wordSet{words: map[string]bool{}}
	for w, ok := range words {
		if ok {
			s.words[w] = true
			if w != "" {
				s.sig[w[0]] |= 1 << min(len(w), 63)
			}
		}
	}
	return s
}

// mayHave reports whether the set may hold a word of n bytes starting with
// byte first.
func (s *wordSet) mayHave(first byte, n int) bool { return s.sig[first]&(1<<min(n, 63)) != 0 }

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if w != "" && !s.mayHave(w[0], len(w)) {
		return false
	}
	return s.words[w]
}

// inWordSet reports s.has(f.lower(i)), without building the lower-cased
// text of an ASCII token.
func (f *finder) inWordSet(s *wordSet, i int) bool {
	t := f.tok(i)
	if t != "" && lower.ASCII(t) && !s.mayHave(lower.Byte(t[0]), len(t)) {
		return false
	}
	return f.inSet(s.words, i)
}

// lower returns the lower-cased text of token i, computed once per token.
func (f *finder) lower(i int) string {
	if l := f.lowers[i]; l != "" {
		return l
	}
	l := strings.ToLower(f.d.TokenText(i))
	f.lowers[i] = l
	return l
}

// sentence returns the sentence holding token tok (a one-token sentence
// for a token no sentence holds, which a well-formed Doc does not have).
func (f *finder) sentence(tok int) doc.Sentence {
	if si := f.d.SentenceOf(tok); si >= 0 {
		return f.d.Sentences[si]
	}
	t := f.d.Tokens[tok]
	return doc.Sentence{Span: t.Span, First: tok, Last: tok + 1, Para: -1}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isNPTag(t string) bool {
	switch t {
	case "DT", "PDT", "PRP$", "POS", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP", "HYPH", "FW", "$":
		return true
	}
	return false
}

func isNoun(t string) bool { return strings.HasPrefix(t, "NN") }

func isFinite(t string) bool { return t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD" }

// isCue reports whether token k is a verb of saying.
func (f *finder) isCue(k int) bool {
	if c := f.cue[k]; c != 0 {
		return c == 2
	}
	ok := f.cueAt(k)
	f.cue[k] = 1
	if ok {
		f.cue[k] = 2
	}
	return ok
}

// cueAt computes isCue(k).
func (f *finder) cueAt(k int) bool {
	t := f.tag(k)
	if t == "NNS" && k+1 < len(f.d.Tokens) && k > 0 && isNoun(f.tag(k-1)) {
		// "The New York Times reports: …", a verb the tagger took for a noun
		if n := f.tok(k + 1); n != ":" && n != "that" && !f.isMark(k+1) {
			return false
		}
	} else if !strings.HasPrefix(t, "VB") {
		return false
	}
	return f.s.speechSet.has(f.lemma(k)) || f.inWordSet(f.s.cueWords, k)
}

// irregular forms of verbs of saying, in case the lemma list lacks them
var irregular = map[string]string{"said": "say", "says": "say", "told": "tell", "wrote": "write",
	"written": "write", "writes": "write", "tweeted": "tweet", "replied": "reply", "denied": "deny",
	"testified": "testify", "added": "add", "asked": "ask"}

// according reports whether tokens k, k+1 are "according to".
func (f *finder) according(k int) bool {
	return k+1 < len(f.d.Tokens) && f.lowerIs(k, "according") && f.lowerIs(k+1, "to")
}

var adjunctPreps = map[string]bool{"in": true, "on": true, "at": true, "during": true, "after": true, "before": true,
	"from": true, "with": true, "via": true, "through": true, "over": true, "to": true, "by": true, "for": true}

var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true, "earlier": true, "later": true,
	"also": true, "then": true, "again": true, "previously": true, "repeatedly": true, "recently": true, "once": true,
	"separately": true, "publicly": true, "privately": true, "last": true, "morning": true, "afternoon": true,
	"evening": true, "night": true, "week": true, "weekend": true, "month": true, "year": true, "day": true}

// npEnd returns the end of the noun phrase starting at token i (i itself
// when none starts there), hopping over "of", "for", "at" between nouns
// ("Secretary of State", "a professor at the American University of
// Beirut").
func (f *finder) npEnd(i, end int) int {
	j := i
	for j < end {
		t := f.tag(j)
		if isNPTag(t) && !(t == "PRP" && j > i) && f.inReg[j] < 0 || f.actorAt[j] >= 0 && f.inReg[j] < 0 {
			j++
			if t == "PRP" && j == i+1 {
				return j
			}
			continue
		}
		if j > i && j+1 < end && f.hop(j-1, j, j+1) {
			j++
			continue
		}
		break
	}
	return j
}

// hop reports whether the word at k joins the nouns at a and b into one
// phrase: "Secretary of State", "a professor at the American University",
// "Commission on Presidential Debates", "developer and spokeswoman".
func (f *finder) hop(a, k, b int) bool {
	if f.inReg[k] >= 0 || f.inReg[b] >= 0 {
		return false
	}
	ta, tb := f.tag(a), f.tag(b)
	switch f.lower(k) {
	case "of", "for", "at", "from":
		return isNoun(ta) && (isNPTag(tb) && tb != "PRP" && tb != "POS")
	case "on", "in":
		return f.isNameTok(a) && f.isNameTok(b)
	case "and":
		return isNoun(ta) && ta != "NNP" && (tb == "NN" || tb == "NNS") && coref.IsPersonRole(f.lemma(b))
	}
	return false
}

// npStart returns the start of the noun phrase ending with token k
// (inclusive), not going before lo.
func (f *finder) npStart(k, lo int) int {
	if f.tag(k) == "PRP" || f.tag(k) == "WP" {
		return k
	}
	j := k
	for j-1 >= lo {
		t := f.tag(j - 1)
		if f.inReg[j-1] >= 0 {
			break
		}
		if isNPTag(t) && t != "PRP" {
			j--
			continue
		}
		if ai := f.actorAt[j-1]; ai >= 0 && f.d.Actors[ai].First >= lo {
			j = f.d.Actors[ai].First
			continue
		}
		if j-2 >= lo && f.hop(j-2, j-1, j) {
			j--
			continue
		}
		// a name's parenthesis: "Sen. Lindsey Graham (R-S.C.)"
		if f.tok(j-1) == ")" {
			o := j - 2
			for o >= lo && o > j-8 && f.tok(o) != "(" {
				o--
			}
			if o-1 >= lo && f.tok(o) == "(" && f.isNameTok(o-1) {
				j = o
				continue
			}
		}
		break
	}
	// a mention that starts earlier ("Iranian leader, Hassan Rouhani")
	if ai := f.actorAt[k]; ai >= 0 && f.d.Actors[ai].First < j && f.d.Actors[ai].First >= lo {
		j = f.d.Actors[ai].First
	}
	return j
}

// skipAdjuncts returns the first token at or after j that is not an
// adverb, a time word or a prepositional phrase of place, time or medium
// ("in a Twitter post on Friday").
func (f *finder) skipAdjuncts(j, end int) int {
	for j < end {
		switch {
		case f.tag(j) == "RB" || f.tag(j) == "RBR" || f.inWordSet(timeSet, j):
			j++
		case f.tag(j) == "NNP" && f.inWordSet(timeSet, j):
			j++
		case (f.tag(j) == "IN" || f.tag(j) == "TO") && f.inWordSet(adjunctSet, j) && j+1 < end && isNPTag(f.tag(j+1)) && f.tag(j+1) != "PRP":
			j = f.npEnd(j+1, end)
		default:
			return j
		}
	}
	return j
}

// sentEnd returns the end of the sentence holding tok, before its final
// punctuation.
func (f *finder) sentEnd(tok int) int {
	s := f.sentence(tok)
	e := s.Last
	for e > s.First {
		switch f.tok(e - 1) {
		case ".", "!", "?", ";", ":", ",":
			e--
			continue
		}
		if k, _ := markOf(f.tok(e - 1)); k != notMark && f.inReg[e-1] < 0 {
			e--
			continue
		}
		break
	}
	return e
}

// subject finds the noun phrase naming the speaker before verb v: `X
// said`, `X, a professor at …, said`, `X, who …, said`. It returns the
// phrase, any appositive, and whether one was found.
func (f *finder) subject(v, lo int) (rng, rng, bool) {
	k := v - 1
	for k >= lo && (f.tag(k) == "RB" || f.tag(k) == "MD" || f.inWordSet(auxSet, k) || f.inWordSet(timeSet, k)) {
		if f.inWordSet(timeSet, k) && k-1 >= lo && (f.lowerIs(k-1, "this") || f.lowerIs(k-1, "last") || f.lowerIs(k-1, "next")) {
			k-- // "this week"
		}
		k--
	}
	comma := false
	if k >= lo && f.tok(k) == "," {
		comma = true
		k--
	}
	if k < lo || f.inReg[k] >= 0 {
		return none, none, false
	}
	// "Rep. Trey Gowdy (R-S.C.) said"
	if f.tok(k) == ")" {
		o := k - 1
		for o >= lo && o > k-8 && f.tok(o) != "(" {
			o--
		}
		if o-1 >= lo && f.tok(o) == "(" && f.isNameTok(o-1) {
			np, _, ok := f.subject(o, lo)
			if ok {
				np[1] = k + 1
			}
			return np, none, ok
		}
	}
	if f.lowerIs(k, "who") && f.tag(k) == "WP" {
		// "an architect who said …": resolved to the antecedent later
		return rng{k, k + 1}, none, true
	}
	if k < lo || !(isNPTag(f.tag(k)) || f.actorAt[k] >= 0) || f.tag(k) == "POS" {
		return none, none, false
	}
	if f.tag(k) == "PRP" && !isSubjectPronoun(f.lower(k)) {
		return none, none, false
	}
	ns := f.npStart(k, lo)
	np := rng{ns, k + 1}
	// "Hilal Khashan, a professor at …, said", "Richard Revesz, director of
	// the Institute …, said"
	if comma && ns-2 >= lo && f.tok(ns-1) == "," && (isArticle(f.lower(ns)) || f.hasRole(ns, k+1) && f.isNameTok(ns-2)) {
		nk := ns - 2
		if isNPTag(f.tag(nk)) || f.actorAt[nk] >= 0 {
			return rng{f.npStart(nk, lo), nk + 1}, np, true
		}
	}
	// the subject is not the object of a preposition
	if ns-1 >= lo && (f.tag(ns-1) == "IN" || f.tag(ns-1) == "TO") && !f.lowerIs(ns-1, "that") && !comma {
		return none, none, false
	}
	return np, none, true
}

// subordinators open a clause that is not the main one.
var subordinators = map[string]bool{"when": true, "if": true, "as": true, "because": true, "after": true,
	"before": true, "while": true, "although": true, "though": true, "since": true, "until": true, "unless": true}

// auxWords are auxiliaries between a subject and its verb: "has said",
// "was saying", "did say".
var auxWords = map[string]bool{"has": true, "have": true, "had": true, "'s": true, "’s": false, "'ve": true,
	"’ve": true, "is": true, "was": true, "are": true, "were": true, "been": true, "be": true, "being": true,
	"did": true, "does": true, "do": true, "not": true, "n't": true, "never": true}

// hasRole reports whether tokens [a, b) hold a role noun before any
// preposition, one that is not a title before a name ("director of the
// Institute …", not "Foreign Minister Mohammad Zarif").
func (f *finder) hasRole(a, b int) bool {
	for k := a; k < b; k++ {
		if f.tag(k) == "IN" {
			return false
		}
		if _, ok := f.s.index.RoleSector(f.lemma(k)); ok && isNoun(f.tag(k)) || coref.IsPersonRole(f.lemma(k)) {
			return k+1 >= b || !f.isNameTok(k+1)
		}
	}
	return false
}

func isSubjectPronoun(w string) bool {
	switch w {
	case "he", "she", "they", "it", "i", "we", "you":
		return true
	}
	return false
}

func isArticle(w string) bool { return w == "a" || w == "an" || w == "the" }

// inverted finds the speaker after the verb: `said X`, `said X, a
// professor at …`.
func (f *finder) inverted(v, end int) (rng, rng, bool) {
	j := v + 1
	if j >= end || f.inReg[j] >= 0 {
		return none, none, false
	}
	t := f.tag(j)
	if !(t == "NNP" || t == "NNPS" || t == "DT" || t == "PRP" && isSubjectPronoun(f.lower(j)) || f.actorAt[j] >= 0 || t == "JJ" || t == "CD") {
		return none, none, false
	}
	e := f.npEnd(j, end)
	if e == j {
		return none, none, false
	}
	np := rng{j, e}
	if e+1 < end && f.tok(e) == "," && (isArticle(f.lower(e+1)) || f.tag(e+1) == "JJ" || isNoun(f.tag(e+1))) {
		ae := f.npEnd(e+1, end)
		if ae > e+1 {
			return np, rng{e + 1, ae}, true
		}
	}
	return np, none, true
}

// clause returns the reported clause after verb of saying v: `said (that)
// Moscow opposed a truce`, `told reporters that …`. ok is false when no
// finite clause follows.
func (f *finder) clause(v int) (rng, bool) {
	end := f.sentEnd(v)
	j := v + 1
	for j < end && f.tag(j) == "RP" {
		j++
	}
	// "saying said …": a doubled verb of saying
	if j < end && f.isCue(j) {
		j++
	}
	if hearerVerbs[f.verbLemma(v)] && j < end && (isNPTag(f.tag(j)) || f.actorAt[j] >= 0) && !f.lowerIs(j, "that") {
		// "told reporters (that) …", but not "warned an assault could …"
		if e := f.npEnd(j, end); e < end && !isFinite(f.tag(e)) {
			j = e
		}
	}
	j = f.skipAdjuncts(j, end)
	if j < end && f.tok(j) == "," {
		// "said on Friday, that …" is rare; a comma here ends the clause
		return none, false
	}
	if j < end && f.lowerIs(j, "that") && (f.tag(j) == "IN" || f.tag(j) == "WDT" || f.tag(j) == "DT") &&
		!(j+1 < end && (isFinite(f.tag(j+1)) || f.tag(j+1) == "RB")) { // "said that was not her view"
		j++
		// "said that, if elected, he would …"
		if j < end && f.tok(j) == "," {
			for k := j + 1; k < end && k < j+10; k++ {
				if f.tok(k) == "," {
					j = k + 1
					break
				}
			}
		}
	}
	if j >= end || f.inReg[j] >= 0 && j == f.regs[f.inReg[j]].open && f.regs[f.inReg[j]].first == j+1 && f.startsAttributed(f.inReg[j]) {
		return none, false
	}
	t := f.tag(j)
	if !(isNPTag(t) || t == "EX" || t == "RB" || t == "IN" && (f.lowerIs(j, "if") || f.lowerIs(j, "whether")) || f.inReg[j] >= 0 || f.actorAt[j] >= 0 || t == "WRB" || t == "WP") {
		return none, false
	}
	e := f.clauseEnd(j, end)
	if !f.clauseShape(v, j, e) {
		return none, false
	}
	return rng{j, e}, true
}

// clauseShape reports whether tokens [j, e) open with a finite clause: a
// subject (a noun phrase with its prepositional phrases, or "there") and
// then a finite verb; quote marks are ignored. "said Moscow opposed a
// truce" has one; "posted the message in the midst of …" has none. After a
// verb that takes no object but a clause (say, claim, insist, …) any finite
// verb before a comma will do, since the subject may be long: "says Donald
// Trump’s flurry of late-night tweets targeting … was unhinged".
func (f *finder) clauseShape(v, j, e int) bool {
	next := func(k int) int {
		for k < e && f.isMark(k) {
			k++
		}
		return k
	}
	j = next(j)
	if j < e {
		switch f.lower(j) {
		case "if", "whether", "how", "why", "what", "when", "where", "who":
			j = next(j + 1)
		}
	}
	if j >= e {
		return false
	}
	if clauseVerbs[f.verbLemma(v)] && f.tag(j) != "TO" && !strings.HasPrefix(f.tag(j), "VB") {
		for k := j; k < e && f.tok(k) != ","; k++ {
			if isFinite(f.tag(k)) || k > j && f.tag(k) == "VBN" && isNoun(f.tag(k-1)) {
				return true
			}
			// "tell the I.R.S. anything it doesn't know": a relative clause
			if k > j && (f.tag(k) == "WDT" || f.tag(k) == "WP" || f.tag(k) == "PRP" || f.lowerIs(k, "that")) {
				break
			}
		}
	}
	if f.tag(j) == "EX" || f.lowerIs(j, "there") {
		j = next(j + 1)
	} else {
		n := j
		for n < e && (isNPTag(f.tag(n)) && (n == j || f.tag(n) != "PRP") || f.actorAt[n] >= 0 || f.isMark(n)) {
			n++
		}
		if n == j {
			return false
		}
		j = n
		for pp := 0; pp < 3 && j+1 < e && (f.tag(j) == "IN" || f.tag(j) == "TO") && !f.lowerIs(j, "that"); pp++ {
			n := next(j + 1)
			for n < e && (isNPTag(f.tag(n)) && f.tag(n) != "PRP" || f.isMark(n)) {
				n++
			}
			if n == j+1 {
				break
			}
			j = n
		}
	}
	for j < e && (f.tag(j) == "RB" || f.tag(j) == "EX" || f.isMark(j)) {
		j++
	}
	return j < e && isFinite(f.tag(j))
}

// clauseVerbs take a clause, not an object.
var clauseVerbs = map[string]bool{"say": true, "claim": true, "insist": true, "argue": true, "contend": true,
	"assert": true, "maintain": true, "suggest": true, "predict": true, "complain": true, "acknowledge": true,
	"admit": true, "concede": true, "stress": true, "emphasize": true, "emphasise": true, "respond": true,
	"reply": true, "allege": true, "boast": true, "caution": true, "counter": true, "retort": true,
	"declare": true, "tell": true, "add": true, "warn": true, "explain": true, "note": true}

// verbLemma is the lemma of verb v, with the irregular forms of verbs of
// saying.
func (f *finder) verbLemma(v int) string {
	if l, ok := irregular[f.lower(v)]; ok {
		return l
	}
	return f.lemma(v)
}

// isMark reports whether token k is a quote mark of a quoted region.
func (f *finder) isMark(k int) bool {
	ri := f.inReg[k]
	if ri < 0 {
		return false
	}
	r := f.regs[ri]
	return k < r.first || k >= r.last
}

// startsAttributed reports whether region ri is a direct quote with its own
// attribution (then a verb before it introduces that quote, not a clause).
func (f *finder) startsAttributed(ri int) bool { return f.byReg[ri] != nil }

// clauseEnd cuts a reported clause starting at j where another attribution
// begins: `…, and Rouhani said …`, `…, but he added …`, `…, saying …`, `;`.
func (f *finder) clauseEnd(j, end int) int {
	for k := j; k < end; k++ {
		if ri := f.inReg[k]; ri >= 0 {
			if r := f.regs[ri]; k == r.open && k > j && (r.close < 0 || r.close >= end) {
				return k // a quote that runs past the clause
			}
			continue
		}
		if f.tok(k) == ";" {
			return k
		}
		if f.tok(k) != "," || k+1 >= end {
			continue
		}
		if f.isCue(k+1) && f.tag(k+1) == "VBG" {
			return k
		}
		if f.lowerIs(k+1, "and") || f.lowerIs(k+1, "but") || f.lowerIs(k+1, "while") || f.lowerIs(k+1, "whereas") {
			for m := k + 2; m < end && m < k+16; m++ {
				if f.tok(m) == "," && m > k+2 && !(f.actorAt[m-1] >= 0) {
					continue
				}
				if f.isCue(m) && f.inReg[m] < 0 {
					return k
				}
			}
		}
		if f.according(k + 1) {
			return k
		}
	}
	return end
}

// direct attributes every quoted region.
func (f *finder) direct() {
	for ri := range f.regs {
		r := f.regs[ri]
		if r.last <= r.first {
			continue
		}
		cand := item{parts: f.partsOf(rng{r.first, r.last}), direct: true, cue: none, src: none, appos: none, region: ri, from: -1, para: r.para}
		it := &cand
		switch {
		case f.transcript(it, r):
		case f.trailing(it, r):
		case f.leading(it, r):
		case f.split(ri):
			continue
		default:
			// no attribution of its own: a continuation or a scare quote
			if !f.opensSentence(r) || f.words(r) < 2 {
				continue
			}
			it.rule = "quote with no attribution of its own"
		}
		// a quoted phrase after other words of its sentence is part of a
		// reported clause: `the deal was a “disaster,” Trump said`
		if it.cue.ok() && !f.opensSentence(r) && !f.afterLead(it, r) {
			s := f.sentence(r.open)
			start := f.clauseStart(s.First, r.open)
			if start < r.open {
				it.parts = f.partsOf(rng{start, r.end})
				it.direct = false
				it.rule = "quoted words inside a reported clause; " + it.rule
			}
		}
		kept := f.newItem(cand)
		f.byReg[ri] = kept
		f.items = append(f.items, kept)
	}
}

// words counts the word tokens of a region.
func (f *finder) words(r region) int {
	n := 0
	for k := r.first; k < r.last; k++ {
		if strings.IndexFunc(f.tok(k), isWordRune) >= 0 {
			n++
		}
	}
	return n
}

// opensSentence reports whether region r starts its sentence (after a
// conjunction at most) or follows another quote in it.
func (f *finder) opensSentence(r region) bool {
	// the sentence of the first quoted word: a segmenter may leave the
	// opening mark at the end of the sentence before
	s := f.sentence(min(r.first, len(f.d.Tokens)-1))
	for k := r.open - 1; k >= s.First; k-- {
		if f.inReg[k] >= 0 {
			return true // “…” “…”
		}
		if f.tag(k) != "CC" && f.tok(k) != "(" && f.tok(k) != "—" && f.tok(k) != "," {
			return false
		}
	}
	return true
}

// afterLead reports whether the words before region r are its leading
// attribution.
func (f *finder) afterLead(it *item, r region) bool {
	return it.cue.ok() && it.cue[1] <= r.open
}

// clauseStart skips an opening conjunction or adverbial: "But", "However,".
func (f *finder) clauseStart(first, end int) int {
	j := first
	for j < end && (f.tag(j) == "CC" || f.tok(j) == ",") {
		j++
	}
	if j+1 < end && (f.tag(j) == "RB") && f.tok(j+1) == "," {
		j += 2
	}
	return j
}

// transcript reads a quoted line of a transcript: "PENCE: Well, look, …".
func (f *finder) transcript(it *item, r region) bool {
	k := r.first
	for k < r.last && k < r.first+4 && isUpperWord(f.tok(k)) {
		k++
	}
	if k == r.first || k+1 >= r.last || f.tok(k) != ":" {
		return false
	}
	it.src, it.cue = rng{r.first, k}, rng{k, k + 1}
	it.parts = f.partsOf(rng{k + 1, r.last})
	it.rule = "transcript: “NAME: …”"
	return true
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			n++
		case r == '.' || r == '-' || r == '\'':
		default:
			return false
		}
	}
	return n >= 2
}

// trailing looks for the attribution after the closing mark.
func (f *finder) trailing(it *item, r region) bool {
	if r.close < 0 || r.end >= len(f.d.Tokens) {
		return false
	}
	j := r.end
	if f.paraOfTok(j) != f.paraOfTok(r.close) {
		return false
	}
	end := f.sentEnd(j)
	// stop at the next quote
	for k := j; k < end; k++ {
		if f.inReg[k] >= 0 {
			end = k
			break
		}
	}
	for j < end && (f.tok(j) == "," || f.tok(j) == "—" || f.tok(j) == "–" || f.tok(j) == "―" || f.tok(j) == "-") {
		dash := f.tok(j) != ","
		j++
		if dash {
			// “…” — Hillary Clinton
			if e := f.npEnd(j, end); e > j && e == f.skipAdjuncts(e, end) {
				it.src = rng{j, e}
				it.cue = rng{j - 1, j}
				it.rule = "attribution after a dash"
				return true
			}
		}
	}
	if f.according(j) {
		e := f.npEnd(j+2, end)
		if e > j+2 {
			it.cue, it.src = rng{j, j + 2}, rng{j + 2, e}
			it.rule = "“…,” according to X"
			return true
		}
		return false
	}
	// the verb, at most 14 tokens on
	for v := j; v < end && v < j+14; v++ {
		if !f.isCue(v) || f.used[v] {
			if isFinite(f.tag(v)) && f.tag(v) != "MD" && !f.isCue(v) {
				return false
			}
			continue
		}
		var np, ap rng
		var ok bool
		rule := "“…,” X said"
		if v == j {
			np, ap, ok = f.inverted(v, end)
			rule = "“…,” said X"
		} else {
			np, ap, ok = f.subject(v, j)
			ok = ok && np[0] == j
		}
		if !ok {
			return false
		}
		// a new statement, not an attribution: “…” Putin said he would …
		if _, ok := f.clause(v); ok && f.sentence(v).First > r.close {
			return false
		}
		// "said:" introduces the next quote
		after := max(v+1, np[1], ap[1])
		if after < len(f.d.Tokens) && f.tok(after) == ":" {
			return false
		}
		it.src, it.appos, it.cue, it.rule = np, ap, rng{v, v + 1}, rule
		f.used[v] = true
		return true
	}
	return false
}

func (f *finder) paraOfTok(tok int) int { return f.sentence(tok).Para }

// leading looks for the attribution before the opening mark: in the same
// sentence, or in the previous paragraph ending with a colon.
func (f *finder) leading(it *item, r region) bool {
	if r.open == 0 {
		return false
	}
	s := f.sentence(r.open)
	lo := s.First
	if r.open == s.First {
		// "Putin told reporters:" ¶ “…”
		prev := r.open - 1
		if f.tok(prev) != ":" || f.inReg[prev] >= 0 {
			return false
		}
		lo = f.sentence(prev).First
	}
	for k := r.open - 1; k >= lo; k-- {
		if f.inReg[k] >= 0 {
			lo = k + 1
			break
		}
	}
	last := r.open - 1
	if last < lo {
		return false
	}
	lt := f.tok(last)
	if !(lt == ":" || lt == "," || lt == "that" || f.isCue(last)) {
		return false
	}
	// the last verb of saying before the mark, with only its hearer and
	// adjuncts after it
	for v := last; v >= lo; v-- {
		if f.according(v) {
			e := f.npEnd(v+2, r.open)
			if e > v+2 {
				it.cue, it.src = rng{v, v + 2}, rng{v + 2, e}
				it.rule = "according to X, “…”"
				return true
			}
			return false
		}
		if !f.isCue(v) || f.used[v] {
			if isFinite(f.tag(v)) {
				return false
			}
			continue
		}
		np, ap, ok := f.subject(v, lo)
		rule := "X said: “…”"
		if !ok && f.tag(v) == "VBG" && v > lo && f.tok(v-1) == "," {
			// "Trump said, adding later, “…”"
			np, ap, ok = f.mainSubject(v, lo)
			rule = "…, adding: “…”"
		}
		if !ok {
			// "said Putin: “…”"
			np, ap, ok = f.inverted(v, r.open)
			if !ok {
				return false
			}
		}
		it.src, it.appos, it.cue = np, ap, rng{v, v + 1}
		it.rule = rule
		f.used[v] = true
		return true
	}
	return false
}

// split gives a quote the attribution of the quote before it in the same
// sentence when only that attribution lies between them: `“…,” he said,
// “…”`.
func (f *finder) split(ri int) bool {
	if ri == 0 {
		return false
	}
	prev := f.byReg[ri-1]
	if prev == nil || !prev.cue.ok() || f.regs[ri-1].close < 0 || prev.cue[0] < f.regs[ri-1].close {
		return false
	}
	r := f.regs[ri]
	k := max(prev.cue[1], prev.src[1], prev.appos[1])
	if k > r.open {
		return false
	}
	// only the attribution between: “…,” he said, “…”
	k = f.skipAdjuncts(k, r.open)
	if k == r.open || f.tok(k) != "," && f.tok(k) != ":" {
		return false
	}
	for k < r.open && (f.tok(k) == "," || f.tok(k) == ":") {
		k++
	}
	if k != r.open {
		return false
	}
	prev.parts = append(prev.parts, rng{r.first, r.last})
	f.byReg[ri] = prev
	return true
}

// reported finds reported speech outside the direct quotes.
func (f *finder) reported() {
	for si, s := range f.d.Sentences {
		for v := s.First; v < s.Last; v++ {
			if f.inReg[v] >= 0 || f.used[v] {
				continue
			}
			if f.according(v) {
				f.accordingTo(si, v)
				continue
			}
			if !f.isCue(v) {
				continue
			}
			f.reportedAt(s, v)
		}
	}
	slices.SortStableFunc(f.items, byFirstPart)
}

// byFirstPart orders items by the first token of their first part.
func byFirstPart(a, b *item) int { return cmp.Compare(a.parts[0][0], b.parts[0][0]) }

func (f *finder) add(it item) {
	it.region, it.from = -1, -1
	if !it.src.ok() {
		it.src = none
	}
	f.items = append(f.items, f.newItem(it))
}

// newItem returns a pointer to a copy of it, kept in the finder's item
// slab. A full slab is replaced, not grown, so the pointers stay valid.
func (f *finder) newItem(it item) *item {
	if len(f.slab) == cap(f.slab) {
		f.slab = make([]item, 0, max(16, 2*cap(f.slab)))
	}
	f.slab = append(f.slab, it)
	return &f.slab[len(f.slab)-1]
}

// partsOf returns a slice holding rs, from the finder's range slab. Its
// capacity is its length, so that appending to it copies.
func (f *finder) partsOf(rs ...rng) []rng {
	if len(f.rngs)+len(rs) > cap(f.rngs) {
		f.rngs = make([]rng, 0, max(64, len(rs)))
	}
	i := len(f.rngs)
	f.rngs = append(f.rngs, rs...)
	return f.rngs[i:len(f.rngs):len(f.rngs)]
}

func (f *finder) reportedAt(s doc.Sentence, v int) {
	end := f.sentEnd(v)
	// "Iran will respond", "to say": speech yet to happen is not reported
	for k := v - 1; k >= s.First; k-- {
		if f.tag(k) == "RB" {
			continue
		}
		if f.tag(k) == "MD" || f.tag(k) == "TO" {
			return
		}
		break
	}
	// ", saying …": the speaker is the subject of the main verb
	if f.tag(v) == "VBG" && v > s.First && f.tok(v-1) == "," {
		c, ok := f.clause(v)
		if !ok {
			return
		}
		if np, ap, ok := f.mainSubject(v, s.First); ok {
			f.used[v] = true
			f.add(item{parts: f.partsOf(c), cue: rng{v, v + 1}, src: np, appos: ap, rule: "…, saying CLAUSE", para: s.Para})
		}
		return
	}
	if c, ok := f.clause(v); ok {
		np, ap, found := f.subject(v, s.First)
		if !found {
			return
		}
		f.used[v] = true
		f.add(item{parts: f.partsOf(c), cue: rng{v, v + 1}, src: np, appos: ap, rule: "X said CLAUSE", para: s.Para})
		return
	}
	// "CLAUSE, X said." and "CLAUSE, said X."
	var np, ap rng
	var ok bool
	after := v + 1
	np, ap, ok = f.subject(v, s.First)
	if ok && (np[0] == s.First || f.tok(np[0]-1) != ",") {
		ok = false
	}
	if !ok && v > s.First && f.tok(v-1) == "," {
		np, ap, ok = f.inverted(v, end)
		if ok {
			after = np[1]
			if ap.ok() {
				after = ap[1]
			}
		}
	}
	if !ok {
		return
	}
	if hearerVerbs[f.verbLemma(v)] && after < end && isNPTag(f.tag(after)) {
		after = f.npEnd(after, end)
	}
	rest := f.skipAdjuncts(after, end)
	if rest < end && f.tok(rest) != "," {
		return
	}
	comma := np[0] - 1
	if ap.ok() && ap[0] < np[0] {
		comma = ap[0] - 1
	}
	if f.tok(v-1) == "," && np[0] > v {
		comma = v - 1
	}
	start := f.clauseStart(s.First, comma)
	if start >= comma || f.inReg[comma-1] >= 0 {
		return
	}
	for k := start; k < comma; k++ {
		if f.used[k] || f.isCue(k) && f.tag(k) != "VBG" {
			return // the clause is itself an attribution
		}
	}
	finite := false
	for k := start; k < comma; k++ {
		if isFinite(f.tag(k)) {
			finite = true
		}
	}
	if finite && f.inWordSet(subordinatorSet, start) {
		// "when Congress cut funding, Mexico said enough": the clause before
		// the attribution must have a main clause after its own comma
		finite = false
		for k := start; k < comma; k++ {
			if f.tok(k) == "," {
				for m := k + 1; m < comma; m++ {
					if isFinite(f.tag(m)) {
						finite = true
					}
				}
				break
			}
		}
		if !finite {
			return
		}
	}
	if !finite && rest+1 < end {
		// "But to prevent problems, he said, local officials should …"
		second := rng{rest + 1, f.clauseEnd(rest+1, end)}
		for k := second[0]; k < second[1]; k++ {
			if isFinite(f.tag(k)) {
				finite = true
			}
		}
		if !finite {
			return
		}
		f.used[v] = true
		f.add(item{parts: f.partsOf(rng{start, comma}, second), cue: rng{v, v + 1}, src: np, appos: ap, rule: "CLAUSE, X said, CLAUSE", para: s.Para})
		return
	}
	if !finite {
		return
	}
	f.used[v] = true
	f.add(item{parts: f.partsOf(rng{start, comma}), cue: rng{v, v + 1}, src: np, appos: ap, rule: "CLAUSE, X said", para: s.Para})
}

func (f *finder) accordingTo(si, v int) {
	s := f.d.Sentences[si]
	end := f.sentEnd(v)
	e := f.npEnd(v+2, end)
	if e == v+2 {
		return
	}
	src := rng{v + 2, e}
	start := f.clauseStart(s.First, v)
	switch {
	case start == v && e < end && f.tok(e) == ",":
		// According to X, CLAUSE.
		f.add(item{parts: f.partsOf(rng{e + 1, end}), cue: rng{v, v + 2}, src: src, appos: none, rule: "according to X, CLAUSE", para: s.Para})
	case v > s.First && f.tok(v-1) == "," && start < v-1:
		f.add(item{parts: f.partsOf(rng{start, v - 1}), cue: rng{v, v + 2}, src: src, appos: none, rule: "CLAUSE, according to X", para: s.Para})
	default:
		return
	}
	f.used[v] = true
}

// mainSubject returns the subject of the finite verb a participle of saying
// at v hangs on: "Erdogan called for a ceasefire, saying …" → Erdogan.
func (f *finder) mainSubject(v, lo int) (rng, rng, bool) {
	for m := v - 2; m >= lo; m-- {
		if f.inReg[m] >= 0 || !isFinite(f.tag(m)) && !(strings.HasPrefix(f.tag(m), "VB") && m > lo && f.tok(m-1) == ",") {
			continue
		}
		head := m
		for head-1 >= lo && (strings.HasPrefix(f.tag(head-1), "VB") || f.tag(head-1) == "MD" || f.tag(head-1) == "RB") {
			head--
		}
		return f.subject(head, lo)
	}
	return none, none, false
}

// resolve finds the speaker of every attributed item, in text order (so
// that a name met first can be referred to later by its surname).
func (f *finder) resolve() {
	order := make([]*item, 0, len(f.items))
	for _, it := range f.items {
		if it.src.ok() {
			order = append(order, it)
		}
	}
	slices.SortStableFunc(order, func(a, b *item) int { return cmp.Compare(a.src[0], b.src[0]) })
	for _, it := range order {
		f.speakerOf(it)
		it.done = true
	}
}

// speakerOf resolves the speaker phrase of it.
func (f *finder) speakerOf(it *item) {
	d := f.d
	ns, ne := it.src[0], it.src[1]
	it.text = d.Slice(doc.Span{Start: d.Tokens[ns].Start, End: d.Tokens[ne-1].End})
	head := ne - 1
	// "an architect who said": the antecedent
	if ne-ns == 1 && f.tag(ns) == "WP" {
		a := ns - 1
		if a >= 0 && f.tok(a) == "," {
			a--
		}
		if a < 0 || f.inReg[a] >= 0 || !(isNPTag(f.tag(a)) || f.actorAt[a] >= 0) {
			return
		}
		tmp := &item{src: rng{f.npStart(a, f.sentence(ns).First), a + 1}, appos: none}
		f.speakerOf(tmp)
		it.speaker, it.text, it.how = tmp.speaker, tmp.text, "relative pronoun: "+tmp.how
		return
	}
	// a pronoun
	if ne-ns == 1 && f.tag(ns) == "PRP" {
		if e, how := f.coref().Pronoun(ns); e != nil {
			it.speaker, it.how = f.entityActor(e, ns, ne), how
			return
		}
		it.how = "pronoun with no antecedent outside quotes"
		return
	}
	// a coded mention: the one over the head of the phrase
	ai := -1
	for k := head; k >= ns; k-- {
		if a := f.actorAt[k]; a >= 0 && d.Actors[a].Code != "" {
			ai = a
			break
		}
	}
	if ai >= 0 {
		a := &d.Actors[ai]
		if e := f.coref().At(a.First); e != nil && (e.Name.Len() > 0 || e.Person) {
			it.speaker = f.entityActor(e, a.First, a.Last)
			if e.Name.Len() == 0 && e.Actor.First != a.First {
				it.how = "title " + strconv.Quote(d.Slice(a.Span)) + " → " + strconv.Quote(d.Slice(e.Actor.Span))
			} else {
				it.how = "entity " + e.Source()
			}
			if it.speaker.Code == "" {
				it.speaker.ActorRef = a.ActorRef
			}
			if f.hasName(ns, ne) && e.Name.Len() == 0 {
				// a named speaker whose role alone is coded
				f.newName(it, ns, ne, a)
			}
			return
		}
		if nf, nl := f.nameRange(ns, ne); nf < 0 || a.First < nl && nf < a.Last {
			// the mention is (part of) the name: "the Syrian Observatory for
			// Human Rights"
			sp := f.newActor(*a)
			if nf >= 0 && (nf < sp.First || nl > sp.Last) {
				sp.First, sp.Last = min(sp.First, nf), max(sp.Last, nl)
				sp.Span = f.tokSpan(rng{sp.First, sp.Last})
			}
			it.speaker, it.how = sp, "actor mention"
			return
		}
	}
	if f.hasName(ns, ne) {
		nf, nl := f.nameRange(ns, ne)
		if e, how := f.coref().Name(nf, nl); e != nil {
			it.speaker, it.how = f.entityActor(e, nf, nl), how
			return
		}
		var base *doc.Actor
		if ai >= 0 {
			base = &d.Actors[ai]
		}
		f.newName(it, ns, ne, base)
		return
	}
	// a definite title with no coded mention: "the minister"
	if f.definite(ns) {
		if e, how := f.coref().Title(ns, ne); e != nil {
			it.speaker, it.how = f.entityActor(e, ns, ne), how
			return
		}
	}
	it.how = "speaker is not a known actor"
}

func (f *finder) definite(ns int) bool {
	w := f.lower(ns)
	return w == "the" || w == "this"
}

// hasName reports whether the phrase holds a proper name.
func (f *finder) hasName(ns, ne int) bool {
	nf, _ := f.nameRange(ns, ne)
	return nf >= 0
}

// nameRange returns the last run of proper-noun tokens in [ns, ne).
func (f *finder) nameRange(ns, ne int) (int, int) {
	nl := -1
	for k := ne - 1; k >= ns; k-- {
		if f.isNameTok(k) {
			nl = k + 1
			break
		}
	}
	if nl < 0 {
		return -1, -1
	}
	nf := nl - 1
	for nf-1 >= ns {
		switch {
		case f.isNameTok(nf - 1):
			nf--
			continue
		case nf-2 >= ns && (f.lowerIs(nf-1, "of") || f.lowerIs(nf-1, "for")) && f.isNameTok(nf-2):
			nf -= 2 // "Observatory for Human Rights"
			continue
		}
		break
	}
	// "President Donald Trump": a title is not part of the name
	for nf < nl-1 && (coref.IsPersonRole(f.lower(nf)) || f.isCountryWord(nf)) {
		nf++
	}
	return nf, nl
}

func (f *finder) isNameTok(k int) bool {
	t := f.tag(k)
	w := f.tok(k)
	if t != "NNP" && t != "NNPS" && !(t == "NN" && strings.Contains(w, "-") && w != f.lower(k)) {
		return false
	}
	r := w[0]
	return r >= 'A' && r <= 'Z'
}

func (f *finder) isCountryWord(k int) bool {
	_, ok := f.s.index.Country(f.tok(k))
	return ok
}

// newName records a speaker whose name the dictionary lacks; its code comes
// from its role: an appositive (", a political science professor at …"), or
// a title before the name ("political analyst Hilal Khashan").
func (f *finder) newName(it *item, ns, ne int, base *doc.Actor) {
	nf, nl := f.nameRange(ns, ne)
	role, sector, country := "", "", ""
	scan := func(a, b int) {
		for k := a; k < b; k++ {
			if f.tag(k) == "IN" && k > a {
				break
			}
			l := f.lemma(k)
			if l == "" {
				l = f.lower(k)
			}
			if c, ok := f.s.index.Country(f.tok(k)); ok && country == "" {
				country = c
			}
			if sec, ok := f.s.index.RoleSector(l); ok && isNoun(f.tag(k)) {
				role, sector = l, sec
			}
		}
	}
	if it.appos.ok() {
		scan(it.appos[0], it.appos[1])
	}
	if role == "" && nf > ns {
		scan(ns, nf)
	}
	var ref doc.ActorRef
	rule := "name " + strconv.Quote(f.d.Slice(doc.Span{Start: f.d.Tokens[nf].Start, End: f.d.Tokens[nl-1].End})) + " not in the dictionary"
	switch {
	case sector != "":
		code := country + sector
		ref = doc.ActorRef{Code: code, Country: country, Sectors: []string{sector}}
		rule += "; role " + strconv.Quote(role) + " → " + sector
		if country != "" {
			rule += "; country " + country
		}
	case base != nil && base.Code != "":
		ref = base.ActorRef
		rule += "; code of the mention " + strconv.Quote(f.d.Slice(base.Span))
	}
	var roles []string
	if role != "" {
		roles = []string{role}
	}
	e := f.coref().AddName(nf, nl, ref, nl-nf >= 2 || role != "", roles, rule)
	it.speaker = f.entityActor(e, nf, nl)
	if it.speaker.Code == "" && ref.Code != "" {
		it.speaker.ActorRef = ref
	}
	it.how = rule
}

// entityActor returns the actor a speaker resolves to: the entity's
// mention, spanning its fullest name.
func (f *finder) entityActor(e *coref.Entity, first, last int) *doc.Actor {
	a := f.newActor(e.Actor)
	if e.Name.Len() > 0 {
		a.Span = e.Name
		a.First, a.Last = e.NameFirst, e.NameLast
		a.Sentence = f.d.SentenceOf(e.NameFirst)
	}
	a.Members = nil
	return a
}

// newActor returns a pointer to a copy of a, kept in the finder's actor
// slab; it is valid until the finder is released. A full slab is replaced,
// not grown, so the pointers stay valid.
func (f *finder) newActor(a doc.Actor) *doc.Actor {
	if len(f.actors) == cap(f.actors) {
		f.actors = make([]doc.Actor, 0, max(16, 2*cap(f.actors)))
	}
	f.actors = append(f.actors, a)
	return &f.actors[len(f.actors)-1]
}

// carryOver gives a quote with no attribution the speaker of the nearest
// earlier quote of its paragraph or the previous one.
func (f *finder) carryOver() {
	slices.SortStableFunc(f.items, byFirstPart)
	for i, it := range f.items {
		if it.done || it.cue.ok() || it.from == -2 {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			p := f.items[j]
			if p.from == -2 || !p.done && !p.cue.ok() && p.from < 0 {
				continue
			}
			if p.para < it.para-1 {
				break
			}
			it.from = j
			it.speaker, it.text, it.src, it.cue = p.speaker, p.text, p.src, p.cue
			it.how = "continues the quote before"
			if p.para < it.para {
				it.how = "continues the quote of the previous paragraph"
			}
			it.done = true
			break
		}
	}
}

// find finds the quotes of the document and their speakers: f.items, in
// text order, those to keep marked by kept.
func (f *finder) find() {
	f.direct()
	f.reported()
	f.resolve()
	f.carryOver()
}

// kept reports whether an item gives a quote: it is not merged into
// another, and someone is said to have said it.
func (it *item) kept() bool { return it.from != -2 && (it.cue.ok() || it.from >= 0) }

// speakerCopy returns a copy of the speaker of it whose Rule tells how the
// speaker was resolved, or nil when the speaker is unknown. The copy is
// appended to *buf when it has room (so that its pointer stays valid), and
// allocated on its own otherwise; buf may be nil.
func (f *finder) speakerCopy(it *item, buf *[]doc.Actor) *doc.Actor {
	if it.speaker == nil {
		return nil
	}
	var sp *doc.Actor
	if buf != nil && len(*buf) < cap(*buf) {
		*buf = append(*buf, *it.speaker)
		sp = &(*buf)[len(*buf)-1]
	} else {
		sp = new(doc.Actor)
		*sp = *it.speaker
	}
	if sp.Rule != "" {
		sp.Rule += "; quote speaker: " + it.how
	} else {
		sp.Rule = "quote speaker: " + it.how
	}
	return sp
}

// commit turns items into candidates.
func (f *finder) commit() []Candidate {
	d := f.d
	var out []Candidate
	for _, it := range f.items {
		if !it.kept() {
			continue // merged, or a quote nobody is said to have said
		}
		c := Candidate{Direct: it.direct, Speaker: it.speaker, SpeakerText: it.text}
		for _, p := range it.parts {
			if sp, ok := f.span(p); ok {
				c.Parts = append(c.Parts, sp)
			}
		}
		if len(c.Parts) == 0 {
			continue
		}
		c.Sentence = d.SentenceOf(it.parts[0][0])
		if it.cue.ok() {
			c.Cue = f.tokSpan(it.cue)
		}
		if it.src.ok() {
			src := it.src
			if it.appos.ok() {
				src[0], src[1] = min(src[0], it.appos[0]), max(src[1], it.appos[1])
			}
			c.Source = f.tokSpan(src)
		}
		rule := it.rule
		if it.how != "" {
			rule += "; speaker: " + it.how
		}
		c.Rule = rule
		c.Speaker = f.speakerCopy(it, nil)
		out = append(out, c)
	}
	return out
}

func (f *finder) tokSpan(r rng) doc.Span {
	return doc.Span{Start: f.d.Tokens[r[0]].Start, End: f.d.Tokens[r[1]-1].End}
}

// span returns the text span of content tokens r, without a trailing comma
// or colon.
func (f *finder) span(r rng) (doc.Span, bool) {
	a, b := r[0], r[1]
	for b > a {
		switch f.tok(b - 1) {
		case ",", ":", ";", "—", "–":
			b--
			continue
		}
		break
	}
	if b <= a {
		return doc.Span{}, false
	}
	return f.tokSpan(rng{a, b}), true
}
