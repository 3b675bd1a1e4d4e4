package places

import (
	"strings"
	"testing"

	"dyad/internal/lower"
)

func TestWordHelpers(t *testing.T) {
	words := []string{"of", "Of", "OF", "province", "Province", "PROVINCE", "Ünion", "K", "\u212aing", "İstanbul",
		"", "a-very-long-token-that-is-longer-than-any-word-in-a-set", "Bay", "de", "DE", "ſ", "x\xffy"}
	for _, w := range words {
		for _, l := range []struct {
			set   wordSet
			class wordClass
		}{{connectors, isConnector}, {regionWords, isRegionWord}, {titles, isTitle}, {clauseEnders, isClauseEnder}} {
			if got, want := classOf(w)&l.class != 0, l.set[strings.ToLower(w)]; got != want {
				t.Errorf("classOf(%q) & %b = %v, want %v", w, l.class, got, want)
			}
		}
		if got, want := string(lower.Append([]byte("x"), w)), "x"+strings.ToLower(w); got != want {
			t.Errorf("lower.Append(%q) = %q, want %q", w, got, want)
		}
		for _, word := range []string{"of", "king", "de", "istanbul"} {
			if got, want := lower.Is(w, word), strings.ToLower(w) == word; got != want {
				t.Errorf("lower.Is(%q, %q) = %v, want %v", w, word, got, want)
			}
		}
	}
	for _, tc := range []struct{ words, w string }{
		{"american university of beirut", "beirut"}, {"american university of beirut", "university of"},
		{"american university of beirut", "univ"}, {"new york city", "york"}, {"new york city", "new york city"},
		{"new york city", "ork"}, {"york york", "york"}, {"yorkshire york", "york"}, {"a", "a"}, {"ab", "b"},
	} {
		if got, want := containsWords(tc.words, tc.w), strings.Contains(" "+tc.words+" ", " "+tc.w+" "); got != want {
			t.Errorf("containsWords(%q, %q) = %v, want %v", tc.words, tc.w, got, want)
		}
	}
}
