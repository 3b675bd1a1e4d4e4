package events

import (
	"sort"

	"dyad/dict"
)

// Verbs is the compiled verb dictionary: patterns indexed by the lemma of
// their first word. It is immutable and safe for concurrent use.
type Verbs struct {
	verbs map[string][]*dict.Pattern
	nouns map[string][]*dict.Pattern
	say   map[string]*dict.Pattern
}

// CompileVerbs indexes the patterns of verbs.txt.
func CompileVerbs(ps []dict.Pattern) *Verbs {
	v := &Verbs{verbs: map[string][]*dict.Pattern{}, nouns: map[string][]*dict.Pattern{}, say: map[string]*dict.Pattern{}}
	for i := range ps {
		p := &ps[i]
		for _, head := range p.Slots[0].Alts {
			switch {
			case p.Code == "SAY":
				if len(p.Slots) == 1 {
					v.say[head] = p
				}
			case p.Noun:
				v.nouns[head] = append(v.nouns[head], p)
			default:
				v.verbs[head] = append(v.verbs[head], p)
			}
		}
	}
	for _, m := range []map[string][]*dict.Pattern{v.verbs, v.nouns} {
		for k := range m {
			ps := m[k]
			sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].Slots) > len(ps[j].Slots) })
		}
	}
	return v
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
func (v *Verbs) IsSay(lemma string) bool { _, ok := v.say[lemma]; return ok }
