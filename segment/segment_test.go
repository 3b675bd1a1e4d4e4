package segment

import (
	"strings"
	"testing"

	"dyad/doc"
)

// toks renders tokens separated by "|" and sentences by " / ".
func render(text string) string {
	toks := Tokenize(text, nil)
	sents := Split(text, toks, nil)
	var parts []string
	for _, s := range sents {
		var ws []string
		for i := s.First; i < s.Last; i++ {
			ws = append(ws, text[toks[i].Start:toks[i].End])
		}
		parts = append(parts, strings.Join(ws, "|"))
	}
	return strings.Join(parts, " / ")
}

func TestSegment(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"simple", "Putin met Erdogan in Tehran.", "Putin|met|Erdogan|in|Tehran|."},
		{"two sentences", "Putin met Erdogan. They agreed.", "Putin|met|Erdogan|. / They|agreed|."},
		{"possessive", "Russia’s President Vladimir Putin said", "Russia|’s|President|Vladimir|Putin|said"},
		{"plural possessive", "whose countries’ are key", "whose|countries|’|are|key"},
		{"acronym", "nor was the U.S. or other powers.", "nor|was|the|U.S.|or|other|powers|."},
		{"acronym end", "He went to the U.S. The talks failed.", "He|went|to|the|U.S. / The|talks|failed|."},
		{"title abbrev", "Gen. Michel Aoun left.", "Gen.|Michel|Aoun|left|."},
		{"initial", "George W. Bush spoke.", "George|W.|Bush|spoke|."},
		{"curly quote end", "“Agreed to end terrorism in #Idlib.” Zarif wrote.", "“|Agreed|to|end|terrorism|in|#|Idlib|.|” / Zarif|wrote|."},
		{"quote comma", "“We agree,” he said.", "“|We|agree|,|”|he|said|."},
		{"handle", "As @realDonaldTrump destroys U.S credibility & humiliates", "As|@realDonaldTrump|destroys|U.S|credibility|&|humiliates"},
		{"hyphen", "rebel-held parts of al-Assad’s", "rebel-held|parts|of|al-Assad|’s"},
		{"negation", "I can’t speak and don't.", "I|ca|n’t|speak|and|do|n't|."},
		{"money", "$50,000 worth (about 12%).", "$|50,000|worth|(|about|12|%|)|."},
		{"paragraph", "No period here\n\nNext paragraph.", "No|period|here / Next|paragraph|."},
		{"lower after period", "at 5 p.m. on Friday.", "at|5|p.m.|on|Friday|."},
		{"dash", "the war—and peace", "the|war|—|and|peace"},
		{"question", "Is it over? No.", "Is|it|over|? / No|."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.in); got != tt.want {
				t.Errorf("segment(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestOffsetsCoverText(t *testing.T) {
	text := "  “As @X destroys U.S credibility,” Zarif wrote.\n\nHe called on all militants in Syria to disarm. "
	var d doc.Doc
	d.Text = text
	if err := (Segmenter{}).Process(&d); err != nil {
		t.Fatal(err)
	}
	prev := int32(0)
	for _, tk := range d.Tokens {
		if tk.Start < prev || tk.End <= tk.Start || int(tk.End) > len(text) {
			t.Fatalf("bad token span %v", tk.Span)
		}
		if strings.TrimSpace(d.Slice(tk.Span)) != d.Slice(tk.Span) {
			t.Fatalf("token %q holds white space", d.Slice(tk.Span))
		}
		prev = tk.End
	}
	if len(d.Sentences) != 2 || d.Sentences[1].Para != 1 {
		t.Fatalf("sentences = %+v", d.Sentences)
	}
	if got := d.Slice(d.Sentences[1].Span); got != "He called on all militants in Syria to disarm." {
		t.Fatalf("sentence 2 = %q", got)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("“As @X destroys U.S credibility,” Zarif wrote.")
	f.Add("can't won’t '' ’’ ... — $ #")
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s, nil)
		sents := Split(s, toks, nil)
		last := int32(0)
		for _, tk := range toks {
			if tk.Start < last || tk.End <= tk.Start || int(tk.End) > len(s) {
				t.Fatalf("bad span %v in %q", tk.Span, s)
			}
			last = tk.End
		}
		n := 0
		for _, se := range sents {
			if se.First != n || se.Last <= se.First {
				t.Fatalf("sentences do not tile tokens: %+v", sents)
			}
			n = se.Last
		}
		if n != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", n, len(toks))
		}
	})
}
