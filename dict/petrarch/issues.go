package petrarch

import (
	"sort"
	"strings"

	"dyad/dict"
)

// Issue is one line of a PETRARCH issue file with its word forms expanded.
type Issue struct {
	Code     string   // the issue code; "" for an exclusion
	Category string   // from <ISSUE CATEGORY="…">
	Forms    []string // lower-case phrases that signal the issue
	// Exclude is 1 for "~phrase" (no issues for a sentence holding it) and
	// 2 for "~~phrase" (none for its story).
	Exclude int
	Line    int
}

// ParseIssues reads a PETRARCH issue file: lines "phrase [CODE]" inside
// <ISSUE CATEGORY="…"> sections, where "n:word" stands for the noun and its
// plural, "v:word" for the regular verb forms and "a+b" for "a b" and "a-b";
// "~phrase" and "~~phrase" are exclusions.
func ParseIssues(file, src string, opts *Options) (*Set, error) {
	c := newConv(file, opts)
	category := ""
	for _, l := range readLines(src) {
		t := l.text
		if strings.HasPrefix(t, "<") {
			if k := strings.Index(strings.ToUpper(t), "CATEGORY=\""); k >= 0 {
				rest := t[k+len("CATEGORY=\""):]
				if e := strings.IndexByte(rest, '"'); e >= 0 {
					category = rest[:e]
				}
			} else if strings.HasPrefix(t, "</") {
				category = ""
			}
			continue
		}
		is := Issue{Category: category, Line: l.n}
		switch {
		case strings.HasPrefix(t, "~~"):
			is.Exclude, t = 2, t[2:]
		case strings.HasPrefix(t, "~"):
			is.Exclude, t = 1, t[1:]
		default:
			code, rest, ok := bracket(t)
			if !ok || code == "" {
				c.skip(l.n, "issue phrase without a [CODE] (PETRARCH ignores it too)", l.text)
				continue
			}
			is.Code, t = code, rest
		}
		is.Forms = issueForms(strings.ToLower(strings.Join(strings.Fields(t), " ")))
		if len(is.Forms) == 0 {
			c.bad(l.n, dict.ErrSyntax, "empty issue phrase", l.text)
			continue
		}
		c.set.Issues = append(c.set.Issues, is)
	}
	if len(c.set.Issues) > 0 {
		c.skip(c.set.Issues[0].Line, "issue codes are read (Set.Issues, MatchIssues) but dyad's coder does not code issues", "")
	}
	return c.result()
}

// issueForms expands n:, v: and + in a lower-case issue phrase.
func issueForms(p string) []string {
	if p == "" {
		return nil
	}
	forms := []string{p}
	for changed, guard := true, 0; changed && guard < 16; guard++ {
		changed = false
		var next []string
		for _, f := range forms {
			switch {
			case strings.Contains(f, "+"):
				next = append(next, strings.Replace(f, "+", " ", 1), strings.Replace(f, "+", "-", 1))
				changed = true
			case strings.Contains(f, "n:"):
				pre, post, _ := strings.Cut(f, "n:")
				w, tail, _ := strings.Cut(post, " ")
				if tail != "" {
					tail = " " + tail
				}
				next = append(next, pre+w+tail, pre+plural(w)+tail)
				changed = true
			case strings.Contains(f, "v:"):
				pre, post, _ := strings.Cut(f, "v:")
				w, tail, _ := strings.Cut(post, " ")
				if tail != "" {
					tail = " " + tail
				}
				next = append(next, pre+w+tail, pre+w+"s"+tail)
				if strings.HasSuffix(w, "e") {
					next = append(next, pre+w+"d"+tail, pre+w[:len(w)-1]+"ing"+tail)
				} else {
					next = append(next, pre+w+"ed"+tail, pre+w+"ing"+tail)
				}
				changed = true
			default:
				next = append(next, f)
			}
			if len(next) > 256 {
				break
			}
		}
		forms = next
	}
	for i, f := range forms {
		forms[i] = strings.Join(strings.Fields(f), " ")
	}
	return dedupe(forms)
}

// IssueCount is an issue code and the number of its phrases in a text.
type IssueCount struct {
	Code string
	N    int
}

// MatchIssues returns the issues signalled in text, PETRARCH's way: every
// phrase is looked for as whole words, case-insensitively; an exclusion
// phrase found in the text cancels all issues. The result is sorted by code.
func MatchIssues(issues []Issue, text string) []IssueCount {
	norm := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ',' || r == '.' || r == ';' || r == ':' || r == '"' || r == '(' || r == ')'
	}), " ") + " "
	counts := map[string]int{}
	for _, is := range issues {
		for _, f := range is.Forms {
			n := strings.Count(norm, " "+f+" ")
			if n == 0 {
				continue
			}
			if is.Exclude > 0 {
				return nil
			}
			counts[is.Code] += n
		}
	}
	out := make([]IssueCount, 0, len(counts))
	for c, n := range counts {
		out = append(out, IssueCount{c, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
