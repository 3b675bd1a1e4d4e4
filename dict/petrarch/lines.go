package petrarch

import "strings"

// srcLine is one line of a dictionary file with its comments removed.
type srcLine struct {
	n    int    // 1-based line number
	text string // trimmed, without comments
}

// readLines splits src into lines, dropping comments and blank lines:
// <!-- … --> (inline or spanning lines; a line starting "<!" is a comment
// line, as PETRARCH reads it), '#' and the legacy ';' outside [...].
func readLines(src string) []srcLine {
	var out []srcLine
	inComment := false
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimRight(l, "\r")
		if inComment {
			k := strings.Index(l, "-->")
			if k < 0 {
				continue
			}
			l = l[k+3:]
			inComment = false
		}
		for {
			k := strings.Index(l, "<!--")
			if k < 0 {
				break
			}
			e := strings.Index(l[k+4:], "-->")
			if e < 0 {
				l = l[:k]
				inComment = true
				break
			}
			l = l[:k] + " " + l[k+4+e+3:]
		}
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "<!") {
			continue // "<! -- …": PETRARCH skips any line starting "<!"
		}
		l = stripComment(l)
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, srcLine{n: i + 1, text: t})
		}
	}
	return out
}

// stripComment cuts l at the first '#' or ';' outside square brackets.
func stripComment(l string) string {
	depth := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#', ';':
			if depth == 0 {
				return l[:i]
			}
		}
	}
	return l
}

// bracket returns the text inside the first [...] of s, the text before it
// and whether a complete pair was found.
func bracket(s string) (inside, before string, ok bool) {
	a := strings.IndexByte(s, '[')
	if a < 0 {
		return "", s, false
	}
	b := strings.IndexByte(s[a:], ']')
	if b < 0 {
		return "", s[:a], false
	}
	return strings.TrimSpace(s[a+1 : a+b]), s[:a], true
}

// brackets returns the contents of every [...] in s and the text outside
// them; ok is false when a bracket is left open.
func brackets(s string) (inside []string, outside string, ok bool) {
	var out strings.Builder
	ok = true
	for {
		a := strings.IndexByte(s, '[')
		if a < 0 {
			out.WriteString(s)
			break
		}
		b := strings.IndexByte(s[a:], ']')
		if b < 0 {
			out.WriteString(s[:a])
			ok = false
			break
		}
		out.WriteString(s[:a])
		out.WriteByte(' ')
		inside = append(inside, strings.TrimSpace(s[a+1:a+b]))
		s = s[a+b+1:]
	}
	return inside, strings.TrimSpace(out.String()), ok
}
