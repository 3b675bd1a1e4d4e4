// Package lower compares and lower-cases words as strings.ToLower does,
// without allocating for ASCII words, which most words of news text are.
// The stages use it on their hot paths instead of strings.ToLower.
package lower

import (
	"strings"
	"unicode/utf8"
)

// Byte lower-cases an ASCII letter and returns any other byte as it is.
func Byte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

// ASCII reports whether s holds only ASCII bytes.
func ASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Is reports whether strings.ToLower(w) == x.
func Is(w, x string) bool {
	if !ASCII(w) {
		return strings.ToLower(w) == x
	}
	if len(w) != len(x) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if Byte(w[i]) != x[i] {
			return false
		}
	}
	return true
}

// Append appends strings.ToLower(w) to dst.
func Append(dst []byte, w string) []byte {
	if !ASCII(w) {
		return append(dst, strings.ToLower(w)...)
	}
	for i := 0; i < len(w); i++ {
		dst = append(dst, Byte(w[i]))
	}
	return dst
}

// String is strings.ToLower(w), returning w itself, without a second scan,
// when it is lower-case ASCII already.
func String(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}
