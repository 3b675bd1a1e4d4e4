package petrarch

import (
	"strings"

	"dyad/dict"
)

// ParseAgents reads a PETRARCH (or TABARI) agent file: lines
// "PHRASE {PLURAL} [~CODE]" and substitution markers "!NAME! = A, B".
// Each phrase becomes dict.Agents with the lower-case phrase as written
// and as dyad's lemmatizer sees it (plural words made singular); an
// irregular plural is added as a phrase of its own and to the lemma table.
func ParseAgents(file, src string, opts *Options) (*Set, error) {
	c := newConv(file, opts)
	markers := map[string][]string{}
	seen := map[string]bool{}
	add := func(phrase, sector string, line int) {
		for _, p := range agentForms(phrase) {
			k := p + "\x00" + sector
			if seen[k] {
				continue
			}
			seen[k] = true
			c.set.Dict.Agents = append(c.set.Dict.Agents, dict.Agent{Phrase: p, Sector: sector, Line: line})
		}
	}
	for _, l := range readLines(src) {
		t := l.text
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") && !strings.Contains(t, "[") {
			name, list, _ := strings.Cut(t, "=")
			name = strings.Trim(strings.TrimSpace(name), "!")
			if name == "" || strings.ContainsAny(name, "! ") {
				c.bad(l.n, dict.ErrSyntax, "want !MARKER! = WORD, WORD", t)
				continue
			}
			var ws []string
			for _, w := range strings.Split(list, ",") {
				if w = strings.TrimSpace(w); w != "" {
					ws = append(ws, w)
				}
			}
			markers[strings.ToUpper(name)] = ws
			continue
		}
		code, rest, ok := bracket(t)
		if !ok {
			c.bad(l.n, dict.ErrSyntax, "an agent needs a [~CODE]", t)
			continue
		}
		sector, prefix, okc := agentCode(code)
		if !okc {
			c.bad(l.n, dict.ErrCode, "want [~CODE] or [CODE~], got ["+code+"]", t)
			continue
		}
		if prefix {
			c.approx(l.n, "prefix agent code [CODE~]: dyad puts the sector after the country", t)
		}
		plural, hasPlural := "", false
		if a := strings.IndexByte(rest, '{'); a >= 0 {
			b := strings.IndexByte(rest[a:], '}')
			if b < 0 {
				c.bad(l.n, dict.ErrSyntax, "missing '}'", t)
				continue
			}
			plural, hasPlural = strings.TrimSpace(rest[a+1:a+b]), true
			rest = rest[:a] + " " + rest[a+b+1:]
		}
		rest = strings.TrimSpace(rest)
		if len(phraseWords(rest)) == 0 {
			c.bad(l.n, dict.ErrSyntax, "agent without a phrase", t)
			continue
		}
		if blankGap(rest) {
			c.approx(l.n, "words separated by a blank may stand apart in the legacy coders, must be adjacent in dyad", t)
		}
		if i := strings.IndexByte(rest, '!'); i >= 0 {
			j := strings.IndexByte(rest[i+1:], '!')
			if j < 0 {
				c.bad(l.n, dict.ErrSyntax, "unclosed substitution marker", t)
				continue
			}
			name := strings.ToUpper(rest[i+1 : i+1+j])
			subs, ok := markers[name]
			if !ok {
				c.bad(l.n, dict.ErrSyntax, "undefined substitution marker !"+name+"!", t)
				continue
			}
			for _, s := range subs {
				add(agentPhrase(rest[:i]+s+rest[i+2+j:]), sector, l.n)
			}
			continue
		}
		sing := agentPhrase(rest)
		add(sing, sector, l.n)
		if hasPlural && plural != "" {
			pl := agentPhrase(plural)
			add(pl, sector, l.n)
			sw, pw := strings.Fields(sing), strings.Fields(pl)
			if len(sw) > 0 && len(pw) > 0 && len(sw) == len(pw) {
				s, p := sw[len(sw)-1], pw[len(pw)-1]
				if s != p {
					if _, ok := c.set.Dict.Lemmas[p]; !ok {
						c.set.Dict.Lemmas[p] = s
					}
				}
			}
		}
	}
	return c.result()
}

// agentCode reads "~GOV" (a sector after the actor's code) or "NGO~" (a
// code before it).
func agentCode(s string) (sector string, prefix bool, ok bool) {
	s = strings.ReplaceAll(s, " ", "")
	switch {
	case strings.HasPrefix(s, "~"):
		sector = s[1:]
	case strings.HasSuffix(s, "~"):
		sector, prefix = s[:len(s)-1], true
	default:
		return "", false, false
	}
	sector = strings.ToUpper(sector)
	if sector == "" {
		return "", false, false
	}
	for _, r := range sector {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", false, false
		}
	}
	return sector, prefix, true
}

// agentPhrase lower-cases a phrase and joins its words with blanks.
func agentPhrase(p string) string {
	return strings.ToLower(strings.Join(phraseWords(p), " "))
}

// agentForms returns p and, when some of its words look plural, the forms
// dyad's lemmatizer gives them: the last word singular, then every word.
func agentForms(p string) []string {
	w := strings.Fields(p)
	if len(w) == 0 {
		return nil
	}
	out := []string{p}
	last := append([]string(nil), w...)
	last[len(last)-1] = singular(last[len(last)-1])
	out = append(out, strings.Join(last, " "))
	all := make([]string, len(w))
	for i, x := range w {
		all[i] = singular(x)
	}
	out = append(out, strings.Join(all, " "))
	return dedupe(out)
}

// singular undoes a regular English plural ("troops" → "troop", "forces" →
// "force", "authorities" → "authority"); other words are returned as they
// are.
func singular(w string) string {
	switch {
	case len(w) < 4 || !strings.HasSuffix(w, "s"):
		return w
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is") || strings.HasSuffix(w, "'s"):
		return w
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	}
	for _, e := range []string{"ches", "shes", "xes", "sses", "zes"} {
		if strings.HasSuffix(w, e) {
			return w[:len(w)-2]
		}
	}
	return w[:len(w)-1]
}

// plural forms a regular English plural.
func plural(w string) string {
	switch {
	case w == "":
		return w
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}
