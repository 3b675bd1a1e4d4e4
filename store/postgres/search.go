package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dyad/store"
)

// ErrQuery is returned by Search for a query it cannot parse.
var ErrQuery = errors.New("store/postgres: bad search query")

// isWordRune reports whether r belongs to a word: letters, digits and
// combining marks, as FTS5's unicode61 tokenizer and PostgreSQL's parser
// split text.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// fold lower-cases s and removes its diacritics (é → e), as FTS5's
// "unicode61 remove_diacritics 2" does.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldText returns the text to index for s when it differs from s (s has
// non-ASCII characters): s with diacritics removed.
func foldText(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return fold(s), true
		}
	}
	return "", false
}

// words splits s into folded words.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) {
		if f := fold(w); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// term is one word of a query that a matching article contains (terms under
// NOT are not listed); prefix terms match words that start with them.
type term struct {
	word   string
	prefix bool
}

// query is a parsed FTS5 query.
type query struct {
	toks  []string
	pos   int
	terms []term
}

// tsQuery translates an FTS5 query (words, "phrases", prefix*, AND, OR,
// NOT, parentheses; implicit AND between terms; NOT binds tightest, then
// AND, then OR) into a to_tsquery expression, and lists its positive terms.
func tsQuery(q string) (string, []term, error) {
	toks, err := lexQuery(q)
	if err != nil {
		return "", nil, err
	}
	if len(toks) == 0 {
		return "", nil, fmt.Errorf("%w: empty query", ErrQuery)
	}
	p := &query{toks: toks}
	s, err := p.or(false)
	if err != nil {
		return "", nil, err
	}
	if p.pos < len(p.toks) {
		return "", nil, fmt.Errorf("%w: unexpected %q in %q", ErrQuery, p.toks[p.pos], q)
	}
	return s, p.terms, nil
}

// lexQuery splits a query into "(", ")", "*", AND, OR, NOT, phrases (kept
// with their quotes) and barewords.
func lexQuery(q string) ([]string, error) {
	var toks []string
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == '*':
			toks = append(toks, string(c))
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(q) {
				if q[j] == '"' {
					if j+1 < len(q) && q[j+1] == '"' { // "" is a quote
						b.WriteByte('"')
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				b.WriteByte(q[j])
				j++
			}
			if !closed {
				return nil, fmt.Errorf("%w: unterminated string in %q", ErrQuery, q)
			}
			toks = append(toks, `"`+b.String())
			i = j
		case c == ':' || c == '^' || c == '+' || c == '{' || c == '}':
			return nil, fmt.Errorf("%w: %q (column filters, ^ and + are not supported)", ErrQuery, q)
		default:
			j := i
			for j < len(q) && !strings.ContainsRune(" \t\n\r()*\":^+{}", rune(q[j])) {
				j++
			}
			w := q[i:j]
			if w == "NEAR" && j < len(q) && q[j] == '(' {
				return nil, fmt.Errorf("%w: %q (NEAR is not supported)", ErrQuery, q)
			}
			toks = append(toks, w)
			i = j
		}
	}
	return toks, nil
}

func (p *query) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *query) or(neg bool) (string, error) {
	left, err := p.and(neg)
	if err != nil {
		return "", err
	}
	for p.peek() == "OR" {
		p.pos++
		right, err := p.and(neg)
		if err != nil {
			return "", err
		}
		left = "(" + left + " | " + right + ")"
	}
	return left, nil
}

func (p *query) and(neg bool) (string, error) {
	left, err := p.not(neg)
	if err != nil {
		return "", err
	}
	for {
		switch t := p.peek(); {
		case t == "AND":
			p.pos++
		case t == "" || t == ")" || t == "OR" || t == "*":
			return left, nil
		}
		right, err := p.not(neg)
		if err != nil {
			return "", err
		}
		left = "(" + left + " & " + right + ")"
	}
}

func (p *query) not(neg bool) (string, error) {
	left, err := p.primary(neg)
	if err != nil {
		return "", err
	}
	for p.peek() == "NOT" {
		p.pos++
		right, err := p.primary(!neg)
		if err != nil {
			return "", err
		}
		left = "(" + left + " & !" + right + ")"
	}
	return left, nil
}

func (p *query) primary(neg bool) (string, error) {
	t := p.peek()
	switch t {
	case "":
		return "", fmt.Errorf("%w: query ends early", ErrQuery)
	case "(":
		p.pos++
		s, err := p.or(neg)
		if err != nil {
			return "", err
		}
		if p.peek() != ")" {
			return "", fmt.Errorf("%w: missing )", ErrQuery)
		}
		p.pos++
		return s, nil
	case ")", "*", "AND", "OR", "NOT":
		return "", fmt.Errorf("%w: unexpected %q", ErrQuery, t)
	}
	p.pos++
	ws := words(strings.TrimPrefix(t, `"`))
	if len(ws) == 0 {
		return "", fmt.Errorf("%w: %q has no words", ErrQuery, t)
	}
	prefix := false
	if p.peek() == "*" {
		prefix = true
		p.pos++
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = "'" + w + "'"
		last := i == len(ws)-1
		if last && prefix {
			parts[i] += ":*"
		}
		if !neg {
			p.terms = append(p.terms, term{w, last && prefix})
		}
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, " <-> ") + ")", nil
}

// snippetTokens is the length of a snippet in words, as store/sqlite asks
// of FTS5's snippet().
const snippetTokens = 12

// snippet returns the passage of text of at most snippetTokens words that
// holds the most distinct terms (then the most matches, then the earliest),
// each match between "[" and "]", with "…" where the text goes on.
func snippet(text string, terms []term) string {
	type tok struct {
		start, end int
		match      int // index of the term matched, -1 for none
	}
	var toks []tok
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		w := fold(text[i:j])
		m := -1
		for k, t := range terms {
			if w == t.word || (t.prefix && strings.HasPrefix(w, t.word)) {
				m = k
				break
			}
		}
		toks = append(toks, tok{i, j, m})
		i = j
	}
	if len(toks) == 0 {
		return ""
	}
	best, bestScore := 0, -1
	for s := 0; s < len(toks); s++ {
		if toks[s].match < 0 {
			continue
		}
		start := max(0, min(s-2, len(toks)-snippetTokens))
		seen := map[int]bool{}
		n := 0
		for _, t := range toks[start:min(len(toks), start+snippetTokens)] {
			if t.match >= 0 {
				seen[t.match] = true
				n++
			}
		}
		if score := len(seen)*1000 + n; score > bestScore {
			best, bestScore = start, score
		}
	}
	end := min(len(toks), best+snippetTokens)
	var b strings.Builder
	if best > 0 {
		b.WriteString("…")
	}
	pos := toks[best].start
	for _, t := range toks[best:end] {
		b.WriteString(text[pos:t.start])
		if t.match >= 0 {
			b.WriteString("[" + text[t.start:t.end] + "]")
		} else {
			b.WriteString(text[t.start:t.end])
		}
		pos = t.end
	}
	if end < len(toks) {
		b.WriteString("…")
	} else {
		b.WriteString(text[pos:])
	}
	return b.String()
}

// Search finds articles by full-text query, best first. The query has
// FTS5's syntax (see store.Reader); column filters, NEAR, ^ and + are
// refused with ErrQuery.
func (s *DB) Search(ctx context.Context, q string, n int) ([]store.Hit, error) {
	if n <= 0 {
		n = 20
	}
	tsq, terms, err := tsQuery(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.doc_id, coalesce(a.date, ''), coalesce(a.title, ''), a.source, a.text,
		ts_rank_cd(a.fts, q) AS r
		FROM articles a, to_tsquery('simple', $1) q
		WHERE a.fts @@ q ORDER BY r DESC, a.id LIMIT $2`, tsq, n)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: search %q: %w", q, err)
	}
	defer rows.Close()
	var hits []store.Hit
	for rows.Next() {
		var h store.Hit
		var text string
		if err := rows.Scan(&h.ArticleID, &h.DocID, &h.Date, &h.Title, &h.Source, &text, &h.Rank); err != nil {
			return nil, err
		}
		h.Rank = -h.Rank
		h.Snippet = snippet(text, terms)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store/postgres: search %q: %w", q, err)
	}
	return hits, nil
}
