// Package prosenlp adapts the averaged-perceptron part-of-speech model that
// ships inside github.com/jdkato/prose/v2 to dyad's own tokens.
//
// prose tokenizes text itself, returns tokens without offsets, allocates a
// map per token and panics on a bad model. This adapter loads the same model
// weights once, reorganises them for lookup without allocation, and tags a
// slice of token strings that dyad's segmenter produced, so every tag lines
// up with a token that has byte offsets. It computes exactly the features
// prose computes; ties between classes are broken by class order, so the
// output is deterministic (prose breaks ties by map order).
//
// The model's 75,000 feature strings ("i-1 word the", "i suffix ing") are
// not hashed at tagging time. Load files each feature's weights under the
// word, suffix, first byte or previous tags it names, so tagging a token
// costs one map lookup for its word (and one for its suffix where the word is
// unknown), then reads the weights of all fourteen feature templates by
// index; the four features that read only the previous tags are summed ahead
// of time for every pair of tags. Weights are added in a fixed template order
// (prose adds them in map order), so scores do not depend on the run.
package prosenlp

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"

	prose "github.com/jdkato/prose/v2"
)

// ErrModel is returned when prose's embedded model cannot be decoded.
var ErrModel = errors.New("prosenlp: cannot load prose's tagger model")

// weight is one class's weight in one feature.
type weight struct {
	class uint8
	w     float32
}

// span is a feature's weights: Tagger.w[off : off+n]. The zero span is a
// feature the model does not have.
type span struct{ off, n uint32 }

// wordFeats holds the features that name a (normalised) word.
type wordFeats struct {
	cur, prev1, prev2, next1, next2 span // "i word", "i-1 word", …
	// afterTag holds "i-1 tag+i word" by previous tag, sorted by tag.
	afterTag []tagSpan
	suffix   int32 // the index of the word's suffix in suffixF, or -1
	// known is 1 + the tag id of a word the model always tags alike, as
	// written here (lower case); 0 for other words.
	known uint16
}

type tagSpan struct {
	tag uint16
	s   span
}

// suffixFeats holds the features that name a suffix of up to three bytes.
type suffixFeats struct {
	cur, prev1, next1 span // "i suffix", "i-1 suffix", "i+1 suffix"
}

// Tagger is a loaded perceptron tagger. It is safe for concurrent use.
type Tagger struct {
	classes []string // the model's classes; a class's index is its tag id
	tags    []string // tag id → tag: the classes, then other tags features name
	tagID   map[string]uint16
	noTag   uint16 // the id of any tag no feature names
	// known maps a word the model always tags alike to its tag id.
	known map[string]uint16

	w     []weight
	pref1 [256]span // "i pref1" by the word's first byte
	// prior holds, for every pair of previous tags (id(i-1)*len(tags) +
	// id(i-2)), the scores of the features that read only tags: "bias",
	// "i-1 tag", "i-2 tag" and "i tag+i-2 tag", summed in that order.
	prior    []float32
	words    map[string]int32
	wordF    []wordFeats
	suffixes map[string]int32
	suffixF  []suffixFeats

	scratch sync.Pool // *scratch
}

type scratch struct {
	buf       []byte
	word, suf []int32
	own       []int32 // the suffix of the word as written, by word
	plain     []bool  // whether normalising left the word as written
	scores    []float32
}

// Load decodes prose's embedded tagger model. It takes a few hundred
// milliseconds: build one Tagger per process and share it.
func Load() (t *Tagger, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%w: %v", ErrModel, r)
		}
	}()
	var classes []string
	var tags map[string]string
	for _, x := range []struct {
		name string
		v    any
	}{{"classes.gob", &classes}, {"tags.gob", &tags}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + x.name)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrModel, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(x.v); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrModel, x.name, err)
		}
	}
	b, err := prose.Asset("model/AveragedPerceptron/weights.gob")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrModel, err)
	}
	m, err := readWeights(b, classes)
	if err != nil {
		// not the stream readWeights knows: let encoding/gob read it
		var wts map[string]map[string]float64
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&wts); err != nil {
			return nil, fmt.Errorf("%w: weights.gob: %v", ErrModel, err)
		}
		m = fromMaps(classes, wts)
	}
	return build(classes, tags, m)
}

// The feature templates prose's model uses, as the prefixes of its feature
// strings. Longer prefixes that share a start come first.
var templates = []string{
	"i-1 tag+i word ", "i tag+i-2 tag ", "i suffix ", "i pref1 ", "i-1 tag ",
	"i-2 tag ", "i word ", "i-1 word ", "i-1 suffix ", "i-2 word ",
	"i+1 word ", "i+1 suffix ", "i+2 word ",
}

// build files the weights of every feature of m under what it names.
func build(classes []string, known map[string]string, m *model) (*Tagger, error) {
	if len(classes) > 255 {
		return nil, fmt.Errorf("%w: %d classes", ErrModel, len(classes))
	}
	t := &Tagger{
		classes:  classes,
		tagID:    make(map[string]uint16),
		known:    make(map[string]uint16, len(known)),
		words:    make(map[string]int32),
		suffixes: make(map[string]int32),
	}
	id := func(tag string) uint16 {
		if k, ok := t.tagID[tag]; ok {
			return k
		}
		k := uint16(len(t.tags))
		t.tags = append(t.tags, tag)
		t.tagID[tag] = k
		return k
	}
	for _, c := range classes {
		id(c)
	}
	// A first pass names every tag, so the tag tables can be sized.
	for _, f := range m.names {
		switch {
		case strings.HasPrefix(f, "i-1 tag+i word "):
			tag, _, _ := strings.Cut(f[len("i-1 tag+i word "):], " ")
			id(tag)
		case strings.HasPrefix(f, "i tag+i-2 tag "):
			a, b, _ := strings.Cut(f[len("i tag+i-2 tag "):], " ")
			id(a)
			id(b)
		case strings.HasPrefix(f, "i-1 tag "), strings.HasPrefix(f, "i-2 tag "):
			id(f[len("i-1 tag "):])
		}
	}
	for w, tag := range known {
		t.known[w] = id(tag)
	}
	t.noTag = id("\x00none")
	nt := len(t.tags)
	var bias span
	prevTag := make([]span, nt)
	prev2Tag := make([]span, nt)
	tagPair := make([]span, nt*nt)
	firstByte := make(map[string]int, 256)
	for b := 255; b >= 0; b-- {
		firstByte[string(rune(b))] = b
	}
	wordEntry := func(w string) *wordFeats {
		k, ok := t.words[w]
		if !ok {
			k = int32(len(t.wordF))
			t.words[w] = k
			t.wordF = append(t.wordF, wordFeats{})
		}
		return &t.wordF[k]
	}
	suffixEntry := func(s string) *suffixFeats {
		k, ok := t.suffixes[s]
		if !ok {
			k = int32(len(t.suffixF))
			t.suffixes[s] = k
			t.suffixF = append(t.suffixF, suffixFeats{})
		}
		return &t.suffixF[k]
	}
	t.w = m.w
	for i, f := range m.names {
		s := span{off: m.off[i], n: m.off[i+1] - m.off[i]}
		if f == "bias" {
			bias = s
			continue
		}
		tmpl := ""
		for _, p := range templates {
			if strings.HasPrefix(f, p) {
				tmpl = p
				break
			}
		}
		arg := f[len(tmpl):]
		switch tmpl {
		case "i-1 tag+i word ":
			tag, w, _ := strings.Cut(arg, " ")
			wf := wordEntry(w)
			wf.afterTag = append(wf.afterTag, tagSpan{t.tagID[tag], s})
		case "i tag+i-2 tag ":
			a, b, _ := strings.Cut(arg, " ")
			tagPair[int(t.tagID[a])*nt+int(t.tagID[b])] = s
		case "i suffix ":
			suffixEntry(arg).cur = s
		case "i-1 suffix ":
			suffixEntry(arg).prev1 = s
		case "i+1 suffix ":
			suffixEntry(arg).next1 = s
		case "i pref1 ":
			b, ok := firstByte[arg]
			if !ok {
				return nil, fmt.Errorf("%w: feature %q names no first byte", ErrModel, f)
			}
			t.pref1[b] = s
		case "i-1 tag ":
			prevTag[t.tagID[arg]] = s
		case "i-2 tag ":
			prev2Tag[t.tagID[arg]] = s
		case "i word ":
			wordEntry(arg).cur = s
		case "i-1 word ":
			wordEntry(arg).prev1 = s
		case "i-2 word ":
			wordEntry(arg).prev2 = s
		case "i+1 word ":
			wordEntry(arg).next1 = s
		case "i+2 word ":
			wordEntry(arg).next2 = s
		default:
			return nil, fmt.Errorf("%w: feature %q has no known template", ErrModel, f)
		}
	}
	nc := len(classes)
	t.prior = make([]float32, nt*nt*nc)
	for p1 := range nt {
		for p2 := range nt {
			scores := t.prior[(p1*nt+p2)*nc:][:nc]
			t.add(scores, bias)
			t.add(scores, prevTag[p1])
			t.add(scores, prev2Tag[p2])
			t.add(scores, tagPair[p1*nt+p2])
		}
	}
	for w, tag := range t.known {
		if normalize(w) == w {
			wordEntry(w).known = 1 + tag
		}
	}
	for w, k := range t.words {
		t.wordF[k].suffix = -1
		if sk, ok := t.suffixes[suffix(w)]; ok {
			t.wordF[k].suffix = sk
		}
	}
	t.layOut()
	for i := range t.wordF {
		slices.SortFunc(t.wordF[i].afterTag, func(a, b tagSpan) int { return int(a.tag) - int(b.tag) })
	}
	t.scratch.New = func() any { return &scratch{scores: make([]float32, len(classes))} }
	return t, nil
}

// layOut reorders the weights so that the features of one word (as the
// current, previous and next words, and after each previous tag) lie
// together, then those of one suffix: tagging reads a word's features at
// consecutive positions of the sentence, and they then share cache lines.
func (t *Tagger) layOut() {
	w := make([]weight, 0, len(t.w))
	move := func(s *span) {
		off := uint32(len(w))
		w = append(w, t.w[s.off:s.off+s.n]...)
		s.off = off
	}
	for i := range t.wordF {
		f := &t.wordF[i]
		move(&f.cur)
		for k := range f.afterTag {
			move(&f.afterTag[k].s)
		}
		move(&f.next1)
		move(&f.next2)
		move(&f.prev1)
		move(&f.prev2)
	}
	for i := range t.suffixF {
		f := &t.suffixF[i]
		move(&f.cur)
		move(&f.next1)
		move(&f.prev1)
	}
	for b := range t.pref1 {
		move(&t.pref1[b])
	}
	t.w = w
}

// appendNormal appends normalize(word) to dst without allocating for ASCII
// words.
func appendNormal(dst []byte, word string) []byte {
	switch {
	case word == "":
		return dst
	case strings.Contains(word, "-") && word[0] != '-',
		len(word) == 4 && isInt(word),
		word[0] >= '0' && word[0] <= '9':
		return append(dst, normalize(word)...)
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 {
			return append(dst[:0], strings.ToLower(word)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// isInt reports whether strconv.Atoi would accept s (a sign, then digits),
// without the allocation of Atoi's error.
func isInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normalize reproduces prose's word normalisation.
func normalize(word string) string {
	if word == "" {
		return word
	}
	if strings.Contains(word, "-") && word[0] != '-' {
		return "!HYPHEN"
	}
	if len(word) == 4 && isInt(word) {
		return "!YEAR"
	}
	if word[0] >= '0' && word[0] <= '9' {
		return "!DIGITS"
	}
	return strings.ToLower(word)
}

func suffix(w string) string {
	if len(w) > 3 {
		return w[len(w)-3:]
	}
	return w
}

// Words yields the (normalised, lower-case) words the model has features
// for.
func (t *Tagger) Words() iter.Seq[string] {
	return func(yield func(string) bool) {
		for w := range t.words {
			if !yield(w) {
				return
			}
		}
	}
}

// Tag returns one Penn Treebank tag per word, appending to dst.
func (t *Tagger) Tag(words []string, dst []string) []string {
	return t.TagFixed(words, nil, dst)
}

// add adds the weights of feature s to scores.
func (t *Tagger) add(scores []float32, s span) {
	for _, x := range t.w[s.off : s.off+s.n] {
		scores[x.class] += x.w
	}
}

// TagFixed is Tag with some tags given: where fixed[i] is not empty, word i
// gets that tag, and the words after it are tagged in its light (the model
// reads the two previous tags).
func (t *Tagger) TagFixed(words, fixed []string, dst []string) []string {
	n := len(words)
	sc := t.scratch.Get().(*scratch)
	defer t.scratch.Put(sc)
	// Context position c holds word c-2; two start and two end markers
	// pad the sentence, as in prose.
	sc.word = slices.Grow(sc.word[:0], n+4)[:n+4]
	sc.suf = slices.Grow(sc.suf[:0], n+4)[:n+4]
	sc.own = slices.Grow(sc.own[:0], n)[:n]
	sc.plain = slices.Grow(sc.plain[:0], n)[:n]
	look := func(c int, w []byte) {
		sc.word[c], sc.suf[c] = -1, -1
		if k, ok := t.words[string(w)]; ok {
			sc.word[c], sc.suf[c] = k, t.wordF[k].suffix
		} else if k, ok := t.suffixes[string(w[max(0, len(w)-3):])]; ok {
			sc.suf[c] = k
		}
	}
	look(0, []byte("-START-"))
	look(1, []byte("-START2-"))
	for i, w := range words {
		sc.buf = appendNormal(sc.buf[:0], w)
		look(i+2, sc.buf)
		sc.plain[i] = string(sc.buf) == w
		sc.own[i] = sc.suf[i+2]
		if s := suffix(w); s != string(sc.buf[max(0, len(sc.buf)-3):]) {
			sc.own[i] = -1
			if k, ok := t.suffixes[s]; ok {
				sc.own[i] = k
			}
		}
	}
	look(n+2, []byte("-END-"))
	look(n+3, []byte("-END2-"))
	var empty wordFeats
	wordAt := func(c int) *wordFeats {
		if k := sc.word[c]; k >= 0 {
			return &t.wordF[k]
		}
		return &empty
	}
	var noSuffix suffixFeats
	suffixAt := func(k int32) *suffixFeats {
		if k >= 0 {
			return &t.suffixF[k]
		}
		return &noSuffix
	}
	scores := sc.scores
	p1, p2 := t.tagID["-START-"], t.tagID["-START2-"]
	nt := len(t.tags)
	for i, w := range words {
		var tag string
		var tid uint16
		switch {
		case i < len(fixed) && fixed[i] != "":
			tag = fixed[i]
			tid = t.idOf(tag)
		case w == "":
			tag, tid = "NN", t.idOf("NN")
		case w == "-":
			tag, tid = "-", t.idOf("-")
		case strings.HasPrefix(w, "@") || strings.HasPrefix(w, "http") || strings.HasPrefix(w, "www."):
			tag, tid = "NN", t.idOf("NN")
		default:
			if sc.plain[i] {
				if k := sc.word[i+2]; k >= 0 && t.wordF[k].known > 0 {
					tid = t.wordF[k].known - 1
					tag = t.tags[tid]
					break
				}
			} else if k, ok := t.known[w]; ok {
				tag, tid = t.tags[k], k
				break
			}
			copy(scores, t.prior[(int(p1)*nt+int(p2))*len(scores):])
			c := i + 2
			cur := wordAt(c)
			// the "i suffix" feature reads the word as written
			t.add(scores, suffixAt(sc.own[i]).cur)
			t.add(scores, t.pref1[w[0]])
			t.add(scores, cur.cur)
			if k, ok := slices.BinarySearchFunc(cur.afterTag, p1, func(x tagSpan, p uint16) int { return int(x.tag) - int(p) }); ok {
				t.add(scores, cur.afterTag[k].s)
			}
			t.add(scores, wordAt(c-1).prev1)
			t.add(scores, suffixAt(sc.suf[c-1]).prev1)
			t.add(scores, wordAt(c-2).prev2)
			t.add(scores, wordAt(c+1).next1)
			t.add(scores, suffixAt(sc.suf[c+1]).next1)
			t.add(scores, wordAt(c+2).next2)
			best := 0
			for k := 1; k < len(scores); k++ {
				if scores[k] > scores[best] {
					best = k
				}
			}
			tag, tid = t.classes[best], uint16(best)
		}
		dst = append(dst, tag)
		p2, p1 = p1, tid
	}
	return dst
}

// idOf returns tag's id, or the id of no feature for a tag the model never
// names.
func (t *Tagger) idOf(tag string) uint16 {
	if k, ok := t.tagID[tag]; ok {
		return k
	}
	return t.noTag
}

// Default returns the tagger loaded once per process (the model is
// immutable, so sharing it is safe).
var Default = sync.OnceValues(Load)
