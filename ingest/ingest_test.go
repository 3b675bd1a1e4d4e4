package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dyad/codes"
	"dyad/doc"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/store"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

// coder is a stand-in for the real stages, so that these tests do not
// depend on the dictionaries: sentences end at ". ", and every "X attacked
// Y" or "X praised Y" (capitalised words) is an event whose actor codes are
// the words' first three letters.
type coder struct{}

func (coder) Name() string     { return "fake.v1" }
func (coder) Reads() []string  { return nil }
func (coder) Writes() []string { return []string{"doc.sentences", "doc.actors", "doc.events"} }

var eventRx = regexp.MustCompile(`([A-Z][a-z]+) (attacked|praised) ([A-Z][a-z]+)`)

func (coder) Process(d *doc.Doc) error {
	start, para := 0, 0
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] == '\n' && i+1 < len(d.Text) && d.Text[i+1] == '\n' {
			para++
		}
		if d.Text[i] == '.' && (i+1 == len(d.Text) || d.Text[i+1] == ' ' || d.Text[i+1] == '\n') {
			d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: int32(start), End: int32(i + 1)}, Para: para})
			start = i + 1
			for start < len(d.Text) && (d.Text[start] == ' ' || d.Text[start] == '\n') {
				start++
			}
		}
	}
	if start < len(d.Text) {
		d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: int32(start), End: int32(len(d.Text))}, Para: para})
	}
	type ev struct {
		s, v, t [2]int
		sent    int
	}
	var evs []ev
	for si, s := range d.Sentences {
		for _, m := range eventRx.FindAllStringSubmatchIndex(d.Text[s.Start:s.End], -1) {
			o := int(s.Start)
			evs = append(evs, ev{[2]int{o + m[2], o + m[3]}, [2]int{o + m[4], o + m[5]}, [2]int{o + m[6], o + m[7]}, si})
		}
	}
	for _, e := range evs {
		for _, sp := range [][2]int{e.s, e.t} {
			code := strings.ToUpper(d.Text[sp[0] : sp[0]+3])
			d.Actors = append(d.Actors, doc.Actor{Span: doc.Span{Start: int32(sp[0]), End: int32(sp[1])}, Sentence: e.sent,
				ActorRef: doc.ActorRef{Code: code, Country: code}, Rule: "fake"})
		}
	}
	for i, e := range evs {
		code := "190"
		if d.Text[e.v[0]:e.v[1]] == "praised" {
			code = "051"
		}
		c, _ := codes.Lookup(code)
		d.Events = append(d.Events, doc.Event{ID: fmt.Sprintf("%s-%d", d.ID, i+1), Sentence: e.sent,
			Source: &d.Actors[2*i], Target: &d.Actors[2*i+1], Verb: doc.Span{Start: int32(e.v[0]), End: int32(e.v[1])},
			CAMEO: c.Code, Root: c.Root, Quad: c.Quad, Goldstein: c.Goldstein,
			Plover: doc.PloverType{Event: c.PloverEvent, Mode: c.PloverMode}, Rule: "fake"})
	}
	return nil
}

func fakePipeline(t testing.TB) *pipeline.Pipeline {
	p, err := pipeline.New(coder{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var stories = []string{
	"Russia attacked Ukraine. Turkey praised Qatar.",
	"Israel attacked Gaza. Egypt praised Qatar.\n\nJordan attacked Syria.",
	"Nothing happened today. Nobody said anything.",
	"Iran praised Russia. Russia attacked Syria.",
}

// corpus writes a directory of inputs: JSON Lines (with one bad line),
// plain text files with a date header, and an RSS feed; n documents in all
// (plus the bad line).
func corpus(t testing.TB, n int) string {
	dir := t.TempDir()
	var jl strings.Builder
	for i := 0; i < n/2; i++ {
		fmt.Fprintf(&jl, `{"id":"j%d","date":"2018-09-%02d","text":%q}`+"\n", i, 1+i%28, fmt.Sprintf("Story %d. %s", i, stories[i%len(stories)]))
		if i == 3 {
			jl.WriteString(`{"id":"bad","date":"2018-99-01","text":"Bad date."}` + "\n")
		}
	}
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(jl.String()), 0o644)
	os.Mkdir(filepath.Join(dir, "text"), 0o755)
	for i := n / 2; i < n-2; i++ {
		os.WriteFile(filepath.Join(dir, "text", fmt.Sprintf("t%05d.txt", i)),
			[]byte(fmt.Sprintf(" date 2018-09-%02d Text %d. %s", 1+i%28, i, stories[i%len(stories)])), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "z.rss"), []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><guid>f1</guid><pubDate>Fri, 07 Sep 2018 10:00:00 +0000</pubDate><description>Russia attacked Ukraine. Turkey praised Qatar.</description></item>
<item><guid>f2</guid><pubDate>Sat, 08 Sep 2018 10:00:00 +0000</pubDate><description>Feed two. Egypt praised Qatar.</description></item>
</channel></rss>`), 0o644)
	return dir
}

func openDB(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func run(t testing.TB, db ingest.Store, paths []string, opt ingest.Options) (ingest.Progress, []error) {
	t.Helper()
	var errs []error
	opt.Report = func(err error) { errs = append(errs, err) }
	prog, err := ingest.Run(context.Background(), fakePipeline(t), db, paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	return prog, errs
}

func snapshot(t testing.TB, db *sqlite.DB) []string {
	t.Helper()
	s, err := storetest.Snapshot(db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func diff(t testing.TB, got, want []string) {
	t.Helper()
	for _, l := range storetest.Diff(got, want, 20) {
		t.Error(l)
	}
}

func TestIngestAndReingest(t *testing.T) {
	dir := corpus(t, 40)
	db := openDB(t, filepath.Join(t.TempDir(), "dyad.db"))
	prog, errs := run(t, db, []string{dir}, ingest.Options{BatchSize: 7})
	if prog.Docs != 40 || prog.Failed != 1 || prog.Skipped != 0 || prog.FilesDone != prog.FilesTotal || prog.BytesDone != prog.BytesTotal {
		t.Fatalf("first run: %+v", prog)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "a.jsonl:5") {
		t.Errorf("errors %v, want the bad date at a.jsonl:5", errs)
	}
	want := snapshot(t, db)
	st, _ := db.Stats(context.Background())
	if st.Articles != 40 || st.Failures != 1 || st.Inputs != prog.FilesTotal || st.Events == 0 || st.Mentions <= st.Events {
		t.Fatalf("stats %+v", st)
	}

	// the same command again: every file is skipped unread
	prog, errs = run(t, db, []string{dir}, ingest.Options{})
	if prog.Docs != 0 || prog.FilesSkipped != prog.FilesTotal || prog.Failed != 0 || len(errs) != 0 {
		t.Errorf("second run: %+v %v", prog, errs)
	}
	diff(t, snapshot(t, db), want)

	// a touched file is read again, its documents found stored
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "a.jsonl"), later, later)
	prog, _ = run(t, db, []string{dir}, ingest.Options{})
	if prog.Docs != 0 || prog.Skipped != 20 || prog.Failed != 1 {
		t.Errorf("after touch: %+v", prog)
	}
	// … and standard input or copied files too
	data, _ := os.ReadFile(filepath.Join(dir, "a.jsonl"))
	copyDir := t.TempDir()
	os.WriteFile(filepath.Join(copyDir, "copy.jsonl"), data, 0o644)
	prog, _ = run(t, db, []string{copyDir}, ingest.Options{})
	if prog.Docs != 0 || prog.Skipped != 20 {
		t.Errorf("copy: %+v", prog)
	}
	got := snapshot(t, db)
	// only the progress rows differ: the touched and the copied input, and the copy's bad line
	var core, coreWant []string
	for _, s := range got {
		if !strings.HasPrefix(s, "input") && !strings.HasPrefix(s, "failure") {
			core = append(core, s)
		}
	}
	for _, s := range want {
		if !strings.HasPrefix(s, "input") && !strings.HasPrefix(s, "failure") {
			coreWant = append(coreWant, s)
		}
	}
	diff(t, core, coreWant)
}

// failingStore makes the k-th Commit fail, as if the process died there.
type failingStore struct {
	*sqlite.DB
	commits atomic.Int32
	failAt  int32
}

type failingWriter struct {
	store.Writer
	s *failingStore
}

var errKilled = errors.New("killed")

func (s *failingStore) Writer(ctx context.Context) (store.Writer, error) {
	w, err := s.DB.Writer(ctx)
	if err != nil {
		return nil, err
	}
	return failingWriter{w, s}, nil
}

func (w failingWriter) Commit() error {
	if w.s.commits.Add(1) == w.s.failAt {
		w.Writer.Rollback()
		return errKilled
	}
	return w.Writer.Commit()
}

// TestResume stops an ingest at several points, reruns it and compares
// the result with a clean run.
func TestResume(t *testing.T) {
	dir := corpus(t, 60)
	clean := openDB(t, filepath.Join(t.TempDir(), "clean.db"))
	run(t, clean, []string{dir}, ingest.Options{BatchSize: 5})
	want := snapshot(t, clean)
	for _, k := range []int32{1, 3, 8} {
		t.Run(fmt.Sprint("batch", k), func(t *testing.T) {
			db := openDB(t, filepath.Join(t.TempDir(), "dyad.db"))
			fs := &failingStore{DB: db, failAt: k}
			prog, err := ingest.Run(context.Background(), fakePipeline(t), fs, []string{dir}, ingest.Options{BatchSize: 5, Workers: 2})
			if !errors.Is(err, errKilled) {
				t.Fatalf("first run: %v (%+v)", err, prog)
			}
			st, _ := db.Stats(context.Background())
			if st.Articles != int(k-1)*5 {
				t.Fatalf("stored %d articles before the failed commit %d, want %d", st.Articles, k, (k-1)*5)
			}
			prog, errs := run(t, db, []string{dir}, ingest.Options{BatchSize: 5})
			if prog.Docs+prog.Skipped+prog.FilesSkipped < 60-st.Articles {
				t.Errorf("resume: %+v", prog)
			}
			if prog.Docs != 60-st.Articles {
				t.Errorf("resume coded %d, want %d", prog.Docs, 60-st.Articles)
			}
			_ = errs
			diff(t, snapshot(t, db), want)
		})
	}
}

// TestCancel ends an ingest through its context: what was coded is
// committed, and a rerun completes it.
func TestCancel(t *testing.T) {
	dir := corpus(t, 200)
	clean := openDB(t, filepath.Join(t.TempDir(), "clean.db"))
	run(t, clean, []string{dir}, ingest.Options{})
	want := snapshot(t, clean)

	db := openDB(t, filepath.Join(t.TempDir(), "dyad.db"))
	ctx, cancel := context.WithCancel(context.Background())
	prog, err := ingest.Run(ctx, fakePipeline(t), db, []string{dir}, ingest.Options{BatchSize: 10, Progress: func(p ingest.Progress) {
		if p.Docs >= 50 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || prog.Docs != 50 {
		t.Fatalf("cancelled run: %v %+v", err, prog)
	}
	st, _ := db.Stats(context.Background())
	if st.Articles != prog.Docs {
		t.Errorf("stored %d articles, coded %d", st.Articles, prog.Docs)
	}
	run(t, db, []string{dir}, ingest.Options{})
	diff(t, snapshot(t, db), want)
}

// TestDedupeTwoCopies ingests one story from two feeds: its events are
// stored once, each with two mentions in two articles from two sources.
func TestDedupeTwoCopies(t *testing.T) {
	dir := t.TempDir()
	story := "Russia attacked Ukraine. Turkey praised Qatar."
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(fmt.Sprintf(`{"id":"https://a.example/1","date":"2018-09-07","text":%q}`+"\n", story)), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(fmt.Sprintf(`{"id":"https://b.example/x","date":"2018-09-07","text":%q}`+"\n", "Agency report. "+story)), 0o644)
	db := openDB(t, filepath.Join(t.TempDir(), "dyad.db"))
	run(t, db, []string{dir}, ingest.Options{})
	var evs []*store.Event
	db.Events(context.Background(), store.Filter{}, func(e *store.Event) error { evs = append(evs, e); return nil })
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	for _, e := range evs {
		if e.NumMentions != 2 || e.NumArticles != 2 || e.NumSources != 2 {
			t.Errorf("event %+v", e)
		}
	}
	var ms []*store.Mention
	db.Mentions(context.Background(), store.Filter{}, func(m *store.Mention) error { ms = append(ms, m); return nil })
	if len(ms) != 4 || ms[0].Outlet != "a.example" || ms[1].Outlet != "b.example" || ms[1].URL != "https://b.example/x" {
		t.Errorf("mentions %+v", ms)
	}
}
