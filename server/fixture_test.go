package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store/sqlite"
)

// The tests share one store, coded once from the seed article (when
// ../shared is there, else a passage of it written here) and two short
// texts about Iran and Turkey on later dates.

// seedPath is the seed article, from the server package directory.
const seedPath = "../../shared/eval/seed/article.txt"

// seedFallback is two paragraphs of the seed article, for checkouts without
// ../shared.
const seedFallback = `Zarif posted the message in the midst of a trilateral meeting between Iran, Russia and Turkey focused on a looming battle against militants in Idlib province in northwest Syria.

But as the leaders gathered in Tehran, Russian and government warplanes hit rebel-held parts of Idlib, the Syrian Observatory for Human Rights war monitor said.
`

var extraDocs = []struct{ id, date, text string }{
	{"ankara.txt", "2018-09-10", "Turkey and Iran signed a trade agreement in Ankara on Monday.\n\nIranian President Hassan Rouhani praised Turkey for its support.\n"},
	{"van.txt", "2018-09-20", "Turkish troops attacked Iranian border guards near Van on Thursday.\n\nIran accused Turkey of violating its territory.\n"},
}

// minIranTurkey is the least number of events between IRN and TUR in the
// fixture: two consultations of the seed (the trilateral meeting), two
// agreements and a praise on 2018-09-10, an attack and an accusation on
// 2018-09-20. (The whole seed article has more.)
const minIranTurkey = 7

// iranTurkey counts the events between Iran and Turkey the slow way: one
// directed query each way.
func iranTurkey(t testing.TB, ts *httptest.Server) int {
	t.Helper()
	n := 0
	for _, q := range []string{"source=IRN&target=TUR", "source=TUR&target=IRN"} {
		var p EventPage
		get(t, ts, "/api/v1/events?limit=1000&"+q).data(t, &p)
		n += len(p.Events)
	}
	if n < minIranTurkey {
		t.Fatalf("%d events between Iran and Turkey, want at least %d", n, minIranTurkey)
	}
	return n
}

var fixture struct {
	once   sync.Once
	dir    string
	path   string
	res    *pipeline.Resources
	seedID int64
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}

// testDB returns the fixture database file and the coder's resources.
func testDB(t testing.TB) (string, *pipeline.Resources) {
	t.Helper()
	fixture.once.Do(func() { fixture.err = buildFixture() })
	if fixture.err != nil {
		t.Fatalf("fixture: %v", fixture.err)
	}
	return fixture.path, fixture.res
}

func buildFixture() error {
	dir, err := os.MkdirTemp("", "dyad-server-test")
	if err != nil {
		return err
	}
	fixture.dir = dir
	fixture.path = filepath.Join(dir, "dyad.db")
	res, err := pipeline.Load()
	if err != nil {
		return err
	}
	fixture.res = res
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	var docs []*doc.Doc
	if _, err := os.Stat(seedPath); err == nil {
		var bad error
		err := read.File(seedPath, read.Options{}, func(d *doc.Doc) error { docs = append(docs, d); return nil }, func(err error) { bad = err })
		if err == nil {
			err = bad
		}
		if err != nil {
			return err
		}
	} else {
		docs = append(docs, &doc.Doc{ID: "article.txt", Source: "article.txt", Text: seedFallback, Date: date("2018-09-07")})
	}
	for _, x := range extraDocs {
		docs = append(docs, &doc.Doc{ID: x.id, Source: x.id, Text: x.text, Date: date(x.date)})
	}
	db, err := sqlite.Open(fixture.path, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	w, err := db.Writer(ctx)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := p.Run(ctx, d); err != nil {
			return err
		}
		if _, err := w.Append(d); err != nil {
			return err
		}
	}
	if err := w.Commit(); err != nil {
		return err
	}
	fixture.seedID = 1
	return db.Close()
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// newTestServer serves the fixture (read-only unless opt.Writable, which
// works on a copy) on a loopback port.
func newTestServer(t testing.TB, opt Options) (*httptest.Server, *Server) {
	t.Helper()
	path, res := testDB(t)
	var db *sqlite.DB
	var err error
	if opt.Writable {
		cp := filepath.Join(t.TempDir(), "dyad.db")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err = sqlite.Open(cp, &sqlite.Options{MustExist: true})
		if err != nil {
			t.Fatal(err)
		}
	} else if db, err = sqlite.OpenReadOnly(path); err != nil {
		t.Fatal(err)
	}
	if opt.Resources == nil {
		opt.Resources = func() (*pipeline.Resources, error) { return res, nil }
	}
	opt.Logf = t.Logf
	s, err := New(db, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		db.Close()
	})
	return ts, s
}

// apiResult is a decoded answer.
type apiResult struct {
	Code int
	Resp struct {
		Status    string          `json:"status"`
		Data      json.RawMessage `json:"data"`
		Warnings  []string        `json:"warnings"`
		Error     string          `json:"error"`
		ErrorType string          `json:"errorType"`
	}
	Body string
}

func do(t testing.TB, ts *httptest.Server, method, path, ctype, body string) apiResult {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := apiResult{Code: resp.StatusCode, Body: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(b, &r.Resp); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	return r
}

func get(t testing.TB, ts *httptest.Server, path string) apiResult {
	t.Helper()
	return do(t, ts, http.MethodGet, path, "", "")
}

// data decodes a successful answer's data into v.
func (r apiResult) data(t testing.TB, v any) {
	t.Helper()
	if r.Code != http.StatusOK || r.Resp.Status != "success" {
		t.Fatalf("status %d %s: %s", r.Code, r.Resp.Status, r.Body)
	}
	if err := json.Unmarshal(r.Resp.Data, v); err != nil {
		t.Fatalf("%v\n%s", err, r.Resp.Data)
	}
}
