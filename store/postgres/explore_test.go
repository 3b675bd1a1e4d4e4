package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"dyad/doc"
	"dyad/store"
	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
)

// explorer is what dyad serve reads beside store.Reader; both stores
// implement it (the server's own check is in package server).
type explorer interface {
	store.Reader
	Select(ctx context.Context, q store.Query, fn func(*store.Event) error) error
	Aggregate(ctx context.Context, q store.Query, by ...store.Dim) ([]store.Tally, error)
	Article(ctx context.Context, id int64) (*store.Article, error)
	ArticleMentions(ctx context.Context, id int64) ([]*store.Mention, error)
	EventMentions(ctx context.Context, id int64) ([]*store.Mention, error)
	ArticleID(ctx context.Context, key string) (int64, error)
}

func selectEvents(t testing.TB, s explorer, q store.Query) []*store.Event {
	t.Helper()
	var out []*store.Event
	if err := s.Select(context.Background(), q, func(e *store.Event) error { out = append(out, e); return nil }); err != nil {
		t.Fatalf("Select(%+v): %v", q, err)
	}
	return out
}

func TestOpenReadOnly(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	if db, err := postgres.OpenReadOnly(ctx, dsn); err == nil {
		db.Close()
		t.Fatal("a database without dyad's tables opened")
	}
	db, err := postgres.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{ID: "a", Source: "a.txt", Text: "Russia attacked Ukraine."}
	appendDocs(t, db, d)
	db.Close()

	ro, err := postgres.OpenReadOnly(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Pool().Exec(ctx, "DELETE FROM articles"); err == nil {
		t.Error("a read-only store deleted")
	}
	if w, err := ro.Writer(ctx); err == nil {
		_, err = w.Append(&doc.Doc{ID: "b", Source: "b.txt", Text: "Turkey condemned Russia."})
		if err == nil {
			err = w.Commit()
		}
		w.Rollback()
		if err == nil {
			t.Error("a read-only store appended")
		}
	}
	id, err := ro.ArticleID(ctx, store.Key(d))
	if err != nil || id != 1 {
		t.Fatalf("ArticleID = %d, %v", id, err)
	}
	a, err := ro.Article(ctx, id)
	if err != nil || a.Text != d.Text || a.DocID != "a" {
		t.Fatalf("Article = %+v, %v", a, err)
	}
	if _, err := ro.Article(ctx, 99); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(99): %v", err)
	}
	if _, err := ro.ArticleID(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleID(nope): %v", err)
	}
}

func TestQueryErrors(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	for _, q := range []store.Query{
		{Dyads: [][2]string{{"IRN", ""}}},
		{Dyads: [][2]string{{"IR*", "TUR"}}},
		{Text: `"unclosed`},
		{Filter: store.Filter{Quad: []int{9}}},
	} {
		err := db.Select(ctx, q, func(*store.Event) error { return nil })
		if !errors.Is(err, store.ErrFilter) {
			t.Errorf("Select(%+v): %v, want ErrFilter", q, err)
		}
		if _, err := db.Aggregate(ctx, q, store.ByDate); !errors.Is(err, store.ErrFilter) {
			t.Errorf("Aggregate(%+v): %v, want ErrFilter", q, err)
		}
	}
	if _, err := db.Aggregate(ctx, store.Query{}, "weekday"); !errors.Is(err, store.ErrFilter) {
		t.Errorf("unknown dimension: %v", err)
	}
}

// exploreView prints what the explorer's reads return for a store filled
// with dedupeDocs, without the ids and times that differ between stores.
func exploreView(t *testing.T, s explorer) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	tr, rus := [][2]string{{"TUR", "RUS"}}, [][2]string{{"RUS", "TUR"}}
	for _, q := range []store.Query{
		{},
		{Dyads: tr},
		{Dyads: rus, Filter: store.Filter{From: "2018-09-08"}},
		{Dyads: [][2]string{{"IGO", "SYR"}, {"TUR", "RUS"}}},
		{Text: "condemned"},
		{Text: "warplanes"},
		{Text: `"united nations"`},
		{Text: "turkey NOT idlib"},
		{Text: "warp*"},
		{Text: "claim", Dyads: tr},
		{Text: "nothinglikethis"},
		{Filter: store.Filter{Actor: []string{"RUS"}, Limit: 2}},
	} {
		var evs []string
		for _, e := range selectEvents(t, s, q) {
			src, tgt, loc := e.Source, e.Target, e.Location
			e.ID, e.ArticleID, e.Added, e.Source, e.Target, e.Location = 0, 0, time.Time{}, nil, nil, nil
			evs = append(evs, fmt.Sprintf("%+v src=%+v tgt=%+v loc=%+v", *e, src, tgt, loc))
		}
		slices.Sort(evs)
		out = append(out, fmt.Sprintf("select %+v: %d events", q, len(evs)))
		out = append(out, evs...)
		for _, by := range [][]store.Dim{nil, {store.ByLocation}, {store.BySource, store.ByTarget}, {store.ByDate, store.ByQuad}} {
			ts, err := s.Aggregate(ctx, q, by...)
			if err != nil {
				t.Fatalf("Aggregate(%+v, %v): %v", q, by, err)
			}
			for _, x := range ts {
				out = append(out, fmt.Sprintf("aggregate %+v %v: %q %d %d %.6f", q, by, x.Keys, x.Events, x.Mentions, x.Goldstein))
			}
		}
	}
	for _, d := range dedupeDocs() {
		id, err := s.ArticleID(ctx, store.Key(d))
		if err != nil {
			t.Fatalf("ArticleID(%s): %v", d.ID, err)
		}
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatalf("Article(%d): %v", id, err)
		}
		a.ID, a.Added = 0, time.Time{}
		out = append(out, fmt.Sprintf("article %+v", *a))
		ms, err := s.ArticleMentions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.ArticleID != id {
				t.Errorf("article %d: mention of article %d", id, m.ArticleID)
			}
			em, err := s.EventMentions(ctx, m.EventID)
			if err != nil {
				t.Fatal(err)
			}
			var docs []string
			for _, x := range em {
				if x.EventID != m.EventID {
					t.Errorf("event %d: mention of event %d", m.EventID, x.EventID)
				}
				docs = append(docs, x.DocID)
			}
			m.EventID, m.ArticleID, m.Added, m.EventAdded = 0, 0, time.Time{}, time.Time{}
			ts := m.Evidence.TargetSpan
			m.Evidence.TargetSpan = nil
			out = append(out, fmt.Sprintf("mention %+v %v; event's mentions in %v", *m, ts, docs))
		}
	}
	return out
}

// TestExploreSameAsSQLite fills both stores the same way: the explorer's
// reads return the same events, tallies, articles and mentions.
func TestExploreSameAsSQLite(t *testing.T) {
	pg, lite := open(t), openSQLite(t)
	for _, d := range dedupeDocs() {
		appendDocs(t, pg, d)
		appendDocs(t, lite, d)
	}
	got, want := exploreView(t, pg), exploreView(t, lite)
	if len(got) < 40 {
		t.Fatalf("only %d rows:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range max(len(got), len(want)) {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, g, w)
		}
	}
}

// TestExplorePages checks keyset pagination, ids and the counts of
// selections whose ids differ between stores.
func TestExplorePages(t *testing.T) {
	db := open(t)
	appendDocs(t, db, dedupeDocs()...)
	all := selectEvents(t, db, store.Query{})
	if len(all) < 5 {
		t.Fatalf("%d events", len(all))
	}
	var paged []int64
	for after := int64(0); ; {
		page := selectEvents(t, db, store.Query{After: after, Filter: store.Filter{Limit: 2}})
		for _, e := range page {
			paged = append(paged, e.ID)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].ID
	}
	var ids []int64
	for _, e := range all {
		ids = append(ids, e.ID)
	}
	if !slices.Equal(paged, ids) {
		t.Errorf("paged %v, want %v", paged, ids)
	}
	some := selectEvents(t, db, store.Query{IDs: []int64{ids[0], ids[2], 1 << 40}})
	if len(some) != 2 || some[0].ID != ids[0] || some[1].ID != ids[2] {
		t.Errorf("IDs: %+v", some)
	}
	for _, e := range all {
		ms, err := db.EventMentions(context.Background(), e.ID)
		if err != nil || len(ms) != e.NumMentions {
			t.Errorf("event %d: %d mentions, %v; want %d", e.ID, len(ms), err, e.NumMentions)
		}
	}
	ts, err := db.Aggregate(context.Background(), store.Query{Filter: store.Filter{Limit: 1}})
	if err != nil || len(ts) != 1 || ts[0].Events != len(all) {
		t.Errorf("Aggregate ignores the limit: %+v, %v", ts, err)
	}
	loc, err := db.Aggregate(context.Background(), store.Query{Filter: store.Filter{Place: []string{"SYR"}}}, store.ByLocation)
	if err != nil || len(loc) != 1 || loc[0].Keys[0] != "Idlib|SYR|35.9|36.6" {
		t.Errorf("by location: %+v, %v", loc, err)
	}
}
