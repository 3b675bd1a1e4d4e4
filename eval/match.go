package eval

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// runeSlice is Python's s[i:j] for 0 <= i <= j: it counts code points and
// clamps to the string's length.
func runeSlice(s string, i, j int) string {
	start, n := -1, 0
	for pos := range s {
		if n == i {
			start = pos
		}
		if n == j {
			if start < 0 {
				return ""
			}
			return s[start:pos]
		}
		n++
	}
	if start < 0 {
		return ""
	}
	return s[start:]
}

// isPySpace reports whether Python's str.isspace holds for r.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// quoteText is score.py's (text or ”).strip().strip('"“”').
func quoteText(s string) string {
	return strings.Trim(strings.TrimFunc(s, isPySpace), "\"“”")
}

// sectorLike are the 3-letter gold codes score.py matches anywhere in the
// code or among the sectors.
var sectorLike = []string{"NGO", "IGO", "IMG", "EDU", "REB", "GOV", "MIL"}

// codeMatch is score.py's code_match: whether the emitted actor a (nil for
// null) satisfies the gold code.
func codeMatch(gold string, a *OutActor) bool {
	if gold == "---" {
		return a == nil || a.Code == ""
	}
	if a == nil {
		return false
	}
	code := strings.ToUpper(a.Code)
	country := strings.ToUpper(a.Country)
	sectors := make([]string, len(a.Sectors))
	for i, s := range a.Sectors {
		sectors[i] = strings.ToUpper(s)
	}
	if runeLen(gold) == 3 {
		if slices.Contains(sectorLike, gold) {
			return strings.HasPrefix(code, gold) || slices.Contains(sectors, gold) || strings.Contains(code, gold)
		}
		return strings.HasPrefix(code, gold) || country == gold
	}
	return strings.HasPrefix(code, gold) ||
		(country == runeSlice(gold, 0, 3) && slices.Contains(sectors, runeSlice(gold, 3, 6)))
}

func runeLen(s string) int { return len([]rune(s)) }

// km is the great-circle distance in kilometres, computed as score.py does.
func km(aLat, aLon, bLat, bLon float64) float64 {
	const r = 6371.0
	rad := func(d float64) float64 { return d * degToRad }
	p1, p2 := rad(aLat), rad(bLat)
	dp, dl := p2-p1, rad(bLon-aLon)
	sp, sl := math.Sin(dp/2), math.Sin(dl/2)
	// The explicit conversions keep the compiler from fusing multiply-adds,
	// so the rounding is CPython's.
	h := float64(sp*sp) + float64(math.Cos(p1)*math.Cos(p2)*float64(sl*sl))
	return 2 * r * math.Asin(math.Sqrt(h))
}

// pi is math.Pi rounded to float64 first, so that degToRad is CPython's
// Py_MATH_PI / 180.0 to the last bit.
var pi float64 = math.Pi

var degToRad = pi / 180

// ratio is a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// f1 is the harmonic mean of p and r, 0 when both are 0.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// pyRepr is Python's repr of a str, for the identifiers score.py prints.
func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	var b strings.Builder
	b.WriteString(q)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == q:
			b.WriteString(`\` + q)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(q)
	return b.String()
}

// pyList is Python's repr of a list of str.
func pyList(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = pyRepr(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// clip shortens s to at most n runes for one-line listings.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// textWriter prints until the first write error, which it keeps. WriteText
// methods do not return it: callers that care write to a bufio.Writer and
// check its Flush.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}
