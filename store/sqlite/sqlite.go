// Package sqlite is dyad's embedded store: one SQLite database file
// (modernc.org/sqlite, pure Go) in write-ahead-log mode, implementing
// store.Store.
//
// Open creates the file when needed and brings its schema up to date
// (migrations are numbered by PRAGMA user_version; a database from a newer
// dyad is refused with store.ErrSchema). The layout is documented in
// docs/format/schema.md: articles (with an FTS5 full-text index over title
// and text) carrying their sentences, actor mentions, quotes and places as
// JSON columns read through views of those names; events and their
// mentions; and the ingest's progress (inputs read to the end, bad
// documents).
//
// A Writer is one SQLite write transaction (BEGIN IMMEDIATE … COMMIT): a
// process killed in the middle of a batch leaves the database as of the
// last Commit, and the articles of the lost batch are appended again when
// the ingest is rerun. Only one Writer per DB is open at a time; other
// processes writing the same file wait for the lock (busy timeout 30 s).
// Readers use their own connections and see committed batches only.
//
// The connections run with synchronous=NORMAL, the usual setting for WAL:
// a committed batch survives the process being killed; after a power
// failure the last batches may be lost, never the database.
package sqlite

import (
	"context"
	"database/sql"
	"dyad/store/internal/layers"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"dyad/doc"
	"dyad/sink"
	"dyad/store"
)

// DB is an open store. It is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string

	wsem chan struct{} // held by the open Writer

	mu    sync.Mutex // guards wconn and w
	wconn *sql.Conn
	w     *stmts

	has, finished *sql.Stmt
}

// Options change how Open opens a database. The zero value creates a
// missing file.
type Options struct {
	// MustExist refuses to create a missing database (for readers).
	MustExist bool
}

// Open opens (or creates) the database file at path and migrates it.
func Open(path string, opt *Options) (*DB, error) {
	if opt != nil && opt.MustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("store/sqlite: %w", err)
		}
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := create(path); err != nil {
			return nil, fmt.Errorf("store/sqlite: create %s: %w", path, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("store/sqlite: open %s: %w", path, err)
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

// pageSize is the page size of new databases. Articles are a few KiB of
// text each; 16 KiB pages hold most of them without overflow pages.
var pageSize = 16384

// create makes a new, empty database file with dyad's page size in WAL
// mode. (The page size must be set before the file is first written, and
// the driver runs a DSN's pragmas in alphabetical order, journal_mode
// before page_size, so it cannot go in the DSN.) The file is made under a
// temporary name and linked into place, so that no other process sees it
// half made; if another process made it first, its file is kept.
func create(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	tmp.Close()
	defer os.Remove(name)
	if err := os.Chmod(name, 0o644); err != nil { // CreateTemp makes 0600
		return err
	}
	db, err := sql.Open("sqlite", "file:"+name)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, p := range []string{fmt.Sprintf("PRAGMA page_size = %d", pageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := db.Exec(p); err != nil {
			return err
		}
	}
	if err := db.Close(); err != nil {
		return err
	}
	if err := os.Link(name, path); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return nil
}

// Path returns the database file name.
func (s *DB) Path() string { return s.path }

// SQL returns the underlying database handle, for queries this package does
// not offer. Do not write through it while a Writer is open.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database. An open Writer is rolled back.
func (s *DB) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil {
		s.w.close()
		s.w = nil
	}
	if s.wconn != nil {
		s.wconn.ExecContext(context.Background(), "ROLLBACK") // no-op outside a transaction
		s.wconn.Close()
		s.wconn = nil
	}
	s.has.Close()
	s.finished.Close()
	return s.db.Close()
}

// stmts are the writer's prepared statements, bound to its connection.
type stmts struct {
	article, fts                          *sql.Stmt
	event, outletSeen, addSource, mention *sql.Stmt
	done, fail                            *sql.Stmt
}

func (st *stmts) all() []**sql.Stmt {
	return []**sql.Stmt{&st.article, &st.fts, &st.event, &st.outletSeen, &st.addSource, &st.mention, &st.done, &st.fail}
}

func (st *stmts) close() {
	for _, p := range st.all() {
		if *p != nil {
			(*p).Close()
		}
	}
}

var writerSQL = []string{
	`INSERT INTO articles(key, doc_id, date, title, source, line, url, outlet, text, bytes, sentences, events,
		sentences_json, actors_json, quotes_json, places_json, diagnostics, added)
	 VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING RETURNING id`,
	`INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles WHERE id BETWEEN ? AND ?`,
	`INSERT INTO events(sig, date, src_code, src_country, src_sectors, src_name, tgt_code, tgt_country, tgt_sectors, tgt_name,
		cameo, root, quad, goldstein, plover_event, plover_mode, loc_name, loc_country, loc_lat, loc_lon, loc_precision,
		num_mentions, num_articles, num_sources, is_root, added, article_id, sentence)
	 VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,1,?,?,?,?)
	 ON CONFLICT(sig) DO UPDATE SET num_mentions = num_mentions + excluded.num_mentions,
		num_articles = num_articles + 1, is_root = max(is_root, excluded.is_root)
	 RETURNING id, num_articles`,
	`SELECT EXISTS(SELECT 1 FROM mentions WHERE event_id = ? AND outlet = ?)`,
	`UPDATE events SET num_sources = num_sources + 1 WHERE id = ?`,
	`INSERT INTO mentions(event_id, article_id, ord, ref, outlet, sentence, para, src_start, src_end, tgt_start, tgt_end,
		verb_start, verb_end, src_char, tgt_char, verb_char, src_text, tgt_text, verb, rule, mood, evidence, added)
	 VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	`INSERT OR REPLACE INTO ingest_inputs(path, size, mtime, done) VALUES(?,?,?,?)`,
	`INSERT OR IGNORE INTO ingest_failures(file, line, reason, at) VALUES(?,?,?,?)`,
}

// Writer starts a batch: one write transaction. It waits while another
// Writer of s is open (or until ctx ends), and for other processes' write
// transactions up to the busy timeout.
func (s *DB) Writer(ctx context.Context) (store.Writer, error) {
	select {
	case s.wsem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	w, err := s.begin(ctx)
	if err != nil {
		<-s.wsem
		return nil, err
	}
	return w, nil
}

func (s *DB) begin(ctx context.Context) (*writer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wconn == nil {
		c, err := s.db.Conn(context.Background())
		if err != nil {
			return nil, err
		}
		st := &stmts{}
		for i, p := range st.all() {
			if *p, err = c.PrepareContext(ctx, writerSQL[i]); err != nil {
				st.close()
				c.Close()
				return nil, fmt.Errorf("store/sqlite: prepare: %w", err)
			}
		}
		s.wconn, s.w = c, st
	}
	if _, err := s.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, fmt.Errorf("store/sqlite: begin: %w", err)
	}
	return &writer{s: s, st: s.w, now: time.Now().UTC().Unix(), seenSig: map[string]int{}}, nil
}

// writer is one batch.
type writer struct {
	s      *DB
	st     *stmts
	now    int64
	closed bool

	seenSig map[string]int // scratch: signature → group index
	buf     []byte         // scratch
	lbuf    []byte         // scratch

	// the articles of this batch, indexed for full-text search at Commit
	// (one FTS5 flush per batch instead of one per statement)
	firstID, lastID int64
}

func (w *writer) end(sqlText string) error {
	if w.closed {
		return store.ErrClosed
	}
	w.closed = true
	defer func() { <-w.s.wsem }()
	_, err := w.s.wconn.ExecContext(context.Background(), sqlText)
	if err != nil && sqlText == "COMMIT" {
		w.s.wconn.ExecContext(context.Background(), "ROLLBACK")
	}
	return err
}

// Commit ends the batch, making it durable and visible.
func (w *writer) Commit() error {
	if w.closed {
		return store.ErrClosed
	}
	if w.lastID > 0 {
		if _, err := w.st.fts.Exec(w.firstID, w.lastID); err != nil {
			w.end("ROLLBACK")
			return fmt.Errorf("store/sqlite: full-text index: %w", err)
		}
	}
	if err := w.end("COMMIT"); err != nil {
		return fmt.Errorf("store/sqlite: commit: %w", err)
	}
	return nil
}

// Rollback discards the batch. After Commit it does nothing.
func (w *writer) Rollback() error {
	if w.closed {
		return nil
	}
	return w.end("ROLLBACK")
}

// Done records that the input was read to the end.
func (w *writer) Done(in store.Input) error {
	if w.closed {
		return store.ErrClosed
	}
	_, err := w.st.done.Exec(in.Path, in.Size, in.ModTime.UnixNano(), w.now)
	return err
}

// Fail records a bad document.
func (w *writer) Fail(f store.Failure) error {
	if w.closed {
		return store.ErrClosed
	}
	_, err := w.st.fail.Exec(f.File, f.Line, f.Reason, w.now)
	return err
}

// null returns nil for "", so that an absent value is stored as NULL.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func joinSectors(s []string) string { return strings.Join(s, " ") }

// Append stores a coded document; see store.Writer.
func (w *writer) Append(d *doc.Doc) (bool, error) {
	if w.closed {
		return false, store.ErrClosed
	}
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
	key := store.Key(d)
	var id int64
	err := w.st.article.QueryRow(key, d.ID, date, null(d.Title), d.Source, d.Line, null(store.URL(d)), outlet,
		d.Text, len(d.Text), len(d.Sentences), len(d.Events), string(w.buf), string(actors), string(quotes), string(places),
		diags, w.now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // stored already
	}
	if err != nil {
		return false, fmt.Errorf("store/sqlite: article %s: %w", d.ID, err)
	}
	if w.firstID == 0 {
		w.firstID = id
	}
	w.lastID = id
	if err := w.appendEvents(id, key, outlet, dateStr, d, &out); err != nil {
		return false, fmt.Errorf("store/sqlite: article %s: %w", d.ID, err)
	}
	return true, nil
}

// appendEvents merges the article's events into the stored events and adds
// one mention per event.
func (w *writer) appendEvents(id int64, key, outlet, date string, d *doc.Doc, out *sink.Document) error {
	if len(out.Events) == 0 {
		return nil
	}
	st := w.st
	// group the article's events by signature, in order of first appearance
	clear(w.seenSig)
	var groups [][]int
	for i := range out.Events {
		sig := store.Signature(date, key, &out.Events[i])
		g, ok := w.seenSig[sig]
		if !ok {
			g = len(groups)
			w.seenSig[sig] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	chars := newCharIndex(d.Text)
	for _, g := range groups {
		e := &out.Events[g[0]]
		isRoot := false
		for _, i := range g {
			if para(d, out.Events[i].Sentence) == 0 {
				isRoot = true
			}
		}
		var sc, scn, sse, sna, tc, tcn, tse, tna any
		if a := e.Source; a != nil {
			sc, scn, sse, sna = a.Code, a.Country, joinSectors(a.Sectors), a.Text
		}
		if a := e.Target; a != nil {
			tc, tcn, tse, tna = a.Code, a.Country, joinSectors(a.Sectors), a.Text
		}
		var ln, lc, lla, llo, lp any
		if l := e.Location; l != nil {
			ln, lc, lla, llo, lp = l.Name, l.Country, l.Lat, l.Lon, l.Precision
		}
		var eid, narticles int64
		err := st.event.QueryRow(store.Signature(date, key, e), null(date), sc, scn, sse, sna, tc, tcn, tse, tna,
			e.CAMEO, e.Root, e.Quad, e.Goldstein, e.Plover.Event, e.Plover.Mode, ln, lc, lla, llo, lp,
			len(g), isRoot, w.now, id, e.Sentence).Scan(&eid, &narticles)
		if err != nil {
			return fmt.Errorf("event: %w", err)
		}
		if narticles > 1 { // an event stored before: is this a new outlet?
			var seen bool
			if err := st.outletSeen.QueryRow(eid, outlet).Scan(&seen); err != nil {
				return err
			}
			if !seen {
				if _, err := st.addSource.Exec(eid); err != nil {
					return err
				}
			}
		}
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
			if _, err := st.mention.Exec(eid, id, i, m.ID, outlet, m.Sentence, para(d, m.Sentence), ss, se, ts, te,
				ev.VerbSpan[0], ev.VerbSpan[1], schar, tchar, chars.at(ev.VerbSpan[0]), stext, ttext,
				ev.Verb, ev.Rule, m.Mood, ev.Text, w.now); err != nil {
				return fmt.Errorf("mention: %w", err)
			}
		}
	}
	return nil
}

func para(d *doc.Doc, s int) int {
	if s < 0 || s >= len(d.Sentences) {
		return -1
	}
	return d.Sentences[s].Para
}

// charIndex turns byte offsets into character offsets; ASCII text needs no
// work.
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
