package prosenlp

import (
	"bytes"
	"encoding/gob"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/segment"

	prose "github.com/jdkato/prose/v2"
)

// TestMatchesProse checks that the adapter assigns the tags prose itself
// assigns to the same tokens.
func TestMatchesProse(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Turkish President Tayyip Erdogan called for a ceasefire in the rebel-held region of Idlib on Friday.",
		"Russian and government warplanes hit rebel-held parts of Idlib, the war monitor said.",
		"The UN has warned an assault could lead to a humanitarian catastrophe.",
		"Israeli soldiers arrested more than 100 Palestinians on Saturday in a security sweep of the Hebron area.",
	}
	diff, total := 0, 0
	for _, s := range texts {
		pd, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		var words, want []string
		for _, tok := range pd.Tokens() {
			words = append(words, tok.Text)
			want = append(want, tok.Tag)
		}
		got := tg.Tag(words, nil)
		for i := range got {
			total++
			if got[i] != want[i] {
				diff++
				t.Logf("%q: got %s, prose %s (%s)", words[i], got[i], want[i], strings.Join(words, " "))
			}
		}
	}
	// prose breaks exact ties by map order, so allow a rare difference.
	if diff*50 > total {
		t.Fatalf("%d of %d tags differ from prose", diff, total)
	}
}

// BenchmarkLoad decodes prose's model and indexes it, against the
// reference's string-keyed load.
func BenchmarkLoad(b *testing.B) {
	for _, x := range []struct {
		name string
		load func() error
	}{
		{"indexed", func() error { _, err := Load(); return err }},
		{"reference", func() error { _, err := refLoad(); return err }},
	} {
		b.Run(x.name, func(b *testing.B) {
			for b.Loop() {
				if err := x.load(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMatchesReference checks that the indexed tagger assigns exactly the
// tags of the string-keyed reference on every sentence of the BBC corpus,
// with and without fixed tags (including tags the model never names).
func TestMatchesReference(t *testing.T) {
	const dir = "../../../shared/corpora/bbc"
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skipf("%s is absent: no corpus to compare on", dir)
	}
	if testing.Short() {
		files = files[:100]
	}
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := refLoad()
	if err != nil {
		t.Fatal(err)
	}
	fixedTags := []string{"VB", "NNS", "-", "XYZ", "NNP", ""}
	var toks []doc.Token
	var sents []doc.Sentence
	var words, fixed []string
	n, sentences := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		toks = segment.Tokenize(text, toks[:0])
		sents = segment.Split(text, toks, sents[:0])
		for _, s := range sents {
			words, fixed = words[:0], fixed[:0]
			for i := s.First; i < s.Last; i++ {
				words = append(words, text[toks[i].Start:toks[i].End])
				fix := ""
				if n++; n%7 == 0 {
					fix = fixedTags[n%len(fixedTags)]
				}
				fixed = append(fixed, fix)
			}
			sentences++
			got, want := tg.Tag(words, nil), ref.TagFixed(words, nil, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: %q\n got %q\nwant %q", f, words, got, want)
			}
			got, want = tg.TagFixed(words, fixed, nil), ref.TagFixed(words, fixed, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, fixed %q: %q\n got %q\nwant %q", f, fixed, words, got, want)
			}
		}
	}
	t.Logf("%d sentences, %d tokens agree", sentences, n)
}

// BenchmarkTag tags the BBC politics articles' sentences with the indexed
// tagger and with the string-keyed reference it replaced.
func BenchmarkTag(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpora/bbc/politics/*.txt")
	if len(files) == 0 {
		b.Skip("../shared is absent: no corpus")
	}
	var all [][]string
	for _, f := range files {
		bs, _ := os.ReadFile(f)
		text := string(bs)
		toks := segment.Tokenize(text, nil)
		for _, s := range segment.Split(text, toks, nil) {
			var words []string
			for i := s.First; i < s.Last; i++ {
				words = append(words, text[toks[i].Start:toks[i].End])
			}
			all = append(all, words)
		}
	}
	tg, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	ref, err := refLoad()
	if err != nil {
		b.Fatal(err)
	}
	for _, x := range []struct {
		name string
		tag  func(words, fixed, dst []string) []string
	}{{"indexed", tg.TagFixed}, {"reference", ref.TagFixed}} {
		b.Run(x.name, func(b *testing.B) {
			var dst []string
			b.ReportAllocs()
			for b.Loop() {
				for _, w := range all {
					dst = x.tag(w, nil, dst[:0])
				}
			}
			b.ReportMetric(float64(len(all)*b.N)/b.Elapsed().Seconds(), "sentences/s")
		})
	}
}

func TestIsInt(t *testing.T) {
	for _, s := range []string{"", "+", "-", "2018", "+201", "-201", "20a8", "٢٠١٨", "1 23", "0x12"} {
		_, err := strconv.Atoi(s)
		if got := isInt(s); got != (err == nil) {
			t.Errorf("isInt(%q) = %v, Atoi's error %v", s, got, err)
		}
	}
}

// TestReadWeights checks the hand-written reader of weights.gob against
// encoding/gob: the same features with the same class weights.
func TestReadWeights(t *testing.T) {
	var classes []string
	var wts map[string]map[string]float64
	for _, x := range []struct {
		name string
		v    any
	}{{"classes.gob", &classes}, {"weights.gob", &wts}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + x.name)
		if err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(x.v); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := prose.Asset("model/AveragedPerceptron/weights.gob")
	m, err := readWeights(b, classes)
	if err != nil {
		t.Fatal(err)
	}
	flat := func(m *model) map[string]map[uint8]float32 {
		out := map[string]map[uint8]float32{}
		for i, f := range m.names {
			if _, dup := out[f]; dup {
				t.Fatalf("feature %q read twice", f)
			}
			out[f] = map[uint8]float32{}
			for _, w := range m.w[m.off[i]:m.off[i+1]] {
				out[f][w.class] = w.w
			}
		}
		return out
	}
	got, want := flat(m), flat(fromMaps(classes, wts))
	if len(got) != len(want) || len(got) < 70000 {
		t.Fatalf("%d features read, encoding/gob reads %d", len(got), len(want))
	}
	for f, ws := range want {
		if !maps.Equal(got[f], ws) {
			t.Fatalf("feature %q: read %v, encoding/gob %v", f, got[f], ws)
		}
	}
	// a damaged stream is an error, never a panic
	for _, cut := range []int{0, 1, 20, 40, len(b) / 2, len(b) - 1} {
		if _, err := readWeights(b[:cut], classes); err == nil {
			t.Errorf("stream cut at %d: no error", cut)
		}
	}
}

// FuzzReadWeights feeds damaged streams to the weights reader: an error or
// a model, never a panic.
func FuzzReadWeights(f *testing.F) {
	b, _ := prose.Asset("model/AveragedPerceptron/weights.gob")
	f.Add(b[:200])
	f.Add([]byte{0x03, 0xff, 0x88, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readWeights(data, []string{"NN", "VB"})
		if err == nil && len(m.off) != len(m.names)+1 {
			t.Fatalf("%d names, %d offsets", len(m.names), len(m.off))
		}
	})
}
