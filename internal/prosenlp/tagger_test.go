package prosenlp

import (
	"strings"
	"testing"

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

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
