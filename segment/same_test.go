package segment

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dyad/doc"
)

// checkSame fails t when Tokenize and Split disagree with the reference
// implementation on text.
func checkSame(t *testing.T, text string) {
	t.Helper()
	want := refTokenize(text, nil)
	var d doc.Doc
	d.Text = text
	if err := (Segmenter{}).Process(&d); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 && len(d.Tokens) == 0 {
		want = d.Tokens
	}
	if !reflect.DeepEqual(d.Tokens, want) {
		t.Fatalf("tokens of %q differ:\n got %v\nwant %v", text, d.Tokens, want)
	}
	wantS := refSplit(text, want, nil)
	if len(wantS) == 0 && len(d.Sentences) == 0 {
		wantS = d.Sentences
	}
	if !reflect.DeepEqual(d.Sentences, wantS) {
		t.Fatalf("sentences of %q differ:\n got %v\nwant %v", text, d.Sentences, wantS)
	}
}

// TestSameAsReference compares the segmenter with the reference on hard
// cases and, where ../shared is present, on every BBC article and the
// GigaWord sample.
func TestSameAsReference(t *testing.T) {
	for _, s := range []string{
		"", " ", "\u00a0x\u0085y\u2028z", "İnc. Inc. INC. inc. \u212ao. Co. APPROX. Messrs. MESSRS.",
		"CAN'T Can’t WON’T won't DON'T İ's K's Kelvin\u212a's", "x—y–z——", "—a", "a\xe2\x80", "\xe2\x80\x94",
		"\xff's \xe2'S \xe2\x80’s", "U.S. The U.N. He a.m. It", "St. Gen. GEN. gEn.", "www.x.com http://a.b/c. @h's",
		"“Agreed.” Zarif wrote.\n\n“Next” para", "countries’ Countries' ’s 's",
	} {
		checkSame(t, s)
	}
	var files []string
	filepath.Walk("../../shared/corpora/bbc", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	files = append(files, "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml",
		"../../shared/reference/universalpetrarch/PETR2_GSR_validation.xml")
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		checkSame(t, string(b))
		n++
	}
	if n < 3 {
		t.Logf("../shared is absent: compared the built-in cases only")
	}
}

func FuzzSameAsReference(f *testing.F) {
	f.Add("“As @X destroys U.S credibility,” Zarif wrote.")
	f.Add("can't won’t '' ’’ ... — $ # İnc. CAN’T x—y")
	f.Add("Gen. Michel Aoun left.\n\nIs it over? No.")
	f.Fuzz(func(t *testing.T, s string) { checkSame(t, s) })
}

// TestAbbreviationLengths checks what isAbbreviation assumes: a word that
// lower-cases to an abbreviation is at most 8 bytes long.
func TestAbbreviationLengths(t *testing.T) {
	for a := range abbreviations {
		if n := len(a) + strings.Count(a, "i") + 2*strings.Count(a, "k"); n > 8 {
			t.Errorf("abbreviation %q: a word lower-casing to it may be %d bytes long", a, n)
		}
		if !isAbbreviation(strings.ToUpper(a)) || !isAbbreviation(a) {
			t.Errorf("isAbbreviation(%q) is false", a)
		}
	}
	for _, w := range []string{"İnc", "İNC", "\u212ao", "Gen", "GEN"} {
		_, want := abbreviations[strings.ToLower(w)]
		if got := isAbbreviation(w); got != want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", w, got, want)
		}
	}
}
