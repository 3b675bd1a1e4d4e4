package events

import "testing"

// TestWordSets checks the word-set functions against the sets they
// replaced (maps, where a false entry is not a member).
func TestWordSets(t *testing.T) {
	sets := []struct {
		name string
		fn   func(string) bool
		set  map[string]bool
	}{
		{"boundaryWord", boundaryWord, map[string]bool{
			"that": true, "which": true, "who": true, "whom": true, "whose": true, "while": true, "whereas": true,
			"because": true, "although": true, "though": true, "if": true, "unless": true, "when": true,
			"whether": true, "until": true, "but": true, "where": true, "after": false, "so": false}},
		{"objectStart", objectStart, map[string]bool{"DT": true, "PRP$": true, "CD": true, "NNP": true, "NNPS": true,
			"JJ": true, "NN": true, "NNS": true, "PRP": true, "PDT": true}},
		{"subordinator", subordinator, map[string]bool{"that": true, "because": true, "if": true, "whether": true,
			"while": true, "although": true, "though": true, "unless": true, "so": true, "once": true, "whereas": true}},
		{"hypoModal", hypoModal, map[string]bool{"could": true, "might": true, "may": true, "can": true}},
		{"futureModal", futureModal, map[string]bool{"will": true, "would": true, "shall": true, "'ll": true}},
		{"obligModal", obligModal, map[string]bool{"must": true, "should": true, "ought": true}},
		{"isWeekday", isWeekday, map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
			"friday": true, "saturday": true, "sunday": true, "today": true, "yesterday": true, "tonight": true}},
	}
	probes := []string{"", "a", "x", "the", "That", "whatever", "thats", "wh", "ifs", "but ", "VB", "NNPSS", "'l"}
	for _, s := range sets {
		for w, in := range s.set {
			if got := s.fn(w); got != in {
				t.Errorf("%s(%q) = %v, want %v", s.name, w, got, in)
			}
		}
		for _, w := range probes {
			if got := s.fn(w); got != s.set[w] {
				t.Errorf("%s(%q) = %v, want %v", s.name, w, got, s.set[w])
			}
		}
	}
}
