// Package tag assigns part-of-speech tags, lemmas and phrase chunks.
//
// Reads: doc.tokens, doc.sentences. Writes: token.tag, token.lemma,
// doc.chunks.
//
// Tags are Penn Treebank tags from prose's averaged-perceptron model
// (through internal/prosenlp), then corrected with the dictionaries: a word
// the verb dictionary knows is a verb after a modal or infinitival "to" ("to
// prepare" → VB, however the model tagged it) and after a subject pronoun.
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
		if lower(w) == w {
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
	for i := s.First; i < s.Last; i++ {
		w := lows[i-s.First]
		tg := toks[i].Tag
		if timeAdverbs[w] && (strings.HasPrefix(tg, "VB") || strings.HasPrefix(tg, "NN") && w != "today") {
			set(i, "RB") // "Aleppo overnight, killing …"
			continue
		}
		if strings.HasPrefix(w, "@") || strings.HasPrefix(w, "#") {
			continue
		}
		prev := ""
		if i > s.First {
			prev = toks[i-1].Tag
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

// lower is strings.ToLower, without its scan for a non-ASCII character in
// the common case of a lower-case ASCII word.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// lower is the package's lower for a token: a known word comes from
// t.words instead of a new string.
func (t *Tagger) lower(w string) string {
	var buf [32]byte
	if len(w) > len(buf) {
		return lower(w)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return strings.ToLower(w)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	b := buf[:len(w)]
	if string(b) == w {
		return w
	}
	if k, ok := t.words[string(b)]; ok {
		return k
	}
	return string(b)
}

// Lemma returns the lower-case base form of word with tag tg.
func (t *Tagger) Lemma(word, tg string) string { return t.lemma(lower(word), tg) }

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
	var cands []string
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ed") && len(w) > 3:
		st := w[:len(w)-2]
		cands = append(cands, st, w[:len(w)-1], undouble(st))
	case strings.HasSuffix(w, "ing") && len(w) > 4:
		st := w[:len(w)-3]
		cands = append(cands, st, st+"e", undouble(st))
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		cands = append(cands, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "es") && len(w) > 3:
		cands = append(cands, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		cands = append(cands, w[:len(w)-1])
	}
	for _, c := range cands {
		if t.lex.Verbs[c] {
			return c
		}
	}
	if len(cands) == 0 {
		return w
	}
	// unknown verb: prefer the plain stem, restoring a final e after
	// endings that rarely close an English verb ("estimated" → estimate).
	st := cands[0]
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
	var cands []string
	if strings.HasSuffix(w, "ies") {
		cands = append(cands, w[:len(w)-3]+"y")
	}
	if strings.HasSuffix(w, "es") {
		cands = append(cands, w[:len(w)-2])
	}
	cands = append(cands, w[:len(w)-1])
	for _, c := range cands {
		if t.lex.Nouns[c] || t.lex.Verbs[c] {
			return c
		}
	}
	if t.lex.Nouns[w] {
		return w // a known word ending in s: "news", "means"
	}
	if strings.HasSuffix(w, "ies") {
		return cands[0]
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
