package prosenlp

// The string-keyed tagger that the indexed Tagger replaced, kept as the
// reference it must agree with bit for bit.

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strings"

	prose "github.com/jdkato/prose/v2"
)

type refWeight struct {
	class uint8
	w     float32
}

// Tagger is a loaded perceptron tagger. It is safe for concurrent use.
type refTagger struct {
	classes []string
	tagMap  map[string]string
	// feats maps the FNV-1a hash of a feature string ("i suffix ing") to
	// its class weights; Load checks that no two features collide.
	feats map[uint64][]refWeight
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv extends the FNV-1a hash h with the bytes of s.
func fnv(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// featHash hashes parts joined by single spaces, as prose joins them.
func featHash(parts ...string) uint64 {
	h := uint64(fnvOffset)
	for i, p := range parts {
		if i > 0 {
			h = fnv(h, " ")
		}
		h = fnv(h, p)
	}
	return h
}

// Load decodes prose's embedded tagger model. It takes a few hundred
// milliseconds: build one Tagger per process and share it.
func refLoad() (t *refTagger, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%w: %v", ErrModel, r)
		}
	}()
	var classes []string
	var tags map[string]string
	var wts map[string]map[string]float64
	for _, x := range []struct {
		name string
		v    any
	}{{"classes.gob", &classes}, {"tags.gob", &tags}, {"weights.gob", &wts}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + x.name)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrModel, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(x.v); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrModel, x.name, err)
		}
	}
	if len(classes) > 255 {
		return nil, fmt.Errorf("%w: %d classes", ErrModel, len(classes))
	}
	idx := make(map[string]uint8, len(classes))
	for i, c := range classes {
		idx[c] = uint8(i)
	}
	t = &refTagger{classes: classes, tagMap: tags, feats: make(map[uint64][]refWeight, len(wts))}
	seen := make(map[uint64]string, len(wts))
	for f, m := range wts {
		h := fnv(fnvOffset, f)
		if other, ok := seen[h]; ok {
			return nil, fmt.Errorf("%w: features %q and %q share a hash", ErrModel, f, other)
		}
		seen[h] = f
		ws := make([]refWeight, 0, len(m))
		for c, w := range m {
			ci, ok := idx[c]
			if !ok || w == 0 {
				continue
			}
			ws = append(ws, refWeight{ci, float32(w)})
		}
		t.feats[h] = ws
	}
	return t, nil
}

// TagFixed is Tag with some tags given: where fixed[i] is not empty, word i
// gets that tag, and the words after it are tagged in its light (the model
// reads the two previous tags).
func (t *refTagger) TagFixed(words, fixed []string, dst []string) []string {
	n := len(words)
	ctx := make([]string, n+4)
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i, w := range words {
		ctx[i+2] = normalize(w)
	}
	ctx[n+2], ctx[n+3] = "-END-", "-END2-"
	scores := make([]float32, len(t.classes))
	p1, p2 := "-START-", "-START2-"
	for i, w := range words {
		var tag string
		switch {
		case i < len(fixed) && fixed[i] != "":
			tag = fixed[i]
		case w == "":
			tag = "NN"
		case w == "-":
			tag = "-"
		case strings.HasPrefix(w, "@") || strings.HasPrefix(w, "http") || strings.HasPrefix(w, "www."):
			tag = "NN"
		default:
			if tg, ok := t.tagMap[w]; ok {
				tag = tg
				break
			}
			for k := range scores {
				scores[k] = 0
			}
			c := i + 2
			look := func(parts ...string) {
				for _, x := range t.feats[featHash(parts...)] {
					scores[x.class] += x.w
				}
			}
			look("bias")
			look("i-1 tag", p1)
			look("i-2 tag", p2)
			look("i tag+i-2 tag", p1, p2)
			look("i suffix", suffix(w))
			look("i pref1", string(rune(w[0])))
			look("i word", ctx[c])
			look("i-1 tag+i word", p1, ctx[c])
			look("i-1 word", ctx[c-1])
			look("i-1 suffix", suffix(ctx[c-1]))
			look("i-2 word", ctx[c-2])
			look("i+1 word", ctx[c+1])
			look("i+1 suffix", suffix(ctx[c+1]))
			look("i+2 word", ctx[c+2])
			best := 0
			for k := 1; k < len(scores); k++ {
				if scores[k] > scores[best] {
					best = k
				}
			}
			tag = t.classes[best]
		}
		dst = append(dst, tag)
		p2, p1 = p1, tag
	}
	return dst
}
