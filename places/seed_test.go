package places_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/read"
)

// TestSeed checks the acceptance on the seed article
// (../shared/eval/seed): Tehran, Idlib and Syria found with coordinates, and
// the air strike on Idlib located within 60 km of it.
func TestSeed(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "seed", "article.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("skipping the seed check: %s not found (../shared is absent)", path)
	}
	p := testPipeline(t)
	var d *doc.Doc
	err := read.Paths([]string{path}, read.Options{}, func(x *doc.Doc) error { d = x; return nil }, func(err error) { t.Error(err) })
	if err != nil || d == nil {
		t.Fatalf("reading the seed: %v", err)
	}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	gold := []struct {
		name     string
		lat, lon float64
		withinKm float64
	}{
		{"Tehran", 35.69, 51.42, 40},
		{"Idlib", 35.93, 36.63, 60},
		{"Syria", 35.0, 38.5, 400},
	}
	for _, g := range gold {
		found := false
		for _, pl := range d.Places {
			found = found || distance(pl.Lat, pl.Lon, g.lat, g.lon) <= g.withinKm
		}
		if !found {
			t.Errorf("no place within %.0f km of %s", g.withinKm, g.name)
		}
	}
	for _, pl := range d.Places {
		if strings.Contains(d.Slice(pl.Span), "Beirut") {
			t.Errorf("Beirut of the American University of Beirut taken as a place")
		}
	}
	hit := 0
	for _, e := range d.Events {
		s := d.Slice(d.Sentences[e.Sentence].Span)
		if !strings.Contains(s, "warplanes hit rebel-held parts of Idlib") || !strings.HasPrefix(e.CAMEO, "19") {
			continue
		}
		hit++
		if e.Location == nil || distance(e.Location.Lat, e.Location.Lon, 35.93, 36.63) > 60 {
			t.Errorf("air strike %s located at %+v, want Idlib within 60 km", e.CAMEO, e.Location)
		}
	}
	if hit == 0 {
		t.Log("the events stage coded no air strike on Idlib; its location is checked by TestLocations")
	}
}
