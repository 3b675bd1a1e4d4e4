package events

import (
	"fmt"
	"strings"
	"testing"

	"dyad/internal/lower"
)

// TestWordIndex checks wordIndex and prefilter against a map and
// strings.ToLower, for ASCII and non-ASCII words.
func TestWordIndex(t *testing.T) {
	words := []string{"", "a", "an", "to", "attack", "attach", "meeting", "über", "ſ", "s", "k", "talks", "box-office"}
	for i := 0; i < 300; i++ {
		words = append(words, fmt.Sprintf("w%dx", i))
	}
	var x wordIndex
	var f prefilter
	want := map[string]int32{}
	for _, w := range words {
		want[w] = x.add(w)
		f.add(w)
	}
	for i, w := range words {
		if got := x.add(w); got != int32(i) {
			t.Fatalf("add(%q) again = %d, want %d", w, got, i)
		}
	}
	probes := append([]string{"A", "An", "TO", "Attack", "ATTACH", "Meeting", "ÜBER", "Über", "S", "K", "\u212a",
		"Talks", "Box-Office", "missing", "W5X", "w300x", "x", "é"}, words...)
	for _, p := range probes {
		id, ok := want[p]
		if !ok {
			id = -1
		}
		if got := x.find(p); got != id {
			t.Errorf("find(%q) = %d, want %d", p, got, id)
		}
		if ok && !f.mayHave(p) {
			t.Errorf("prefilter.mayHave(%q) = false for a member", p)
		}
		lid, lok := want[strings.ToLower(p)]
		if !lok {
			lid = -1
		}
		if got := x.findLower(p); got != lid {
			t.Errorf("findLower(%q) = %d, want %d", p, got, lid)
		}
		if lok && !f.mayHaveLower(p) {
			t.Errorf("prefilter.mayHaveLower(%q) = false for a member", p)
		}
		if got, want := lower.Is(p, "attack"), strings.ToLower(p) == "attack"; got != want {
			t.Errorf("lower.Is(%q, attack) = %v, want %v", p, got, want)
		}
	}
}
