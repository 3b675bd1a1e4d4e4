// Package segment splits an article's text into sentences and tokens, with
// byte offsets into doc.Doc.Text.
//
// Reads: doc.text. Writes: doc.sentences, doc.tokens (Token.Span, Token.Space).
//
// Tokens follow the Penn Treebank conventions the tagger was trained on:
// punctuation and quote marks (straight and curly) are tokens of their own;
// clitics are split ("Russia's" → "Russia" "'s", "can't" → "ca" "n't");
// hyphenated words stay whole ("rebel-held", "al-Assad"); abbreviations and
// acronyms keep their periods ("U.S.", "Feb.", "Gen."); @handles stay whole
// and a hashtag's "#" is split from its word so "#Syria" is found as Syria.
//
// A sentence ends at ".", "!" or "?" (with any closing quotes or brackets
// that follow) when the next token starts a new sentence, and at every
// paragraph break (a blank line). For example
//
//	Putin met Erdogan in Tehran. "We agree," he said.
//
// gives two sentences: [Putin met Erdogan in Tehran .] and
// [" We agree , " he said .].
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/doc"
)

// Segmenter is the segment stage. The zero value is ready to use.
type Segmenter struct{}

// Name implements pipeline.Component.
func (Segmenter) Name() string { return "segment.v1" }

// Reads implements pipeline.Component.
func (Segmenter) Reads() []string { return []string{"doc.text"} }

// Writes implements pipeline.Component.
func (Segmenter) Writes() []string { return []string{"doc.sentences", "doc.tokens"} }

// Process tokenizes d.Text and splits it into sentences. It replaces any
// sentences and tokens already present.
func (Segmenter) Process(d *doc.Doc) error {
	toks := d.Tokens[:0]
	if want := estimateTokens(len(d.Text)); cap(toks) < want {
		toks = make([]doc.Token, 0, want)
	}
	d.Tokens = Tokenize(d.Text, toks)
	sents := d.Sentences[:0]
	if want := len(d.Tokens)/16 + 4; cap(sents) < want {
		sents = make([]doc.Sentence, 0, want)
	}
	d.Sentences = Split(d.Text, d.Tokens, sents)
	return nil
}

// estimateTokens returns a capacity for the tokens of a text of n bytes
// that news text rarely exceeds (it has one token per 5.2 to 5.7 bytes), so
// that the token slice is allocated once instead of grown by doubling.
func estimateTokens(n int) int { return n/4 + 16 }

// Tokenize appends the tokens of text to dst and returns it.
func Tokenize(text string, dst []doc.Token) []doc.Token {
	n := len(text)
	i := 0
	for i < n {
		// skip white space
		for i < n {
			r, sz := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, sz = utf8.DecodeRuneInString(text[i:])
			}
			if !isSpace(r) {
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
			if isSpace(r) {
				break
			}
			j += sz
		}
		start := len(dst)
		dst = splitChunk(text, i, j, dst)
		if len(dst) > start {
			dst[len(dst)-1].Space = j < n
		}
		i = j
	}
	return dst
}

// isSpace reports whether r separates chunks: Unicode white space (which
// includes U+00A0, the no-break space).
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// asciiSpace holds the ASCII characters unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

// punctuation that is always a token of its own at the edge of a chunk
func isEdgePunct(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '(', ')', '[', ']', '{', '}', ',', ';', ':', '!', '?', '…', '—', '–', '«', '»', '*', '`':
		return true
	}
	return false
}

func isLeadPunct(r rune) bool {
	switch r {
	case '"', '“', '”', '‘', '’', '\'', '(', '[', '{', '«', '$', '£', '€', '—', '–', '*', '`', '…':
		return true
	}
	return false
}

func add(dst []doc.Token, a, b int) []doc.Token {
	if b <= a {
		return dst
	}
	return append(dst, doc.Token{Span: doc.Span{Start: int32(a), End: int32(b)}})
}

// splitChunk tokenizes one white-space-delimited chunk text[a:b].
func splitChunk(text string, a, b int, dst []doc.Token) []doc.Token {
	// leading punctuation
	for a < b {
		r, sz := utf8.DecodeRuneInString(text[a:b])
		if r == '#' && a+sz < b {
			dst = add(dst, a, a+sz)
			a += sz
			continue
		}
		if !isLeadPunct(r) || a+sz == b && r != '\'' && r != '’' {
			if a+sz == b && isEdgePunct(r) {
				return add(dst, a, b)
			}
			break
		}
		// '’s' at the start of a chunk is a clitic, e.g. "countries ’s"
		dst = add(dst, a, a+sz)
		a += sz
	}
	if a >= b {
		return dst
	}
	// trailing punctuation, collected right to left: the tokens are
	// contiguous, so tail[k] starts where tail[k-1] ends (tail[0] at end)
	var tail [8]int32
	nt := 0
	end := b
	for b > a && nt < len(tail) {
		r, sz := utf8.DecodeLastRuneInString(text[a:b])
		if r == '.' {
			core := text[a:b]
			if keepPeriod(core) {
				break
			}
			// "..." ellipsis
			k := b
			for k > a && text[k-1] == '.' {
				k--
			}
			tail[nt] = int32(k)
			nt++
			b = k
			continue
		}
		if r == '\'' || r == '’' {
			// plural possessive "countries’" → "countries" "’"
			if b-sz > a {
				pr, _ := utf8.DecodeLastRuneInString(text[a : b-sz])
				if pr == 's' || pr == 'S' {
					tail[nt] = int32(b - sz)
					nt++
					b -= sz
					continue
				}
			}
		}
		if !isEdgePunct(r) && r != '%' {
			break
		}
		if b-sz == a {
			break
		}
		tail[nt] = int32(b - sz)
		nt++
		b -= sz
	}
	dst = splitCore(text, a, b, dst)
	for k := nt - 1; k >= 0; k-- {
		e := end
		if k > 0 {
			e = int(tail[k-1])
		}
		dst = add(dst, int(tail[k]), e)
	}
	return dst
}

// splitCore splits clitics and internal dashes from a word.
func splitCore(text string, a, b int, dst []doc.Token) []doc.Token {
	w := text[a:b]
	// internal em/en dashes: "war—and"
	k, colon := scanWord(w)
	if k > 0 {
		const sz = len("—") // "—" and "–" are both 3 bytes long
		dst = splitCore(text, a, a+k, dst)
		dst = add(dst, a+k, a+k+sz)
		return splitCore(text, a+k+sz, b, dst)
	}
	if strings.HasPrefix(w, "@") || colon && strings.Contains(w, "://") || strings.HasPrefix(w, "www.") {
		return add(dst, a, b)
	}
	// Clitics are matched without case. Only ASCII letters lower-case to
	// the ASCII letters of the clitics (U+0130 "İ" and U+212A, the Kelvin
	// sign, lower-case to "i" and "k", which no clitic holds), so folding
	// ASCII letters alone compares as strings.ToLower would.
	if !apostropheNearEnd(w) {
		return add(dst, a, b)
	}
	for _, cl := range clitics {
		if len(w) > len(cl) && hasSuffixFold(w, cl) {
			k := b - len(cl)
			if cl == "n't" || cl == "n’t" {
				if equalFold(w, "can't") || equalFold(w, "can’t") {
					k = a + 2 // "ca" "n't"
				} else if equalFold(w, "won't") || equalFold(w, "won’t") {
					k = a + 2
				}
			}
			dst = add(dst, a, k)
			return add(dst, k, b)
		}
	}
	return add(dst, a, b)
}

// scanWord returns the byte index of the first em dash "—" or en dash
// "–" in w (-1 if there is none) and whether w holds a colon. Both dashes
// are encoded E2 80 9x; a UTF-8 decoder never takes E2 as part of an
// earlier character, so the first such byte sequence is the first dash
// character. Words are short: a byte loop beats strings.IndexByte here.
func scanWord(w string) (dash int, colon bool) {
	dash = -1
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case ':':
			colon = true
		case 0xE2:
			if dash < 0 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x94 || w[i+2] == 0x93) {
				dash = i
			}
		}
	}
	return dash, colon
}

// apostropheNearEnd reports whether w has "'" or the last byte of "’"
// (E2 80 99) second or third from its end, as every clitic has.
func apostropheNearEnd(w string) bool {
	n := len(w)
	return n >= 2 && (w[n-2] == '\'' || w[n-2] == 0x99) || n >= 3 && (w[n-3] == '\'' || w[n-3] == 0x99)
}

// lowerASCII returns c with an ASCII upper-case letter lower-cased.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasSuffixFold reports whether s ends with lower, a lower-case string,
// folding ASCII letters of s only.
func hasSuffixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	return equalFold(s[len(s)-len(lower):], lower)
}

// equalFold reports whether s equals lower, a lower-case string, when the
// ASCII letters of s are lower-cased.
func equalFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != lower[i] {
			return false
		}
	}
	return true
}

var clitics = []string{"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"}

// keepPeriod reports whether a chunk ending in "." keeps its period as part
// of the word (an abbreviation, an initial or an acronym).
func keepPeriod(w string) bool {
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
	return isAbbreviation(body)
}

// isAbbreviation reports whether strings.ToLower(w) is one of the
// abbreviations, lower-casing short ASCII words without allocating.
// Longer words cannot be one: no abbreviation is longer than 6 bytes, and
// only "İ" (2 bytes, to "i") and the Kelvin sign (3 bytes, to "k") lower-case
// to fewer bytes (TestAbbreviationLengths).
func isAbbreviation(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			_, ok := abbreviations[strings.ToLower(w)]
			return ok
		}
		buf[i] = lowerASCII(c)
	}
	_, ok := abbreviations[string(buf[:len(w)])]
	return ok
}

var abbreviations = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "dr": {}, "prof": {}, "gen": {}, "lt": {}, "col": {}, "maj": {}, "sgt": {},
	"capt": {}, "cpt": {}, "cmdr": {}, "adm": {}, "gov": {}, "sen": {}, "rep": {}, "reps": {}, "sens": {}, "st": {},
	"jan": {}, "feb": {}, "mar": {}, "apr": {}, "jun": {}, "jul": {}, "aug": {}, "sep": {}, "sept": {}, "oct": {},
	"nov": {}, "dec": {}, "inc": {}, "corp": {}, "co": {}, "ltd": {}, "jr": {}, "sr": {}, "vs": {},
	"rev": {}, "cpl": {}, "pvt": {}, "mt": {}, "ft": {}, "brig": {}, "gens": {}, "pres": {}, "messrs": {},
	"dept": {}, "est": {}, "approx": {}, "govt": {}, "mln": {}, "bln": {}, "pct": {}, "u.s": {}, "u.n": {},
}

// IsAbbrev reports whether a token keeps its final period as an
// abbreviation ("Feb.", "U.S.").
func IsAbbrev(tok string) bool { return strings.HasSuffix(tok, ".") && keepPeriod(tok) }

// sentence starters that follow an acronym at the end of a sentence ("… the U.S. The …")
var starters = map[string]bool{"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"But": true, "In": true, "A": true, "An": true, "This": true, "That": true, "On": true, "And": true, "However": true}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "}", "»":
		return true
	}
	return false
}

// Split groups tokens into sentences, appending them to dst.
func Split(text string, toks []doc.Token, dst []doc.Sentence) []doc.Sentence {
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
		if i > first && blankLineBetween(text, int(toks[i-1].End), int(toks[i].Start)) {
			flush(i)
			para++
		} else if i > 0 && i == first && blankLineBetween(text, int(toks[i-1].End), int(toks[i].Start)) {
			para++
		}
		t := tokText(i)
		end := t == "." || t == "!" || t == "?" || t == "…" || t == "..."
		if !end && IsAbbrev(t) && i+1 < len(toks) && starters[tokText(i+1)] && strings.Count(t, ".") > 1 {
			end = true
		}
		if !end {
			continue
		}
		j := i + 1
		// a closing quote sticks to the punctuation before it; a quote after
		// a space opens the next sentence: `…done."  "We will…`
		for j < len(toks) && isCloser(tokText(j)) && toks[j-1].End == toks[j].Start {
			j++
		}
		if j >= len(toks) {
			flush(j)
			i = j - 1
			continue
		}
		next := tokText(j)
		r, _ := utf8.DecodeRuneInString(next)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || isLeadPunct(r) || r == '#' || r == '@' ||
			blankLineBetween(text, int(toks[j-1].End), int(toks[j].Start)) {
			flush(j)
			i = j - 1
		}
	}
	flush(len(toks))
	return dst
}

func blankLineBetween(text string, a, b int) bool {
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
