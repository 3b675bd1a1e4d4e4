package actors

// trie maps token sequences to entries; keys are token texts (surface forms
// for names, lemmas for agents).
type trie struct {
	kids    map[string]*trie
	entries []*entry
}

func (t *trie) insert(words []string, e *entry) {
	n := t
	for _, w := range words {
		if n.kids == nil {
			n.kids = map[string]*trie{}
		}
		c := n.kids[w]
		if c == nil {
			c = &trie{}
			n.kids[w] = c
		}
		n = c
	}
	for _, old := range n.entries {
		if old.kind == e.kind && old.country == e.country && old.actor == e.actor && old.sector == e.sector {
			return
		}
	}
	n.entries = append(n.entries, e)
}

// longest returns the entries of the longest key that starts at position i
// of the sequence given by word, and the number of words it covers.
func (t *trie) longest(i, n int, word func(int) string) ([]*entry, int) {
	node := t
	var best []*entry
	bestLen := 0
	for k := i; k < n; k++ {
		c := node.kids[word(k)]
		if c == nil {
			break
		}
		node = c
		if len(node.entries) > 0 {
			best, bestLen = node.entries, k-i+1
		}
	}
	return best, bestLen
}
