package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"dyad/store"
)

// migrations brings a database from schema version i (PRAGMA user_version)
// to i+1. Append new steps at the end; never edit a released one. The
// layout is documented in docs/format/schema.md.
var migrations = []string{
	// 1: the first layout.
	`
CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	key         TEXT    NOT NULL UNIQUE,  -- store.Key: SHA-256 of id, date, title, text
	doc_id      TEXT    NOT NULL,
	date        TEXT,                     -- YYYY-MM-DD, NULL when unknown
	title       TEXT,
	source      TEXT    NOT NULL,         -- input file or URL
	line        INTEGER NOT NULL,         -- line of the article in its file, 0 when unknown
	url         TEXT,                     -- web address when known
	outlet      TEXT    NOT NULL,         -- publisher counted for NumSources
	text        TEXT    NOT NULL,         -- the body; every offset points into it (bytes)
	bytes       INTEGER NOT NULL,
	sentences   INTEGER NOT NULL,         -- number of sentences
	events      INTEGER NOT NULL,         -- number of coded events (before deduplication)
	-- the annotation layers, JSON arrays read through the views below
	sentences_json TEXT NOT NULL,         -- [[byte_start, byte_end, para], …]
	actors_json    TEXT NOT NULL,
	quotes_json    TEXT NOT NULL,
	places_json    TEXT NOT NULL,
	diagnostics TEXT,                     -- JSON array, NULL when none
	added       INTEGER NOT NULL          -- Unix seconds, UTC
);
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE INDEX articles_date ON articles(date);

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

CREATE VIEW sentences AS
SELECT a.id AS article_id, j.key AS idx, j.value->>0 AS byte_start, j.value->>1 AS byte_end, j.value->>2 AS para
FROM articles a, json_each(a.sentences_json) j;

CREATE VIEW actors AS
SELECT a.id AS article_id, j.key AS idx, j.value->>'sentence' AS sentence,
	j.value->>'start' AS byte_start, j.value->>'end' AS byte_end, j.value->>'text' AS text,
	j.value->>'code' AS code, j.value->>'country' AS country, j.value->>'sectors' AS sectors, j.value->>'rule' AS rule
FROM articles a, json_each(a.actors_json) j;

CREATE VIEW quotes AS
SELECT a.id AS article_id, j.key AS idx, j.value->>'sentence' AS sentence,
	j.value->>'start' AS byte_start, j.value->>'end' AS byte_end, j.value->>'text' AS text, j.value->>'direct' AS direct,
	j.value->>'speaker_text' AS speaker_text, j.value->>'speaker_code' AS speaker_code,
	j.value->>'speaker_country' AS speaker_country, j.value->>'speaker_sectors' AS speaker_sectors
FROM articles a, json_each(a.quotes_json) j;

CREATE VIEW places AS
SELECT a.id AS article_id, j.key AS idx, j.value->>'sentence' AS sentence,
	j.value->>'start' AS byte_start, j.value->>'end' AS byte_end, j.value->>'text' AS text,
	j.value->>'name' AS name, j.value->>'country' AS country, j.value->>'lat' AS lat, j.value->>'lon' AS lon,
	j.value->>'kind' AS kind
FROM articles a, json_each(a.places_json) j;

CREATE TABLE events (
	id            INTEGER PRIMARY KEY,    -- GLOBALEVENTID
	sig           TEXT    NOT NULL UNIQUE,-- store.Signature
	date          TEXT,
	src_code      TEXT, src_country TEXT, src_sectors TEXT, src_name TEXT,
	tgt_code      TEXT, tgt_country TEXT, tgt_sectors TEXT, tgt_name TEXT,
	cameo         TEXT    NOT NULL,       -- a string: '010' is not '10'
	root          TEXT    NOT NULL,
	quad          INTEGER NOT NULL,
	goldstein     REAL    NOT NULL,
	plover_event  TEXT    NOT NULL,
	plover_mode   TEXT    NOT NULL,
	loc_name      TEXT, loc_country TEXT, loc_lat REAL, loc_lon REAL, loc_precision TEXT,
	num_mentions  INTEGER NOT NULL,
	num_articles  INTEGER NOT NULL,
	num_sources   INTEGER NOT NULL,
	is_root       INTEGER NOT NULL,
	added         INTEGER NOT NULL,       -- Unix seconds, UTC, of the first mention
	article_id    INTEGER NOT NULL,       -- first mention
	sentence      INTEGER NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_src ON events(src_code);
CREATE INDEX events_tgt ON events(tgt_code);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_root ON events(root);

CREATE TABLE mentions (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	ord        INTEGER NOT NULL,          -- index of the event in the article's output
	ref        TEXT    NOT NULL,          -- its id there ("DOCID-3")
	outlet     TEXT    NOT NULL,
	sentence   INTEGER NOT NULL,
	para       INTEGER NOT NULL,
	src_start  INTEGER, src_end INTEGER,  -- byte offsets into articles.text
	tgt_start  INTEGER, tgt_end INTEGER,
	verb_start INTEGER NOT NULL, verb_end INTEGER NOT NULL,
	src_char   INTEGER NOT NULL,          -- character offsets, -1 when absent
	tgt_char   INTEGER NOT NULL,
	verb_char  INTEGER NOT NULL,
	src_text   TEXT, tgt_text TEXT,
	verb       TEXT    NOT NULL,
	rule       TEXT    NOT NULL,
	mood       TEXT    NOT NULL,
	evidence   TEXT    NOT NULL,          -- the sentence, verbatim
	added      INTEGER NOT NULL
);
CREATE INDEX mentions_event ON mentions(event_id, outlet);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE ingest_inputs (
	path  TEXT    NOT NULL,
	size  INTEGER NOT NULL,
	mtime INTEGER NOT NULL,               -- Unix nanoseconds
	done  INTEGER NOT NULL,               -- Unix seconds when read to the end
	PRIMARY KEY (path, size, mtime)
) WITHOUT ROWID;

CREATE TABLE ingest_failures (
	file   TEXT    NOT NULL,
	line   INTEGER NOT NULL,
	reason TEXT    NOT NULL,
	at     INTEGER NOT NULL,
	PRIMARY KEY (file, line, reason)
) WITHOUT ROWID;
`,
}

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// migrate brings the database up to SchemaVersion inside one write
// transaction, so concurrent openers do not race.
func migrate(ctx context.Context, db *sql.DB) error {
	var cur int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
		return err
	}
	if cur == len(migrations) {
		return nil // up to date: no write lock needed
	}
	if cur > len(migrations) {
		return fmt.Errorf("%w %d (this dyad knows up to %d)", store.ErrSchema, cur, len(migrations))
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	var v int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("%w %d (this dyad knows up to %d)", store.ErrSchema, v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := conn.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("store/sqlite: migration %d: %w", i+1, err)
		}
	}
	if v < len(migrations) {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
			return err
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	committed = true
	return nil
}
