package sqlite

// The explorer's reads (dyad serve): what store.Reader does not offer yet.
// An undirected dyad ("Iran–Turkey" in either direction), a full-text
// condition on the articles that mention an event, keyset pagination, sums
// of Goldstein scores, and one article with its layers and events.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"dyad/store"
)

// ErrNotFound is returned by Article and ArticleID for an article that is
// not stored. It is store.ErrNotFound.
var ErrNotFound = store.ErrNotFound

// OpenReadOnly opens an existing database that this process will only read:
// every connection runs with PRAGMA query_only, so no statement can change
// the file. The database must be at this dyad's schema version (a reader
// cannot migrate it; run dyad ingest once with this dyad).
func OpenReadOnly(path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store/sqlite: %w", err)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "query_only(1)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		db.Close()
		return nil, fmt.Errorf("store/sqlite: open %s: %w", path, err)
	}
	switch {
	case v > SchemaVersion:
		db.Close()
		return nil, fmt.Errorf("store/sqlite: open %s: %w %d (this dyad knows up to %d)", path, store.ErrSchema, v, SchemaVersion)
	case v < SchemaVersion:
		db.Close()
		return nil, fmt.Errorf("store/sqlite: open %s: schema version %d is older than %d: open it once for writing (dyad ingest) to migrate it", path, v, SchemaVersion)
	}
	s := &DB{db: db, path: path, wsem: make(chan struct{}, 1)}
	if s.has, err = db.PrepareContext(ctx, `SELECT EXISTS(SELECT 1 FROM articles WHERE key = ?)`); err != nil {
		db.Close()
		return nil, err
	}
	if s.finished, err = db.PrepareContext(ctx, `SELECT EXISTS(SELECT 1 FROM ingest_inputs WHERE path = ? AND size = ? AND mtime = ?)`); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Query selects events for the explorer (store.Query).
type Query = store.Query

// cond returns the SQL condition of q over events aliased e.
func (s *DB) cond(ctx context.Context, q Query) (string, []any, error) {
	c, args, err := where(q.Filter)
	if err != nil {
		return "", nil, err
	}
	conds := []string{c}
	if len(q.Dyads) > 0 {
		var alts []string
		for _, d := range q.Dyads {
			for _, v := range d {
				if v == "" || strings.ContainsAny(v, "*?[]") {
					return "", nil, fmt.Errorf("%w: actor code %q", store.ErrFilter, v)
				}
			}
			alts = append(alts, "(e.src_code GLOB ? AND e.tgt_code GLOB ?)", "(e.src_code GLOB ? AND e.tgt_code GLOB ?)")
			args = append(args, d[0]+"*", d[1]+"*", d[1]+"*", d[0]+"*")
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if q.Text != "" {
		// a malformed FTS5 query fails when it runs: try it first, so that
		// the caller can tell a bad query from a failing store
		var one int
		err := s.db.QueryRowContext(ctx, `SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1`, q.Text).Scan(&one)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			if ctx.Err() != nil {
				return "", nil, ctx.Err()
			}
			return "", nil, fmt.Errorf("%w: text query %q: %v", store.ErrFilter, q.Text, err)
		}
		conds = append(conds, `e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN
			(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`)
		args = append(args, q.Text)
	}
	if q.After > 0 {
		conds = append(conds, "e.id > ?")
		args = append(args, q.After)
	}
	if len(q.IDs) > 0 {
		ids := make([]string, len(q.IDs))
		for i, id := range q.IDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		conds = append(conds, "e.id IN ("+strings.Join(ids, ",")+")")
	}
	return strings.Join(conds, " AND "), args, nil
}

// Select calls fn for every event that passes q, in id order, at most
// q.Limit of them (0: all).
func (s *DB) Select(ctx context.Context, q Query, fn func(*store.Event) error) error {
	cond, args, err := s.cond(ctx, q)
	if err != nil {
		return err
	}
	return s.queryEvents(ctx, cond, args, limit(q.Filter), fn)
}

// ByLocation is a dimension of Aggregate beside the store.Dims
// (store.ByLocation).
const ByLocation = store.ByLocation

// Tally is one row of Aggregate (store.Tally).
type Tally = store.Tally

// Aggregate counts the events that pass q, grouped by the dimensions (the
// store.Dims and ByLocation), ordered by the dimension values. q.Limit is
// ignored.
func (s *DB) Aggregate(ctx context.Context, q Query, by ...store.Dim) ([]Tally, error) {
	q.Limit = 0
	cond, args, err := s.cond(ctx, q)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, d := range by {
		c, ok := dimSQL[d]
		if d == ByLocation {
			c, ok = `CASE WHEN e.loc_name IS NULL AND e.loc_country IS NULL THEN '' ELSE
				coalesce(e.loc_name, '') || '|' || coalesce(e.loc_country, '') || '|' ||
				coalesce(CAST(e.loc_lat AS TEXT), '') || '|' || coalesce(CAST(e.loc_lon AS TEXT), '') END`, true
		}
		if !ok {
			return nil, fmt.Errorf("%w: unknown dimension %q", store.ErrFilter, d)
		}
		cols = append(cols, c)
	}
	sel, group := "", ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", "
		var idx []string
		for i := range cols {
			idx = append(idx, strconv.Itoa(i+1))
		}
		group = " GROUP BY " + strings.Join(idx, ", ") + " ORDER BY " + strings.Join(idx, ", ")
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+sel+"count(*), coalesce(sum(e.num_mentions), 0), coalesce(sum(e.goldstein), 0) FROM events e WHERE "+cond+group, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Tally
	for rows.Next() {
		t := Tally{Keys: make([]string, len(by))}
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

// Article is one stored article with its annotation layers (store.Article).
type Article = store.Article

// The layers of an Article.
type (
	ArticleSentence = store.ArticleSentence
	ArticleActor    = store.ArticleActor
	ArticleQuote    = store.ArticleQuote
	ArticlePlace    = store.ArticlePlace
)

// Article returns the stored article of this id, or ErrNotFound.
func (s *DB) Article(ctx context.Context, id int64) (*Article, error) {
	a := &Article{ID: id}
	var date, title, u, diags sql.NullString
	var sents, actors, quotes, places string
	var added int64
	err := s.db.QueryRowContext(ctx, `SELECT key, doc_id, date, title, source, line, url, outlet, text,
		sentences_json, actors_json, quotes_json, places_json, diagnostics, added FROM articles WHERE id = ?`, id).
		Scan(&a.Key, &a.DocID, &date, &title, &a.Source, &a.Line, &u, &a.Outlet, &a.Text,
			&sents, &actors, &quotes, &places, &diags, &added)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: article %d", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	a.Date, a.Title, a.URL, a.Added = date.String, title.String, u.String, time.Unix(added, 0).UTC()
	var ss [][3]int
	if err := json.Unmarshal([]byte(sents), &ss); err != nil {
		return nil, fmt.Errorf("store/sqlite: article %d: sentences: %w", id, err)
	}
	a.Sentences = make([]ArticleSentence, len(ss))
	for i, s := range ss {
		a.Sentences[i] = ArticleSentence{Start: s[0], End: s[1], Para: s[2]}
	}
	for _, l := range []struct {
		name, js string
		dst      any
	}{{"actors", actors, &a.Actors}, {"quotes", quotes, &a.Quotes}, {"places", places, &a.Places}} {
		if err := json.Unmarshal([]byte(l.js), l.dst); err != nil {
			return nil, fmt.Errorf("store/sqlite: article %d: %s: %w", id, l.name, err)
		}
	}
	if diags.Valid {
		if err := json.Unmarshal([]byte(diags.String), &a.Diagnostics); err != nil {
			return nil, fmt.Errorf("store/sqlite: article %d: diagnostics: %w", id, err)
		}
	}
	return a, nil
}

// ArticleMentions returns the mentions of events in one article, in the
// order of the article's coded events.
func (s *DB) ArticleMentions(ctx context.Context, id int64) ([]*store.Mention, error) {
	return s.mentionsWhere(ctx, "m.article_id = ? ORDER BY m.ord", id)
}

// EventMentions returns the mentions of one event, by article and position.
func (s *DB) EventMentions(ctx context.Context, id int64) ([]*store.Mention, error) {
	return s.mentionsWhere(ctx, "m.event_id = ? ORDER BY m.article_id, m.ord", id)
}

func (s *DB) mentionsWhere(ctx context.Context, cond string, arg any) ([]*store.Mention, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.event_id, m.article_id, a.doc_id, m.ref, a.source, coalesce(a.url, ''),
		m.outlet, coalesce(a.date, ''), m.added, e.added, a.bytes, m.sentence, m.para,
		m.src_start, m.src_end, m.tgt_start, m.tgt_end, m.verb_start, m.verb_end, m.src_char, m.tgt_char, m.verb_char,
		coalesce(m.src_text, ''), coalesce(m.tgt_text, ''), m.verb, m.rule, m.mood, m.evidence
		FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id
		WHERE `+cond, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*store.Mention
	for rows.Next() {
		var m store.Mention
		var added, eadded int64
		var ss, se, ts, te sql.NullInt64
		ev := &m.Evidence
		if err := rows.Scan(&m.EventID, &m.ArticleID, &m.DocID, &m.Ref, &m.Source, &m.URL, &m.Outlet, &m.Date, &added, &eadded,
			&m.DocLen, &m.Sentence, &m.Para, &ss, &se, &ts, &te, &ev.VerbSpan[0], &ev.VerbSpan[1],
			&m.SourceChar, &m.TargetChar, &m.VerbChar, &m.SourceText, &m.TargetText, &ev.Verb, &ev.Rule, &m.Mood,
			&ev.Text); err != nil {
			return nil, err
		}
		m.Added = time.Unix(added, 0).UTC()
		m.EventAdded = time.Unix(eadded, 0).UTC()
		if ss.Valid {
			ev.SourceSpan = [2]int{int(ss.Int64), int(se.Int64)}
		}
		if ts.Valid {
			ev.TargetSpan = &[2]int{int(ts.Int64), int(te.Int64)}
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// ArticleID returns the id of the article of this content key (store.Key),
// or ErrNotFound.
func (s *DB) ArticleID(ctx context.Context, key string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: article %s", ErrNotFound, key)
	}
	return id, err
}
