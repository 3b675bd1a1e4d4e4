// Package names normalises place names for lookup. The gazetteer and its
// generator share it, so that a name is indexed exactly as a mention of it
// is looked up.
package names

import (
	"unicode"
	"unicode/utf8"
)

// Key returns the lookup key of a place name or mention: lower case,
// diacritics folded to ASCII ("Ḩamāh" → "hamah"), apostrophes, ayn and
// hamza marks and full stops dropped ("Dar‘ā" → "dara", "U.S." → "us"),
// every other run of punctuation or space turned into one space
// ("Guinea-Bissau" → "guinea bissau", "Washington, D.C." → "washington dc").
// Letters of other scripts are kept, lower-cased.
func Key(s string) string {
	// fast path: plain lower-case ASCII words
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var buf [64]byte
	return string(appendSlow(buf[:0], s))
}

// AppendKey appends the lookup key of s (see Key) to dst and returns the
// extended slice. Key(s) == string(AppendKey(nil, s)).
func AppendKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return appendSlow(dst, s)
		}
	}
	return append(dst, s...)
}

// appendSlow appends the key of s to dst, whatever s holds.
func appendSlow(dst []byte, s string) []byte {
	start := len(dst) // the key begins here: dst's own bytes do not count
	space := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
				fallthrough
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				if space && len(dst) > start {
					dst = append(dst, ' ')
				}
				space = false
				dst = append(dst, byte(r))
			case r == '\'' || r == '.' || r == '`':
				// dropped: "d'Ivoire", "St.", "U.S."
			default:
				space = true
			}
			continue
		case isMark(r):
			continue
		}
		if f, ok := fold(r); ok {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			for i := 0; i < len(f); i++ {
				c := f[i]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				dst = append(dst, c)
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		space = true
	}
	return dst
}

// isMark reports the apostrophe-like letters of transliterations: ‘ ’ ʻ ʼ
// ʿ ʾ ´ and the combining marks.
func isMark(r rune) bool {
	switch r {
	case '‘', '’', 'ʻ', 'ʼ', 'ʿ', 'ʾ', '´', 'ʹ', '′':
		return true
	}
	return r >= 0x300 && r < 0x370
}

func fold(r rune) (string, bool) {
	for _, fr := range foldRanges {
		if r >= fr.lo && r < fr.hi {
			s := fr.table[r-fr.lo]
			return s, s != ""
		}
	}
	return "", false
}
