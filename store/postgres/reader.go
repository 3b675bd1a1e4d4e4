package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dyad/sink"
	"dyad/store"
)

// Has reports whether an article of this key is stored.
func (s *DB) Has(ctx context.Context, key string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM articles WHERE key = $1)`, key).Scan(&ok)
	return ok, err
}

// Finished reports whether the input was read to the end by an ingest.
func (s *DB) Finished(ctx context.Context, in store.Input) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS(SELECT 1 FROM ingest_inputs WHERE path = $1 AND size = $2 AND mtime = $3)`,
		cleanString(in.Path), in.Size, in.ModTime.UnixNano()).Scan(&ok)
	return ok, err
}

// args collects query arguments and hands out their placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// likePrefix escapes s for LIKE and appends the wildcard.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// where returns the SQL condition (over events aliased e) of f, adding its
// arguments to a. It accepts and refuses the same filters as store/sqlite.
func where(f store.Filter, a *args) (string, error) {
	var conds []string
	date := func(s string) error {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return fmt.Errorf("%w: date %q: want YYYY-MM-DD", store.ErrFilter, s)
		}
		return nil
	}
	if f.From != "" {
		if err := date(f.From); err != nil {
			return "", err
		}
		conds = append(conds, "e.date >= "+a.add(f.From))
	}
	if f.To != "" {
		if err := date(f.To); err != nil {
			return "", err
		}
		conds = append(conds, "e.date <= "+a.add(f.To))
	}
	prefix := func(cols []string, vals []string) error {
		if len(vals) == 0 {
			return nil
		}
		var alts []string
		for _, v := range vals {
			if v == "" || strings.ContainsAny(v, "*?[]") {
				return fmt.Errorf("%w: actor code %q", store.ErrFilter, v)
			}
			p := a.add(likePrefix(v))
			for _, c := range cols {
				alts = append(alts, c+" LIKE "+p)
			}
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
		return nil
	}
	if err := prefix([]string{"e.src_code", "e.tgt_code"}, f.Actor); err != nil {
		return "", err
	}
	if err := prefix([]string{"e.src_code"}, f.Source); err != nil {
		return "", err
	}
	if err := prefix([]string{"e.tgt_code"}, f.Target); err != nil {
		return "", err
	}
	if len(f.Code) > 0 {
		conds = append(conds, "e.cameo = ANY("+a.add(f.Code)+"::text[])")
	}
	if len(f.Root) > 0 {
		conds = append(conds, "e.root = ANY("+a.add(f.Root)+"::text[])")
	}
	if len(f.Quad) > 0 {
		for _, q := range f.Quad {
			if q < 1 || q > 4 {
				return "", fmt.Errorf("%w: quad class %d: want 1 to 4", store.ErrFilter, q)
			}
		}
		conds = append(conds, "e.quad = ANY("+a.add(f.Quad)+"::integer[])")
	}
	if len(f.Place) > 0 {
		var alts []string
		for _, p := range f.Place {
			n := a.add(p)
			alts = append(alts, "e.loc_country = "+n+" OR lower(e.loc_name) = lower("+n+")")
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if f.MinMentions > 0 {
		conds = append(conds, "e.num_mentions >= "+a.add(f.MinMentions))
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return strings.Join(conds, " AND "), nil
}

func limit(f store.Filter) string {
	if f.Limit > 0 {
		return " LIMIT " + strconv.Itoa(f.Limit)
	}
	return ""
}

func splitSectors(s *string) []string {
	if s == nil || *s == "" {
		return []string{}
	}
	return strings.Fields(*s)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Events calls fn for every event that passes f, in ID order.
func (s *DB) Events(ctx context.Context, f store.Filter, fn func(*store.Event) error) error {
	var a args
	cond, err := where(f, &a)
	if err != nil {
		return err
	}
	return s.queryEvents(ctx, cond, a, limit(f), fn)
}

// Mentions calls fn for every mention of the events that pass f.
func (s *DB) Mentions(ctx context.Context, f store.Filter, fn func(*store.Mention) error) error {
	var a args
	cond, err := where(f, &a)
	if err != nil {
		return err
	}
	rows, err := s.pool.Query(ctx, `SELECT m.event_id, m.article_id, a.doc_id, m.ref, a.source, coalesce(a.url, ''),
		m.outlet, coalesce(a.date, ''), m.added, e.added, a.bytes, m.sentence, m.para,
		m.src_start, m.src_end, m.tgt_start, m.tgt_end, m.verb_start, m.verb_end, m.src_char, m.tgt_char, m.verb_char,
		coalesce(m.src_text, ''), coalesce(m.tgt_text, ''), m.verb, m.rule, m.mood, m.evidence
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id
		WHERE m.event_id IN (SELECT e.id FROM events e WHERE `+cond+` ORDER BY e.id`+limit(f)+`)
		ORDER BY m.event_id, m.article_id, m.ord`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m store.Mention
		var added, eadded int64
		var ss, se, ts, te *int
		ev := &m.Evidence
		if err := rows.Scan(&m.EventID, &m.ArticleID, &m.DocID, &m.Ref, &m.Source, &m.URL, &m.Outlet, &m.Date, &added, &eadded,
			&m.DocLen, &m.Sentence, &m.Para, &ss, &se, &ts, &te, &ev.VerbSpan[0], &ev.VerbSpan[1],
			&m.SourceChar, &m.TargetChar, &m.VerbChar, &m.SourceText, &m.TargetText, &ev.Verb, &ev.Rule, &m.Mood,
			&ev.Text); err != nil {
			return err
		}
		m.Added = time.Unix(added, 0).UTC()
		m.EventAdded = time.Unix(eadded, 0).UTC()
		if ss != nil && se != nil {
			ev.SourceSpan = [2]int{*ss, *se}
		}
		if ts != nil && te != nil {
			ev.TargetSpan = &[2]int{*ts, *te}
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	return rows.Err()
}

var dimSQL = map[store.Dim]string{
	store.ByDate:    "coalesce(e.date, '')",
	store.ByMonth:   "coalesce(substr(e.date, 1, 7), '')",
	store.ByYear:    "coalesce(substr(e.date, 1, 4), '')",
	store.ByRoot:    "e.root",
	store.ByCode:    "e.cameo",
	store.ByQuad:    "CAST(e.quad AS text)",
	store.BySource:  "coalesce(e.src_code, '')",
	store.ByTarget:  "coalesce(e.tgt_code, '')",
	store.ByCountry: "coalesce(e.loc_country, '')",
}

// Count counts the events that pass f, grouped by the dimensions, ordered
// by their values byte by byte (COLLATE "C", as SQLite orders).
func (s *DB) Count(ctx context.Context, f store.Filter, by ...store.Dim) ([]store.Group, error) {
	var a args
	cond, err := where(f, &a)
	if err != nil {
		return nil, err
	}
	var cols, order []string
	for _, d := range by {
		c, ok := dimSQL[d]
		if !ok {
			return nil, fmt.Errorf("%w: unknown dimension %q", store.ErrFilter, d)
		}
		cols = append(cols, c)
		order = append(order, c+` COLLATE "C"`)
	}
	sel, group := "", ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", "
		group = " GROUP BY " + strings.Join(cols, ", ") + " ORDER BY " + strings.Join(order, ", ")
	}
	src, outer := "events e", cond
	if f.Limit > 0 {
		src, outer = "(SELECT * FROM events e WHERE "+cond+" ORDER BY e.id"+limit(f)+") e", "true"
	}
	rows, err := s.pool.Query(ctx, "SELECT "+sel+"count(*), coalesce(sum(e.num_mentions), 0) FROM "+src+" WHERE "+outer+group, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Group
	for rows.Next() {
		g := store.Group{Keys: make([]string, len(by))}
		dst := make([]any, 0, len(by)+2)
		for i := range g.Keys {
			dst = append(dst, &g.Keys[i])
		}
		dst = append(dst, &g.Events, &g.Mentions)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Failures calls fn for every recorded bad document, by file and line.
func (s *DB) Failures(ctx context.Context, fn func(store.Failure) error) error {
	rows, err := s.pool.Query(ctx, `SELECT file, line, reason FROM ingest_failures ORDER BY file COLLATE "C", line, reason COLLATE "C"`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f store.Failure
		if err := rows.Scan(&f.File, &f.Line, &f.Reason); err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Stats counts the stored rows.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT coalesce(sum(sentences), 0) FROM articles),
		(SELECT coalesce(sum(jsonb_array_length(actors_json)), 0) FROM articles),
		(SELECT coalesce(sum(jsonb_array_length(quotes_json)), 0) FROM articles),
		(SELECT coalesce(sum(jsonb_array_length(places_json)), 0) FROM articles), (SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM ingest_inputs), (SELECT count(*) FROM ingest_failures)`).
		Scan(&st.Articles, &st.Sentences, &st.Actors, &st.Quotes, &st.Places, &st.Events, &st.Mentions, &st.Inputs, &st.Failures)
	return st, err
}

// Stored returns which of the keys are stored articles' keys, in one
// query.
func (s *DB) Stored(ctx context.Context, keys []string) (map[string]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT key FROM articles WHERE key = ANY($1::text[])`, keys)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]bool, len(keys))
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// queryEvents runs the event query with the condition cond (and its args)
// and calls fn for each event, in ID order; Events and Select share it.
func (s *DB) queryEvents(ctx context.Context, cond string, args []any, lim string, fn func(*store.Event) error) error {
	rows, err := s.pool.Query(ctx, `SELECT e.id, e.date, e.src_code, e.src_country, e.src_sectors, e.src_name,
		e.tgt_code, e.tgt_country, e.tgt_sectors, e.tgt_name, e.cameo, e.root, e.quad, e.goldstein,
		e.plover_event, e.plover_mode, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.loc_precision,
		e.num_mentions, e.num_articles, e.num_sources, e.is_root, e.added, e.article_id, e.sentence,
		a.doc_id, coalesce(a.url, a.source), a.outlet
		FROM events e JOIN articles a ON a.id = e.article_id WHERE `+cond+` ORDER BY e.id`+lim, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e store.Event
		var date, sc, scn, sse, sna, tc, tcn, tse, tna, ln, lc, lp *string
		var lla, llo *float64
		var added int64
		var isRoot int
		if err := rows.Scan(&e.ID, &date, &sc, &scn, &sse, &sna, &tc, &tcn, &tse, &tna, &e.CAMEO, &e.Root, &e.Quad,
			&e.Goldstein, &e.Plover.Event, &e.Plover.Mode, &ln, &lc, &lla, &llo, &lp,
			&e.NumMentions, &e.NumArticles, &e.NumSources, &isRoot, &added, &e.ArticleID, &e.Sentence,
			&e.DocID, &e.URL, &e.Outlet); err != nil {
			return err
		}
		e.Date = str(date)
		e.IsRoot = isRoot != 0
		if sc != nil {
			e.Source = &store.Actor{Code: *sc, Country: str(scn), Sectors: splitSectors(sse), Name: str(sna)}
		}
		if tc != nil {
			e.Target = &store.Actor{Code: *tc, Country: str(tcn), Sectors: splitSectors(tse), Name: str(tna)}
		}
		if ln != nil || lc != nil {
			l := &sink.Location{Name: str(ln), Country: str(lc), Precision: str(lp)}
			if lla != nil {
				l.Lat = *lla
			}
			if llo != nil {
				l.Lon = *llo
			}
			e.Location = l
		}
		e.Added = time.Unix(added, 0).UTC()
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}
