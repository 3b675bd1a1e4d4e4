package petrarch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// phraseWords splits a PETRARCH phrase ("UNITED_NATIONS_", "GROUP OF 77")
// into its words, dropping the legacy end-of-word markers '_', '=' and '~'.
func phraseWords(p string) []string {
	f := strings.FieldsFunc(p, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
	out := f[:0]
	for _, w := range f {
		w = strings.Trim(w, "=~")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// function words written in lower case inside names
var lowerWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true, "du": true,
	"da": true, "del": true, "der": true, "des": true, "la": true, "le": true, "von": true, "van": true,
	"on": true, "in": true, "at": true, "to": true, "y": true, "bin": true, "ibn": true, "al": true, "el": true}

// nameVariants returns the capitalisations under which an upper-case
// PETRARCH name appears in news text, most usual first: "GROUP OF 77" →
// "Group of 77", "Group Of 77", "Group of 77"; "IMF" → "Imf", "IMF";
// "THE_AU" → "The Au", "The AU", "the Au", "the AU"; "ITHILEN_TELEVISION"
// → "Ithilen Television", "Ithilen television". Names already written in
// mixed case are returned as written.
func nameVariants(phrase string) []string {
	words := phraseWords(phrase)
	if len(words) == 0 {
		return nil
	}
	asWritten := strings.Join(words, " ")
	if hasLower(asWritten) && hasUpper(asWritten) {
		return []string{asWritten}
	}
	build := func(f func(i int, w string) string) string {
		parts := make([]string, len(words))
		for i, w := range words {
			parts[i] = f(i, w)
		}
		return strings.Join(parts, " ")
	}
	isLower := func(i int, w string) bool { return i > 0 && lowerWords[strings.ToLower(w)] }
	short := func(w string) bool {
		n := 0
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return false
			}
			n++
		}
		return n >= 2 && n <= 3
	}
	vs := []string{
		build(func(i int, w string) string { // Group of 77
			if isLower(i, w) {
				return strings.ToLower(w)
			}
			return titleWord(w)
		}),
		build(func(i int, w string) string { return titleWord(w) }), // Group Of 77
		build(func(i int, w string) string { // The AU
			if isLower(i, w) {
				return strings.ToLower(w)
			}
			if short(w) && !lowerWords[strings.ToLower(w)] {
				return strings.ToUpper(w)
			}
			return titleWord(w)
		}),
		build(func(i int, w string) string { // al-Qaeda
			if isLower(i, w) {
				return strings.ToLower(w)
			}
			t := titleWord(w)
			if pre, post, ok := strings.Cut(t, "-"); ok && (pre == "Al" || pre == "El") {
				return strings.ToLower(pre) + "-" + post
			}
			return t
		}),
	}
	if len(words) == 1 && (len(asWritten) <= 5 || strings.Contains(asWritten, ".")) {
		vs = append(vs, strings.ToUpper(asWritten)) // IMF, NATO, U.N.
	}
	if len(words) > 1 { // Ithilen government radio
		vs = append(vs, build(func(i int, w string) string {
			if i == 0 {
				return titleWord(w)
			}
			return strings.ToLower(w)
		}))
	}
	// "The Shire" also stands inside a sentence as "the Shire"
	n := len(vs)
	for _, v := range vs[:n] {
		if rest, ok := strings.CutPrefix(v, "The "); ok {
			vs = append(vs, "the "+rest)
		} else if rest, ok := strings.CutPrefix(v, "THE "); ok {
			vs = append(vs, "the "+rest, "The "+rest)
		}
	}
	return dedupe(vs)
}

func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }
func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

// titleWord capitalises one upper-case word: "QAEDA" → "Qaeda",
// "AL-QAEDA" → "Al-Qaeda", "O'BRIEN" → "O'Brien", "MCGONAGALL" →
// "McGonagall"; abbreviations ("U.S.", "K.U.") are kept.
func titleWord(w string) string {
	if strings.Contains(w, ".") {
		abbrev := true
		for _, p := range strings.Split(w, ".") {
			if utf8.RuneCountInString(p) > 1 {
				abbrev = false
			}
		}
		if abbrev {
			return strings.ToUpper(w)
		}
	}
	var b strings.Builder
	start := true // next letter starts a part
	partLen := 0  // letters in the current part
	for _, r := range strings.ToLower(w) {
		switch {
		case r == '-' || r == '/' || r == '.':
			start = true
			partLen = 0
			b.WriteRune(r)
			continue
		case r == '\'' || r == '’':
			start = partLen == 1 // O'Brien, d'Alema; not Pa'anga
			partLen = 0
			b.WriteRune(r)
			continue
		}
		if start {
			b.WriteRune(unicode.ToUpper(r))
			start = false
		} else {
			b.WriteRune(r)
		}
		partLen++
	}
	s := b.String()
	if len(s) > 3 && strings.HasPrefix(s, "Mc") {
		r, n := utf8.DecodeRuneInString(s[2:])
		s = "Mc" + string(unicode.ToUpper(r)) + s[2+n:]
	}
	return s
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
