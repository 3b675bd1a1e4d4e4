package actors

import "hash/maphash"

// trie maps token sequences to entries; keys are token texts (surface forms
// for names, lemmas for agents).
//
// Most words of a text start no key, and most words after a key's first
// word do not continue it; bit filters over a hash of the words answer
// those cases without a lookup. The first words, looked up for every word
// of a text, are found in a flat table (firstIndex) that holds short words
// inline, which touches less memory than the map.
type trie struct {
	kids    map[string]*trie
	entries []*entry
	// mask has bit wordBit(w)%64 set for every w in kids.
	mask uint64
	// first indexes kids at the root, once built by index; nil before.
	first *firstIndex
}

// wordBit returns a cheap hash of word w, for the filters of the nodes: a
// multiplicative hash of its length and three of its bytes.
func wordBit(w string) uint32 {
	h := uint32(len(w))
	if n := len(w); n > 0 {
		h |= uint32(w[0])<<8 | uint32(w[n/2])<<16 | uint32(w[n-1])<<24
	}
	return (h * 0x9E3779B1) >> (32 - 16)
}

func (t *trie) insert(words []string, e *entry) {
	t.first = nil // no longer up to date
	n := t
	for _, w := range words {
		if n.kids == nil {
			n.kids = map[string]*trie{}
		}
		n.mask |= 1 << (wordBit(w) % 64)
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

// index builds the root's first-word index; call it after the last insert.
func (t *trie) index() {
	t.first = newFirstIndex(t.kids)
}

// longest returns the entries of the longest key that starts at position i
// of the sequence given by word, and the number of words it covers.
func (t *trie) longest(i, n int, word func(int) string) ([]*entry, int) {
	node := t
	var best []*entry
	bestLen := 0
	k := i
	if t.first != nil && i < n {
		// the first word from the index, which copies what the node
		// holds that is needed here: the node is read only to go deeper
		s := t.first.find(word(i))
		if s == nil {
			return nil, 0
		}
		if len(s.entries) > 0 {
			best, bestLen = s.entries, 1
		}
		k++
		if k == n || s.mask&(1<<(wordBit(word(k))%64)) == 0 {
			return best, bestLen
		}
		node = s.node
	}
	for ; k < n; k++ {
		w := word(k)
		if node.mask&(1<<(wordBit(w)%64)) == 0 {
			break
		}
		c := node.kids[w]
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

// firstIndex is an open-addressing hash table from the first words of a
// trie's keys to their nodes, with a bit filter in front of it.
type firstIndex struct {
	seed   maphash.Seed
	filter [filterBits / 64]uint64 // bit hash>>(64-16) of every word
	slots  []firstSlot             // linear probing; len is a power of 2
	words  []string                // words[k] is the word of slots[k]
}

// filterBits is the number of bits of a firstIndex's filter.
const filterBits = 1 << 16

// inlineLen is the longest word a firstSlot holds inline.
const inlineLen = 23

// firstSlot is one slot of a firstIndex, 64 bytes: a word (inline when it
// has at most inlineLen bytes), its node, and copies of the node's mask
// and entries; node is nil in an empty slot.
type firstSlot struct {
	n       uint8 // length of the inline word, or inlineLen+1 for a longer one
	b       [inlineLen]byte
	mask    uint64
	entries []*entry
	node    *trie
}

func newFirstIndex(kids map[string]*trie) *firstIndex {
	x := &firstIndex{seed: maphash.MakeSeed()}
	size := 1
	for size < 2*len(kids) {
		size *= 2
	}
	x.slots = make([]firstSlot, size)
	x.words = make([]string, size)
	for w, c := range kids {
		h := maphash.String(x.seed, w)
		b := h >> (64 - 16)
		x.filter[b/64] |= 1 << (b % 64)
		k := h & uint64(size-1)
		for x.slots[k].node != nil {
			k = (k + 1) & uint64(size-1)
		}
		s := &x.slots[k]
		s.node, s.mask, s.entries = c, c.mask, c.entries
		x.words[k] = w
		if len(w) <= inlineLen {
			s.n = uint8(len(w))
			copy(s.b[:], w)
		} else {
			s.n = inlineLen + 1
		}
	}
	return x
}

// find returns the slot of first word w, or nil.
func (x *firstIndex) find(w string) *firstSlot {
	h := maphash.String(x.seed, w)
	if b := h >> (64 - 16); x.filter[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	mask := uint64(len(x.slots) - 1)
	for k := h & mask; ; k = (k + 1) & mask {
		s := &x.slots[k]
		if s.node == nil {
			return nil
		}
		if len(w) <= inlineLen {
			if int(s.n) == len(w) && string(s.b[:s.n]) == w {
				return s
			}
		} else if s.n > inlineLen && x.words[k] == w {
			return s
		}
	}
}
