package places_test

import (
	"os"
	"path/filepath"
	"testing"

	"dyad/eval"
)

// TestGeoBenchmark scores the places stage on GeoWebNews and LGL
// (../shared/eval/geo) and logs the figures (go test -v -run GeoBenchmark).
func TestGeoBenchmark(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "geo")
	if _, err := os.Stat(filepath.Join(dir, "GWN.xml")); err != nil {
		t.Skipf("skipping the geoparsing benchmark: %s not found (../shared is absent)", dir)
	}
	if testing.Short() {
		t.Skip("skipping the geoparsing benchmark in short mode")
	}
	p := testPipeline(t)
	reps, err := eval.GeoBenchmark(dir, eval.GeoCoder(p))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		t.Logf("%s: P %.3f R %.3f F1 %.3f (%d/%d gold, %d predicted); Acc@161 %.3f (%d/%d); median %.0f km; regions and cities Acc@161 %.3f (%d/%d)",
			r.Set, r.Precision, r.Recall, r.F1, r.Matched, r.Gold, r.Predicted, r.Acc161, r.Within161, r.Resolvable, r.MedianKm, r.SubAcc161, r.SubWithin161, r.SubResolvable)
		if os.Getenv("GEO_MISSES") != "" {
			r.WriteText(os.Stdout)
		}
		// floors well below the measured figures: a regression guard
		if r.Recall < 0.4 || r.Precision < 0.6 || r.Acc161 < 0.6 {
			t.Errorf("%s below the floors (recall 0.4, precision 0.6, Acc@161 0.6)", r.Set)
		}
	}
}
