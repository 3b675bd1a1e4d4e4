package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const gwnSample = `<?xml version="1.0" ?>
<articles>
	<article file="7">
		<title>t</title>
		<text>Zürich and Idlib. Jones spoke.</text>
		<toponyms>
			<toponym><extractedName>Zürich</extractedName><type>Literal</type><start>0</start><end>6</end><latitude>47.37</latitude><longitude>8.55</longitude></toponym>
			<toponym><extractedName>Idlib</extractedName><type>Literal</type><start>11</start><end>16</end><latitude>35.93</latitude><longitude>36.63</longitude></toponym>
			<toponym><extractedName>spoke</extractedName><type>Literal_Expression</type><start>24</start><end>29</end></toponym>
		</toponyms>
	</article>
</articles>`

const lglSample = `<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>t</title>
    <text><![CDATA[Paris, Texas and Mars.]]></text>
    <toponyms>
      <toponym><start>0</start><end>5</end><phrase>Paris</phrase>
        <gaztag geonameid="4717560"><name>Paris</name><lat>33.66</lat><lon>-95.56</lon></gaztag></toponym>
      <toponym><start>7</start><end>12</end><phrase>Texas</phrase></toponym>
    </toponyms>
  </article>
</articles>`

func TestReadGeo(t *testing.T) {
	gwn, err := ReadGWN(strings.NewReader(gwnSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(gwn) != 1 || gwn[0].ID != "gwn-7" || len(gwn[0].Toponyms) != 2 || !gwn[0].Toponyms[1].HasPoint {
		t.Fatalf("ReadGWN = %+v", gwn)
	}
	lgl, err := ReadLGL(strings.NewReader(lglSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(lgl) != 1 || lgl[0].ID != "lgl-1" || len(lgl[0].Toponyms) != 2 || !lgl[0].Toponyms[0].HasPoint || lgl[0].Toponyms[1].HasPoint {
		t.Fatalf("ReadLGL = %+v", lgl)
	}
	if _, err := ReadGWN(strings.NewReader("<articles><article>")); err == nil {
		t.Error("ReadGWN accepted broken XML")
	}
}

func TestScoreGeo(t *testing.T) {
	gold, _ := ReadGWN(strings.NewReader(gwnSample))
	// "Zürich" is 7 bytes: predictions carry byte offsets
	tests := []struct {
		name                    string
		pred                    []GeoPlace
		precision, recall, acc  float64
		within, resolvable, far int
	}{
		{"both right", []GeoPlace{{Start: 0, End: 7, Name: "Zurich", Kind: "city", Lat: 47.37, Lon: 8.54}, {Start: 12, End: 17, Name: "Idlib", Kind: "city", Lat: 35.93, Lon: 36.63}},
			1, 1, 1, 2, 2, 0},
		{"one far", []GeoPlace{{Start: 0, End: 7, Name: "Zurich", Kind: "city", Lat: 40, Lon: 8.54}, {Start: 12, End: 17, Name: "Idlib", Kind: "city", Lat: 35.93, Lon: 36.63}},
			1, 1, 0.5, 1, 2, 1},
		{"one spurious, one missed", []GeoPlace{{Start: 12, End: 17, Name: "Idlib", Kind: "city", Lat: 35.93, Lon: 36.63}, {Start: 19, End: 24, Name: "Jones", Kind: "city", Lat: 1, Lon: 1}},
			0.5, 0.5, 1, 1, 1, 0},
		{"nothing", nil, 0, 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ScoreGeo("test", gold, [][]GeoPlace{tc.pred})
			if r.Precision != tc.precision || r.Recall != tc.recall || r.Acc161 != tc.acc || r.Within161 != tc.within || r.Resolvable != tc.resolvable {
				t.Errorf("got P %v R %v Acc %v (%d/%d), want P %v R %v Acc %v (%d/%d)",
					r.Precision, r.Recall, r.Acc161, r.Within161, r.Resolvable, tc.precision, tc.recall, tc.acc, tc.within, tc.resolvable)
			}
			far := 0
			for _, m := range r.Misses {
				if m.Kind == "far" {
					far++
				}
			}
			if far != tc.far {
				t.Errorf("%d far misses, want %d: %+v", far, tc.far, r.Misses)
			}
			if tc.recall > 0 && math.Abs(r.F1-2*tc.precision*tc.recall/(tc.precision+tc.recall)) > 1e-9 {
				t.Errorf("F1 = %v", r.F1)
			}
			var b strings.Builder
			GeoReports{r}.WriteText(&b)
			if !strings.HasPrefix(b.String(), "test: 1 docs; toponyms precision") || strings.Count(b.String(), "\n  ") != len(r.Misses) {
				t.Errorf("WriteText = %q", b.String())
			}
		})
	}
}

// TestReadGeoShared reads the real sets when ../shared is there.
func TestReadGeoShared(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "geo")
	for _, set := range []struct {
		file       string
		read       func(f *os.File) ([]GeoDoc, error)
		docs, tops int
	}{
		{"GWN.xml", func(f *os.File) ([]GeoDoc, error) { return ReadGWN(f) }, 200, 2000},
		{"lgl.xml", func(f *os.File) ([]GeoDoc, error) { return ReadLGL(f) }, 500, 5000},
	} {
		f, err := os.Open(filepath.Join(dir, set.file))
		if err != nil {
			t.Skipf("skipping: %v (../shared is absent)", err)
		}
		docs, err := set.read(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range docs {
			n += len(d.Toponyms)
			for _, tp := range d.Toponyms {
				if rs := []rune(d.Text); tp.End > len(rs) || tp.Start < 0 || tp.Start > tp.End {
					t.Fatalf("%s: toponym %q at %d:%d outside the text", d.ID, tp.Name, tp.Start, tp.End)
				}
			}
		}
		if len(docs) < set.docs || n < set.tops {
			t.Errorf("%s: %d docs, %d toponyms; want at least %d, %d", set.file, len(docs), n, set.docs, set.tops)
		}
	}
}
