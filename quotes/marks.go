package quotes

import (
	"unicode"
	"unicode/utf8"

	"dyad/doc"
)

// region is one span of text between quote marks.
type region struct {
	open, close int // token indexes of the marks; close is -1 when the quote runs to the end of its paragraph
	first, last int // content tokens [first, last)
	end         int // the token after the closing mark (last when there is none)
	para        int
	single      bool // ‘…’
}

// kind of a token as a quote mark
type markKind uint8

const (
	notMark markKind = iota
	openMark
	closeMark
	straightMark // " or '' or ``: open or close by context
)

func markOf(s string) (markKind, bool) {
	switch s {
	case "“", "«", "„":
		return openMark, false
	case "”", "»":
		return closeMark, false
	case "\"", "''", "``":
		return straightMark, false
	case "‘":
		return openMark, true
	case "’":
		return closeMark, true
	}
	return notMark, false
}

// markAt returns the kind of quote mark at token i, whether it is a single
// quote, and how many tokens it takes: two apostrophes or two backticks in
// a row, as some archives write quotes, are one double mark.
func markAt(d *doc.Doc, i, end int) (markKind, bool, int) {
	s := d.TokenText(i)
	// every mark is at most 3 bytes long and starts with one of these
	if len(s) == 0 || len(s) > 3 {
		return notMark, false, 1
	}
	switch s[0] {
	case '"', '\'', '`', 0xC2, 0xE2:
	default:
		return notMark, false, 1
	}
	if (s == "'" || s == "`") && i+1 < end && d.TokenText(i+1) == s && d.Tokens[i].End == d.Tokens[i+1].Start {
		return straightMark, false, 2
	}
	k, single := markOf(s)
	return k, single, 1
}

func isSpaceBefore(text string, off int) bool {
	if off <= 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:off])
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '—' || r == '–'
}

func isSpaceAfter(text string, off int) bool {
	if off >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[off:])
	return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '#' && r != '@' && r != '‘' && r != '“'
}

// paragraphs appends to ps the token range of every paragraph: consecutive
// sentences with the same Para.
func paragraphs(d *doc.Doc, ps [][2]int) [][2]int {
	for i, s := range d.Sentences {
		if i > 0 && s.Para == d.Sentences[i-1].Para {
			ps[len(ps)-1][1] = s.Last
			continue
		}
		ps = append(ps, [2]int{s.First, s.Last})
	}
	return ps
}

// regions finds the quoted spans of every paragraph. Double quotes nest
// (“… “little games” …” is one region); a quote still open at the end of a
// paragraph runs to its end (the convention for a quote continued in the
// next paragraph). Single quotes count only outside double quotes and only
// when they close in the same paragraph; a stray closing mark is ignored.
//
// The regions are appended to out; ps is scratch space for the paragraphs.
// regions returns both, grown.
func regions(d *doc.Doc, out []region, ps [][2]int) ([]region, [][2]int) {
	ps = paragraphs(d, ps)
	for pi, p := range ps {
		depth, start, startW := 0, -1, 1
		sOpen := -1
		for i := p[0]; i < p[1]; i++ {
			k, single, w := markAt(d, i, p[1])
			if k == notMark {
				continue
			}
			t := doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[i+w-1].End}
			if single {
				if depth > 0 {
					continue
				}
				// an apostrophe glued to a word is not a quote mark
				switch {
				case k == openMark && sOpen < 0 && isSpaceBefore(d.Text, int(t.Start)) && !isSpaceAfter(d.Text, int(t.End)):
					sOpen = i
				case k == closeMark && sOpen >= 0 && !isSpaceBefore(d.Text, int(t.Start)) && isSpaceAfter(d.Text, int(t.End)):
					out = append(out, region{open: sOpen, close: i, first: sOpen + 1, last: i, end: i + 1, para: pi, single: true})
					sOpen = -1
				}
				continue
			}
			if k == straightMark {
				before, after := isSpaceBefore(d.Text, int(t.Start)), isSpaceAfter(d.Text, int(t.End))
				switch {
				case depth == 0 && !before && after:
					i += w - 1
					continue // a stray closing mark
				case depth == 0:
					k = openMark
				default:
					k = closeMark
				}
			}
			if k == openMark {
				if depth == 0 {
					start, startW = i, w
					sOpen = -1
				}
				depth++
				i += w - 1
				continue
			}
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				out = append(out, region{open: start, close: i, first: start + startW, last: i, end: i + w, para: pi})
			}
			i += w - 1
		}
		if depth > 0 {
			out = append(out, region{open: start, close: -1, first: start + startW, last: p[1], end: p[1], para: pi})
		}
	}
	return out, ps
}
