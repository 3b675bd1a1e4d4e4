package lower

import (
	"strings"
	"testing"
)

func TestAgreesWithToLower(t *testing.T) {
	words := []string{"", "a", "The", "RUSSIA", "rebel-held", "Erdoğan", "İstanbul", "KELVIN", "\u212a", "\xff", "ça", "mid-2018"}
	for _, w := range words {
		want := strings.ToLower(w)
		if got := String(w); got != want {
			t.Errorf("String(%q) = %q, want %q", w, got, want)
		}
		if got := string(Append([]byte("x"), w)); got != "x"+want {
			t.Errorf("Append(%q) = %q, want x%q", w, got, want)
		}
		for _, x := range words {
			if got := Is(w, strings.ToLower(x)); got != (want == strings.ToLower(x)) {
				t.Errorf("Is(%q, %q) = %v", w, strings.ToLower(x), got)
			}
		}
	}
}

func FuzzAgreesWithToLower(f *testing.F) {
	f.Add("Putin", "putin")
	f.Fuzz(func(t *testing.T, w, x string) {
		if Is(w, x) != (strings.ToLower(w) == x) {
			t.Fatalf("Is(%q, %q) disagrees with strings.ToLower", w, x)
		}
		if string(Append(nil, w)) != strings.ToLower(w) || String(w) != strings.ToLower(w) {
			t.Fatalf("%q: Append/String disagree with strings.ToLower", w)
		}
	})
}
