package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
)

// The server serves a PostgreSQL store (dyad serve --postgres) as well.
var _ Store = (*postgres.DB)(nil)

// fixtureDocs codes the fixture's documents again, as buildFixture does.
func fixtureDocs(res *pipeline.Resources) ([]*doc.Doc, error) {
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return nil, err
	}
	var docs []*doc.Doc
	if _, err := os.Stat(seedPath); err == nil {
		var bad error
		err := read.File(seedPath, read.Options{}, func(d *doc.Doc) error { docs = append(docs, d); return nil }, func(err error) { bad = err })
		if err == nil {
			err = bad
		}
		if err != nil {
			return nil, err
		}
	} else {
		docs = append(docs, &doc.Doc{ID: "article.txt", Source: "article.txt", Text: seedFallback, Date: date("2018-09-07")})
	}
	for _, x := range extraDocs {
		docs = append(docs, &doc.Doc{ID: x.id, Source: x.id, Text: x.text, Date: date(x.date)})
	}
	for _, d := range docs {
		if err := p.Run(context.Background(), d); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

// newPostgresServer serves the fixture's documents from a PostgreSQL store
// of its own, on a throwaway PostgreSQL server (the test is skipped where
// PostgreSQL is not installed).
func newPostgresServer(t *testing.T, opt Options) *httptest.Server {
	t.Helper()
	_, res := testDB(t)
	pgs, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := pgs.Stop(); err != nil {
			t.Error(err)
		}
	})
	ctx := context.Background()
	dsn, err := pgs.CreateDB(ctx, "server")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := fixtureDocs(res)
	if err != nil {
		t.Fatal(err)
	}
	w, err := postgres.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	bw, err := w.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, err := bw.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.Commit(); err != nil {
		t.Fatal(err)
	}
	var db *postgres.DB
	if opt.Writable {
		db, err = postgres.Open(ctx, dsn, &postgres.Options{MustExist: true})
	} else {
		db, err = postgres.OpenReadOnly(ctx, dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	opt.Resources = func() (*pipeline.Resources, error) { return res, nil }
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
	return ts
}

// idKeys are the fields that differ between the stores: row ids, times,
// and ranks and snippets, which FTS5 and PostgreSQL compute differently.
var idKeys = map[string]bool{"id": true, "event_id": true, "article_id": true, "added": true, "next": true,
	"rank": true, "snippet": true, "event_added": true}

// normalize drops idKeys from a decoded answer, and sorts its lists of
// objects when sortLists (their order follows the ids).
func normalize(v any, sortLists bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if idKeys[k] {
				delete(x, k)
				continue
			}
			x[k] = normalize(e, sortLists)
		}
	case []any:
		for i := range x {
			x[i] = normalize(x[i], sortLists)
		}
		if sortLists {
			slices.SortFunc(x, func(a, b any) int {
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				return strings.Compare(string(ja), string(jb))
			})
		}
	}
	return v
}

func normalized(t *testing.T, r apiResult, sortLists bool) string {
	t.Helper()
	var v any
	r.data(t, &v)
	b, err := json.MarshalIndent(normalize(v, sortLists), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPostgres runs the API's key checks against a PostgreSQL-backed
// server: it answers as the SQLite-backed server over the same documents,
// but for row ids, times and search ranks.
func TestPostgres(t *testing.T) {
	pg := newPostgresServer(t, Options{})
	lite, _ := newTestServer(t, Options{})

	t.Run("same answers", func(t *testing.T) {
		for _, c := range []struct {
			path   string
			sorted bool
		}{
			{"/api/v1/stats", false},
			{"/api/v1/events?limit=1000", true},
			{"/api/v1/events?dyad=IRN-TUR&limit=1000", true},
			{"/api/v1/events?dyad=irn-tur,RUSMIL-SYRREB&limit=1000", true},
			{"/api/v1/events?actor=RUS&limit=1000", true},
			{"/api/v1/events?from=2018-09-10&to=2018-09-10", true},
			{"/api/v1/events?quad=4&root=19", true},
			{"/api/v1/events?place=ankara", true},
			{"/api/v1/events?place=TUR", true},
			{"/api/v1/events?q=warplanes&limit=1000", true},
			{"/api/v1/events?q=Ankara&dyad=IRN-TUR", true},
			{"/api/v1/events?q=Ankara&dyad=RUS-SYR", true},
			{"/api/v1/events?code=010", true},
			{"/api/v1/counts?dyad=IRN-TUR", false},
			{"/api/v1/counts?dyad=IRN-TUR&interval=week", false},
			{"/api/v1/counts?dyad=IRN-TUR&interval=month", false},
			{"/api/v1/counts?dyad=IRN-TUR&from=2018-09-20", false},
			{"/api/v1/counts?q=Idlib", false},
			{"/api/v1/actors?n=5", false},
			{"/api/v1/actors?n=100&q=Turkey", false},
			{"/api/v1/dyads?n=100&dyad=IRN-TUR", false},
			{"/api/v1/dyads?code=190&source=RUSMIL", false},
			{"/api/v1/places", false},
			{"/api/v1/articles/1", false},
			{"/api/v1/articles/2", false},
			{"/api/v1/articles/3", false},
			{"/api/v1/search?q=Ankara", true},
			{"/api/v1/search?q=Idlib%20OR%20Ankara", true},
		} {
			got, want := normalized(t, get(t, pg, c.path), c.sorted), normalized(t, get(t, lite, c.path), c.sorted)
			if got != want {
				t.Errorf("%s:\n got %s\nwant %s", c.path, got, want)
			}
		}
	})

	t.Run("events", func(t *testing.T) {
		g := func(p string) apiResult { return get(t, pg, p) }
		n := iranTurkey(t, pg)
		if evs := allEvents(t, pg, g, "dyad=IRN-TUR"); len(evs) != n {
			t.Errorf("dyad=IRN-TUR: %d events, want %d", len(evs), n)
		}
		var all EventPage
		g("/api/v1/events?limit=1000").data(t, &all)
		paged := allEvents(t, pg, g, "")
		if len(paged) != len(all.Events) {
			t.Fatalf("paged %d events, want %d", len(paged), len(all.Events))
		}
		for i := range paged {
			if paged[i].ID != all.Events[i].ID {
				t.Fatalf("event %d: id %d, want %d", i, paged[i].ID, all.Events[i].ID)
			}
		}
		var p EventPage
		g("/api/v1/events?source=RUSMIL&target=SYRREB").data(t, &p)
		if len(p.Events) != 1 {
			t.Fatalf("RUSMIL → SYRREB: %+v", p.Events)
		}
		var d EventDetail
		g(fmt.Sprintf("/api/v1/events/%d", p.Events[0].ID)).data(t, &d)
		if d.ID != p.Events[0].ID || len(d.Mentions) != 1 || d.Mentions[0].Evidence.Verb != "hit" ||
			!strings.Contains(d.Mentions[0].Evidence.Text, "warplanes hit") || !strings.HasPrefix(d.Explain, "190") {
			t.Errorf("event detail = %+v", d)
		}
		var hits []HitJSON
		g("/api/v1/search?q=Ankara").data(t, &hits)
		if len(hits) != 1 || hits[0].DocID != "ankara.txt" || !strings.Contains(hits[0].Snippet, "[Ankara]") {
			t.Errorf("hits = %+v", hits)
		}
	})

	t.Run("errors", func(t *testing.T) {
		for _, c := range []struct {
			path string
			code int
			typ  ErrorType
		}{
			{"/api/v1/events?quad=5", 400, errorBadData},
			{"/api/v1/events?q=%22unclosed", 400, errorBadData},
			{"/api/v1/counts?q=a%20OR", 400, errorBadData},
			{"/api/v1/events/999999", 404, errorNotFound},
			{"/api/v1/articles/99", 404, errorNotFound},
		} {
			r := get(t, pg, c.path)
			if r.Code != c.code || r.Resp.ErrorType != string(c.typ) {
				t.Errorf("%s: %d %s, want %d %s (%s)", c.path, r.Code, r.Resp.ErrorType, c.code, c.typ, r.Body)
			}
		}
		body := `{"text": "Russian warplanes hit rebel-held parts of Aleppo.", "id": "aleppo"}`
		if r := do(t, pg, "POST", "/api/v1/code?store=true", "application/json", body); r.Code != http.StatusForbidden {
			t.Errorf("store on a read-only server: %d %s", r.Code, r.Body)
		}
	})
}

// TestPostgresCodeStore stores a coded document through a writable
// PostgreSQL-backed server.
func TestPostgresCodeStore(t *testing.T) {
	ts := newPostgresServer(t, Options{Writable: true})
	body := `{"text": "Russian warplanes hit rebel-held parts of Aleppo.", "date": "2018-10-01", "id": "aleppo"}`
	var res CodeResult
	do(t, ts, "POST", "/api/v1/code?store=true", "application/json", body).data(t, &res)
	if !res.Stored || res.ArticleID == 0 {
		t.Fatalf("stored %v as %d", res.Stored, res.ArticleID)
	}
	var a ArticleJSON
	get(t, ts, fmt.Sprintf("/api/v1/articles/%d", res.ArticleID)).data(t, &a)
	if a.DocID != "aleppo" || len(a.Events) == 0 || a.Events[0].EventID == 0 {
		t.Errorf("stored article: %+v", a)
	}
	id := res.ArticleID
	do(t, ts, "POST", "/api/v1/code?store=1", "application/json", body).data(t, &res)
	var st StatsJSON
	get(t, ts, "/api/v1/stats").data(t, &st)
	if res.ArticleID != id || st.Articles != 4 || !st.Writable {
		t.Errorf("again: id %d, %d articles", res.ArticleID, st.Articles)
	}
}
