package sqlite

import (
	"context"
	"database/sql"
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
	err := s.has.QueryRowContext(ctx, key).Scan(&ok)
	return ok, err
}

// Finished reports whether the input was read to the end by an ingest.
func (s *DB) Finished(ctx context.Context, in store.Input) (bool, error) {
	var ok bool
	err := s.finished.QueryRowContext(ctx, in.Path, in.Size, in.ModTime.UnixNano()).Scan(&ok)
	return ok, err
}

// where returns the SQL condition (over events aliased e) and arguments of f.
func where(f store.Filter) (string, []any, error) {
	var conds []string
	var args []any
	date := func(s string) error {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return fmt.Errorf("%w: date %q: want YYYY-MM-DD", store.ErrFilter, s)
		}
		return nil
	}
	if f.From != "" {
		if err := date(f.From); err != nil {
			return "", nil, err
		}
		conds = append(conds, "e.date >= ?")
		args = append(args, f.From)
	}
	if f.To != "" {
		if err := date(f.To); err != nil {
			return "", nil, err
		}
		conds = append(conds, "e.date <= ?")
		args = append(args, f.To)
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
			for _, c := range cols {
				alts = append(alts, c+" GLOB ?")
				args = append(args, v+"*")
			}
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
		return nil
	}
	if err := prefix([]string{"e.src_code", "e.tgt_code"}, f.Actor); err != nil {
		return "", nil, err
	}
	if err := prefix([]string{"e.src_code"}, f.Source); err != nil {
		return "", nil, err
	}
	if err := prefix([]string{"e.tgt_code"}, f.Target); err != nil {
		return "", nil, err
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",")+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("e.cameo", f.Code)
	in("e.root", f.Root)
	if len(f.Quad) > 0 {
		var qs []string
		for _, q := range f.Quad {
			if q < 1 || q > 4 {
				return "", nil, fmt.Errorf("%w: quad class %d: want 1 to 4", store.ErrFilter, q)
			}
			qs = append(qs, strconv.Itoa(q))
		}
		in("CAST(e.quad AS TEXT)", qs)
	}
	if len(f.Place) > 0 {
		var alts []string
		for _, p := range f.Place {
			alts = append(alts, "e.loc_country = ? OR lower(e.loc_name) = lower(?)")
			args = append(args, p, p)
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if f.MinMentions > 0 {
		conds = append(conds, "e.num_mentions >= ?")
		args = append(args, f.MinMentions)
	}
	if len(conds) == 0 {
		return "1", args, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

func limit(f store.Filter) string {
	if f.Limit > 0 {
		return " LIMIT " + strconv.Itoa(f.Limit)
	}
	return ""
}

func splitSectors(s sql.NullString) []string {
	if !s.Valid || s.String == "" {
		return []string{}
	}
	return strings.Fields(s.String)
}

// Events calls fn for every event that passes f, in ID order.
func (s *DB) Events(ctx context.Context, f store.Filter, fn func(*store.Event) error) error {
	cond, args, err := where(f)
	if err != nil {
		return err
	}
	return s.queryEvents(ctx, cond, args, limit(f), fn)
}

// Mentions calls fn for every mention of the events that pass f.
func (s *DB) Mentions(ctx context.Context, f store.Filter, fn func(*store.Mention) error) error {
	cond, args, err := where(f)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.event_id, m.article_id, a.doc_id, m.ref, a.source, coalesce(a.url, ''),
		m.outlet, coalesce(a.date, ''), m.added, e.added, a.bytes, m.sentence, m.para,
		m.src_start, m.src_end, m.tgt_start, m.tgt_end, m.verb_start, m.verb_end, m.src_char, m.tgt_char, m.verb_char,
		coalesce(m.src_text, ''), coalesce(m.tgt_text, ''), m.verb, m.rule, m.mood, m.evidence
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id
		WHERE m.event_id IN (SELECT e.id FROM events e WHERE `+cond+` ORDER BY e.id`+limit(f)+`)
		ORDER BY m.event_id, m.article_id, m.ord`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m store.Mention
		var added, eadded int64
		var ss, se, ts, te sql.NullInt64
		ev := &m.Evidence
		if err := rows.Scan(&m.EventID, &m.ArticleID, &m.DocID, &m.Ref, &m.Source, &m.URL, &m.Outlet, &m.Date, &added, &eadded,
			&m.DocLen, &m.Sentence, &m.Para, &ss, &se, &ts, &te, &ev.VerbSpan[0], &ev.VerbSpan[1],
			&m.SourceChar, &m.TargetChar, &m.VerbChar, &m.SourceText, &m.TargetText, &ev.Verb, &ev.Rule, &m.Mood,
			&ev.Text); err != nil {
			return err
		}
		m.Added = time.Unix(added, 0).UTC()
		m.EventAdded = time.Unix(eadded, 0).UTC()
		if ss.Valid {
			ev.SourceSpan = [2]int{int(ss.Int64), int(se.Int64)}
		}
		if ts.Valid {
			ev.TargetSpan = &[2]int{int(ts.Int64), int(te.Int64)}
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
	store.ByQuad:    "CAST(e.quad AS TEXT)",
	store.BySource:  "coalesce(e.src_code, '')",
	store.ByTarget:  "coalesce(e.tgt_code, '')",
	store.ByCountry: "coalesce(e.loc_country, '')",
}

// Count counts the events that pass f, grouped by the dimensions.
func (s *DB) Count(ctx context.Context, f store.Filter, by ...store.Dim) ([]store.Group, error) {
	cond, args, err := where(f)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, d := range by {
		c, ok := dimSQL[d]
		if !ok {
			return nil, fmt.Errorf("%w: unknown dimension %q", store.ErrFilter, d)
		}
		cols = append(cols, c)
	}
	sel, group := "", ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", "
		group = " GROUP BY " + strings.Join(cols, ", ") + " ORDER BY " + strings.Join(cols, ", ")
	}
	src, outer := "events e", cond
	if f.Limit > 0 {
		src, outer = "(SELECT * FROM events e WHERE "+cond+" ORDER BY e.id"+limit(f)+") e", "1"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+sel+"count(*), coalesce(sum(e.num_mentions), 0) FROM "+src+" WHERE "+outer+group, args...)
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

// Search finds articles by an FTS5 query, best first.
func (s *DB) Search(ctx context.Context, query string, n int) ([]store.Hit, error) {
	if n <= 0 {
		n = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.doc_id, coalesce(a.date, ''), coalesce(a.title, ''), a.source,
		snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts)
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?`, query, n)
	if err != nil {
		return nil, fmt.Errorf("store/sqlite: search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []store.Hit
	for rows.Next() {
		var h store.Hit
		if err := rows.Scan(&h.ArticleID, &h.DocID, &h.Date, &h.Title, &h.Source, &h.Snippet, &h.Rank); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store/sqlite: search %q: %w", query, err)
	}
	return hits, nil
}

// Failures calls fn for every recorded bad document, by file and line.
func (s *DB) Failures(ctx context.Context, fn func(store.Failure) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT file, line, reason FROM ingest_failures ORDER BY file, line, reason`)
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
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT coalesce(sum(sentences), 0) FROM articles),
		(SELECT coalesce(sum(json_array_length(actors_json)), 0) FROM articles),
		(SELECT coalesce(sum(json_array_length(quotes_json)), 0) FROM articles),
		(SELECT coalesce(sum(json_array_length(places_json)), 0) FROM articles), (SELECT count(*) FROM events),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM ingest_inputs), (SELECT count(*) FROM ingest_failures)`).
		Scan(&st.Articles, &st.Sentences, &st.Actors, &st.Quotes, &st.Places, &st.Events, &st.Mentions, &st.Inputs, &st.Failures)
	return st, err
}

var _ store.Store = (*DB)(nil)

// queryEvents runs the event query with the condition cond (and its args)
// and calls fn for each event, in ID order; Events and Select share it.
func (s *DB) queryEvents(ctx context.Context, cond string, args []any, lim string, fn func(*store.Event) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.date, e.src_code, e.src_country, e.src_sectors, e.src_name,
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
		var date, sc, scn, sse, sna, tc, tcn, tse, tna, ln, lc, lp sql.NullString
		var lla, llo sql.NullFloat64
		var added int64
		if err := rows.Scan(&e.ID, &date, &sc, &scn, &sse, &sna, &tc, &tcn, &tse, &tna, &e.CAMEO, &e.Root, &e.Quad,
			&e.Goldstein, &e.Plover.Event, &e.Plover.Mode, &ln, &lc, &lla, &llo, &lp,
			&e.NumMentions, &e.NumArticles, &e.NumSources, &e.IsRoot, &added, &e.ArticleID, &e.Sentence,
			&e.DocID, &e.URL, &e.Outlet); err != nil {
			return err
		}
		e.Date = date.String
		if sc.Valid {
			e.Source = &store.Actor{Code: sc.String, Country: scn.String, Sectors: splitSectors(sse), Name: sna.String}
		}
		if tc.Valid {
			e.Target = &store.Actor{Code: tc.String, Country: tcn.String, Sectors: splitSectors(tse), Name: tna.String}
		}
		if ln.Valid || lc.Valid {
			e.Location = &sink.Location{Name: ln.String, Country: lc.String, Lat: lla.Float64, Lon: llo.Float64, Precision: lp.String}
		}
		e.Added = time.Unix(added, 0).UTC()
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}
