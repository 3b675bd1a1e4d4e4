package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"dyad/doc"
	"dyad/store"
)

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	if _, err := OpenReadOnly(path); err == nil {
		t.Fatal("a missing file opened")
	}
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := db.Writer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{ID: "a", Source: "a.txt", Text: "Russia attacked Ukraine."}
	if _, err := w.Append(d); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.SQL().ExecContext(ctx, "DELETE FROM articles"); err == nil {
		t.Error("a read-only store deleted")
	}
	id, err := ro.ArticleID(ctx, store.Key(d))
	if err != nil || id != 1 {
		t.Fatalf("ArticleID = %d, %v", id, err)
	}
	a, err := ro.Article(ctx, id)
	if err != nil || a.Text != d.Text || a.DocID != "a" {
		t.Fatalf("Article = %+v, %v", a, err)
	}
	if _, err := ro.Article(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(99): %v", err)
	}
	if _, err := ro.ArticleID(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ArticleID(nope): %v", err)
	}
}

func TestQueryErrors(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "q.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, q := range []Query{
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
	if _, err := db.Aggregate(ctx, Query{}, "weekday"); !errors.Is(err, store.ErrFilter) {
		t.Errorf("unknown dimension: %v", err)
	}
}
