package tag

import (
	"strings"
	"testing"

	"dyad/doc"
	"dyad/internal/prosenlp"
	"dyad/segment"
)

var lex = &Lexicon{
	Irregular: map[string]string{"struck": "strike", "met": "meet", "fought": "fight", "men": "man", "crises": "crisis"},
	Verbs:     map[string]bool{"agree": true, "accuse": true, "stop": true, "deny": true, "prepare": true, "attack": true, "hit": true, "meet": true, "strike": true, "support": true, "lift": true},
	Nouns:     map[string]bool{"warplane": true, "force": true, "crisis": true, "militia": true},
}

func TestLemma(t *testing.T) {
	tg := New(nil, lex)
	tests := []struct{ word, tag, want string }{
		{"agreed", "VBD", "agree"},
		{"accused", "VBN", "accuse"},
		{"stopped", "VBD", "stop"},
		{"denies", "VBZ", "deny"},
		{"struck", "VBD", "strike"},
		{"hitting", "VBG", "hit"},
		{"attacks", "VBZ", "attack"},
		{"estimated", "VBN", "estimate"},
		{"faces", "VBZ", "face"},
		{"pushes", "VBZ", "push"},
		{"yes", "VBZ", "ye"},
		{"warplanes", "NNS", "warplane"},
		{"forces", "NNS", "force"},
		{"militias", "NNS", "militia"},
		{"crises", "NNS", "crisis"},
		{"men", "NNS", "man"},
		{"n't", "RB", "not"},
		{"Russia", "NNP", "russia"},
		{"’s", "POS", "'s"},
	}
	for _, tt := range tests {
		if got := tg.Lemma(tt.word, tt.tag); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.word, tt.tag, got, tt.want)
		}
	}
}

func tagged(t *testing.T, text string) (*doc.Doc, string) {
	m, err := prosenlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{Text: text}
	segment.Segmenter{}.Process(d)
	New(m, lex).Process(d)
	var b strings.Builder
	for i := range d.Tokens {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(d.TokenText(i) + "/" + d.Tokens[i].Tag)
	}
	return d, b.String()
}

func TestCorrections(t *testing.T) {
	tests := []struct{ text, want string }{
		// the model tags "prepare" as a noun here; the verb dictionary corrects it
		{"Assad's forces, backed by Russia and Iran, prepare for the battle.", "prepare/VBP"},
		{"They want to support the rebels.", "support/VB"},
		{"He struck a deal.", "struck/VBD"},
		{"King Abdullah met the prime minister.", "King/NNP"},
		{"Russia lifts sanctions on Georgia.", "lifts/VBZ"},
		{"British aircraft using precision guided missiles killed 4 Iraqis.", "guided/JJ"},
	}
	for _, tt := range tests {
		if _, got := tagged(t, tt.text); !strings.Contains(got, tt.want) {
			t.Errorf("%q: want %s in\n%s", tt.text, tt.want, got)
		}
	}
}

func TestChunks(t *testing.T) {
	d, _ := tagged(t, "Russian warplanes hit rebel-held parts of Idlib on Friday.")
	var got []string
	for _, c := range d.Chunks {
		got = append(got, c.Kind.String()+":"+d.Slice(doc.Span{Start: d.Tokens[c.First].Start, End: d.Tokens[c.Last-1].End}))
	}
	want := "NP:Russian warplanes|VP:hit|NP:rebel-held parts|PP:of|NP:Idlib|PP:on|NP:Friday"
	if strings.Join(got, "|") != want {
		t.Errorf("chunks\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
}
