package postgres

// The explorer's reads (dyad serve --postgres), as store/sqlite's
// explore.go: an undirected dyad, a full-text condition on the articles
// that mention an event, keyset pagination, sums of Goldstein scores, and
// one article with its layers and events.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"dyad/store"
)

// OpenReadOnly connects to an existing database that this process will
// only read: every transaction is read-only (default_transaction_read_only),
// so no statement can change the store. The database must be at this
// dyad's schema version (a reader cannot migrate it; open it once with
// Open, as a dyad worker does).
func OpenReadOnly(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: %w", err)
	}
	cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: %w", err)
	}
	v, err := version(ctx, pool)
	switch {
	case err != nil:
	case v == 0:
		err = errors.New("no dyad tables in this database (run a dyad worker against it first)")
	case v > SchemaVersion:
		err = fmt.Errorf("%w %d (this dyad knows up to %d)", store.ErrSchema, v, SchemaVersion)
	case v < SchemaVersion:
		err = fmt.Errorf("schema version %d is older than %d: open it once for writing (a dyad worker) to migrate it", v, SchemaVersion)
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("store/postgres: %w", err)
	}
	return &DB{pool: pool}, nil
}

// cond returns the SQL condition of q over events aliased e, adding its
// arguments to a. It accepts and refuses the same queries as store/sqlite,
// except that the text query is translated for PostgreSQL (see Search).
func cond(q store.Query, a *args) (string, error) {
	c, err := where(q.Filter, a)
	if err != nil {
		return "", err
	}
	conds := []string{c}
	if len(q.Dyads) > 0 {
		var alts []string
		for _, d := range q.Dyads {
			for _, v := range d {
				if v == "" || strings.ContainsAny(v, "*?[]") {
					return "", fmt.Errorf("%w: actor code %q", store.ErrFilter, v)
				}
			}
			x, y := a.add(likePrefix(d[0])), a.add(likePrefix(d[1]))
			alts = append(alts, "(e.src_code LIKE "+x+" AND e.tgt_code LIKE "+y+")",
				"(e.src_code LIKE "+y+" AND e.tgt_code LIKE "+x+")")
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if q.Text != "" {
		tsq, _, err := tsQuery(q.Text)
		if err != nil {
			return "", fmt.Errorf("%w: text query %q: %v", store.ErrFilter, q.Text, err)
		}
		conds = append(conds, `e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN
			(SELECT fa.id FROM articles fa WHERE fa.fts @@ to_tsquery('simple', `+a.add(tsq)+`)))`)
	}
	if q.After > 0 {
		conds = append(conds, "e.id > "+a.add(q.After))
	}
	if len(q.IDs) > 0 {
		conds = append(conds, "e.id = ANY("+a.add(q.IDs)+"::bigint[])")
	}
	return strings.Join(conds, " AND "), nil
}

// Select calls fn for every event that passes q, in id order, at most
// q.Limit of them (0: all).
func (s *DB) Select(ctx context.Context, q store.Query, fn func(*store.Event) error) error {
	var a args
	c, err := cond(q, &a)
	if err != nil {
		return err
	}
	return s.queryEvents(ctx, c, a, limit(q.Filter), fn)
}

// locationSQL is the value of store.ByLocation.
const locationSQL = `CASE WHEN e.loc_name IS NULL AND e.loc_country IS NULL THEN '' ELSE
	coalesce(e.loc_name, '') || '|' || coalesce(e.loc_country, '') || '|' ||
	coalesce(CAST(e.loc_lat AS text), '') || '|' || coalesce(CAST(e.loc_lon AS text), '') END`

// Aggregate counts the events that pass q, grouped by the dimensions (the
// store.Dims and store.ByLocation), ordered by the dimension values byte by
// byte (COLLATE "C", as SQLite orders). q.Limit is ignored.
func (s *DB) Aggregate(ctx context.Context, q store.Query, by ...store.Dim) ([]store.Tally, error) {
	q.Limit = 0
	var a args
	c, err := cond(q, &a)
	if err != nil {
		return nil, err
	}
	var cols, order []string
	for _, d := range by {
		col, ok := dimSQL[d]
		if d == store.ByLocation {
			col, ok = locationSQL, true
		}
		if !ok {
			return nil, fmt.Errorf("%w: unknown dimension %q", store.ErrFilter, d)
		}
		cols = append(cols, col)
		order = append(order, "("+col+`) COLLATE "C"`)
	}
	sel, group := "", ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", "
		group = " GROUP BY " + strings.Join(cols, ", ") + " ORDER BY " + strings.Join(order, ", ")
	}
	rows, err := s.pool.Query(ctx, "SELECT "+sel+"count(*), coalesce(sum(e.num_mentions), 0), coalesce(sum(e.goldstein), 0) FROM events e WHERE "+c+group, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Tally
	for rows.Next() {
		t := store.Tally{Keys: make([]string, len(by))}
		dst := make([]any, 0, len(by)+3)
		for i := range t.Keys {
			dst = append(dst, &t.Keys[i])
		}
		dst = append(dst, &t.Events, &t.Mentions, &t.Goldstein)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Article returns the stored article of this id, or store.ErrNotFound.
func (s *DB) Article(ctx context.Context, id int64) (*store.Article, error) {
	a := &store.Article{ID: id}
	var date, title, u, diags *string
	var sents, actors, quotes, places string
	var added int64
	err := s.pool.QueryRow(ctx, `SELECT key, doc_id, date, title, source, line, url, outlet, text,
		sentences_json::text, actors_json::text, quotes_json::text, places_json::text, diagnostics::text, added
		FROM articles WHERE id = $1`, id).
		Scan(&a.Key, &a.DocID, &date, &title, &a.Source, &a.Line, &u, &a.Outlet, &a.Text,
			&sents, &actors, &quotes, &places, &diags, &added)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("%w: article %d", store.ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	a.Date, a.Title, a.URL, a.Added = str(date), str(title), str(u), time.Unix(added, 0).UTC()
	var ss [][3]int
	if err := json.Unmarshal([]byte(sents), &ss); err != nil {
		return nil, fmt.Errorf("store/postgres: article %d: sentences: %w", id, err)
	}
	a.Sentences = make([]store.ArticleSentence, len(ss))
	for i, s := range ss {
		a.Sentences[i] = store.ArticleSentence{Start: s[0], End: s[1], Para: s[2]}
	}
	for _, l := range []struct {
		name, js string
		dst      any
	}{{"actors", actors, &a.Actors}, {"quotes", quotes, &a.Quotes}, {"places", places, &a.Places}} {
		if err := json.Unmarshal([]byte(l.js), l.dst); err != nil {
			return nil, fmt.Errorf("store/postgres: article %d: %s: %w", id, l.name, err)
		}
	}
	if diags != nil {
		if err := json.Unmarshal([]byte(*diags), &a.Diagnostics); err != nil {
			return nil, fmt.Errorf("store/postgres: article %d: diagnostics: %w", id, err)
		}
	}
	return a, nil
}

// ArticleMentions returns the mentions of events in one article, in the
// order of the article's coded events.
func (s *DB) ArticleMentions(ctx context.Context, id int64) ([]*store.Mention, error) {
	return s.mentionsWhere(ctx, "m.article_id = $1 ORDER BY m.ord", id)
}

// EventMentions returns the mentions of one event, by article and position.
func (s *DB) EventMentions(ctx context.Context, id int64) ([]*store.Mention, error) {
	return s.mentionsWhere(ctx, "m.event_id = $1 ORDER BY m.article_id, m.ord", id)
}

func (s *DB) mentionsWhere(ctx context.Context, cond string, arg any) ([]*store.Mention, error) {
	var out []*store.Mention
	rows, err := s.pool.Query(ctx, `SELECT m.event_id, m.article_id, a.doc_id, m.ref, a.source, coalesce(a.url, ''),
		m.outlet, coalesce(a.date, ''), m.added, e.added, a.bytes, m.sentence, m.para,
		m.src_start, m.src_end, m.tgt_start, m.tgt_end, m.verb_start, m.verb_end, m.src_char, m.tgt_char, m.verb_char,
		coalesce(m.src_text, ''), coalesce(m.tgt_text, ''), m.verb, m.rule, m.mood, m.evidence
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id
		WHERE `+cond, arg)
	if err != nil {
		return nil, err
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
			return nil, err
		}
		m.Added = time.Unix(added, 0).UTC()
		m.EventAdded = time.Unix(eadded, 0).UTC()
		if ss != nil && se != nil {
			ev.SourceSpan = [2]int{*ss, *se}
		}
		if ts != nil && te != nil {
			ev.TargetSpan = &[2]int{*ts, *te}
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// ArticleID returns the id of the article of this content key (store.Key),
// or store.ErrNotFound.
func (s *DB) ArticleID(ctx context.Context, key string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT id FROM articles WHERE key = $1`, key).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("%w: article %s", store.ErrNotFound, key)
	}
	return id, err
}
