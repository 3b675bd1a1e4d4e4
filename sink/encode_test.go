package sink

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"testing"
	"time"

	"dyad/doc"
	"dyad/internal/pipetest"
	"dyad/pipeline"
	"dyad/read"
)

// reference encodes each document as JSONL did before it had its own
// encoder: encoding/json on refConvert(d), without HTML escaping.
func reference(t testing.TB, docs []*doc.Doc) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(refConvert(d)); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// viaJSONL writes docs with one JSONL writer (so its buffers are reused
// from one document to the next).
func viaJSONL(t testing.TB, docs []*doc.Doc) []byte {
	var b bytes.Buffer
	w := NewJSONL(&b)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameLines fails t at the first line where got and want differ.
func sameLines(t *testing.T, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) && i < len(wl); i++ {
		if !bytes.Equal(gl[i], wl[i]) {
			t.Fatalf("line %d differs:\n got %s\nwant %s", i+1, gl[i], wl[i])
		}
	}
	t.Fatalf("%d lines, want %d", len(gl), len(wl))
}

// TestEncodeSameAsEncodingJSON codes the BBC corpus, PETRARCH-2's
// GigaWord sample and its validation set (where ../shared is present) and
// hand-made documents with every kind of field, and requires JSONL's
// output to be byte for byte what encoding/json writes for Convert.
func TestEncodeSameAsEncodingJSON(t *testing.T) {
	docs := handMade()
	sets := []struct {
		path   string
		format read.Format
		max    int
	}{
		{"../../shared/corpora/bbc", read.FormatText, 600},
		{"../../shared/reference/petrarch2/GigaWord.sample.PETR.xml", read.FormatPetrXML, 0},
		{"../../shared/reference/universalpetrarch/PETR2_GSR_validation.xml", read.FormatPetrXML, 0},
		{"../../shared/eval/seed/article.txt", read.FormatAuto, 0},
	}
	var coded []*doc.Doc
	for _, set := range sets {
		if _, err := os.Stat(set.path); err != nil {
			t.Logf("%s is absent: not compared", set.path)
			continue
		}
		n := 0
		read.Paths([]string{set.path}, read.Options{Format: set.format, Date: time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)}, func(d *doc.Doc) error {
			if set.max == 0 || n < set.max {
				coded = append(coded, d)
				n++
			}
			return nil
		}, func(error) {})
	}
	if len(coded) > 0 {
		r, err := pipeline.Load()
		if err != nil {
			t.Fatal(err)
		}
		p, err := pipeline.Default(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range coded {
			if err := p.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		docs = append(docs, coded...)
	}
	for _, d := range docs {
		if got, want := Convert(d), refConvert(d); !reflect.DeepEqual(got, want) {
			t.Fatalf("Convert(%s) = %+v\nwant %+v", d.ID, got, want)
		}
	}
	want := reference(t, docs)
	sameLines(t, viaJSONL(t, docs), want)
	t.Logf("%d documents, %d bytes identical", len(docs), len(want))
}

// handMade returns documents that use every field and every escape.
func handMade() []*doc.Doc {
	text := "Russia <attacked> Turkey & \"Iran\".\u2028 Tab\there\\ \x01\x7f\xff é 😀 \u2029."
	d := &doc.Doc{ID: "h<1>", Date: time.Date(2018, 9, 7, 0, 0, 0, 0, time.UTC), Title: "T & <t>", Source: "src\n", Text: text}
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: int32(len(text))}}}
	src := doc.Actor{Span: doc.Span{Start: 0, End: 6}, ActorRef: doc.ActorRef{Code: "RUS", Country: "RUS"}, Rule: "r<"}
	tgt := doc.Actor{Span: doc.Span{Start: 18, End: 24}, ActorRef: doc.ActorRef{Code: "TURGOV", Country: "TUR", Sectors: []string{"GOV", "M\"IL"}}}
	grp := doc.Actor{Span: doc.Span{Start: 0, End: 24}, ActorRef: doc.ActorRef{Code: "X"}, Members: []int{0, 1}}
	d.Actors = []doc.Actor{src, tgt, grp, {Span: doc.Span{Start: 30, End: 34}}}
	d.Events = []doc.Event{
		{ID: "e1", Source: &src, Target: &tgt, Verb: doc.Span{Start: 7, End: 17}, CAMEO: "190", Root: "19", Quad: 4, Goldstein: -10,
			Plover: doc.PloverType{Event: "ASSAULT", Mode: "aerial"}, Rule: "x\u2028y", Mood: "intent",
			Location: &doc.Location{Name: "Idlib", Country: "SYR", Lat: 35.93, Lon: 36.63, Precision: "city"}},
		{ID: "e2", Source: &src, Verb: doc.Span{Start: 7, End: 17}, Goldstein: 1e-7,
			Location: &doc.Location{Name: "Nowhere", Lat: -0.0, Lon: 1e21}},
		{ID: "e3", Target: &tgt, Goldstein: 0.1 + 0.2, Location: &doc.Location{Name: "Syria", Country: "SYR", Lat: 35, Lon: 38}},
	}
	d.Quotes = []doc.Quote{
		{Span: doc.Span{Start: 25, End: 40}, Speaker: &src, Direct: true},
		{Span: doc.Span{Start: 25, End: 40}, SpeakerText: "a <spokesman>"},
		{Span: doc.Span{Start: 25, End: 40}},
	}
	d.Places = []doc.Place{
		{Span: doc.Span{Start: 18, End: 24}, Name: "Turkey", Country: "TUR", Lat: 39, Lon: 35, Kind: "country"},
		{Span: doc.Span{Start: 18, End: 24}, Name: "Damascus", Country: "SYR", Lat: 33.5102, Lon: 36.29128, Kind: "city"},
		{Span: doc.Span{Start: 18, End: 24}, Name: "Nowhere", Lat: 123456789.125, Lon: -1e-9},
	}
	d.Diagnostics = []doc.Diagnostic{
		{Pos: doc.PosOf(20), Severity: doc.Error, Stage: "s", Code: "c", Msg: "m\x00"},
		{Severity: doc.Warning, Stage: "s", Code: "c", Msg: "m"},
	}
	empty := &doc.Doc{ID: "empty"}
	other := &doc.Doc{ID: "d2", Date: time.Date(2018, 9, 8, 0, 0, 0, 0, time.UTC), Text: "x"}
	same := &doc.Doc{ID: "d3", Date: time.Date(2018, 9, 8, 12, 0, 0, 0, time.FixedZone("X", -13*3600)), Text: "y"}
	return []*doc.Doc{d, empty, other, same, d, empty}
}

// TestWriteNaN checks that a document JSON cannot hold fails as it did
// with encoding/json, writes nothing, and leaves the writer usable.
func TestWriteNaN(t *testing.T) {
	d := &doc.Doc{ID: "n", Text: "x"}
	d.Places = []doc.Place{{Name: "P", Lat: math.NaN()}}
	var b bytes.Buffer
	w := NewJSONL(&b)
	err := w.Write(d)
	wantErr := json.NewEncoder(&bytes.Buffer{}).Encode(Convert(d))
	if err == nil || wantErr == nil || err.Error() != wantErr.Error() {
		t.Fatalf("error %v, want %v", err, wantErr)
	}
	ok := &doc.Doc{ID: "ok"}
	if err := w.Write(ok); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	sameLines(t, b.Bytes(), reference(t, []*doc.Doc{ok}))
}

// fuzzInput hands out values made from a fuzzer's bytes.
type fuzzInput struct{ b []byte }

func (f *fuzzInput) byte() byte {
	if len(f.b) == 0 {
		return 0
	}
	c := f.b[0]
	f.b = f.b[1:]
	return c
}

func (f *fuzzInput) str() string {
	n := int(f.byte() % 12)
	n = min(n, len(f.b))
	s := string(f.b[:n])
	f.b = f.b[n:]
	return s
}

func (f *fuzzInput) int() int { return int(int8(f.byte())) * int(f.byte()+1) }

func (f *fuzzInput) float() float64 {
	switch f.byte() % 8 {
	case 0:
		return 0
	case 1:
		return float64(f.int()) / 7
	case 2:
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 1e-6, 1e21, 5e-324, math.MaxFloat64}[f.byte()%8]
	}
	var x [8]byte
	for i := range x {
		x[i] = f.byte()
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(x[:]))
}

func (f *fuzzInput) strs() []string {
	if f.byte()%4 == 0 {
		return nil
	}
	ss := make([]string, f.byte()%3)
	for i := range ss {
		ss[i] = f.str()
	}
	return ss
}

func (f *fuzzInput) actor() *Actor {
	if f.byte()%3 == 0 {
		return nil
	}
	return &Actor{Text: f.str(), Code: f.str(), Country: f.str(), Sectors: f.strs(), Rule: f.str()}
}

func (f *fuzzInput) geo() Geo {
	return Geo{GeoType: f.int() % 3, FIPS: f.str(), ADM1: f.str(), FeatureID: f.str()}
}

func (f *fuzzInput) strPtr() *string {
	if f.byte()%2 == 0 {
		return nil
	}
	s := f.str()
	return &s
}

// document makes a Document of any shape, nil slices and pointers included.
func (f *fuzzInput) document() *Document {
	d := &Document{DocID: f.str(), Date: f.strPtr(), Title: f.strPtr(), Source: f.str()}
	n := func() int { return int(f.byte() % 4) }
	if k := n(); k > 0 {
		d.Events = make([]Event, k-1)
		for i := range d.Events {
			e := &d.Events[i]
			*e = Event{ID: f.str(), Sentence: f.int(), Source: f.actor(), Target: f.actor(), CAMEO: f.str(), Root: f.str(),
				Quad: f.int(), Goldstein: f.float(), Plover: Plover{f.str(), f.str()}, Mood: f.str(),
				Evidence: Evidence{Text: f.str(), Verb: f.str(), Rule: f.str(), SourceSpan: [2]int{f.int(), f.int()}, VerbSpan: [2]int{f.int(), f.int()}}}
			if f.byte()%2 == 0 {
				e.Evidence.TargetSpan = &[2]int{f.int(), f.int()}
			}
			if f.byte()%2 == 0 {
				e.Location = &Location{Name: f.str(), Country: f.str(), Lat: f.float(), Lon: f.float(), Precision: f.str(), Geo: f.geo()}
			}
		}
	}
	if k := n(); k > 0 {
		d.Quotes = make([]Quote, k-1)
		for i := range d.Quotes {
			d.Quotes[i] = Quote{Sentence: f.int(), Speaker: f.actor(), Text: f.str(), Direct: f.byte()%2 == 0}
		}
	}
	if k := n(); k > 0 {
		d.Actors = make([]Mention, k-1)
		for i := range d.Actors {
			d.Actors[i] = Mention{Sentence: f.int(), Text: f.str(), Code: f.str(), Country: f.str(), Sectors: f.strs(), Start: f.int(), End: f.int(), Rule: f.str()}
		}
	}
	if k := n(); k > 0 {
		d.Places = make([]Place, k-1)
		for i := range d.Places {
			d.Places[i] = Place{Sentence: f.int(), Text: f.str(), Name: f.str(), Country: f.str(), Lat: f.float(), Lon: f.float(), Kind: f.str(), Geo: f.geo()}
		}
	}
	if k := n(); k > 0 {
		d.Diagnostics = make([]Diagnostic, k-1)
		for i := range d.Diagnostics {
			d.Diagnostics[i] = Diagnostic{Stage: f.str(), Code: f.str(), Severity: f.str(), Message: f.str(), Position: f.str()}
		}
	}
	return d
}

// FuzzEncodeSameAsEncodingJSON encodes Documents of any shape and content
// with appendDocument and with encoding/json: the bytes must be the same,
// and appendDocument must refuse exactly what encoding/json refuses.
func FuzzEncodeSameAsEncodingJSON(f *testing.F) {
	f.Add([]byte("\x05abcde\x01\x03<&>\x02\u2028\xff\x03\x03\x03\x03\x03\x03\x01\x02"))
	f.Add([]byte("\x0b\"\\\t\n\r\b\f\x00\x1f\x7f\x02\x03\x02\x01\x02\x05\x02\x07\x07\x07\x07\x07\x07\x07\x07"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &fuzzInput{b: data}
		d := in.document()
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		err := enc.Encode(d)
		got, ok := appendDocument(nil, d)
		if ok != (err == nil) {
			t.Fatalf("ok %v, encoding/json error %v", ok, err)
		}
		if ok && !bytes.Equal(append(got, '\n'), want.Bytes()) {
			t.Fatalf("got  %s\nwant %s", got, want.Bytes())
		}
	})
}

// TestAppendString compares appendString with encoding/json on every
// one- and two-byte string and on the characters it treats specially.
func TestAppendString(t *testing.T) {
	check := func(s string) {
		want, _ := json.Marshal(s)
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		want = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		if got := AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	for i := 0; i < 256; i++ {
		for j := 0; j < 256; j++ {
			check(string([]byte{byte(i), byte(j)}))
		}
	}
	for _, s := range []string{"\u2028\u2029", "a\u2029b", "\xe2\x80", "\xe2\x80\xa8", "\xed\xa0\x80", "😀", "\xf0\x9f\x98", "<>&"} {
		check(s)
	}
}

// FuzzJSONLSameAsEncodingJSON codes any text with the default pipeline and
// writes it, after and before hand-made documents so that the writer's
// reused buffers hold something, with JSONL and with encoding/json on
// refConvert: the lines must be the same.
func FuzzJSONLSameAsEncodingJSON(f *testing.F) {
	f.Add("2018-09-07", "Russian warplanes hit rebel-held parts of Idlib, the Syrian Observatory said.")
	f.Add("", "“We agree,” Zarif told reporters in Tehran.\n\nTurkey <denied> it & \"Iran\" \u2028 too.")
	f.Fuzz(func(t *testing.T, date, text string) {
		d := pipetest.Code(t, date, text)
		hand := handMade()
		docs := append(append(hand[:1:1], d), hand...)
		sameLines(t, viaJSONL(t, docs), reference(t, docs))
	})
}
