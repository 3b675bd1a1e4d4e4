package gazetteer

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Idlib", "idlib"},
		{"IDLIB", "idlib"},
		{"Ḩamāh", "hamah"},
		{"Dar‘ā", "dara"},
		{"U.S.", "us"},
		{"Guinea-Bissau", "guinea bissau"},
		{"Washington, D.C.", "washington dc"},
		{"Côte d'Ivoire", "cote divoire"},
		{"  São   Paulo ", "sao paulo"},
		{"Zürich", "zurich"},
		{"Łódź", "lodz"},
		{"Москва", "москва"},
		{"plain", "plain"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Key(tc.in); got != tc.want {
				t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func embeddedT(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := embeddedT(t)
	if g.Len() < 150000 {
		t.Fatalf("Len = %d, want the whole gazetteer (> 150000)", g.Len())
	}
	tests := []struct {
		name     string
		kind     Kind   // of the first entry
		iso3     string // of the first entry
		lat, lon float64
		withinKm float64
		hasISO3  string // some entry is in this country
		adm1     string // GDELT ADM1 of the first entry
		geoType  int
	}{
		{name: "Tehran", kind: Region, iso3: "IRN", lat: 35.69, lon: 51.42, withinKm: 120, adm1: "IR26", geoType: 5},
		{name: "Idlib", kind: Region, iso3: "SYR", lat: 35.93, lon: 36.63, withinKm: 60, adm1: "SY12", geoType: 5},
		{name: "Idleb", kind: Region, iso3: "SYR", lat: 35.93, lon: 36.63, withinKm: 60},
		{name: "Syria", kind: Country, iso3: "SYR", lat: 35.0, lon: 38.5, withinKm: 400, geoType: 1},
		{name: "Kiev", kind: City, iso3: "UKR", lat: 50.45, lon: 30.52, withinKm: 20, geoType: 4},
		{name: "Hama", kind: Region, iso3: "SYR", lat: 35.13, lon: 36.75, withinKm: 100},
		{name: "Tripoli", kind: Region, iso3: "LBY", hasISO3: "LBN"},
		{name: "Texas", kind: Region, iso3: "USA", lat: 31.25, lon: -99.25, withinKm: 161, adm1: "USTX", geoType: 2},
		{name: "U.S.", kind: Country, iso3: "USA", geoType: 1},
		{name: "Britain", kind: Country, iso3: "GBR"},
		{name: "Alexandria", kind: Region, iso3: "EGY", hasISO3: "USA"},
		{name: "Rapides Parish", kind: District, iso3: "USA", lat: 31.17, lon: -92.48, withinKm: 60},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := g.Lookup(tc.name)
			if len(es) == 0 {
				t.Fatalf("Lookup(%q) found nothing", tc.name)
			}
			e := es[0]
			if e.Kind != tc.kind || e.ISO3 != tc.iso3 {
				t.Errorf("first = %v %v, want a %v in %s", e, e.Kind, tc.kind, tc.iso3)
			}
			if tc.withinKm > 0 {
				if d := Distance(e.Lat, e.Lon, tc.lat, tc.lon); d > tc.withinKm {
					t.Errorf("%v at %.2f,%.2f is %.0f km from %.2f,%.2f, want ≤ %.0f", e, e.Lat, e.Lon, d, tc.lat, tc.lon, tc.withinKm)
				}
			}
			if tc.hasISO3 != "" {
				found := false
				for _, x := range es {
					found = found || x.ISO3 == tc.hasISO3
				}
				if !found {
					t.Errorf("no %q in %s among %v", tc.name, tc.hasISO3, es)
				}
			}
			if tc.adm1 != "" && e.ADM1() != tc.adm1 {
				t.Errorf("ADM1() = %q, want %q", e.ADM1(), tc.adm1)
			}
			if tc.geoType != 0 && e.GeoType() != tc.geoType {
				t.Errorf("GeoType() = %d, want %d", e.GeoType(), tc.geoType)
			}
		})
	}
}

func TestCountryAndRegion(t *testing.T) {
	g := embeddedT(t)
	for _, code := range []string{"SY", "SYR"} {
		c, ok := g.Country(code)
		if !ok || c.Name != "Syria" || c.FIPS != "SY" {
			t.Errorf("Country(%q) = %v, %v", code, c, ok)
		}
	}
	if c, ok := g.Country("DE"); !ok || c.FIPS != "GM" || c.ISO3 != "DEU" {
		t.Errorf("Country(DE) = %+v", c)
	}
	city := g.Lookup("Aleppo")
	var aleppo *Entry
	for _, e := range city {
		if e.Kind == City && e.ISO2 == "SY" {
			aleppo = e
			break
		}
	}
	if aleppo == nil {
		t.Fatal("no city Aleppo in SY")
	}
	if r, ok := g.Region(aleppo); !ok || r.Name != "Aleppo" || r.Kind != Region {
		t.Errorf("Region(Aleppo) = %v, %v", r, ok)
	}
	if aleppo.Feature != "PPLA" || aleppo.GeonameID != 170063 || aleppo.Population < 1000000 {
		t.Errorf("Aleppo = %+v", aleppo)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		check    bool // the error shows only in Check
	}{
		{"no index", "C\tSY\tSYR\tSY\t34.8\t38.9\t1\tSyria\n", false},
		{"kind", "X\tSY\n#index\n", false},
		{"order", "#index\nb\t0\na\t0\n", false},
		{"no ids", "#index\nsyria\n", false},
		{"short", "C\tSY\tSYR\n#index\nsyria\t0\n", false},
		{"fields", "P\tSY\t12\n#index\nidlib\t0\n", true},
		{"number", "C\tSY\tSYR\tSY\tnorth\t38.9\t1\tSyria\n#index\nsyria\t0\n", true},
		{"name", "A\tSY\t12\t35.8\t36.6\t1\t\n#index\nx\t0\n", true},
		{"id", "A\tSY\t12\t35.8\t36.6\t1\tIdlib\n#index\nidlib\t7\n", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := Load(strings.NewReader(tc.in))
			if !tc.check {
				if !errors.Is(err, ErrFormat) {
					t.Errorf("Load(%q) error = %v, want ErrFormat", tc.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%q) error = %v, want nil (the record is parsed lazily)", tc.in, err)
			}
			if err := g.Check(); !errors.Is(err, ErrFormat) {
				t.Errorf("Check() = %v, want ErrFormat", err)
			}
		})
	}
	g, err := Load(strings.NewReader("# comment\nC\tSY\tSYR\tSY\t34.8\t38.9\t100\tSyria|Syrian Arab Republic\nP\tSY\t12\t\tPPLA\t169389\t35.9306\t36.6339\t128840\tIdlib|Idleb\n#index\nidleb\t1\nidlib\t1\nsyria\t0\nsyrian arab republic\t0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Check(); err != nil {
		t.Fatal(err)
	}
	if es := g.Lookup("IDLEB"); len(es) != 1 || es[0].ISO3 != "SYR" || es[0].FIPS != "SY" || es[0].ADM1() != "SY12" {
		t.Errorf("Lookup(IDLEB) = %v", es)
	}
	if a, b := g.Lookup("Idlib"), g.Lookup("Idleb"); len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("one place, two entries: %p %p", a, b)
	}
}

func TestEmbeddedCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every record")
	}
	g := embeddedT(t)
	if err := g.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestDistance(t *testing.T) {
	// Tehran to Idlib, about 1,330 km
	if d := Distance(35.69, 51.42, 35.93, 36.63); d < 1300 || d > 1360 {
		t.Errorf("Distance = %.0f", d)
	}
	if d := Distance(1, 2, 1, 2); d != 0 {
		t.Errorf("Distance to itself = %v", d)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := embeddedT(b)
	for b.Loop() {
		g.Lookup("Tripoli")
	}
}

func TestFindAndFeatureID(t *testing.T) {
	g := embeddedT(t)
	tests := []struct {
		name      string
		kind      Kind
		featureID string
	}{
		{"Syria", Country, "SY"},
		{"Germany", Country, "GM"},
		{"Idlib", Region, "SY12"},
		{"Idlib", City, "169389"},
	}
	for _, tc := range tests {
		t.Run(tc.name+" "+tc.kind.String(), func(t *testing.T) {
			var e *Entry
			for _, x := range g.Lookup(tc.name) {
				if x.Kind == tc.kind {
					e = x
					break
				}
			}
			if e == nil {
				t.Fatalf("no %v named %s", tc.kind, tc.name)
			}
			if got := e.FeatureID(); got != tc.featureID {
				t.Errorf("FeatureID() = %q, want %q", got, tc.featureID)
			}
			f, ok := g.Find(e.Name, e.Lat, e.Lon)
			if !ok || f != e {
				t.Errorf("Find(%q, %v, %v) = %v, %v, want %v", e.Name, e.Lat, e.Lon, f, ok, e)
			}
		})
	}
	if _, ok := g.Find("Idlib", 0, 0); ok {
		t.Error("Find matched a place at another point")
	}
}

func TestConcurrentLookup(t *testing.T) {
	g, err := Load(bytes.NewReader(embedded)) // a fresh one: nothing parsed yet
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Idlib", "Tripoli", "Aleppo", "Syria", "Texas", "Kiev"}
	got := make([][]*Entry, 8)
	done := make(chan int)
	for w := range got {
		go func() {
			for _, n := range names {
				got[w] = append(got[w], g.Lookup(n)[0])
			}
			done <- w
		}()
	}
	for range got {
		<-done
	}
	for w := 1; w < len(got); w++ {
		for i := range names {
			if got[w][i] != got[0][i] {
				t.Errorf("%s: goroutines got different entries %p and %p", names[i], got[w][i], got[0][i])
			}
		}
	}
}
