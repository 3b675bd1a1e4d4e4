package places

import (
	"strings"

	"dyad/internal/lower"
)

// wordSet is a set of lower-case words.
type wordSet map[string]bool

// wordClass is a set of the word lists a word is on: connectors,
// regionWords and the others, one bit each.
type wordClass uint16

// The word lists, as classes.
const (
	isConnector wordClass = 1 << iota
	isRegionWord
	isOrgHead
	isTitle
	isDirection
	isNotPlace
	isLocPrep
	isOriginPrep
	isHonorific
	isPlaceNoun
	isClauseEnder
)

// classes gives the classes of every word on a list, so that one lookup
// answers for every list. It is built once, when the program starts.
var classes = func() map[string]wordClass {
	c := map[string]wordClass{}
	for _, l := range []struct {
		words wordSet
		class wordClass
	}{
		{connectors, isConnector}, {regionWords, isRegionWord}, {orgHeads, isOrgHead}, {titles, isTitle},
		{directions, isDirection}, {notPlaces, isNotPlace}, {locPreps, isLocPrep}, {originPreps, isOriginPrep},
		{honorifics, isHonorific}, {placeNouns, isPlaceNoun}, {clauseEnders, isClauseEnder},
	} {
		for w, ok := range l.words {
			if ok {
				c[w] |= l.class
			}
		}
	}
	return c
}()

// classOf returns the classes of strings.ToLower(w). It does not allocate
// for a word of ASCII letters.
func classOf(w string) wordClass {
	var buf [32]byte
	return classes[string(lower.Append(buf[:0], w))]
}

// containsWords reports whether words, a list of words separated by single
// spaces, holds the words of w as a run: strings.Contains(" "+words+" ",
// " "+w+" ") for a non-empty w, without building either string.
func containsWords(words, w string) bool {
	for off := 0; off <= len(words); {
		i := strings.Index(words[off:], w)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || words[i-1] == ' ') && (i+len(w) == len(words) || words[i+len(w)] == ' ') {
			return true
		}
		off = i + 1
	}
	return false
}
