package gazetteer

import (
	"bytes"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// scannable returns the bytes of heap the garbage collector scans, as the
// last cycle found them, after a full collection.
func scannable() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// lookUpSome looks up names the way a run over news text does, so that
// some records and keys are parsed and cached.
func lookUpSome(g *Gazetteer) {
	for _, n := range []string{"Tripoli", "Syria", "Aleppo", "Idlib", "Damascus", "Baghdad", "Washington", "London",
		"Paris", "Moscow", "Kiev", "Beijing", "Texas", "Iraq", "Iran", "Israel", "Gaza", "Cairo", "Egypt", "China",
		"Russia", "France", "Germany", "Berlin", "Tokyo", "Japan", "India", "Delhi", "Pakistan", "Kabul"} {
		for _, e := range g.Lookup(n) {
			g.Region(e)
		}
	}
}

// TestGCScan checks that a loaded gazetteer costs the garbage collector
// little: its index holds no pointers, and its caches only what was used.
func TestGCScan(t *testing.T) {
	before := scannable()
	g, err := Load(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	loaded := scannable()
	lookUpSome(g)
	used := scannable()
	start := time.Now()
	runtime.GC()
	gcTime := time.Since(start)
	runtime.KeepAlive(g)
	t.Logf("scannable heap: loaded +%d bytes, after lookups +%d bytes; a full GC takes %v",
		int64(loaded)-int64(before), int64(used)-int64(before), gcTime)
}

// TestGCScanBound checks that the index of a loaded gazetteer holds
// almost no pointers: the garbage collector scans under 1 MB of it.
func TestGCScanBound(t *testing.T) {
	before := scannable()
	g, err := Load(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	if n := int64(scannable()) - int64(before); n > 1<<20 {
		t.Errorf("the loaded gazetteer adds %d bytes for the garbage collector to scan, want < 1 MB", n)
	}
	runtime.KeepAlive(g)
}

func TestRegionLastRecord(t *testing.T) {
	// two regions with the same codes: the last is the region, as a
	// place's region, whatever order the codes come in
	g, err := Load(strings.NewReader("C\tSY\tSYR\tSY\t34.8\t38.9\t100\tSyria\n" +
		"A\tSY\t13\t35.8\t36.6\t1\tDamascus\nA\tSY\t12\t35.8\t36.6\t1\tIdlib\nA\tSY\t12\t35.8\t36.6\t2\tIdleb\nA\tSY\t01\t35.8\t36.6\t1\tAleppo\n" +
		"P\tSY\t12\t\tPPLA\t169389\t35.9306\t36.6339\t128840\tIdlib\n" +
		"#index\nidlib\t5\n"))
	if err != nil {
		t.Fatal(err)
	}
	city := g.Lookup("Idlib")[0]
	if r, ok := g.Region(city); !ok || r.Name != "Idleb" {
		t.Errorf("Region(%v) = %v, %v, want Idleb", city, r, ok)
	}
	for _, want := range []string{"Aleppo", "Damascus"} {
		admin1 := map[string]string{"Aleppo": "01", "Damascus": "13"}[want]
		if r, ok := g.Region(&Entry{Kind: City, ISO2: "SY", Admin1: admin1}); !ok || r.Name != want {
			t.Errorf("Region(SY.%s) = %v, %v, want %s", admin1, r, ok, want)
		}
	}
	if r, ok := g.Region(&Entry{Kind: City, ISO2: "SY", Admin1: "99"}); ok {
		t.Errorf("Region(SY.99) = %v, want none", r)
	}
	if a := testing.AllocsPerRun(100, func() { g.Region(city) }); a != 0 {
		t.Errorf("Region allocates %v times", a)
	}
}

// BenchmarkParse is BenchmarkLoad without reading and decompressing the
// data: the cost of indexing it.
func BenchmarkParse(b *testing.B) {
	g := embeddedT(b)
	text := g.text
	for b.Loop() {
		if _, err := parse(text); err != nil {
			b.Fatal(err)
		}
	}
}
