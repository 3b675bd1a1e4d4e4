// Package postgres is dyad's shared store: a PostgreSQL database (through
// github.com/jackc/pgx/v5) implementing store.Store, for many workers on
// many machines writing one store (see package scale) and for serving it.
//
// The layout is store/sqlite's (docs/format/schema.md) in PostgreSQL types:
// the same tables, columns, views and dedupe keys, so that SQL written for
// one runs on the other with few changes. The differences:
//
//   - The annotation layers (sentences_json, actors_json, …) and diagnostics
//     are jsonb; the views sentences, actors, quotes and places read them
//     with jsonb_array_elements.
//   - Full-text search is a tsvector column, articles.fts (configuration
//     'simple': lower case, no stemming, no stop words, diacritics removed
//     as FTS5's remove_diacritics does), with a GIN index, instead of an
//     FTS5 table. Reader.Search takes the same FTS5 query syntax (words,
//     "phrases", prefix*, AND, OR, NOT, parentheses) and returns the same
//     kind of snippet; ranks are ts_rank_cd's, negated so lower is better.
//   - articles.seq orders the articles the way they entered dyad (an ingest
//     run's clock plus the document's index in its input). An event's first
//     mention, whose article, sentence, actor names and location the event
//     row carries, is the mention from the article of least (seq, key), not
//     the one that happened to commit first: workers storing the same
//     documents in any order, in any number of parallel batches, leave the
//     same rows as one process storing them in input order.
//   - Schema versions live in table dyad_schema; Open migrates under an
//     advisory lock, so workers starting together do not race, and refuses
//     a database from a newer dyad with store.ErrSchema.
//   - Text that PostgreSQL cannot hold (NUL bytes, invalid UTF-8) is stored
//     with each such byte replaced by '?', so that every byte offset still
//     points at the same place; the content key is that of the original.
//
// # Concurrency and idempotence
//
// Any number of Writers, in this process and others, may be open at once;
// each is one transaction on its own connection (READ COMMITTED). Appends
// are idempotent as in store/sqlite: an article whose key is stored (or is
// being stored by a transaction that then commits) is left alone. Events
// merge by signature under the event row's lock: num_mentions,
// num_articles, num_sources and is_root come out the same whatever the
// interleaving. A batch's event rows are written at Commit, sorted by
// signature, in one pipelined round trip, so that concurrent batches lock
// shared events in one order and do not deadlock; should one fail all the
// same (a deadlock between batches holding the same new articles, a lost
// connection), Commit returns an error for which Retryable reports true,
// and the caller appends the batch again.
package postgres

import (
	"context"
	"dyad/store/internal/layers"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"dyad/doc"
	"dyad/sink"
	"dyad/store"
)

// DB is an open store. It is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool

	mu      sync.Mutex // guards lastSeq
	lastSeq int64
}

// Options change how Open opens a database. The zero value migrates the
// schema and uses pgxpool's default pool size.
type Options struct {
	// MustExist refuses a database without dyad's tables (for readers)
	// instead of creating them.
	MustExist bool
	// MaxConns caps the connection pool (0: pgxpool's default, the
	// larger of 4 and the number of CPUs; or pool_max_conns in the DSN).
	MaxConns int32
}

// Open connects to the database named by dsn (a URL,
// postgres://user:pass@host:5432/dbname?sslmode=disable, or key=value
// pairs; see pgx.ParseConfig) and brings its schema up to date.
func Open(ctx context.Context, dsn string, opt *Options) (*DB, error) {
	if opt == nil {
		opt = &Options{}
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: %w", err)
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: %w", err)
	}
	if opt.MustExist {
		v, err := version(ctx, pool)
		if err == nil && v == 0 {
			err = errors.New("no dyad tables in this database (run a dyad worker against it first)")
		}
		if err != nil {
			pool.Close()
			return nil, fmt.Errorf("store/postgres: %w", err)
		}
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store/postgres: open: %w", err)
	}
	return &DB{pool: pool}, nil
}

// Pool returns the connection pool, for queries this package does not
// offer. Its rows are committed batches only.
func (s *DB) Pool() *pgxpool.Pool { return s.pool }

// Close closes the pool, waiting for the connections in use.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

// NextSeq returns an input-order number for an article appended now: the
// current Unix time in nanoseconds, or one more than the last number given,
// whichever is larger. Append uses it; producers that know the input order
// better give their own to AppendSeq.
func (s *DB) NextSeq() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := time.Now().UnixNano()
	if n <= s.lastSeq {
		n = s.lastSeq + 1
	}
	s.lastSeq = n
	return n
}

// Retryable reports whether err, from a Writer or Reader of this package,
// is transient: the connection failed or was refused, the server is
// shutting down or short of resources, or the transaction was chosen as a
// deadlock or serialization victim. A batch that failed so may succeed when
// appended again; other errors (a value PostgreSQL refuses) will not.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code[:2] {
		case "08", // connection exception
			"40", // transaction rollback: serialization failure, deadlock
			"53", // insufficient resources
			"57", // operator intervention: shutdown, cancel
			"58": // system error
			return true
		}
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "closed pool")
}

// Retryable is the package function Retryable, as a method, so that code
// holding a store can ask it.
func (s *DB) Retryable(err error) bool { return Retryable(err) }

// Writer starts a batch: one transaction on its own connection. Other
// Writers may be open at the same time. The batch's statements run under
// ctx: once it ends, the batch fails and can only be rolled back.
func (s *DB) Writer(ctx context.Context) (store.Writer, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store/postgres: begin: %w", err)
	}
	return &Writer{db: s, ctx: ctx, tx: tx, now: time.Now().UTC().Unix(), seenSig: map[string]int{}}, nil
}

// Writer is one batch; see store.Writer. Besides the interface it offers
// AppendSeq.
type Writer struct {
	db     *DB
	ctx    context.Context
	tx     pgx.Tx
	now    int64
	closed bool

	units   []unit // the batch's event writes, sent at Commit
	inputs  []store.Input
	fails   []store.Failure
	seenSig map[string]int // scratch
	buf     []byte         // scratch
	lbuf    []byte         // scratch
}

// unit is what one article adds to one stored event: the event upsert and
// its mentions. Units are sent sorted by signature (stable, so one event's
// units keep the batch's article order).
type unit struct {
	sig  string
	args [][]any // upsert, sources, first mention, then one per mention
}

const (
	insertArticleSQL = `INSERT INTO articles(key, doc_id, date, title, source, line, url, outlet, text, bytes, sentences, events,
		sentences_json, actors_json, quotes_json, places_json, diagnostics, added, seq, fts)
	VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,
		to_tsvector('simple', coalesce($20::text, coalesce($4::text, '') || ' ' || $9::text)))
	ON CONFLICT (key) DO NOTHING RETURNING id`
	upsertEventSQL = `INSERT INTO events AS e (sig, date, src_code, src_country, src_sectors, src_name, tgt_code, tgt_country, tgt_sectors, tgt_name,
		cameo, root, quad, goldstein, plover_event, plover_mode, loc_name, loc_country, loc_lat, loc_lon, loc_precision,
		num_mentions, num_articles, num_sources, is_root, added, article_id, sentence)
	VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,1,1,$23,$24,$25,$26)
	ON CONFLICT (sig) DO UPDATE SET num_mentions = e.num_mentions + excluded.num_mentions,
		num_articles = e.num_articles + 1, is_root = greatest(e.is_root, excluded.is_root),
		added = least(e.added, excluded.added)`
	// run after the upsert, holding the event's row lock, in a statement
	// of its own so that it sees the mentions committed by the batches
	// that held the lock before
	addSourceSQL = `UPDATE events e SET num_sources = e.num_sources + 1
	WHERE e.sig = $1 AND e.num_articles > 1
		AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.outlet = $2)`
	firstMentionSQL = `UPDATE events e SET src_country = $3, src_sectors = $4, src_name = $5,
		tgt_country = $6, tgt_sectors = $7, tgt_name = $8, goldstein = $9, plover_event = $10, plover_mode = $11,
		loc_name = $12, loc_lat = $13, loc_lon = $14, loc_precision = $15, article_id = $16, sentence = $17
	FROM articles cur
	WHERE e.sig = $1 AND cur.id = e.article_id AND e.article_id <> $16 AND (cur.seq, cur.key) > ($2::bigint, $18::text)`
	insertMentionSQL = `INSERT INTO mentions(event_id, article_id, ord, ref, outlet, sentence, para, src_start, src_end, tgt_start, tgt_end,
		verb_start, verb_end, src_char, tgt_char, verb_char, src_text, tgt_text, verb, rule, mood, evidence, added)
	VALUES((SELECT id FROM events WHERE sig = $1),$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)`
	doneSQL = `INSERT INTO ingest_inputs(path, size, mtime, done) VALUES($1,$2,$3,$4)
	ON CONFLICT (path, size, mtime) DO UPDATE SET done = excluded.done`
	failSQL = `INSERT INTO ingest_failures(file, line, reason, at) VALUES($1,$2,$3,$4) ON CONFLICT DO NOTHING`
)

// Append stores a coded document; see store.Writer. Its input order is
// NextSeq's.
func (w *Writer) Append(d *doc.Doc) (bool, error) {
	if w.closed {
		return false, store.ErrClosed
	}
	return w.AppendSeq(d, w.db.NextSeq())
}

// AppendSeq is Append with the article's input-order number given: of the
// articles that mention one event, the one of least (seq, key) is its first
// mention.
func (w *Writer) AppendSeq(d *doc.Doc, seq int64) (bool, error) {
	if w.closed {
		return false, store.ErrClosed
	}
	key := store.Key(d)
	d = sanitize(d)
	out := sink.Convert(d)
	var date any
	dateStr := ""
	if out.Date != nil {
		dateStr = *out.Date
		date = dateStr
	}
	var diags any
	if len(out.Diagnostics) > 0 {
		b, err := json.Marshal(out.Diagnostics)
		if err != nil {
			return false, err
		}
		diags = string(b)
	}
	var actors, quotes, places []byte
	w.lbuf, actors, quotes, places = layers.Layers(w.lbuf, d, &out)
	w.buf = layers.Sentences(w.buf, d.Sentences)
	outlet := store.Outlet(d)
	var folded any
	if f, ok := foldText(d.Title + " " + d.Text); ok {
		folded = f
	}
	var id int64
	err := w.tx.QueryRow(w.ctx, insertArticleSQL, key, d.ID, date, null(d.Title), d.Source, d.Line, null(store.URL(d)), outlet,
		d.Text, len(d.Text), len(d.Sentences), len(d.Events), string(w.buf), string(actors), string(quotes), string(places),
		diags, w.now, seq, folded).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil // stored already
	}
	if err != nil {
		return false, fmt.Errorf("store/postgres: article %s: %w", d.ID, err)
	}
	w.queueEvents(id, key, seq, outlet, dateStr, d, &out)
	return true, nil
}

// queueEvents adds the article's event writes to the batch.
func (w *Writer) queueEvents(id int64, key string, seq int64, outlet, date string, d *doc.Doc, out *sink.Document) {
	if len(out.Events) == 0 {
		return
	}
	clear(w.seenSig)
	var groups [][]int
	var sigs []string
	for i := range out.Events {
		sig := store.Signature(date, key, &out.Events[i])
		g, ok := w.seenSig[sig]
		if !ok {
			g = len(groups)
			w.seenSig[sig] = g
			groups = append(groups, nil)
			sigs = append(sigs, sig)
		}
		groups[g] = append(groups[g], i)
	}
	chars := newCharIndex(d.Text)
	for gi, g := range groups {
		sig := sigs[gi]
		e := &out.Events[g[0]]
		isRoot := 0
		for _, i := range g {
			if para(d, out.Events[i].Sentence) == 0 {
				isRoot = 1
			}
		}
		var sc, scn, sse, sna, tc, tcn, tse, tna any
		if a := e.Source; a != nil {
			sc, scn, sse, sna = a.Code, a.Country, strings.Join(a.Sectors, " "), a.Text
		}
		if a := e.Target; a != nil {
			tc, tcn, tse, tna = a.Code, a.Country, strings.Join(a.Sectors, " "), a.Text
		}
		var ln, lc, lla, llo, lp any
		if l := e.Location; l != nil {
			ln, lc, lla, llo, lp = l.Name, l.Country, l.Lat, l.Lon, l.Precision
		}
		u := unit{sig: sig}
		u.args = append(u.args,
			[]any{sig, null(date), sc, scn, sse, sna, tc, tcn, tse, tna, e.CAMEO, e.Root, e.Quad, e.Goldstein,
				e.Plover.Event, e.Plover.Mode, ln, lc, lla, llo, lp, len(g), isRoot, w.now, id, e.Sentence},
			[]any{sig, outlet},
			[]any{sig, seq, scn, sse, sna, tcn, tse, tna, e.Goldstein, e.Plover.Event, e.Plover.Mode,
				ln, lla, llo, lp, id, e.Sentence, key})
		for _, i := range g {
			m := &out.Events[i]
			ev := &m.Evidence
			var ss, se, ts, te, stext, ttext any
			schar, tchar := -1, -1
			if m.Source != nil {
				ss, se, stext = ev.SourceSpan[0], ev.SourceSpan[1], m.Source.Text
				schar = chars.at(ev.SourceSpan[0])
			}
			if m.Target != nil && ev.TargetSpan != nil {
				ts, te, ttext = ev.TargetSpan[0], ev.TargetSpan[1], m.Target.Text
				tchar = chars.at(ev.TargetSpan[0])
			}
			u.args = append(u.args, []any{sig, id, i, m.ID, outlet, m.Sentence, para(d, m.Sentence), ss, se, ts, te,
				ev.VerbSpan[0], ev.VerbSpan[1], schar, tchar, chars.at(ev.VerbSpan[0]), stext, ttext,
				ev.Verb, ev.Rule, m.Mood, ev.Text, w.now})
		}
		w.units = append(w.units, u)
	}
}

// Done records that the input was read to the end.
func (w *Writer) Done(in store.Input) error {
	if w.closed {
		return store.ErrClosed
	}
	w.inputs = append(w.inputs, in)
	return nil
}

// Fail records a bad document.
func (w *Writer) Fail(f store.Failure) error {
	if w.closed {
		return store.ErrClosed
	}
	f.File, f.Reason = cleanString(f.File), cleanString(f.Reason)
	w.fails = append(w.fails, f)
	return nil
}

// Commit writes the batch's events, mentions and progress records in one
// round trip and commits.
func (w *Writer) Commit() error {
	if w.closed {
		return store.ErrClosed
	}
	w.closed = true
	err := w.flush()
	if err == nil {
		err = w.tx.Commit(w.ctx)
	}
	if err != nil {
		w.tx.Rollback(context.Background())
		return fmt.Errorf("store/postgres: commit: %w", err)
	}
	return nil
}

func (w *Writer) flush() error {
	if len(w.units) == 0 && len(w.inputs) == 0 && len(w.fails) == 0 {
		return nil
	}
	slices.SortStableFunc(w.units, func(a, b unit) int { return strings.Compare(a.sig, b.sig) })
	var b pgx.Batch
	for _, u := range w.units {
		b.Queue(upsertEventSQL, u.args[0]...)
		b.Queue(addSourceSQL, u.args[1]...)
		b.Queue(firstMentionSQL, u.args[2]...)
		for _, m := range u.args[3:] {
			b.Queue(insertMentionSQL, m...)
		}
	}
	slices.SortFunc(w.inputs, func(a, b store.Input) int {
		return cmpAll(strings.Compare(a.Path, b.Path), int(a.Size-b.Size), a.ModTime.Compare(b.ModTime))
	})
	for _, in := range w.inputs {
		b.Queue(doneSQL, cleanString(in.Path), in.Size, in.ModTime.UnixNano(), w.now)
	}
	slices.SortFunc(w.fails, func(a, b store.Failure) int {
		return cmpAll(strings.Compare(a.File, b.File), a.Line-b.Line, strings.Compare(a.Reason, b.Reason))
	})
	for _, f := range w.fails {
		b.Queue(failSQL, f.File, f.Line, f.Reason, w.now)
	}
	return w.tx.SendBatch(w.ctx, &b).Close()
}

func cmpAll(c ...int) int {
	for _, x := range c {
		if x != 0 {
			return x
		}
	}
	return 0
}

// Rollback discards the batch. After Commit it does nothing.
func (w *Writer) Rollback() error {
	if w.closed {
		return nil
	}
	w.closed = true
	return w.tx.Rollback(context.Background())
}

// null returns nil for "", so that an absent value is stored as NULL.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func para(d *doc.Doc, s int) int {
	if s < 0 || s >= len(d.Sentences) {
		return -1
	}
	return d.Sentences[s].Para
}

// clean reports whether s can be stored as PostgreSQL text as it is: valid
// UTF-8 without NUL bytes.
func clean(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// cleanString replaces every NUL byte and every byte of an invalid UTF-8
// sequence with '?', keeping the length.
func cleanString(s string) string {
	if clean(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0 || (r == utf8.RuneError && size == 1) {
			b = append(b, '?')
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// sanitize returns d, or a shallow copy of it whose strings PostgreSQL can
// hold (see cleanString). Offsets stay valid: lengths do not change.
func sanitize(d *doc.Doc) *doc.Doc {
	if clean(d.Text) && clean(d.Title) && clean(d.ID) && clean(d.Source) && cleanDiags(d) {
		return d
	}
	c := *d
	c.Text, c.Title, c.ID, c.Source = cleanString(d.Text), cleanString(d.Title), cleanString(d.ID), cleanString(d.Source)
	c.Diagnostics = nil
	for _, g := range d.Diagnostics {
		g.Msg, g.Stage, g.Code = cleanString(g.Msg), cleanString(g.Stage), cleanString(g.Code)
		c.Diagnostics = append(c.Diagnostics, g)
	}
	return &c
}

func cleanDiags(d *doc.Doc) bool {
	for _, g := range d.Diagnostics {
		if !clean(g.Msg) || !clean(g.Stage) || !clean(g.Code) {
			return false
		}
	}
	return true
}

// charIndex turns byte offsets into character offsets; ASCII text needs no
// work. (As in store/sqlite.)
type charIndex struct {
	text  string
	ascii bool
}

func newCharIndex(text string) charIndex {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return charIndex{text, ascii}
}

func (c charIndex) at(off int) int {
	if c.ascii || off <= 0 {
		return off
	}
	if off > len(c.text) {
		off = len(c.text)
	}
	return utf8.RuneCountInString(c.text[:off])
}

var (
	_ store.Store  = (*DB)(nil)
	_ store.Writer = (*Writer)(nil)
)
