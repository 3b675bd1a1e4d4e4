// Package tag assigns part-of-speech tags, lemmas and phrase chunks.
//
// Reads: doc.tokens, doc.sentences. Writes: token.tag, token.lemma,
// doc.chunks.
//
// Tags are Penn Treebank tags from prose's averaged-perceptron model
// (through internal/prosenlp), then corrected with the dictionaries: a word
// the verb dictionary knows is a verb after a modal or infinitival "to" ("to
// prepare" → VB, however the model tagged it) and after a subject pronoun;
// tags a word cannot have are undone ("King/VBG", "obama/MD", "US/PRP" →
// NNP), a clause without a finite verb gets its verb ("Russia lifts/JJ
// sanctions" → VBZ, "forces launched/VBN artillery, sources said" → VBD), and
// a participle inside a noun phrase that a verb follows is an adjective
// ("precision guided/VBD missiles killed" → JJ).
// Lemmas are lower case; verbs and plural nouns are reduced to their base
// form with the irregular forms of lemmas.txt and suffix rules checked
// against the words the dictionaries know ("struck" → strike, "warplanes" →
// warplane, "agreed" → agree). Chunks are base noun phrases (NP), verb
// groups (VP: auxiliaries, adverbs, the verb and its particles, with Head
// set to the main verb) and prepositions (PP), found by rules over tags:
//
//	Russian/JJ warplanes/NNS hit/VBD rebel-held/JJ parts/NNS of/IN Idlib/NNP
//	[NP Russian warplanes] [VP hit] [NP rebel-held parts] [PP of] [NP Idlib]
package tag

import (
	"strings"
	"sync"

	"dyad/doc"
	"dyad/internal/lower"
	"dyad/internal/prosenlp"
)

// Lexicon is what the tagger knows from the dictionaries.
type Lexicon struct {
	Irregular map[string]string // inflected form → lemma
	Verbs     map[string]bool   // verb lemmas
	Nouns     map[string]bool   // noun lemmas
	Agents    map[string]bool   // role nouns of agents.txt ("warplane")
}

// Tagger is the tag stage.
type Tagger struct {
	model *prosenlp.Tagger
	lex   *Lexicon
	// words holds one copy of every lower-case word the model and the
	// lexicon know, so that lower-casing a capitalised one allocates nothing
	words map[string]string
	// scratch holds the per-sentence slices of Process (*scratch)
	scratch sync.Pool
}

type scratch struct{ words, tags, fixed, lows []string }

// New returns a tag stage using model and lex (lex may be nil).
func New(model *prosenlp.Tagger, lex *Lexicon) *Tagger {
	if lex == nil {
		lex = &Lexicon{}
	}
	t := &Tagger{model: model, lex: lex, words: map[string]string{}}
	add := func(w string) {
		if lower.String(w) == w {
			t.words[w] = w
		}
	}
	if model != nil {
		for w := range model.Words() {
			add(w)
		}
	}
	for k, v := range lex.Irregular {
		add(k)
		add(v)
	}
	for _, m := range []map[string]bool{lex.Verbs, lex.Nouns, lex.Agents} {
		for w := range m {
			add(w)
		}
	}
	return t
}

// Name implements pipeline.Component.
func (*Tagger) Name() string { return "tag.v1" }

// Reads implements pipeline.Component.
func (*Tagger) Reads() []string { return []string{"doc.tokens", "doc.sentences"} }

// Writes implements pipeline.Component.
func (*Tagger) Writes() []string { return []string{"token.tag", "token.lemma", "doc.chunks"} }

// Process tags every sentence of d.
func (t *Tagger) Process(d *doc.Doc) error {
	sc, _ := t.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	words, tags, fixed, lows := sc.words, sc.tags, sc.fixed, sc.lows
	defer func() {
		// keep the slices, not the document's strings, for the next call
		clear(words[:cap(words)])
		clear(tags[:cap(tags)])
		clear(fixed[:cap(fixed)])
		clear(lows[:cap(lows)])
		sc.words, sc.tags, sc.fixed, sc.lows = words[:0], tags[:0], fixed[:0], lows[:0]
		t.scratch.Put(sc)
	}()
	if d.Chunks == nil {
		d.Chunks = make([]doc.Chunk, 0, len(d.Tokens)/2+1)
	}
	d.Chunks = d.Chunks[:0]
	for _, s := range d.Sentences {
		words = words[:0]
		for i := s.First; i < s.Last; i++ {
			words = append(words, ptbForm(d.TokenText(i)))
		}
		tags = t.model.Tag(words, tags[:0])
		lows = lows[:0]
		for k, i := 0, s.First; i < s.Last; i, k = i+1, k+1 {
			d.Tokens[i].Tag = tags[k]
			lows = append(lows, t.lower(d.TokenText(i)))
		}
		if t.correct(d, s, lows) {
			// tag again with the corrections fixed, so that the words after
			// a corrected one are tagged in its light ("warplanes/NNS struck")
			fixed = fixed[:0]
			for k, i := 0, s.First; i < s.Last; i, k = i+1, k+1 {
				f := ""
				if d.Tokens[i].Tag != tags[k] {
					f = d.Tokens[i].Tag
				}
				fixed = append(fixed, f)
			}
			tags = t.model.TagFixed(words, fixed, tags[:0])
			for k, i := 0, s.First; i < s.Last; i, k = i+1, k+1 {
				d.Tokens[i].Tag = tags[k]
			}
			t.correct(d, s, lows)
		}
		for k, i := 0, s.First; i < s.Last; i, k = i+1, k+1 {
			d.Tokens[i].Lemma = t.lemma(lows[k], d.Tokens[i].Tag)
		}
		d.Chunks = Chunk(d, s, d.Chunks)
	}
	return nil
}

// ptbForm maps curly quotes and the like to the forms the model was trained on.
func ptbForm(w string) string {
	switch w {
	case "“":
		return "``"
	case "”":
		return "''"
	case "‘":
		return "`"
	case "’":
		return "'"
	case "\"":
		return "``"
	}
	if strings.Contains(w, "’") {
		return strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// timeAdverbs are never verbs (the model sometimes tags "overnight" VBD)
var timeAdverbs = map[string]bool{"overnight": true, "yesterday": true, "tonight": true, "meanwhile": true, "today": true}

var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true, "who": true}

// correct fixes tags the model gets wrong on news, using the dictionaries,
// and reports whether it changed any.
// lows holds the sentence's tokens in lower case.
func (t *Tagger) correct(d *doc.Doc, s doc.Sentence, lows []string) bool {
	changed := false
	set := func(i int, tag string) {
		if d.Tokens[i].Tag != tag {
			d.Tokens[i].Tag = tag
			changed = true
		}
	}
	toks := d.Tokens
	finite := hasFiniteVerb(d, s)
	for i := s.First; i < s.Last; i++ {
		w := lows[i-s.First]
		tg := toks[i].Tag
		prev := ""
		if i > s.First {
			prev = toks[i-1].Tag
		}
		if (tg == "PRP" || tg == "NN") && w == "us" && d.TokenText(i) == "US" {
			// "Three US/PRP servicemen": the capitalised pronoun is the country
			set(i, "NNP")
			continue
		}
		if tg == "MD" && !modal(w) {
			// "President obama/MD expressed": only a modal is a modal
			if prev == "NNP" || w != d.TokenText(i) {
				set(i, "NNP")
			} else {
				set(i, "NN")
			}
			continue
		}
		if tg == "VBG" && (!strings.HasSuffix(w, "ing") || len(w) <= 4) {
			// "King/VBG Abdullah": a gerund is a stem of two letters or
			// more and -ing
			if w != d.TokenText(i) {
				set(i, "NNP")
			} else {
				set(i, "NN")
			}
			continue
		}
		if (tg == "JJ" || tg == "NN") && strings.HasSuffix(w, "s") && i > s.First && i+1 < s.Last &&
			toks[i-1].Tag == "NNP" && objectStart(toks[i+1].Tag) && (!finite || subjectBefore(d, s, i) && !finiteBeforeComma(d, s, i+1)) &&
			!t.lex.Verbs[w] && t.lex.Verbs[t.verbLemma(w, "VBZ")] {
			// "Russia lifts/JJ sanctions on Georgia(, officials said)": a
			// clause has a finite verb, and a verb's -s form after a name
			// is the one
			set(i, "VBZ")
			finite = true
			continue
		}
		if tg == "NN" && i > s.First && i+1 < s.Last && toks[i+1].Tag == "PRP$" && t.lex.Verbs[w] &&
			(toks[i-1].Tag == "NNP" || toks[i-1].Tag == "NNPS" || toks[i-1].Tag == "NNS") {
			// "for the US support/NN its plan": a noun takes no possessive
			// after it; a verb the dictionary knows does
			set(i, "VBP")
			continue
		}
		if tg == "VBN" && strings.HasSuffix(w, "ed") && i+1 < s.Last && IsNounTag(prev) && lows[i+1-s.First] != "by" &&
			(objectStart(toks[i+1].Tag) || toks[i+1].Tag == "RB") && subjectBefore(d, s, i) && !finiteBeforeComma(d, s, i+1) {
			// "Vietnamese-led forces launched/VBN artillery …, sources
			// said": the first noun phrase's verb, where the clause has no
			// other
			set(i, "VBD")
			continue
		}
		if (tg == "VBD" || tg == "VBN") && strings.HasSuffix(w, "ed") && i > s.First+1 && i+1 < s.Last &&
			toks[i-1].Tag == "NN" && (toks[i+1].Tag == "NNS" || toks[i+1].Tag == "NN") &&
			(toks[i-2].Tag == "VBG" || toks[i-2].Tag == "IN") && laterFiniteVerb(d, s, i+2) {
			// "aircraft using precision guided/VBD missiles killed …": a
			// participle between the nouns of a phrase that a verb follows
			set(i, "JJ")
			continue
		}
		if timeAdverbs[w] && (strings.HasPrefix(tg, "VB") || strings.HasPrefix(tg, "NN") &&
			(w != "today" || i+1 < s.Last && i > s.First && IsNounTag(toks[i-1].Tag) && toks[i+1].Tag != "POS")) {
			// "Zia-Ul-Haq today/NN rejected", "the Thai border today/NN,":
			// today after a noun modifies the verb, not the noun
			set(i, "RB") // "Aleppo overnight, killing …"
			continue
		}
		if strings.HasPrefix(w, "@") || strings.HasPrefix(w, "#") {
			continue
		}
		if (tg == "VBZ" || tg == "VBP") && strings.HasSuffix(w, "s") {
			if nl := t.nounLemma(w); t.lex.Nouns[nl] && !t.lex.Verbs[nl] &&
				(prev == "DT" || prev == "JJ" || prev == "IN" || prev == "TO" || prev == "CD" || prev == "PRP$" || prev == "JJR" ||
					prev == "NNP" && t.lex.Agents[nl]) {
				// "to refugees", "Israeli warplanes": a plural noun (that is
				// never a verb) the model took for a verb
				set(i, "NNS")
				continue
			}
		}
		if strings.HasPrefix(tg, "VB") || tg == "MD" {
			continue // the corrections below make verbs of other tags
		}
		afterPronoun := i > s.First && subjectPronouns[lows[i-1-s.First]]
		if prev != "MD" && prev != "TO" && prev != "," && !afterPronoun {
			continue // none of the contexts below
		}
		if !t.lex.Verbs[w] && !t.lex.Verbs[t.verbLemma(w, "VBZ")] {
			continue
		}
		switch {
		case (prev == "MD" || prev == "TO") && t.lex.Verbs[w]:
			set(i, "VB")
		case afterPronoun:
			if strings.HasSuffix(w, "s") && !t.lex.Verbs[w] {
				set(i, "VBZ")
			} else if strings.HasSuffix(w, "ed") {
				set(i, "VBD")
			} else {
				set(i, "VBP")
			}
		case prev == "," && t.lex.Verbs[w] && afterReducedRelative(d, s, i-1):
			// "Assad's forces, backed by Russia, prepare for …"
			set(i, "VBP")
		}
	}
	return changed
}

// modal reports whether w (lower case) is a modal verb.
func modal(w string) bool {
	switch w {
	case "can", "could", "may", "might", "must", "shall", "should", "will", "would", "'ll", "'d", "’ll", "’d",
		"wo", "ca", "ought", "need", "dare", "cannot", "wil", "shal", "mus":
		return true
	}
	return false
}

// hasFiniteVerb reports whether sentence s has a finite verb or a modal.
func hasFiniteVerb(d *doc.Doc, s doc.Sentence) bool {
	for i := s.First; i < s.Last; i++ {
		switch d.Tokens[i].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		}
	}
	return false
}

// objectStart reports whether a token tagged tg may start the object or
// complement of a verb.
func objectStart(tg string) bool {
	switch tg {
	case "DT", "NNS", "NN", "NNP", "NNPS", "PRP$", "JJ", "CD", "TO":
		return true
	}
	return false
}

// subjectBefore reports whether tokens before k in sentence s are one noun
// phrase (the sentence's subject).
func subjectBefore(d *doc.Doc, s doc.Sentence, k int) bool {
	for j := s.First; j < k; j++ {
		if tg := d.Tokens[j].Tag; !isNPTag(tg) || tg == "PRP" || tg == "CD" && j > s.First {
			return false
		}
	}
	return k > s.First
}

// finiteBeforeComma reports whether a finite verb or modal comes at or
// after token k in sentence s before a comma or colon.
func finiteBeforeComma(d *doc.Doc, s doc.Sentence, k int) bool {
	for ; k < s.Last; k++ {
		switch d.Tokens[k].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		case ",", ":":
			return false
		}
	}
	return false
}

// laterFiniteVerb reports whether a past-tense verb follows token k in
// sentence s with no comma, conjunction, subordinator or other verb before
// it.
func laterFiniteVerb(d *doc.Doc, s doc.Sentence, k int) bool {
	for ; k < s.Last; k++ {
		switch tg := d.Tokens[k].Tag; tg {
		case "VBD":
			return true
		case ",", ":", "CC", "WDT", "WP", "IN", "TO", "MD", "VBZ", "VBP", "VBG", "VBN", "VB":
			return false
		}
	}
	return false
}

// afterReducedRelative reports whether the comma at token c closes a phrase
// ", VBN …," that follows a noun.
func afterReducedRelative(d *doc.Doc, s doc.Sentence, c int) bool {
	for k := c - 1; k > s.First; k-- {
		if d.TokenText(k) == "," {
			if k+1 < c && d.Tokens[k+1].Tag == "VBN" && strings.HasPrefix(d.Tokens[k-1].Tag, "NN") {
				return true
			}
			return false
		}
	}
	return false
}

// lower is lower.String for a token, but a known word comes from t.words
// instead of a new string.
func (t *Tagger) lower(w string) string {
	var buf [32]byte
	if len(w) > len(buf) || !lower.ASCII(w) {
		return lower.String(w)
	}
	b := lower.Append(buf[:0], w)
	if string(b) == w {
		return w
	}
	if k, ok := t.words[string(b)]; ok {
		return k
	}
	return string(b)
}

// Lemma returns the lower-case base form of word with tag tg.
func (t *Tagger) Lemma(word, tg string) string { return t.lemma(lower.String(word), tg) }

// lemma is Lemma for a word already in lower case.
func (t *Tagger) lemma(w, tg string) string {
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	switch w {
	case "n't":
		return "not"
	case "'s":
		if tg == "VBZ" {
			return "be"
		}
		return w
	case "'re", "'m":
		return "be"
	case "'ve":
		return "have"
	case "'ll":
		return "will"
	case "'d":
		return "would"
	case "ca":
		return "can"
	case "wo":
		return "will"
	}
	if strings.HasPrefix(tg, "VB") {
		return t.verbLemma(w, tg)
	}
	if tg == "NNS" || tg == "NNPS" || tg == "NN" {
		return t.nounLemma(w)
	}
	if tg == "NNP" {
		// a capitalised common noun at the start of a sentence: "Rebels"
		if l := t.nounLemma(w); t.lex.Nouns[l] {
			return l
		}
	}
	return w
}

func (t *Tagger) verbLemma(w, tg string) string {
	if l, ok := t.lex.Irregular[w]; ok {
		return l
	}
	if t.lex.Verbs[w] {
		return w
	}
	// candidate lemmas, without allocating: a stem plus "e" or "y" is
	// looked up among the known words ("" when it is none)
	var buf [3]string
	cands := buf[:0]
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		cands = append(cands, t.known(w[:len(w)-3], 'y'))
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		st := w[:len(w)-2]
		cands = append(cands, st, w[:len(w)-1], undouble(st))
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		st := w[:len(w)-3]
		cands = append(cands, st, t.known(st, 'e'), undouble(st))
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		cands = append(cands, t.known(w[:len(w)-3], 'y'))
	case strings.HasSuffix(w, "es") && len(w) > 3:
		cands = append(cands, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		cands = append(cands, w[:len(w)-1])
	}
	for _, c := range cands {
		if c != "" && t.lex.Verbs[c] {
			return c
		}
	}
	if len(cands) == 0 {
		return w
	}
	// unknown verb: prefer the plain stem, restoring a final e after
	// endings that rarely close an English verb ("estimated" → estimate).
	st := cands[0]
	if st == "" {
		st = w[:len(w)-3] + "y" // -ied, -ies
	}
	if strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ies") && len(cands) == 2 {
		// -es is an ending of its own only after a sibilant or o ("pushes",
		// "goes"); elsewhere the e is the stem's ("faces" → face)
		for _, e := range []string{"ch", "sh", "ss", "x", "z", "o"} {
			if strings.HasSuffix(st, e) {
				return st
			}
		}
		return cands[1]
	}
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		if u := undouble(st); u != st {
			return u
		}
		for _, e := range []string{"at", "iz", "is", "us", "rg", "dg", "ic", "rc", "v", "ur", "as", "ns", "rs"} {
			if strings.HasSuffix(st, e) {
				return st + "e"
			}
		}
	}
	return st
}

// known returns stem+c when that is a word the model or the lexicon knows
// (from t.words, so without allocating), or "".
func (t *Tagger) known(stem string, c byte) string {
	var buf [40]byte
	if len(stem)+1 > len(buf) {
		if k, ok := t.words[stem+string(c)]; ok {
			return k
		}
		return ""
	}
	b := append(buf[:0], stem...)
	b = append(b, c)
	return t.words[string(b)]
}

func undouble(st string) string {
	n := len(st)
	if n >= 3 && st[n-1] == st[n-2] && strings.IndexByte("bdgmnprt", st[n-1]) >= 0 {
		return st[:n-1]
	}
	return st
}

func (t *Tagger) nounLemma(w string) string {
	if l, ok := t.lex.Irregular[w]; ok {
		return l
	}
	if !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || len(w) < 4 {
		return w
	}
	var buf [3]string
	cands := buf[:0]
	if strings.HasSuffix(w, "ies") {
		cands = append(cands, t.known(w[:len(w)-3], 'y'))
	}
	if strings.HasSuffix(w, "es") {
		cands = append(cands, w[:len(w)-2])
	}
	cands = append(cands, w[:len(w)-1])
	for _, c := range cands {
		if c != "" && (t.lex.Nouns[c] || t.lex.Verbs[c]) {
			return c
		}
	}
	if t.lex.Nouns[w] {
		return w // a known word ending in s: "news", "means"
	}
	if strings.HasSuffix(w, "ies") {
		return w[:len(w)-3] + "y"
	}
	for _, e := range []string{"ches", "shes", "xes", "sses", "zes"} {
		if strings.HasSuffix(w, e) {
			return w[:len(w)-2]
		}
	}
	if strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") {
		return w
	}
	return w[:len(w)-1]
}

// IsNounTag reports whether tg is a noun tag.
func IsNounTag(tg string) bool { return strings.HasPrefix(tg, "NN") }

// IsVerbTag reports whether tg is a verb tag (VB, VBD, VBG, VBN, VBP, VBZ).
func IsVerbTag(tg string) bool { return strings.HasPrefix(tg, "VB") }

func isNPTag(tg string) bool {
	switch tg {
	case "DT", "PDT", "PRP$", "POS", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP", "$", "HYPH", "FW":
		return true
	}
	return false
}

// Chunk appends the chunks of sentence s to dst.
func Chunk(d *doc.Doc, s doc.Sentence, dst []doc.Chunk) []doc.Chunk {
	toks := d.Tokens
	i := s.First
	for i < s.Last {
		tg := toks[i].Tag
		switch {
		case isNPTag(tg) || (tg == "VBN" || tg == "VBG") && i+1 < s.Last && IsNounTag(toks[i+1].Tag) && i > s.First && toks[i-1].Tag == "DT":
			j := i + 1
			for j < s.Last {
				t := toks[j].Tag
				// a participle modifies the next noun ("the ruling party"), but
				// after a noun it starts a clause ("aircraft using missiles")
				if t == "DT" && IsNounTag(toks[j-1].Tag) {
					break // "MPs the UK": a determiner starts a new phrase
				}
				if isNPTag(t) && t != "PRP" || (t == "VBN" || t == "VBG") && j+1 < s.Last && IsNounTag(toks[j+1].Tag) && !IsNounTag(toks[j-1].Tag) {
					j++
					continue
				}
				break
			}
			if tg == "PRP" {
				j = i + 1
			}
			dst = append(dst, doc.Chunk{Kind: doc.NP, First: i, Last: j, Head: j - 1})
			i = j
		case IsVerbTag(tg) || tg == "MD" || tg == "TO" && i+1 < s.Last && toks[i+1].Tag == "VB":
			j := i + 1
			head := i
			if IsVerbTag(tg) {
				head = i
			}
			for j < s.Last {
				t := toks[j].Tag
				if IsVerbTag(t) || t == "MD" || t == "RB" || t == "RP" {
					if IsVerbTag(t) {
						head = j
					}
					j++
					continue
				}
				break
			}
			dst = append(dst, doc.Chunk{Kind: doc.VP, First: i, Last: j, Head: head})
			i = j
		case tg == "IN" || tg == "TO":
			dst = append(dst, doc.Chunk{Kind: doc.PP, First: i, Last: i + 1, Head: i})
			i++
		default:
			i++
		}
	}
	return dst
}
