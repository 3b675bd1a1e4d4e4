package segment

// The segmenter as it was before it was optimised, kept as the reference
// that TestSameAsReference and FuzzSameAsReference compare the current
// implementation with, token for token and sentence for sentence.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/doc"
)

// refTokenize appends the tokens of text to dst and returns it.
func refTokenize(text string, dst []doc.Token) []doc.Token {
	n := len(text)
	i := 0
	for i < n {
		// skip white space
		for i < n {
			r, sz := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, sz = utf8.DecodeRuneInString(text[i:])
			}
			if !refIsSpace(r) {
				break
			}
			i += sz
		}
		if i >= n {
			break
		}
		j := i
		for j < n {
			r, sz := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, sz = utf8.DecodeRuneInString(text[j:])
			}
			if refIsSpace(r) {
				break
			}
			j += sz
		}
		start := len(dst)
		dst = refSplitChunk(text, i, j, dst)
		if len(dst) > start {
			dst[len(dst)-1].Space = j < n
		}
		i = j
	}
	return dst
}

func refIsSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == 0xA0 || r == '\f' || r == '\v' || unicode.IsSpace(r)
}

// punctuation that is always a token of its own at the edge of a chunk
func refIsEdgePunct(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '(', ')', '[', ']', '{', '}', ',', ';', ':', '!', '?', '…', '—', '–', '«', '»', '*', '`':
		return true
	}
	return false
}

func refIsLeadPunct(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '(', '[', '{', '«', '$', '£', '€', '—', '–', '*', '`', '…':
		return true
	}
	return false
}

func refAdd(dst []doc.Token, a, b int) []doc.Token {
	if b <= a {
		return dst
	}
	return append(dst, doc.Token{Span: doc.Span{Start: int32(a), End: int32(b)}})
}

// refSplitChunk tokenizes one white-space-delimited chunk text[a:b].
func refSplitChunk(text string, a, b int, dst []doc.Token) []doc.Token {
	// leading punctuation
	for a < b {
		r, sz := utf8.DecodeRuneInString(text[a:b])
		if r == '#' && a+sz < b {
			dst = refAdd(dst, a, a+sz)
			a += sz
			continue
		}
		if !refIsLeadPunct(r) || a+sz == b && r != '\'' && r != '’' {
			if a+sz == b && refIsEdgePunct(r) {
				return refAdd(dst, a, b)
			}
			break
		}
		// '’s' at the start of a chunk is a clitic, e.g. "countries ’s"
		dst = refAdd(dst, a, a+sz)
		a += sz
	}
	if a >= b {
		return dst
	}
	// trailing punctuation, collected right to left
	var tail [8][2]int
	nt := 0
	for b > a && nt < len(tail) {
		r, sz := utf8.DecodeLastRuneInString(text[a:b])
		if r == '.' {
			core := text[a:b]
			if refKeepPeriod(core) {
				break
			}
			// "..." ellipsis
			k := b
			for k > a && text[k-1] == '.' {
				k--
			}
			tail[nt] = [2]int{k, b}
			nt++
			b = k
			continue
		}
		if r == '\'' || r == '’' {
			// plural possessive "countries’" → "countries" "’"
			if b-sz > a {
				pr, _ := utf8.DecodeLastRuneInString(text[a : b-sz])
				if pr == 's' || pr == 'S' {
					tail[nt] = [2]int{b - sz, b}
					nt++
					b -= sz
					continue
				}
			}
		}
		if !refIsEdgePunct(r) && r != '%' {
			break
		}
		if b-sz == a {
			break
		}
		tail[nt] = [2]int{b - sz, b}
		nt++
		b -= sz
	}
	dst = refSplitCore(text, a, b, dst)
	for k := nt - 1; k >= 0; k-- {
		dst = refAdd(dst, tail[k][0], tail[k][1])
	}
	return dst
}

// refSplitCore splits refClitics and internal dashes from a word.
func refSplitCore(text string, a, b int, dst []doc.Token) []doc.Token {
	w := text[a:b]
	// internal em/en dashes: "war—and"
	if k := strings.IndexAny(w, "—–"); k > 0 {
		_, sz := utf8.DecodeRuneInString(w[k:])
		dst = refSplitCore(text, a, a+k, dst)
		dst = refAdd(dst, a+k, a+k+sz)
		return refSplitCore(text, a+k+sz, b, dst)
	}
	if strings.HasPrefix(w, "@") || strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
		return refAdd(dst, a, b)
	}
	lw := strings.ToLower(w)
	for _, cl := range refClitics {
		if len(lw) > len(cl) && strings.HasSuffix(lw, cl) {
			k := b - len(cl)
			if cl == "n't" || cl == "n’t" {
				if lw == "can't" || lw == "can’t" {
					k = a + 2 // "ca" "n't"
				} else if lw == "won't" || lw == "won’t" {
					k = a + 2
				}
			}
			dst = refAdd(dst, a, k)
			return refAdd(dst, k, b)
		}
	}
	return refAdd(dst, a, b)
}

var refClitics = []string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}

// refKeepPeriod reports whether a chunk ending in "." keeps its period as part
// of the word (an abbreviation, an initial or an acronym).
func refKeepPeriod(w string) bool {
	if len(w) < 2 {
		return false
	}
	body := w[:len(w)-1]
	if strings.Contains(body, ".") {
		// "U.S.", "U.N.", "a.m." — letters separated by periods
		for _, r := range body {
			if r != '.' && !unicode.IsLetter(r) {
				return false
			}
		}
		return true
	}
	if len(body) == 1 && body[0] >= 'A' && body[0] <= 'Z' {
		return true // an initial: "George W. Bush"
	}
	_, ok := refAbbreviations[strings.ToLower(body)]
	return ok
}

var refAbbreviations = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "dr": {}, "prof": {}, "gen": {}, "lt": {}, "col": {}, "maj": {}, "sgt": {},
	"capt": {}, "cpt": {}, "cmdr": {}, "adm": {}, "gov": {}, "sen": {}, "rep": {}, "reps": {}, "sens": {}, "st": {},
	"jan": {}, "feb": {}, "mar": {}, "apr": {}, "jun": {}, "jul": {}, "aug": {}, "sep": {}, "sept": {}, "oct": {},
	"nov": {}, "dec": {}, "inc": {}, "corp": {}, "co": {}, "ltd": {}, "jr": {}, "sr": {}, "vs": {},
	"rev": {}, "cpl": {}, "pvt": {}, "mt": {}, "ft": {}, "brig": {}, "gens": {}, "pres": {}, "messrs": {},
	"dept": {}, "est": {}, "approx": {}, "govt": {}, "mln": {}, "bln": {}, "pct": {}, "u.s": {}, "u.n": {},
}

// refIsAbbrev reports whether a token keeps its final period as an
// abbreviation ("Feb.", "U.S.").
func refIsAbbrev(tok string) bool { return strings.HasSuffix(tok, ".") && refKeepPeriod(tok) }

// sentence refStarters that follow an acronym at the end of a sentence ("… the U.S. The …")
var refStarters = map[string]bool{"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"But": true, "In": true, "A": true, "An": true, "This": true, "That": true, "On": true, "And": true, "However": true}

func refIsCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "}", "»":
		return true
	}
	return false
}

// refSplit groups tokens into sentences, appending them to dst.
func refSplit(text string, toks []doc.Token, dst []doc.Sentence) []doc.Sentence {
	para := 0
	first := 0
	tokText := func(i int) string { return text[toks[i].Start:toks[i].End] }
	flush := func(last int) {
		if last > first {
			dst = append(dst, doc.Sentence{
				Span:  doc.Span{Start: toks[first].Start, End: toks[last-1].End},
				First: first, Last: last, Para: para,
			})
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		// paragraph break between token i-1 and i?
		if i > first && refBlankLineBetween(text, int(toks[i-1].End), int(toks[i].Start)) {
			flush(i)
			para++
		} else if i > 0 && i == first && refBlankLineBetween(text, int(toks[i-1].End), int(toks[i].Start)) {
			para++
		}
		t := tokText(i)
		end := t == "." || t == "!" || t == "?" || t == "…" || t == "..."
		if !end && refIsAbbrev(t) && i+1 < len(toks) && refStarters[tokText(i+1)] && strings.Count(t, ".") > 1 {
			end = true
		}
		if !end {
			continue
		}
		j := i + 1
		// a closing quote sticks to the punctuation before it; a quote after
		// a space opens the next sentence: `…done."  "We will…`
		for j < len(toks) && refIsCloser(tokText(j)) && toks[j-1].End == toks[j].Start {
			j++
		}
		if j >= len(toks) {
			flush(j)
			i = j - 1
			continue
		}
		next := tokText(j)
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || refIsLeadPunct(r) || r == '#' || r == '@' ||
			refBlankLineBetween(text, int(toks[j-1].End), int(toks[j].Start)) {
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return dst
}

func refBlankLineBetween(text string, a, b int) bool {
	nl := 0
	for k := a; k < b && k < len(text); k++ {
		if text[k] == '\n' {
			nl++
			if nl >= 2 {
				return true
			}
		}
	}
	return false
}
