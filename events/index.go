package events

import (
	"strings"

	"dyad/internal/lower"
)

// wordIndex numbers a set of words 0, 1, … in the order they are added and
// finds a word's number. It is a hash table specialised for short words: the
// hash reads only the length and the first two and last two bytes, and a
// word looked up in lower case is lowered on the fly, without allocating.
// Once built it is read-only and safe for concurrent use.
type wordIndex struct {
	keys  []string
	heads []int32 // by hash: 1 + the number of the first word, 0 for none
	next  []int32 // by number: 1 + the number of the next word with its hash
	shift uint8   // hash >> shift indexes heads
	// initial marks the first bytes of the words (none for "").
	initial [256]bool
}

// wordHash hashes the length and the first two and last two bytes of w, in
// lower case when fold is set (for an ASCII w, the hash of
// strings.ToLower(w)).
func wordHash(w string, fold bool) uint32 {
	n := len(w)
	var b0, b1, b2, b3 byte
	if n > 0 {
		b0, b3 = w[0], w[n-1]
		if n > 1 {
			b1, b2 = w[1], w[n-2]
		}
	}
	if fold {
		b0, b1, b2, b3 = lower.Byte(b0), lower.Byte(b1), lower.Byte(b2), lower.Byte(b3)
	}
	h := uint32(n)*0x9e3779b1 ^ uint32(b0)<<24 ^ uint32(b1)<<16 ^ uint32(b2)<<8 ^ uint32(b3)
	h *= 0x85ebca6b
	return h ^ h>>15
}

// add adds w, if it is new, and returns its number.
func (x *wordIndex) add(w string) int32 {
	if id := x.find(w); id >= 0 {
		return id
	}
	if 2*(len(x.keys)+1) > len(x.heads) {
		x.grow()
	}
	id := int32(len(x.keys))
	x.keys = append(x.keys, w)
	if len(w) > 0 {
		x.initial[w[0]] = true
	}
	h := wordHash(w, false) >> x.shift
	x.next = append(x.next, x.heads[h])
	x.heads[h] = id + 1
	return id
}

// grow doubles the table and rehashes the words.
func (x *wordIndex) grow() {
	bits := 4
	for 1<<bits < 4*(len(x.keys)+1) {
		bits++
	}
	x.heads = make([]int32, 1<<bits)
	x.shift = uint8(32 - bits)
	for i, w := range x.keys {
		h := wordHash(w, false) >> x.shift
		x.next[i] = x.heads[h]
		x.heads[h] = int32(i) + 1
	}
}

// find returns the number of w, or -1.
func (x *wordIndex) find(w string) int32 {
	if len(x.heads) == 0 || len(w) > 0 && !x.initial[w[0]] {
		return -1
	}
	for i := x.heads[wordHash(w, false)>>x.shift]; i > 0; i = x.next[i-1] {
		if x.keys[i-1] == w {
			return i - 1
		}
	}
	return -1
}

// findLower returns the number of strings.ToLower(w), or -1.
func (x *wordIndex) findLower(w string) int32 {
	if len(x.heads) == 0 {
		return -1
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return x.find(strings.ToLower(w))
		}
	}
	if len(w) > 0 && !x.initial[lower.Byte(w[0])] {
		return -1
	}
	for i := x.heads[wordHash(w, true)>>x.shift]; i > 0; i = x.next[i-1] {
		if k := x.keys[i-1]; len(k) == len(w) && equalLowerASCII(w, k) {
			return i - 1
		}
	}
	return -1
}

// equalLowerASCII reports whether the ASCII word w in lower case is k; w
// and k have the same length.
func equalLowerASCII(w, k string) bool {
	for i := 0; i < len(w); i++ {
		if lower.Byte(w[i]) != k[i] {
			return false
		}
	}
	return true
}

// prefilter is a set of words that answers "maybe" for a few words it
// does not hold and never "no" for one it holds. It rules out most words
// without a table lookup: first by their first byte and length, then by a
// bitset indexed by wordHash.
type prefilter struct {
	lengths [256]uint64 // by first byte: bit min(len, 63) set for each word
	hashes  [64]uint64  // 4096 bits
}

// add adds w to the set.
func (f *prefilter) add(w string) {
	if len(w) > 0 {
		f.lengths[w[0]] |= 1 << min(len(w), 63)
	}
	h := wordHash(w, false) >> 20
	f.hashes[h>>6] |= 1 << (h & 63)
}

// mayHave reports whether w may be in the set.
func (f *prefilter) mayHave(w string) bool {
	if len(w) > 0 && f.lengths[w[0]]&(1<<min(len(w), 63)) == 0 {
		return false
	}
	h := wordHash(w, false) >> 20
	return f.hashes[h>>6]&(1<<(h&63)) != 0
}

// mayHaveLower reports whether strings.ToLower(w) may be in the set.
func (f *prefilter) mayHaveLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return true // strings.ToLower may change its bytes anywhere
		}
	}
	if len(w) > 0 && f.lengths[lower.Byte(w[0])]&(1<<min(len(w), 63)) == 0 {
		return false
	}
	h := wordHash(w, true) >> 20
	return f.hashes[h>>6]&(1<<(h&63)) != 0
}
