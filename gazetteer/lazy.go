package gazetteer

import (
	"sync"
	"sync/atomic"
)

// lazyBlock is the number of values in a block of a lazyTable.
const lazyBlock = 256

// lazyTable holds, for the indexes 0…n-1 (the records, the keys), values
// that are computed on first use and then shared: a value, once set, is
// never replaced. It is laid out so that the garbage collector scans only
// the values set: each index has a pointer-free slot that holds 0 until
// its value is set and then 1 + the value's position, and the values lie
// in the order they were set in blocks of lazyBlock values, allocated as
// they fill. A table with few values set costs the collector a few blocks
// and the short list of blocks, whatever n is.
//
// get is safe to call at any time, and costs three loads; set takes a
// lock. A table must be made ready with init before use and not copied.
type lazyTable[T any] struct {
	slots  []atomic.Uint32
	blocks []atomic.Pointer[[lazyBlock]T] // as many as n values need
	mu     sync.Mutex                     // held by set
	n      int                            // the values set; guarded by mu
}

// init makes t ready for the indexes 0…n-1, with no value set.
func (t *lazyTable[T]) init(n int) {
	t.slots = make([]atomic.Uint32, n)
	t.blocks = make([]atomic.Pointer[[lazyBlock]T], (n+lazyBlock-1)/lazyBlock)
}

// get returns the value of index i and true, or the zero T and false
// when it has none yet.
func (t *lazyTable[T]) get(i int) (T, bool) {
	p := t.slots[i].Load()
	if p == 0 {
		var zero T
		return zero, false
	}
	return t.at(int(p - 1)), true
}

// at returns the value at position p, which has been set.
func (t *lazyTable[T]) at(p int) T {
	return t.blocks[p/lazyBlock].Load()[p%lazyBlock]
}

// set gives index i the value v, unless it has one already, and returns
// the value i then has: of two goroutines that set one index at once,
// both get the value of the first.
func (t *lazyTable[T]) set(i int, v T) T {
	t.mu.Lock()
	defer t.mu.Unlock()
	if p := t.slots[i].Load(); p != 0 {
		return t.at(int(p - 1))
	}
	p := t.n
	b := t.blocks[p/lazyBlock].Load()
	if b == nil {
		b = new([lazyBlock]T)
		t.blocks[p/lazyBlock].Store(b)
	}
	b[p%lazyBlock] = v
	t.n++
	// the value and its block are written before the slot that leads
	// readers to them
	t.slots[i].Store(uint32(p + 1))
	return v
}
