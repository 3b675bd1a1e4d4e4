package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/store"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

const story = "Russian warplanes hit Idlib on Monday. Turkey condemned the strikes.\n\nThe United Nations urged restraint."

var storyEvents = []storetest.E{
	{Src: "Russian warplanes", SrcCode: "RUSMIL", Verb: "hit", Tgt: "Idlib", TgtCode: "SYRREB", CAMEO: "195", Place: "Idlib", PlaceCountry: "SYR"},
	{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "strikes", TgtCode: "RUSMIL", CAMEO: "111"},
	{Src: "The United Nations", SrcCode: "IGOUNO", Verb: "urged", CAMEO: "020"},
}

func open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "dyad.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func appendDocs(t testing.TB, s store.Appendable, docs ...*doc.Doc) (added int) {
	t.Helper()
	w, err := s.Writer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Rollback()
	for _, d := range docs {
		ok, err := w.Append(d)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			added++
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return added
}

func stats(t testing.TB, r store.Reader) store.Stats {
	t.Helper()
	st, err := r.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func events(t testing.TB, r store.Reader, f store.Filter) []*store.Event {
	t.Helper()
	var out []*store.Event
	if err := r.Events(context.Background(), f, func(e *store.Event) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func mentions(t testing.TB, r store.Reader, f store.Filter) []*store.Mention {
	t.Helper()
	var out []*store.Mention
	if err := r.Mentions(context.Background(), f, func(m *store.Mention) error { out = append(out, m); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := sqlite.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := db.SQL().QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != sqlite.SchemaVersion {
		t.Fatalf("user_version %d (%v), want %d", v, err, sqlite.SchemaVersion)
	}
	var mode string
	if err := db.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	var ps int
	if err := db.SQL().QueryRow("PRAGMA page_size").Scan(&ps); err != nil || ps != 16384 {
		t.Errorf("page_size %d (%v), want 16384", ps, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o044 == 0 {
		t.Errorf("database file mode %v (%v)", fi.Mode(), err)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...))
	// a database from the future is refused
	if _, err := db.SQL().Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(path, nil); !errors.Is(err, store.ErrSchema) {
		t.Fatalf("opening a newer schema: %v, want ErrSchema", err)
	}
	if _, err := sqlite.Open(filepath.Join(t.TempDir(), "missing.db"), &sqlite.Options{MustExist: true}); err == nil {
		t.Error("MustExist created a database")
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := sqlite.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...))
	want := stats(t, db)
	db.Close()
	db, err = sqlite.Open(path, &sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := stats(t, db); got != want {
		t.Errorf("after reopening: %+v, want %+v", got, want)
	}
}

func TestAppendIsIdempotent(t *testing.T) {
	db := open(t)
	d := storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...)
	if n := appendDocs(t, db, d, d); n != 1 { // twice in one batch
		t.Fatalf("added %d, want 1", n)
	}
	want := stats(t, db)
	if want.Articles != 1 || want.Events != 3 || want.Mentions != 3 || want.Sentences != 3 || want.Actors != 5 {
		t.Fatalf("stats %+v", want)
	}
	if n := appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...)); n != 0 {
		t.Fatalf("re-append added %d", n)
	}
	if got := stats(t, db); got != want {
		t.Errorf("after re-append: %+v, want %+v", got, want)
	}
	ok, err := db.Has(context.Background(), store.Key(d))
	if err != nil || !ok {
		t.Errorf("Has = %v, %v", ok, err)
	}
	// the same id with other text is another article
	if n := appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story+" More.", storyEvents...)); n != 1 {
		t.Errorf("changed text: added %d, want 1", n)
	}
}

func TestRollbackAndClosed(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	w, err := db.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...)
	if _, err := w.Append(d); err != nil {
		t.Fatal(err)
	}
	if err := w.Done(store.Input{Path: "/x", Size: 1, ModTime: time.Unix(5, 0)}); err != nil {
		t.Fatal(err)
	}
	if err := w.Rollback(); err != nil {
		t.Fatal(err)
	}
	if st := stats(t, db); st != (store.Stats{}) {
		t.Errorf("after rollback: %+v", st)
	}
	if _, err := w.Append(d); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Append after Rollback: %v", err)
	}
	if err := w.Commit(); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Commit after Rollback: %v", err)
	}
	// the next writer works
	if n := appendDocs(t, db, d); n != 1 {
		t.Errorf("added %d", n)
	}
}

func TestProgress(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	in := store.Input{Path: "/data/a.jsonl", Size: 10, ModTime: time.Unix(100, 5)}
	w, _ := db.Writer(ctx)
	w.Done(in)
	w.Fail(store.Failure{File: "/data/a.jsonl", Line: 3, Reason: "bad date"})
	w.Fail(store.Failure{File: "/data/a.jsonl", Line: 3, Reason: "bad date"})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   store.Input
		want bool
	}{
		{in, true},
		{store.Input{Path: in.Path, Size: 11, ModTime: in.ModTime}, false},
		{store.Input{Path: in.Path, Size: 10, ModTime: time.Unix(100, 6)}, false},
		{store.Input{Path: "/data/b.jsonl", Size: 10, ModTime: in.ModTime}, false},
	} {
		got, err := db.Finished(ctx, c.in)
		if err != nil || got != c.want {
			t.Errorf("Finished(%+v) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	var fs []store.Failure
	db.Failures(ctx, func(f store.Failure) error { fs = append(fs, f); return nil })
	if len(fs) != 1 || fs[0].Line != 3 {
		t.Errorf("failures %+v", fs)
	}
}

// TestDedupeAcrossStories stores two copies of one story from two outlets,
// then a third from the first outlet: each event is stored once, with a
// mention per copy and the provenance of each.
func TestDedupeAcrossStories(t *testing.T) {
	db := open(t)
	a := storetest.Doc("https://example.com/news/1", "feed-a.jsonl", "2018-09-07", story, storyEvents...)
	b := storetest.Doc("https://news.example.org/world/77", "feed-b.jsonl", "2018-09-07", "WIRE: "+story, storyEvents...)
	appendDocs(t, db, a)
	appendDocs(t, db, b)
	evs := events(t, db, store.Filter{})
	if len(evs) != len(storyEvents) {
		t.Fatalf("%d events, want %d", len(evs), len(storyEvents))
	}
	for _, e := range evs {
		if e.NumMentions != 2 || e.NumArticles != 2 || e.NumSources != 2 {
			t.Errorf("event %d %s: mentions %d articles %d sources %d, want 2 2 2", e.ID, e.CAMEO, e.NumMentions, e.NumArticles, e.NumSources)
		}
		if e.URL != "https://example.com/news/1" || e.DocID != a.ID {
			t.Errorf("event %d: first mention from %q (%q)", e.ID, e.URL, e.DocID)
		}
	}
	ms := mentions(t, db, store.Filter{})
	if len(ms) != 2*len(storyEvents) {
		t.Fatalf("%d mentions", len(ms))
	}
	for i, m := range ms {
		wantDoc := []string{a.ID, b.ID}[i%2]
		if m.DocID != wantDoc || m.URL != wantDoc {
			t.Errorf("mention %d: doc %q url %q, want %q", i, m.DocID, m.URL, wantDoc)
		}
		text := story
		if m.DocID == b.ID {
			text = "WIRE: " + story
		}
		ev := m.Evidence
		if got := text[ev.VerbSpan[0]:ev.VerbSpan[1]]; got != ev.Verb {
			t.Errorf("mention %d: verb span gives %q, want %q", i, got, ev.Verb)
		}
		if got := text[ev.SourceSpan[0]:ev.SourceSpan[1]]; got != m.SourceText {
			t.Errorf("mention %d: source span gives %q, want %q", i, got, m.SourceText)
		}
		if !strings.Contains(text, ev.Text) || !strings.Contains(ev.Text, ev.Verb) {
			t.Errorf("mention %d: evidence %q", i, ev.Text)
		}
		if m.VerbChar != ev.VerbSpan[0] { // ASCII text
			t.Errorf("mention %d: char offset %d, byte offset %d", i, m.VerbChar, ev.VerbSpan[0])
		}
	}
	// a third copy from the first outlet: one more article, no new source
	c := storetest.Doc("https://example.com/news/1?update=1", "feed-a.jsonl", "2018-09-07", story+" Later.", storyEvents...)
	appendDocs(t, db, c)
	for _, e := range events(t, db, store.Filter{}) {
		if e.NumMentions != 3 || e.NumArticles != 3 || e.NumSources != 2 {
			t.Errorf("event %d after third copy: %d %d %d, want 3 3 2", e.ID, e.NumMentions, e.NumArticles, e.NumSources)
		}
	}
	// another day is another event
	appendDocs(t, db, storetest.Doc("d", "d.txt", "2018-09-08", story, storyEvents...))
	if n := len(events(t, db, store.Filter{})); n != 2*len(storyEvents) {
		t.Errorf("%d events after another day, want %d", n, 2*len(storyEvents))
	}
}

// TestSameEventTwiceInOneArticle: two mentions, one article.
func TestSameEventTwiceInOneArticle(t *testing.T) {
	db := open(t)
	text := "Turkey condemned Russia. Later Turkey condemned Russia again."
	d := storetest.Doc("x", "x.txt", "2020-01-02", text,
		storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"},
		storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"})
	appendDocs(t, db, d)
	evs := events(t, db, store.Filter{})
	if len(evs) != 1 || evs[0].NumMentions != 2 || evs[0].NumArticles != 1 || evs[0].NumSources != 1 || !evs[0].IsRoot {
		t.Fatalf("events %+v", evs)
	}
	ms := mentions(t, db, store.Filter{})
	if len(ms) != 2 || ms[0].Sentence != 0 || ms[1].Sentence != 1 {
		t.Errorf("mentions %+v", ms)
	}
}

func TestFiltersAndCount(t *testing.T) {
	db := open(t)
	appendDocs(t, db,
		storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...),
		storetest.Doc("b", "b.txt", "2018-09-08", "Turkey condemned Russia. Russia rejected the claim.",
			storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"},
			storetest.E{Src: "Russia", SrcCode: "RUS", Verb: "rejected", CAMEO: "120"}),
	)
	cases := []struct {
		name string
		f    store.Filter
		want int
	}{
		{"all", store.Filter{}, 5},
		{"from", store.Filter{From: "2018-09-08"}, 2},
		{"to", store.Filter{To: "2018-09-07"}, 3},
		{"actor prefix", store.Filter{Actor: []string{"RUS"}}, 4},
		{"source", store.Filter{Source: []string{"TUR"}}, 2},
		{"target", store.Filter{Target: []string{"RUS"}}, 2},
		{"code", store.Filter{Code: []string{"111"}}, 2},
		{"code is a string", store.Filter{Code: []string{"20"}}, 0},
		{"code 020", store.Filter{Code: []string{"020"}}, 1},
		{"root", store.Filter{Root: []string{"11", "12"}}, 3},
		{"quad", store.Filter{Quad: []int{4}}, 1},
		{"place name", store.Filter{Place: []string{"idlib"}}, 1},
		{"place country", store.Filter{Place: []string{"SYR"}}, 1},
		{"and", store.Filter{Actor: []string{"TUR"}, From: "2018-09-08"}, 1},
		{"limit", store.Filter{Limit: 2}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := len(events(t, db, c.f)); got != c.want {
				t.Errorf("%d events, want %d", got, c.want)
			}
			g, err := db.Count(context.Background(), c.f)
			if err != nil || len(g) != 1 || g[0].Events != c.want {
				t.Errorf("Count = %+v, %v; want %d", g, err, c.want)
			}
		})
	}
	for _, bad := range []store.Filter{{From: "7/9/2018"}, {Quad: []int{5}}, {Actor: []string{"RU*"}}} {
		if err := db.Events(context.Background(), bad, func(*store.Event) error { return nil }); !errors.Is(err, store.ErrFilter) {
			t.Errorf("filter %+v: %v, want ErrFilter", bad, err)
		}
	}
	g, err := db.Count(context.Background(), store.Filter{Actor: []string{"RUS"}}, store.ByDate, store.ByRoot)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"2018-09-07", "11"}, {"2018-09-07", "19"}, {"2018-09-08", "11"}, {"2018-09-08", "12"}}
	if len(g) != len(want) {
		t.Fatalf("groups %+v", g)
	}
	for i := range want {
		if strings.Join(g[i].Keys, " ") != strings.Join(want[i], " ") || g[i].Events != 1 {
			t.Errorf("group %d = %+v, want %v", i, g[i], want[i])
		}
	}
}

func TestSearch(t *testing.T) {
	db := open(t)
	appendDocs(t, db,
		storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...),
		storetest.Doc("b", "b.txt", "2018-09-08", "Turkey condemned Russia. Russia rejected the claim.",
			storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"}),
		storetest.Doc("c", "c.txt", "", "Les élèves ont manifesté à Paris."),
	)
	ctx := context.Background()
	cases := []struct {
		q    string
		want []string
	}{
		{"warplanes", []string{"a"}},
		{"condemned", []string{"a", "b"}},
		{`"united nations"`, []string{"a"}},
		{"turkey NOT idlib", []string{"b"}},
		{"warp*", []string{"a"}},
		{"eleves", []string{"c"}}, // diacritics folded
		{"nothinglikethis", nil},
	}
	for _, c := range cases {
		hits, err := db.Search(ctx, c.q, 10)
		if err != nil {
			t.Errorf("%s: %v", c.q, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.DocID)
			if !strings.Contains(h.Snippet, "[") {
				t.Errorf("%s: snippet %q marks no match", c.q, h.Snippet)
			}
		}
		if strings.Join(sorted(got), ",") != strings.Join(c.want, ",") {
			t.Errorf("Search(%q) = %v, want %v", c.q, got, c.want)
		}
	}
	if _, err := db.Search(ctx, `"unbalanced`, 10); err == nil {
		t.Error("a bad query gave no error")
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestReadersSeeCommittedOnly reads while a batch is open in another
// goroutine.
func TestReadersSeeCommittedOnly(t *testing.T) {
	db := open(t)
	appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...))
	ctx := context.Background()
	w, err := db.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Append(storetest.Doc("b", "b.txt", "2018-09-07", "Other text. "+story, storyEvents...)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := db.Stats(ctx)
			if err != nil || st.Articles != 1 {
				t.Errorf("reader during batch: %+v %v", st, err)
			}
		}()
	}
	wg.Wait()
	// a second writer waits for the first
	got := make(chan error, 1)
	go func() {
		w2, err := db.Writer(ctx)
		if err == nil {
			err = w2.Rollback()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("second writer did not wait (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if st := stats(t, db); st.Articles != 2 {
		t.Errorf("after commit: %+v", st)
	}
}

func TestWriterFunc(t *testing.T) {
	n := 0
	var w store.Writer = store.WriterFunc(func(*doc.Doc) error { n++; return nil })
	ok, err := w.Append(&doc.Doc{})
	if !ok || err != nil || n != 1 || w.Commit() != nil {
		t.Errorf("WriterFunc: %v %v %d", ok, err, n)
	}
}

// TestLayerViews reads the sentences, actors, quotes and places views.
func TestLayerViews(t *testing.T) {
	db := open(t)
	d := storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...)
	d.Text += " \"We will \\ act,\" said Çavuşoğlu."
	d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: int32(len(story) + 1), End: int32(len(d.Text))}, Para: 1})
	qs := int32(len(story) + 2)
	d.Quotes = append(d.Quotes, doc.Quote{Sentence: 3, Span: doc.Span{Start: qs, End: qs + 12}, SpeakerText: "Çavuşoğlu", Direct: true})
	d.Places = append(d.Places, doc.Place{Span: doc.Span{Start: 22, End: 27}, Sentence: 0, Name: "Idlib", Country: "SYR", Lat: 35.93, Lon: 36.63, Kind: "city"})
	appendDocs(t, db, d)
	q := func(query string) []string {
		t.Helper()
		rows, err := db.SQL().Query(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols))
			p := make([]any, len(cols))
			for i := range v {
				p[i] = &v[i]
			}
			rows.Scan(p...)
			out = append(out, strings.TrimSpace(strings.Repeat("%v|", len(cols))))
			out[len(out)-1] = fmt.Sprintf(out[len(out)-1], v...)
		}
		return out
	}
	if got := q(`SELECT idx, byte_start, byte_end, para FROM sentences ORDER BY idx`); len(got) != 4 || got[3] != fmt.Sprintf("3|%d|%d|1|", len(story)+1, len(d.Text)) {
		t.Errorf("sentences %q", got)
	}
	got := q(`SELECT x.idx, x.code, x.country, x.sectors, substr(CAST(a.text AS BLOB), x.byte_start + 1, x.byte_end - x.byte_start) = CAST(x.text AS BLOB)
		FROM actors x JOIN articles a ON a.id = x.article_id ORDER BY x.idx`)
	if len(got) != 5 || got[0] != "0|RUSMIL|RUS|MIL|1|" || got[4] != "4|IGOUNO||IGO UNO|1|" {
		t.Errorf("actors %q", got)
	}
	if got := q(`SELECT sentence, text, direct, speaker_text, speaker_code FROM quotes`); len(got) != 1 || got[0] != `3|We will \ ac|1|Çavuşoğlu|<nil>|` {
		t.Errorf("quotes %q", got)
	}
	if got := q(`SELECT text, name, country, lat, kind FROM places`); len(got) != 1 || got[0] != "Idlib|Idlib|SYR|35.93|city|" {
		t.Errorf("places %q", got)
	}
	st := stats(t, db)
	if st.Sentences != 4 || st.Actors != 5 || st.Quotes != 1 || st.Places != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestUndatedNotMerged: without a date, two articles' events are two events.
func TestUndatedNotMerged(t *testing.T) {
	db := open(t)
	appendDocs(t, db,
		storetest.Doc("a", "a.txt", "", story, storyEvents...),
		storetest.Doc("b", "b.txt", "", "Copy. "+story, storyEvents...))
	evs := events(t, db, store.Filter{})
	if len(evs) != 2*len(storyEvents) {
		t.Fatalf("%d events, want %d", len(evs), 2*len(storyEvents))
	}
	for _, e := range evs {
		if e.Date != "" || e.NumMentions != 1 {
			t.Errorf("event %+v", e)
		}
	}
}

// TestConcurrentOpen opens one new database from several goroutines at once,
// as several processes might.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlite.Open(path, nil)
			if err == nil {
				_, err = db.Stats(context.Background())
				db.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
