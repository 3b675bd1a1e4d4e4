package events

import (
	"sort"

	"dyad/dict"
)

// Verbs is the compiled verb dictionary: patterns indexed by the lemma of
// their first word. It is immutable and safe for concurrent use.
type Verbs struct {
	verbs map[string][]*pattern
	nouns map[string][]*pattern
	say   map[string]*dict.Pattern
	// words numbers every word that a later slot of a verb or noun pattern
	// can match; slot alternatives are held as these numbers.
	words wordIndex
	// verbHeads and nounHeads number the keys of verbs and nouns;
	// verbPats and nounPats hold their patterns by those numbers.
	verbHeads, nounHeads wordIndex
	verbPats, nounPats   [][]*pattern
	// verbWords holds, by the number of a verb, the word numbers of its
	// patterns' slots, contiguous for a quick test (see mayMatch): for
	// each pattern in verbPats order, the record's length, then for each
	// slot the number of alternatives and their numbers.
	verbWords [][]int32
	// sayHeads holds the keys of say.
	sayHeads wordIndex
}

// pattern is a dictionary pattern compiled for matching.
type pattern struct {
	*dict.Pattern
	// slots are Slots[1:], the words after the head, as word numbers.
	slots []slot
	// rule is the pattern's part of an event's Rule:
	// FILE:LINE CODE "TEXT".
	rule string
}

// slot is one word position of a pattern after the head.
type slot struct {
	alts     []int32 // numbers (Verbs.words) of the alternatives
	adjacent bool
}

// CompileVerbs indexes the patterns of verbs.txt.
func CompileVerbs(ps []dict.Pattern) *Verbs {
	v := &Verbs{verbs: map[string][]*pattern{}, nouns: map[string][]*pattern{}, say: map[string]*dict.Pattern{}}
	compiled := map[*dict.Pattern]*pattern{}
	compile := func(p *dict.Pattern) *pattern {
		if cp, ok := compiled[p]; ok {
			return cp
		}
		cp := &pattern{Pattern: p, rule: string(appendPatternRule(nil, p))}
		for _, s := range p.Slots[1:] {
			sl := slot{adjacent: s.Adjacent}
			for _, a := range s.Alts {
				sl.alts = append(sl.alts, v.words.add(a))
			}
			cp.slots = append(cp.slots, sl)
		}
		compiled[p] = cp
		return cp
	}
	for i := range ps {
		p := &ps[i]
		for _, head := range p.Slots[0].Alts {
			switch {
			case p.Code == "SAY":
				if len(p.Slots) == 1 {
					v.say[head] = p
					v.sayHeads.add(head)
				}
			case p.Noun:
				v.nouns[head] = append(v.nouns[head], compile(p))
			default:
				v.verbs[head] = append(v.verbs[head], compile(p))
			}
		}
	}
	for _, m := range []map[string][]*pattern{v.verbs, v.nouns} {
		for k := range m {
			ps := m[k]
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].Slots) > len(ps[j].Slots) })
		}
	}
	v.verbPats = index(v.verbs, &v.verbHeads)
	v.nounPats = index(v.nouns, &v.nounHeads)
	v.verbWords = make([][]int32, len(v.verbPats))
	for i, ps := range v.verbPats {
		var w []int32
		for _, p := range ps {
			at := len(w)
			w = append(w, 0)
			for _, s := range p.slots {
				w = append(w, int32(len(s.alts)))
				w = append(w, s.alts...)
			}
			w[at] = int32(len(w) - at - 1)
		}
		v.verbWords[i] = w
	}
	return v
}

// index numbers the keys of m in heads (in sorted order) and returns the
// values of m by those numbers.
func index(m map[string][]*pattern, heads *wordIndex) [][]*pattern {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]*pattern, len(keys))
	for _, k := range keys {
		out[heads.add(k)] = m[k]
	}
	return out
}

// Lemmas returns every verb lemma the dictionary knows (for the tagger).
func (v *Verbs) Lemmas() map[string]bool {
	out := map[string]bool{}
	for k := range v.verbs {
		out[k] = true
	}
	for k := range v.say {
		out[k] = true
	}
	return out
}

// Nouns returns the head nouns of noun patterns and every later word of
// verb patterns (for the lemmatizer).
func (v *Verbs) Nouns() map[string]bool {
	out := map[string]bool{}
	for k := range v.nouns {
		out[k] = true
	}
	for _, ps := range v.verbs {
		for _, p := range ps {
			for _, s := range p.Slots[1:] {
				for _, a := range s.Alts {
					out[a] = true
				}
			}
		}
	}
	return out
}

// IsSay reports whether lemma is a verb of saying.
func (v *Verbs) IsSay(lemma string) bool { return v.sayHeads.find(lemma) >= 0 }

// verbPatterns returns the verb patterns headed by lemma, longest first,
// and their words (see verbWords).
func (v *Verbs) verbPatterns(lemma string) ([]*pattern, []int32) {
	if id := v.verbHeads.find(lemma); id >= 0 {
		return v.verbPats[id], v.verbWords[id]
	}
	return nil, nil
}

// nounPatterns returns the noun patterns headed by lemma, longest first.
func (v *Verbs) nounPatterns(lemma string) []*pattern {
	if id := v.nounHeads.find(lemma); id >= 0 {
		return v.nounPats[id]
	}
	return nil
}
