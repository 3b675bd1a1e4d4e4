package petrarch

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"dyad/dict"
)

// ParseActors reads a PETRARCH actor file (or, with Dialect TABARI, a
// TABARI .actors file). Entries whose only code is an undated three-letter
// code become countries; the others become actors with dated codes. See the
// package documentation.
func ParseActors(file, src string, opts *Options) (*Set, error) {
	c := newConv(file, opts)
	tabari := opts.dialect() == TABARI
	type phrase struct {
		text string
		line int
	}
	type entry struct {
		line    int
		text    string
		phrases []phrase
		codes   []dict.DatedCode
		discard bool
	}
	countries := map[string]int{} // code → index in Countries
	var cur *entry
	flush := func() {
		if cur == nil {
			return
		}
		e := cur
		cur = nil
		if e.discard {
			for _, p := range e.phrases {
				if w := phraseWords(p.text); len(w) > 0 {
					c.set.Dict.Discards = append(c.set.Dict.Discards, dict.Discard{Phrase: strings.ToLower(strings.Join(w, " ")), Line: p.line})
				}
			}
			if len(e.codes) == 0 {
				return
			}
		}
		if len(e.codes) == 1 && e.codes[0].Undated && isCountryCode(e.codes[0].Code) {
			code := e.codes[0].Code
			ci, ok := countries[code]
			if !ok {
				ci = len(c.set.Dict.Countries)
				countries[code] = ci
				c.set.Dict.Countries = append(c.set.Dict.Countries, dict.Country{Code: code, Line: e.line})
			}
			co := &c.set.Dict.Countries[ci]
			for _, p := range e.phrases {
				vs := nameVariants(p.text)
				if len(vs) == 0 {
					continue
				}
				if tabari {
					// TABARI matches "KUWAIT" as a stem of "Kuwaiti"
					for _, d := range demonyms(p.text) {
						co.Adjs = dedupe(append(co.Adjs, nameVariants(d)...))
					}
				}
				if len(co.Names) > 0 && looksAdjective(p.text) {
					co.Adjs = dedupe(append(co.Adjs, vs...))
					continue
				}
				if co.Name == "" {
					co.Name = vs[0]
				}
				co.Names = dedupe(append(co.Names, vs...))
			}
			return
		}
		a := dict.Actor{File: c.file, Line: e.line, Codes: e.codes}
		for _, p := range e.phrases {
			vs := nameVariants(p.text)
			if len(vs) == 0 {
				continue
			}
			if a.Name == "" {
				a.Name, vs = vs[0], vs[1:]
			}
			a.Aliases = append(a.Aliases, vs...)
		}
		if a.Name == "" {
			return
		}
		a.Aliases = dedupe(a.Aliases)
		c.set.Dict.Actors = append(c.set.Dict.Actors, a)
	}
	addCodes := func(e *entry, specs []string, line int, text string) {
		for _, s := range specs {
			dc, kind, err := parseCodeSpec(s, tabari)
			if err != nil {
				c.bad(line, dict.ErrDate, err.Error(), text)
				continue
			}
			switch kind {
			case codeNull:
				if dc.Undated {
					continue
				}
				// a dated null code: no code in that period
			case codeDiscard:
				if tabari && dc.Undated {
					e.discard = true
					continue
				}
				c.approx(line, "code ### (a TABARI discard) read as no code", text)
				if dc.Undated {
					continue
				}
			case codeMulti:
				c.approx(line, "several codes joined by '/': only the first is kept", text)
			}
			e.codes = append(e.codes, dc)
		}
	}
	section := ""
	for _, l := range readLines(src) {
		t := l.text
		if tabari {
			switch u := strings.ToUpper(t); {
			case u == "<NOUN>" || u == "<ADJECTIVE>":
				flush()
				section = u
				c.skip(l.n, "TABARI "+u+" list (parser hints; dyad has its own tagger)", t)
				continue
			case u == "</NOUN>" || u == "</ADJECTIVE>":
				section = ""
				continue
			case strings.HasPrefix(t, "~~"):
				continue
			}
			if section != "" {
				continue
			}
		}
		switch {
		case t[0] == '[':
			if cur == nil {
				c.bad(l.n, dict.ErrSyntax, "code line before any actor", t)
				continue
			}
			ins, rest, ok := brackets(t)
			if !ok || rest != "" {
				c.bad(l.n, dict.ErrSyntax, "want [CODE DATES] on a code line", t)
			}
			addCodes(cur, ins, l.n, t)
		case t[0] == '+':
			if cur == nil {
				c.bad(l.n, dict.ErrSyntax, "synonym before any actor", t)
				continue
			}
			ins, rest, ok := brackets(t[1:])
			if !ok {
				c.bad(l.n, dict.ErrSyntax, "unclosed [", t)
			}
			if len(phraseWords(rest)) == 0 {
				c.bad(l.n, dict.ErrSyntax, "empty synonym", t)
				continue
			}
			cur.phrases = append(cur.phrases, phrase{rest, l.n})
			if blankGap(rest) {
				c.approx(l.n, "words separated by a blank may stand apart in the legacy coders, must be adjacent in dyad", t)
			}
			addCodes(cur, ins, l.n, t)
		case t[0] == '<' || t[0] == '~':
			// XML-like tags and TABARI end markers carry no entries
		default:
			flush()
			ins, rest, ok := brackets(t)
			if !ok {
				c.bad(l.n, dict.ErrSyntax, "unclosed [", t)
			}
			if len(phraseWords(rest)) == 0 {
				c.bad(l.n, dict.ErrSyntax, "entry without a phrase", t)
				continue
			}
			cur = &entry{line: l.n, text: t, phrases: []phrase{{rest, l.n}}}
			if blankGap(rest) {
				c.approx(l.n, "words separated by a blank may stand apart in the legacy coders, must be adjacent in dyad", t)
			}
			addCodes(cur, ins, l.n, t)
		}
	}
	flush()
	return c.result()
}

// isCountryCode reports whether code looks like a bare country or IGO code
// (three letters), the kind agents combine with.
func isCountryCode(code string) bool {
	if len(code) != 3 {
		return false
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// looksAdjective reports whether a single-word phrase reads as a demonym
// ("ERIADORIAN", "ISRAELI", "DANISH", "FRENCH").
func looksAdjective(p string) bool {
	w := phraseWords(p)
	if len(w) != 1 {
		return false
	}
	u := strings.ToUpper(w[0])
	for _, suf := range []string{"AN", "ANS", "ESE", "ISH", "I", "IS", "CH", "IC"} {
		if strings.HasSuffix(u, suf) && len(u) > len(suf)+2 {
			return true
		}
	}
	return false
}

type codeKind uint8

const (
	codeOK codeKind = iota
	codeNull
	codeDiscard
	codeMulti
)

// parseCodeSpec reads the inside of an actor's [...]: "CODE", "CODE <DATE",
// "CODE >DATE", "CODE DATE-DATE" (spaces allowed around the operators).
func parseCodeSpec(s string, tabari bool) (dict.DatedCode, codeKind, error) {
	var dc dict.DatedCode
	f := strings.Fields(s)
	if len(f) == 0 {
		return dc, codeOK, fmt.Errorf("empty code []")
	}
	raw := f[0]
	if strings.IndexFunc(raw[:1], func(r rune) bool { return unicode.IsDigit(r) || r == '<' || r == '>' }) == 0 {
		return dc, codeOK, fmt.Errorf("missing code before the date in [%s]", s)
	}
	code, kind, err := normCode(raw)
	if err != nil {
		return dc, kind, err
	}
	dc.Code = code // "" for the null and discard codes
	rest := strings.Join(f[1:], "")
	if rest == "" {
		dc.Undated = true
		return dc, kind, nil
	}
	switch rest[0] {
	case '<':
		d, err := parseLegacyDate(rest[1:])
		if err != nil {
			return dc, kind, err
		}
		dc.To = d.AddDate(0, 0, 1)
	case '>':
		d, err := parseLegacyDate(rest[1:])
		if err != nil {
			return dc, kind, err
		}
		dc.From = d
	default:
		a, b, ok := strings.Cut(rest, "-")
		if !ok {
			return dc, kind, fmt.Errorf("want <DATE, >DATE or DATE-DATE, got %q", rest)
		}
		from, err := parseLegacyDate(a)
		if err != nil {
			return dc, kind, err
		}
		to, err := parseLegacyDate(b)
		if err != nil {
			return dc, kind, err
		}
		to = to.AddDate(0, 0, 1)
		if !to.After(from) {
			return dc, kind, fmt.Errorf("range %q ends before it starts", rest)
		}
		dc.From, dc.To = from, to
	}
	return dc, kind, nil
}

// normCode upper-cases an actor code and classifies the legacy null codes.
func normCode(raw string) (string, codeKind, error) {
	switch raw {
	case "---", "+++", "***":
		return "", codeNull, nil
	case "###":
		return "", codeDiscard, nil
	}
	kind := codeOK
	if i := strings.IndexByte(raw, '/'); i >= 0 {
		raw = raw[:i]
		kind = codeMulti
	}
	code := strings.ToUpper(raw)
	if code == "" {
		return "", codeOK, fmt.Errorf("empty code in %q", raw)
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", codeOK, fmt.Errorf("bad code %q: want letters and digits", raw)
		}
	}
	return code, kind, nil
}

// parseLegacyDate reads YYYYMMDD or YYMMDD (YY ≤ 30 → 20YY, else 19YY).
func parseLegacyDate(s string) (time.Time, error) {
	if len(s) != 6 && len(s) != 8 {
		return time.Time{}, fmt.Errorf("bad date %q: want YYYYMMDD or YYMMDD", s)
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return time.Time{}, fmt.Errorf("bad date %q: want YYYYMMDD or YYMMDD", s)
		}
	}
	atoi := func(x string) int {
		n := 0
		for _, r := range x {
			n = n*10 + int(r-'0')
		}
		return n
	}
	var y, m, d int
	if len(s) == 8 {
		y, m, d = atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])
	} else {
		y, m, d = atoi(s[:2]), atoi(s[2:4]), atoi(s[4:])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("bad date %q: no such day", s)
	}
	return t, nil
}

// blankGap reports whether a phrase has words separated by a blank (which
// PETRARCH lets other words come between) rather than by '_'.
func blankGap(p string) bool {
	return len(phraseWords(p)) > 1 && strings.ContainsAny(strings.TrimSpace(strings.TrimRight(p, "_")), " \t")
}

// demonyms guesses the adjectives a TABARI stem country name also matches
// ("KUWAIT" → "KUWAITI", "AUSTRALIA" → "AUSTRALIAN"); a name ending in '_'
// is no stem and gets none.
func demonyms(p string) []string {
	p = strings.TrimSpace(p)
	if strings.HasSuffix(p, "_") || strings.HasSuffix(p, "=") || len(phraseWords(p)) != 1 {
		return nil
	}
	w := strings.ToUpper(phraseWords(p)[0])
	if len(w) < 4 {
		return nil
	}
	switch w[len(w)-1] {
	case 'A':
		return []string{w + "N", w + "NS"}
	case 'E', 'I', 'O', 'U', 'Y':
		return nil
	}
	return []string{w + "I", w + "IS", w + "IAN", w + "IANS"}
}
