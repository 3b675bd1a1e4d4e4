package eval

// Geoparsing benchmark: GeoWebNews (GWN.xml) and LGL (lgl.xml), as in
// ../shared/eval/geo.
//
// A gold toponym is, in GWN.xml, an annotation whose type is a toponym
// (Literal, Mixed, Literal_Modifier, Non_Literal_Modifier, Metonymic,
// Coercion, Embedded_Literal, Embedded_Non_Lit; not the *_Expression common
// nouns, Non_Toponym, Demonym, Homonym or Language) whose offsets cover its
// name (a few in GWN.xml do not and are left out), and in lgl.xml every
// <toponym>. Offsets in both files count characters (code points) of the
// article text.
//
// Recognition: a predicted place matches a gold toponym when their
// character ranges overlap (each used once, in text order); precision is
// matched predictions over all predictions, recall matched gold toponyms
// over all. Resolution is measured on the matched gold toponyms that have a
// point: the share whose predicted point is within 161 km (100 miles) of
// the gold one (Acc@161), and the median and mean error in km.

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"dyad/doc"
)

// GeoDoc is one gold article of a geoparsing set.
type GeoDoc struct {
	ID, Title, Text string
	Toponyms        []GeoToponym
}

// GeoToponym is one gold toponym. Start and End are character offsets
// into GeoDoc.Text.
type GeoToponym struct {
	Start, End int
	Name       string
	Type       string // GWN's annotation type; "" in LGL
	Lat, Lon   float64
	HasPoint   bool
}

// GeoPlace is one predicted place. Start and End are byte offsets into the
// article text (as in doc.Place), converted by ScoreGeo.
type GeoPlace struct {
	Start, End int
	Name       string
	Kind       string // "country", "region" or "city" (doc.Place.Kind)
	Lat, Lon   float64
}

// gwnToponymTypes are GWN's annotation types that name places.
var gwnToponymTypes = map[string]bool{
	"Literal": true, "Mixed": true, "Literal_Modifier": true, "Non_Literal_Modifier": true, "Metonymic": true,
	"Coercion": true, "Embedded_Literal": true, "Embedded_Non_Lit": true,
}

// ReadGWN reads GeoWebNews' GWN.xml.
func ReadGWN(r io.Reader) ([]GeoDoc, error) {
	var x struct {
		Articles []struct {
			File     string `xml:"file,attr"`
			Title    string `xml:"title"`
			Text     string `xml:"text"`
			Toponyms []struct {
				Name  string `xml:"extractedName"`
				Type  string `xml:"type"`
				Start int    `xml:"start"`
				End   int    `xml:"end"`
				Lat   string `xml:"latitude"`
				Lon   string `xml:"longitude"`
			} `xml:"toponyms>toponym"`
		} `xml:"article"`
	}
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return nil, fmt.Errorf("eval: GWN: %w", err)
	}
	var out []GeoDoc
	for _, a := range x.Articles {
		g := GeoDoc{ID: "gwn-" + a.File, Title: a.Title, Text: a.Text}
		rs := []rune(a.Text)
		for _, t := range a.Toponyms {
			if !gwnToponymTypes[t.Type] {
				continue
			}
			if t.Start < 0 || t.Start > t.End || t.End > len(rs) || string(rs[t.Start:t.End]) != t.Name {
				continue // a handful of annotations point outside their name
			}
			tp := GeoToponym{Start: t.Start, End: t.End, Name: t.Name, Type: t.Type}
			tp.Lat, tp.Lon, tp.HasPoint = geoPoint(t.Lat, t.Lon)
			g.Toponyms = append(g.Toponyms, tp)
		}
		out = append(out, g)
	}
	return out, nil
}

// ReadLGL reads the Local-Global Lexicon corpus, lgl.xml.
func ReadLGL(r io.Reader) ([]GeoDoc, error) {
	var x struct {
		Articles []struct {
			ID       string `xml:"docid,attr"`
			Title    string `xml:"title"`
			Text     string `xml:"text"`
			Toponyms []struct {
				Start  int    `xml:"start"`
				End    int    `xml:"end"`
				Phrase string `xml:"phrase"`
				Gaz    *struct {
					Lat string `xml:"lat"`
					Lon string `xml:"lon"`
				} `xml:"gaztag"`
			} `xml:"toponyms>toponym"`
		} `xml:"article"`
	}
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return nil, fmt.Errorf("eval: LGL: %w", err)
	}
	var out []GeoDoc
	for _, a := range x.Articles {
		g := GeoDoc{ID: "lgl-" + a.ID, Title: a.Title, Text: a.Text}
		for _, t := range a.Toponyms {
			tp := GeoToponym{Start: t.Start, End: t.End, Name: t.Phrase}
			if t.Gaz != nil {
				tp.Lat, tp.Lon, tp.HasPoint = geoPoint(t.Gaz.Lat, t.Gaz.Lon)
			}
			g.Toponyms = append(g.Toponyms, tp)
		}
		out = append(out, g)
	}
	return out, nil
}

func geoPoint(lat, lon string) (float64, float64, bool) {
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	return a, b, err1 == nil && err2 == nil
}

// GeoMiss is one error of a geoparser: a gold toponym not found ("missed"),
// a prediction matching none ("spurious") or a point too far ("far").
type GeoMiss struct {
	Doc, Kind, Text string
	Km              float64 `json:",omitempty"`
}

// GeoReport is the score of one set.
type GeoReport struct {
	Set                   string
	Docs, Gold, Predicted int
	Matched               int // gold toponyms matched by a prediction
	Precision, Recall, F1 float64
	Resolvable            int // matched gold toponyms with a gold point
	Within161             int
	Acc161                float64
	MedianKm, MeanKm      float64
	// The same for the toponyms resolved to a region or city: country
	// points differ between gazetteers by hundreds of kilometres (the
	// United States: 383 km between GeoNames' point and ours), which says
	// nothing about the choice of place.
	SubResolvable, SubWithin161 int
	SubAcc161                   float64
	Misses                      []GeoMiss
}

// ScoreGeo scores predictions (one slice per gold document, byte offsets)
// against the gold documents.
func ScoreGeo(set string, gold []GeoDoc, pred [][]GeoPlace) *GeoReport {
	rep := &GeoReport{Set: set, Docs: len(gold)}
	var errs []float64
	for i, g := range gold {
		var ps []GeoPlace
		if i < len(pred) {
			ps = pred[i]
		}
		rep.Gold += len(g.Toponyms)
		rep.Predicted += len(ps)
		// byte → character offsets
		chars := geoCharOffsets(g.Text)
		tops := append([]GeoToponym(nil), g.Toponyms...)
		sort.SliceStable(tops, func(a, b int) bool { return tops[a].Start < tops[b].Start })
		used := make([]bool, len(ps))
		for _, t := range tops {
			hit := -1
			for k, p := range ps {
				if used[k] {
					continue
				}
				s, e := chars(p.Start), chars(p.End)
				if s < t.End && t.Start < e {
					hit = k
					break
				}
			}
			if hit < 0 {
				rep.Misses = append(rep.Misses, GeoMiss{Doc: g.ID, Kind: "missed", Text: t.Name})
				continue
			}
			used[hit] = true
			rep.Matched++
			if !t.HasPoint {
				continue
			}
			rep.Resolvable++
			km := geoKm(t.Lat, t.Lon, ps[hit].Lat, ps[hit].Lon)
			errs = append(errs, km)
			if ps[hit].Kind != "country" {
				rep.SubResolvable++
				if km <= 161 {
					rep.SubWithin161++
				}
			}
			if km <= 161 {
				rep.Within161++
			} else {
				rep.Misses = append(rep.Misses, GeoMiss{Doc: g.ID, Kind: "far", Text: t.Name + " → " + ps[hit].Name, Km: math.Round(km)})
			}
		}
		for k, p := range ps {
			if !used[k] {
				rep.Misses = append(rep.Misses, GeoMiss{Doc: g.ID, Kind: "spurious", Text: p.Name})
			}
		}
	}
	rep.Precision = geoRatio(rep.Matched, rep.Predicted)
	rep.Recall = geoRatio(rep.Matched, rep.Gold)
	if rep.Precision+rep.Recall > 0 {
		rep.F1 = 2 * rep.Precision * rep.Recall / (rep.Precision + rep.Recall)
	}
	rep.Acc161 = geoRatio(rep.Within161, rep.Resolvable)
	rep.SubAcc161 = geoRatio(rep.SubWithin161, rep.SubResolvable)
	if len(errs) > 0 {
		sort.Float64s(errs)
		rep.MedianKm = errs[len(errs)/2]
		sum := 0.0
		for _, e := range errs {
			sum += e
		}
		rep.MeanKm = sum / float64(len(errs))
	}
	return rep
}

func geoRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// geoCharOffsets returns a function turning byte offsets of text into
// character offsets.
func geoCharOffsets(text string) func(int) int {
	return func(b int) int {
		if b > len(text) {
			b = len(text)
		}
		return utf8.RuneCountInString(text[:b])
	}
}

func geoKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, h)))
}

// WriteSummary writes the figures on one line.
func (r *GeoReport) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "%s: %d docs; toponyms precision %.3f recall %.3f F1 %.3f (%d matched of %d gold, %d predicted); resolved within 161 km %.3f (%d/%d), median %.0f km, mean %.0f km; regions and cities within 161 km %.3f (%d/%d)\n",
		r.Set, r.Docs, r.Precision, r.Recall, r.F1, r.Matched, r.Gold, r.Predicted, r.Acc161, r.Within161, r.Resolvable, r.MedianKm, r.MeanKm, r.SubAcc161, r.SubWithin161, r.SubResolvable)
}

// WriteText writes the figures, then every miss.
func (r *GeoReport) WriteText(w io.Writer) {
	r.WriteSummary(w)
	r.writeMisses(w)
}

func (r *GeoReport) writeMisses(w io.Writer) {
	for _, m := range r.Misses {
		if m.Kind == "far" {
			fmt.Fprintf(w, "  %s %s: %s (%.0f km)\n", m.Doc, m.Kind, m.Text, m.Km)
		} else {
			fmt.Fprintf(w, "  %s %s: %s\n", m.Doc, m.Kind, m.Text)
		}
	}
}

// GeoReports are the reports of several sets.
type GeoReports []*GeoReport

// WriteText writes every set's figures, then every set's misses.
func (rs GeoReports) WriteText(w io.Writer) {
	for _, r := range rs {
		r.WriteSummary(w)
	}
	for _, r := range rs {
		fmt.Fprintf(w, "%s misses (%d):\n", r.Set, len(r.Misses))
		r.writeMisses(w)
	}
}

// Runner codes one document; *pipeline.Pipeline is one.
type Runner interface {
	Run(context.Context, *doc.Doc) error
}

// GeoCoder returns a coder that runs r over an article's text and returns
// the places it wrote into Doc.Places.
func GeoCoder(r Runner) func(id, text string) ([]GeoPlace, error) {
	return func(id, text string) ([]GeoPlace, error) {
		d := &doc.Doc{ID: id, Text: text}
		err := r.Run(context.Background(), d)
		out := make([]GeoPlace, 0, len(d.Places))
		for _, p := range d.Places {
			out = append(out, GeoPlace{Start: int(p.Start), End: int(p.End), Name: p.Name, Kind: p.Kind, Lat: p.Lat, Lon: p.Lon})
		}
		return out, err
	}
}

// GeoBenchmark reads GWN.xml and lgl.xml from dir (../shared/eval/geo),
// codes every article with code and scores both sets. A document the coder
// fails on counts with the places it returned.
func GeoBenchmark(dir string, code func(id, text string) ([]GeoPlace, error)) (GeoReports, error) {
	var reps GeoReports
	for _, set := range []struct {
		name, file string
		read       func(io.Reader) ([]GeoDoc, error)
	}{{"GeoWebNews", "GWN.xml", ReadGWN}, {"LGL", "lgl.xml", ReadLGL}} {
		f, err := os.Open(filepath.Join(dir, set.file))
		if err != nil {
			return reps, err
		}
		gold, err := set.read(f)
		f.Close()
		if err != nil {
			return reps, err
		}
		pred := make([][]GeoPlace, len(gold))
		for i, g := range gold {
			pred[i], _ = code(g.ID, g.Text)
		}
		reps = append(reps, ScoreGeo(set.name, gold, pred))
	}
	return reps, nil
}
