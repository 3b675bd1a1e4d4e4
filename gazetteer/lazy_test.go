package gazetteer

import (
	"sync"
	"testing"
)

func TestLazyTable(t *testing.T) {
	const n = 3*lazyBlock + 5 // prime, so that every order below is a permutation
	var tab lazyTable[*int]
	tab.init(n)
	if v, ok := tab.get(5); ok || v != nil {
		t.Fatalf("get(5) before set = %v, %v", v, ok)
	}
	// goroutines set every index at once, in different orders: each
	// index gets one value, the first set, and every caller sees it
	const workers = 4
	got := make([][]*int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		got[w] = make([]*int, n)
		wg.Go(func() {
			for j := range n {
				i := (j*(2*w+1) + w) % n
				v := new(int)
				*v = i
				got[w][i] = tab.set(i, v)
			}
		})
	}
	wg.Wait()
	for i := range n {
		v, ok := tab.get(i)
		if !ok || *v != i {
			t.Fatalf("get(%d) = %v, %v", i, v, ok)
		}
		for w := range workers {
			if got[w][i] != v {
				t.Fatalf("set(%d) returned %p to goroutine %d, get returns %p", i, got[w][i], w, v)
			}
		}
	}
	if tab.n != n {
		t.Errorf("%d values stored for %d indexes", tab.n, n)
	}
}
