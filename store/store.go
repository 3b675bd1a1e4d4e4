// Package store defines how coded articles are kept: the interfaces an
// embedded database (store/sqlite), a shared one or a message stream
// implement, and the records they hand back.
//
// # What is stored
//
// A store keeps, for every article it was given, the article itself (id,
// date, title, source, text, searchable in full text), its sentences (byte
// spans into the text), its actor mentions, quotes and places, and its
// events. Events are deduplicated across articles: every coded event of an
// article that has the same signature
//
//	(date, source actor code, target actor code, CAMEO code, place)
//
// as one already stored is one more mention of that stored event, not a new
// event (for undated articles, only within the article). The stored Event carries its mention, article and source counts;
// every Mention keeps its provenance (article, sentence, byte and character
// offsets of source, verb and target, the verbatim sentence, the rule that
// fired). This is the split of GDELT 2.0 into an Events and a Mentions
// table.
//
// # Identity, idempotence and resumption
//
// An article is identified by its content key ([Key]): the SHA-256 of its
// id, date, title and text. Appending an article whose key is stored
// already changes nothing, so re-ingesting the same documents adds nothing,
// and a batch lost with a killed process is simply appended again when the
// ingest is rerun. Two copies of one story with different ids are two
// articles, and their events are two mentions of the same stored events.
//
// An ingest also records which input files it read to the end ([Input]), in
// the same batch as the file's last article, so a rerun skips finished
// files without reading them, and which documents were bad ([Failure]).
//
// # Concurrency
//
// A [Writer] is one batch and is not safe for concurrent use; a store has at
// most one open Writer at a time. A [Reader] is safe for concurrent use and
// sees only committed batches.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"dyad/doc"
	"dyad/sink"
)

// Sentinel errors.
var (
	// ErrClosed is returned by a Writer used after Commit or Rollback.
	ErrClosed = errors.New("store: writer closed")
	// ErrSchema is returned when a database was written by a newer dyad
	// (its schema version is unknown to this one).
	ErrSchema = errors.New("store: unknown schema version")
	// ErrFilter is returned for a malformed Filter value.
	ErrFilter = errors.New("store: bad filter")
)

// Key returns the content key of an article: the hexadecimal SHA-256 of its
// ID, date (YYYY-MM-DD, empty when unknown), title and text, each followed by
// a NUL byte. The key is the article's identity in a store.
func Key(d *doc.Doc) string {
	h := sha256.New()
	date := ""
	if d.HasDate() {
		date = d.Date.Format("2006-01-02")
	}
	for _, s := range []string{d.ID, date, d.Title, d.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Signature returns the deduplication signature of an event of the output
// form: date, source code, target code, CAMEO code and place (the location's
// country and lower-cased name), joined by "|". Events of any articles with
// equal signatures are one stored event. An event without a date is not
// merged with other articles' events: its signature ends with "|" and the
// key of its article.
func Signature(date, article string, e *sink.Event) string {
	var b strings.Builder
	b.WriteString(date)
	b.WriteByte('|')
	if e.Source != nil {
		b.WriteString(e.Source.Code)
	}
	b.WriteByte('|')
	if e.Target != nil {
		b.WriteString(e.Target.Code)
	}
	b.WriteByte('|')
	b.WriteString(e.CAMEO)
	b.WriteByte('|')
	if l := e.Location; l != nil {
		b.WriteString(l.Country)
		b.WriteByte('/')
		b.WriteString(strings.ToLower(strings.TrimSpace(l.Name)))
	}
	if date == "" {
		b.WriteByte('|')
		b.WriteString(article)
	}
	return b.String()
}

// Outlet returns the publisher an article is counted under for an event's
// number of sources: the host of its id or source when either is an http(s)
// URL ("www.bbc.co.uk"), else its source (the input file name).
func Outlet(d *doc.Doc) string {
	for _, s := range []string{d.ID, d.Source} {
		if h := urlHost(s); h != "" {
			return h
		}
	}
	return d.Source
}

func urlHost(s string) string {
	for _, p := range []string{"https://", "http://"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			h := s[len(p):]
			if i := strings.IndexAny(h, "/?#"); i >= 0 {
				h = h[:i]
			}
			if i := strings.LastIndexByte(h, '@'); i >= 0 {
				h = h[i+1:]
			}
			return strings.ToLower(h)
		}
	}
	return ""
}

// URL returns the article's web address when its id or source is one, else "".
func URL(d *doc.Doc) string {
	for _, s := range []string{d.ID, d.Source} {
		if urlHost(s) != "" {
			return s
		}
	}
	return ""
}

// Input identifies one input file of an ingest: its absolute path, size and
// modification time. A file whose size or time changed is a new input.
type Input struct {
	Path    string
	Size    int64
	ModTime time.Time
}

// Failure is a document that could not be read: the file, the 1-based line
// (0 when unknown) and the reason.
type Failure struct {
	File   string
	Line   int
	Reason string
}

// Writer appends coded documents to a store as one batch, in the manner of
// Prometheus' storage.Appender: nothing is visible to readers until Commit,
// and Rollback discards the whole batch. A Writer is not safe for concurrent
// use. After Commit or Rollback it is finished: every method then returns
// ErrClosed (Rollback after Commit returns nil, so it can be deferred).
type Writer interface {
	// Append adds a coded document: the article, its sentences, actor
	// mentions, quotes and places, and its events, merged with the stored
	// events of equal Signature. It reports whether the article was new;
	// an article whose Key is stored already (or was appended earlier in
	// this batch) is left alone and Append returns false. The Writer does
	// not keep d: the caller may reuse or change it once Append returns.
	Append(d *doc.Doc) (added bool, err error)
	// Done records that the input was read to the end. Give it after the
	// input's last document, in the same or a later batch.
	Done(in Input) error
	// Fail records a document that could not be read. Recording the same
	// failure twice keeps one.
	Fail(f Failure) error
	// Commit makes the batch durable and visible.
	Commit() error
	// Rollback discards the batch.
	Rollback() error
}

// Appendable gives Writers. Where a store allows one Writer at a time,
// Writer waits for the previous one to finish (or ctx to end).
type Appendable interface {
	Writer(ctx context.Context) (Writer, error)
}

// WriterFunc adapts a function to a Writer that calls it for every
// document; Done, Fail, Commit and Rollback do nothing. It stores nothing,
// so every Append reports the document as added. It is useful in tests and
// to measure coding without a store.
type WriterFunc func(*doc.Doc) error

// Append calls f(d).
func (f WriterFunc) Append(d *doc.Doc) (bool, error) { return true, f(d) }

// Done does nothing.
func (WriterFunc) Done(Input) error { return nil }

// Fail does nothing.
func (WriterFunc) Fail(Failure) error { return nil }

// Commit does nothing.
func (WriterFunc) Commit() error { return nil }

// Rollback does nothing.
func (WriterFunc) Rollback() error { return nil }

// Actor is an event's source or target.
type Actor struct {
	Code    string
	Country string   // "" for international actors
	Sectors []string // the 3-letter blocks after the country
	Name    string   // the words of its first mention ("Russian warplanes")
}

// Event is one deduplicated event.
type Event struct {
	ID        int64  // stable within a store; GDELT's GLOBALEVENTID
	Date      string // YYYY-MM-DD, "" when the articles had no date
	Source    *Actor // nil when unknown
	Target    *Actor // nil when the event has none
	CAMEO     string // always a string: "010" is not "10"
	Root      string
	Quad      int
	Goldstein float64
	Plover    sink.Plover
	Location  *sink.Location // nil when not located

	NumMentions int // mentions in all articles
	NumArticles int // articles with at least one mention
	NumSources  int // distinct outlets (see Outlet) among those articles

	// IsRoot reports whether a mention stands in the article's first
	// paragraph (GDELT's IsRootEvent).
	IsRoot bool
	// Added is when the event was first stored (UTC, whole seconds).
	Added time.Time
	// The first mention: its article (store id and document id), the
	// article's URL or source file, and the 0-based sentence.
	ArticleID int64
	DocID     string
	URL       string
	Outlet    string
	Sentence  int
}

// Mention is one article's report of an event, with its provenance.
type Mention struct {
	EventID   int64
	ArticleID int64
	DocID     string
	Ref       string // the event's id in the JSON output of the article ("DOCID-3")
	Source    string // the article's input file or URL (Doc.Source)
	URL       string // the article's URL, "" when none is known
	Outlet    string
	Date      string
	Added     time.Time // when this mention was stored
	// EventAdded is when its event was first stored (GDELT's EventTimeDate).
	EventAdded time.Time
	DocLen     int // length of the article body in bytes

	Sentence int // 0-based
	Para     int // 0-based paragraph of the sentence
	// Evidence holds the verbatim sentence, the verb, the rule and the byte
	// spans of source, verb and target in the article body.
	Evidence sink.Evidence
	// Character (not byte) offsets of the source, target and verb in the
	// body, -1 when absent (GDELT's Actor1CharOffset …).
	SourceChar, TargetChar, VerbChar int
	SourceText, TargetText           string
	Mood                             string
}

// Filter selects events. The zero Filter selects every event. Lists match
// any of their values; the fields combine with AND.
type Filter struct {
	From, To string   // dates, inclusive, YYYY-MM-DD; "" leaves that end open
	Actor    []string // source or target actor code starts with one of these ("RUS" matches RUSGOV)
	Source   []string // source code starts with one of these
	Target   []string // target code starts with one of these
	Code     []string // CAMEO codes, exactly ("010" is not "10")
	Root     []string // CAMEO roots ("19")
	Quad     []int    // quad classes 1..4
	Place    []string // location country code, or location name (any case)
	// MinMentions keeps events with at least this many mentions.
	MinMentions int
	// Limit caps the number of events (0: no cap).
	Limit int
}

// Dim is a dimension events can be counted by.
type Dim string

// The dimensions of Reader.Count.
const (
	ByDate    Dim = "date"    // YYYY-MM-DD
	ByMonth   Dim = "month"   // YYYY-MM
	ByYear    Dim = "year"    // YYYY
	ByRoot    Dim = "root"    // CAMEO root
	ByCode    Dim = "code"    // CAMEO code
	ByQuad    Dim = "quad"    // quad class
	BySource  Dim = "source"  // source actor code
	ByTarget  Dim = "target"  // target actor code
	ByCountry Dim = "country" // location country
)

// Dims lists every Dim, for usage messages.
var Dims = []Dim{ByDate, ByMonth, ByYear, ByRoot, ByCode, ByQuad, BySource, ByTarget, ByCountry}

// Group is one row of Reader.Count: the values of the dimensions, in the
// order asked, the number of events and the sum of their mentions.
type Group struct {
	Keys     []string
	Events   int
	Mentions int
}

// Hit is one result of a full-text search.
type Hit struct {
	ArticleID int64
	DocID     string
	Date      string
	Title     string
	Source    string
	// Snippet is a short passage around the matches, with each match
	// between "[" and "]".
	Snippet string
	Rank    float64 // lower is better (BM25)
}

// Stats counts what a store holds.
type Stats struct {
	Articles, Sentences, Actors, Quotes, Places int
	Events, Mentions                            int
	Inputs, Failures                            int
}

// Reader reads a store. It is safe for concurrent use and sees committed
// batches only. Callbacks get a fresh value on every call and may keep it;
// returning an error from a callback stops the scan and is returned.
type Reader interface {
	// Has reports whether an article of this Key is stored.
	Has(ctx context.Context, key string) (bool, error)
	// Finished reports whether the input was recorded as read to the end.
	Finished(ctx context.Context, in Input) (bool, error)
	// Events calls fn for every event that passes f, in ID order.
	Events(ctx context.Context, f Filter, fn func(*Event) error) error
	// Mentions calls fn for every mention of the events that pass f,
	// ordered by event, then article, then position.
	Mentions(ctx context.Context, f Filter, fn func(*Mention) error) error
	// Count counts the events that pass f, grouped by the given
	// dimensions (none: one group), ordered by the dimension values.
	Count(ctx context.Context, f Filter, by ...Dim) ([]Group, error)
	// Search finds articles by full-text query (SQLite FTS5 syntax:
	// words, "phrases", AND, OR, NOT, prefix*), best first.
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	// Failures calls fn for every recorded bad document.
	Failures(ctx context.Context, fn func(Failure) error) error
	// Stats counts the stored rows.
	Stats(ctx context.Context) (Stats, error)
}

// Store is a Reader that also gives Writers.
type Store interface {
	Appendable
	Reader
	Close() error
}
