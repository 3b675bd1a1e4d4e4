package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/store"
	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const story = "Russian warplanes hit Idlib on Monday. Turkey condemned the strikes.\n\nThe United Nations urged restraint."

var storyEvents = []storetest.E{
	{Src: "Russian warplanes", SrcCode: "RUSMIL", Verb: "hit", Tgt: "Idlib", TgtCode: "SYRREB", CAMEO: "195", Place: "Idlib", PlaceCountry: "SYR"},
	{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "strikes", TgtCode: "RUSMIL", CAMEO: "111"},
	{Src: "The United Nations", SrcCode: "IGOUNO", Verb: "urged", CAMEO: "020"},
}

func open(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.DB(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openSQLite(t testing.TB) *sqlite.DB {
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

// sameRows fails the test when the PostgreSQL store's rows differ from the
// SQLite store's.
func sameRows(t *testing.T, pg *postgres.DB, lite *sqlite.DB) {
	t.Helper()
	got, err := pgtest.Snapshot(context.Background(), pg.Pool())
	if err != nil {
		t.Fatal(err)
	}
	want, err := storetest.Snapshot(lite.SQL())
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(got, want, 20); d != nil {
		t.Errorf("PostgreSQL rows differ from SQLite's:\n%s", strings.Join(d, "\n"))
	}
}

// readerView prints what a Reader returns, without the ids and times that
// differ between stores.
func readerView(t *testing.T, r store.Reader) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, e := range events(t, r, store.Filter{}) {
		src, tgt, loc := e.Source, e.Target, e.Location
		e.ID, e.ArticleID, e.Added, e.Source, e.Target, e.Location = 0, 0, time.Time{}, nil, nil, nil
		out = append(out, fmt.Sprintf("event %+v src=%+v tgt=%+v loc=%+v", *e, src, tgt, loc))
	}
	for _, m := range mentions(t, r, store.Filter{}) {
		m.EventID, m.ArticleID, m.Added, m.EventAdded = 0, 0, time.Time{}, time.Time{}
		ts := m.Evidence.TargetSpan
		m.Evidence.TargetSpan = nil
		out = append(out, fmt.Sprintf("mention %+v %v", *m, ts))
	}
	slices.Sort(out) // ids, and so the order of events, differ between stores
	for _, by := range [][]store.Dim{nil, {store.ByDate, store.ByRoot}, {store.BySource}, {store.ByCountry, store.ByQuad}, {store.ByMonth, store.ByYear, store.ByCode, store.ByTarget}} {
		g, err := r.Count(ctx, store.Filter{}, by...)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("count %v %+v", by, g))
	}
	r.Failures(ctx, func(f store.Failure) error { out = append(out, fmt.Sprintf("failure %+v", f)); return nil })
	out = append(out, fmt.Sprintf("stats %+v", stats(t, r)))
	return out
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	if _, err := postgres.Open(ctx, dsn, &postgres.Options{MustExist: true}); err == nil {
		t.Error("MustExist accepted an empty database")
	}
	// workers starting together migrate once
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, dsn, nil)
			if err == nil {
				_, err = db.Stats(ctx)
				db.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	db, err := postgres.Open(ctx, dsn, &postgres.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := db.Pool().QueryRow(ctx, `SELECT version FROM dyad_schema`).Scan(&v); err != nil || v != postgres.SchemaVersion {
		t.Errorf("schema version %d (%v), want %d", v, err, postgres.SchemaVersion)
	}
	appendDocs(t, db, storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...))
	want := stats(t, db)
	db.Close()
	// reopening keeps the data
	db, err = postgres.Open(ctx, dsn, &postgres.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := stats(t, db); got != want {
		t.Errorf("after reopening: %+v, want %+v", got, want)
	}
	// a database from the future is refused
	if _, err := db.Pool().Exec(ctx, `UPDATE dyad_schema SET version = 999`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := postgres.Open(ctx, dsn, nil); !errors.Is(err, store.ErrSchema) {
		t.Fatalf("opening a newer schema: %v, want ErrSchema", err)
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
	if n := appendDocs(t, db, d); n != 1 {
		t.Errorf("added %d", n)
	}
	// Rollback after Commit is a no-op, as the contract asks
	w, _ = db.Writer(ctx)
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := w.Rollback(); err != nil {
		t.Errorf("Rollback after Commit: %v", err)
	}
}

func TestProgress(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	in := store.Input{Path: "/data/a.jsonl", Size: 10, ModTime: time.Unix(100, 5)}
	w, _ := db.Writer(ctx)
	w.Done(in)
	w.Done(in)
	w.Fail(store.Failure{File: "/data/a.jsonl", Line: 3, Reason: "bad date"})
	w.Fail(store.Failure{File: "/data/a.jsonl", Line: 3, Reason: "bad date"})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w, _ = db.Writer(ctx)
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

// dedupeDocs are copies of one story from several outlets and days, the
// material of the dedupe tests.
func dedupeDocs() []*doc.Doc {
	return []*doc.Doc{
		storetest.Doc("https://example.com/news/1", "feed-a.jsonl", "2018-09-07", story, storyEvents...),
		storetest.Doc("https://news.example.org/world/77", "feed-b.jsonl", "2018-09-07", "WIRE: "+story, storyEvents...),
		storetest.Doc("https://example.com/news/1?update=1", "feed-a.jsonl", "2018-09-07", story+" Later.", storyEvents...),
		storetest.Doc("d", "d.txt", "2018-09-08", story, storyEvents...),
		storetest.Doc("x", "x.txt", "2020-01-02", "Turkey condemned Russia. Later Turkey condemned Russia again.",
			storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"},
			storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"}),
		storetest.Doc("b", "b.txt", "2018-09-08", "Turkey condemned Russia. Russia rejected the claim.",
			storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"},
			storetest.E{Src: "Russia", SrcCode: "RUS", Verb: "rejected", CAMEO: "120"}),
		storetest.Doc("u1", "u.txt", "", story, storyEvents...),
		storetest.Doc("u2", "u.txt", "", "Copy. "+story, storyEvents...),
		storetest.Doc("e", "e.txt", "2018-09-08", "Turkish officials condemned Moscow. Ankara condemned Russia.",
			storetest.E{Src: "Turkish officials", SrcCode: "TUR", Verb: "condemned", Tgt: "Moscow", TgtCode: "RUS", CAMEO: "111"},
			storetest.E{Src: "Ankara", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"}),
	}
}

// TestSameAsSQLite appends the same documents, one batch each, to both
// stores: the rows and everything the Readers return are the same.
func TestSameAsSQLite(t *testing.T) {
	pg, lite := open(t), openSQLite(t)
	for _, d := range dedupeDocs() {
		appendDocs(t, pg, d)
		appendDocs(t, lite, d)
	}
	for _, s := range []store.Appendable{pg, lite} {
		w, _ := s.Writer(context.Background())
		w.Done(store.Input{Path: "/data/a.jsonl", Size: 10, ModTime: time.Unix(100, 5)})
		w.Fail(store.Failure{File: "/data/b.jsonl", Line: 7, Reason: "read: bad date"})
		w.Fail(store.Failure{File: "/data/a.jsonl", Line: 2, Reason: "read: no text"})
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	sameRows(t, pg, lite)
	got, want := readerView(t, pg), readerView(t, lite)
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			g, w := "", ""
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("reader row %d:\n got %s\nwant %s", i, g, w)
			}
		}
	}
	// the dedupe counts themselves
	for _, e := range events(t, pg, store.Filter{From: "2018-09-07", To: "2018-09-07"}) {
		if e.NumMentions != 3 || e.NumArticles != 3 || e.NumSources != 2 || e.DocID != "https://example.com/news/1" {
			t.Errorf("event %s: %d %d %d first %s, want 3 3 2 https://example.com/news/1", e.CAMEO, e.NumMentions, e.NumArticles, e.NumSources, e.DocID)
		}
	}
}

// TestConcurrentWritersSameAsSequential appends documents that share
// events from several goroutines at once, in shuffled batches, with their
// input order given by AppendSeq: the rows equal SQLite's, stored one by
// one in input order.
func TestConcurrentWritersSameAsSequential(t *testing.T) {
	var docs []*doc.Doc
	outlets := []string{"https://a.example/", "https://b.example/", "https://c.example/", "feed.jsonl"}
	places := []string{"Idlib", "Aleppo", ""}
	for i := range 60 {
		text := fmt.Sprintf("Story %d. Russian warplanes hit Idlib. Turkey condemned the strikes. The United Nations urged restraint.", i)
		evs := []storetest.E{
			{Src: "Russian warplanes", SrcCode: "RUSMIL", Verb: "hit", Tgt: "Idlib", TgtCode: "SYRREB", CAMEO: "195", Place: places[i%3], PlaceCountry: "SYR"},
			{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "strikes", TgtCode: "RUSMIL", CAMEO: "111"},
		}
		if i%2 == 0 {
			text = strings.Replace(text, "Turkey", "Ankara", 1)
			evs[1].Src = "Ankara"
		}
		if i%5 == 0 {
			evs = append(evs, storetest.E{Src: "The United Nations", SrcCode: "IGOUNO", Verb: "urged", CAMEO: "020"})
		}
		id := fmt.Sprintf("%s%d", outlets[i%len(outlets)], i)
		docs = append(docs, storetest.Doc(id, "src.jsonl", fmt.Sprintf("2018-09-0%d", 1+i%3), text, evs...))
	}
	lite := openSQLite(t)
	for _, d := range docs {
		appendDocs(t, lite, d)
	}
	pg := open(t)
	// shuffled batches of 1 to 7 documents, each document twice
	type item struct {
		d   *doc.Doc
		seq int64
	}
	var items []item
	for i, d := range docs {
		items = append(items, item{d, int64(i)}, item{d, int64(i)})
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	batches := make(chan []item)
	go func() {
		for len(items) > 0 {
			n := min(len(items), 1+r.IntN(7))
			batches <- items[:n]
			items = items[n:]
		}
		close(batches)
	}()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				for try := 0; ; try++ {
					w, err := pg.Writer(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					for _, it := range b {
						if _, err = w.(*postgres.Writer).AppendSeq(it.d, it.seq); err != nil {
							break
						}
					}
					if err == nil {
						err = w.Commit()
					} else {
						w.Rollback()
					}
					if err == nil {
						break
					}
					if !postgres.Retryable(err) || try > 5 {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	sameRows(t, pg, lite)
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
		{"min mentions", store.Filter{MinMentions: 2}, 0},
		{"like is escaped", store.Filter{Actor: []string{"R_S"}}, 0},
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
	if _, err := db.Count(context.Background(), store.Filter{}, "colour"); !errors.Is(err, store.ErrFilter) {
		t.Errorf("unknown dimension: %v", err)
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
		{"élèves", []string{"c"}},
		{"turkey AND (idlib OR claim)", []string{"a", "b"}},
		{"turkey claim", []string{"b"}},
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
		slices.Sort(got)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Search(%q) = %v, want %v", c.q, got, c.want)
		}
	}
	for _, bad := range []string{`"unbalanced`, "(a", "a OR", "title:x", "NEAR(a b)", ""} {
		if _, err := db.Search(ctx, bad, 10); err == nil {
			t.Errorf("Search(%q) gave no error", bad)
		}
	}
	hits, _ := db.Search(ctx, "restraint", 1)
	if len(hits) != 1 || !strings.HasPrefix(hits[0].Snippet, "…") || !strings.HasSuffix(hits[0].Snippet, "urged [restraint].") {
		t.Errorf("snippet %+v", hits)
	}
}

// TestReadersSeeCommittedOnly reads while a batch is open, and opens a
// second writer meanwhile: PostgreSQL allows several.
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
	if st := stats(t, db); st.Articles != 1 {
		t.Errorf("reader during batch: %+v", st)
	}
	w2, err := db.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w2.Append(storetest.Doc("c", "c.txt", "2018-09-07", "Third. "+story, storyEvents...)); err != nil {
		t.Fatal(err)
	}
	if err := w2.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if st := stats(t, db); st.Articles != 3 || st.Events != 3 || st.Mentions != 9 {
		t.Errorf("after commit: %+v", st)
	}
}

// TestLayerViews reads the sentences, actors, quotes and places views, and
// stores text PostgreSQL cannot hold as is.
func TestLayerViews(t *testing.T) {
	db := open(t)
	d := storetest.Doc("a", "a.txt", "2018-09-07", story, storyEvents...)
	d.Text += " \"We will \\ act,\" said Çavuşoğlu."
	d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: int32(len(story) + 1), End: int32(len(d.Text))}, Para: 1})
	qs := int32(len(story) + 2)
	d.Quotes = append(d.Quotes, doc.Quote{Sentence: 3, Span: doc.Span{Start: qs, End: qs + 12}, SpeakerText: "Çavuşoğlu", Direct: true})
	d.Places = append(d.Places, doc.Place{Span: doc.Span{Start: 22, End: 27}, Sentence: 0, Name: "Idlib", Country: "SYR", Lat: 35.93, Lon: 36.63, Kind: "city"})
	appendDocs(t, db, d)
	ctx := context.Background()
	q := func(query string) []string {
		t.Helper()
		rows, err := db.Pool().Query(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			v, _ := rows.Values()
			s := ""
			for _, x := range v {
				s += fmt.Sprintf("%v|", x)
			}
			out = append(out, s)
		}
		return out
	}
	if got := q(`SELECT idx, byte_start, byte_end, para FROM sentences ORDER BY idx`); len(got) != 4 || got[3] != fmt.Sprintf("3|%d|%d|1|", len(story)+1, len(d.Text)) {
		t.Errorf("sentences %q", got)
	}
	got := q(`SELECT x.idx, x.code, x.country, x.sectors,
		substring(convert_to(a.text, 'UTF8') from x.byte_start + 1 for x.byte_end - x.byte_start) = convert_to(x.text, 'UTF8')
		FROM actors x JOIN articles a ON a.id = x.article_id ORDER BY x.idx`)
	if len(got) != 5 || got[0] != "0|RUSMIL|RUS|MIL|true|" || got[4] != "4|IGOUNO||IGO UNO|true|" {
		t.Errorf("actors %q", got)
	}
	if got := q(`SELECT sentence, text, direct, speaker_text, speaker_code FROM quotes`); len(got) != 1 || got[0] != `3|We will \ ac|true|Çavuşoğlu|<nil>|` {
		t.Errorf("quotes %q", got)
	}
	if got := q(`SELECT text, name, country, lat, kind FROM places`); len(got) != 1 || got[0] != "Idlib|Idlib|SYR|35.93|city|" {
		t.Errorf("places %q", got)
	}
	st := stats(t, db)
	if st.Sentences != 4 || st.Actors != 5 || st.Quotes != 1 || st.Places != 1 {
		t.Errorf("stats %+v", st)
	}
	// NUL bytes and invalid UTF-8 become '?', offsets kept
	bad := storetest.Doc("bad", "bad\x00.txt", "2018-09-07", "Turkey\x00 condemned Russia \xff.",
		storetest.E{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "Russia", TgtCode: "RUS", CAMEO: "111"})
	bad.Diagnostics.Add(doc.NoPos, doc.Warning, "x.v1", "c", "odd \x00 text")
	if n := appendDocs(t, db, bad); n != 1 {
		t.Fatalf("bad text: added %d", n)
	}
	if ok, _ := db.Has(ctx, store.Key(bad)); !ok {
		t.Error("the key of a cleaned article is not the original's")
	}
	if got := q(`SELECT text, source FROM articles WHERE doc_id = 'bad'`); len(got) != 1 || got[0] != "Turkey? condemned Russia ?.|bad?.txt|" {
		t.Errorf("cleaned text %q", got)
	}
}

// TestRetryable classifies errors.
func TestRetryable(t *testing.T) {
	ctx := context.Background()
	if postgres.Retryable(nil) || postgres.Retryable(errors.New("x")) {
		t.Error("plain errors are not transient")
	}
	db := open(t)
	_, err := db.Pool().Exec(ctx, `SELECT 1/0`)
	if err == nil || postgres.Retryable(err) {
		t.Errorf("division by zero: %v, retryable %v", err, postgres.Retryable(err))
	}
	_, err = postgres.Open(ctx, "postgres://dyad@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", nil)
	if err == nil || !postgres.Retryable(err) {
		t.Errorf("refused connection: %v, retryable %v", err, postgres.Retryable(err))
	}
}
