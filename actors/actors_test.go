package actors_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/internal/pipetest"
)

func run(t testing.TB, date, text string) *doc.Doc { return pipetest.Code(t, date, text) }

var marker = regexp.MustCompile(`\[([^\]]+)\]([A-Z]+)`)

// TestMentions checks mentions marked in the input: [text]CODE.
func TestMentions(t *testing.T) {
	tests := []struct{ date, in string }{
		{"2018-09-07", "[Russia’s President Vladimir Putin]RUSGOV said [Moscow]RUSGOV opposed a truce."},
		{"2018-09-07", "[Iranian Foreign Minister Mohammad Zarif]IRNGOV posted a message."},
		{"2018-09-07", "[Russian]RUSMIL and [government warplanes]SYRMIL hit [rebel-held parts of Idlib]SYRREB."},
		{"2018-09-07", "[Tehran]IRNGOV and [Moscow]RUSGOV have helped [Assad]SYRGOV turn the course of the war."},
		{"2018-09-07", "[Hassan Rouhani]IRNGOV spoke. Then [he]IRNGOV met [Erdogan]TURGOV."},
		{"2000-01-01", "[Rebels in the Ivory Coast]CIVREB dismissed an appeal."},
		{"2000-01-01", "[Israeli soldiers]ISRMIL arrested more than 100 [Palestinians]PSE on Saturday."},
		{"1995-01-01", "[Vladimir Putin]RUSELI visited [Berlin]DEUGOV."},
		{"2000-01-01", "Thousands marched across [Latin America]X."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			plain := marker.ReplaceAllString(tt.in, "$1")
			d := run(t, tt.date, plain)
			var got []string
			for _, a := range d.Actors {
				if len(a.Members) == 0 && a.Code != "" {
					got = append(got, fmt.Sprintf("[%s]%s", d.Slice(a.Span), a.Code))
				}
			}
			var want []string
			for _, m := range marker.FindAllStringSubmatch(tt.in, -1) {
				if m[2] != "X" { // X: must not be a mention
					want = append(want, fmt.Sprintf("[%s]%s", m[1], m[2]))
				}
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("\n got %s\nwant %s", strings.Join(got, " "), strings.Join(want, " "))
			}
		})
	}
}

func Example() {
	d := run(nil, "2018-09-07", "Turkish President Tayyip Erdogan called on Putin and Rouhani to agree to a ceasefire.")
	for _, a := range d.Actors {
		if len(a.Members) > 0 {
			fmt.Printf("compound %q\n", d.Slice(a.Span))
			continue
		}
		fmt.Printf("%q %s\n", d.Slice(a.Span), a.Code)
	}
	// Output:
	// "Turkish President Tayyip Erdogan" TURGOV
	// "Putin" RUSGOV
	// compound "Putin and Rouhani"
	// "Rouhani" IRNGOV
}

// TestConcurrent codes the same texts from several goroutines with the
// shared pipeline and checks that each gets the sequential result (run it
// with -race: the stage's pool and lazily made rule texts are shared).
func TestConcurrent(t *testing.T) {
	texts := []string{
		"Russia’s President Vladimir Putin said Moscow opposed a truce.",
		"Russian and government warplanes hit rebel-held parts of Idlib.",
		"Hassan Rouhani spoke. Then he met Erdogan.",
		"Rebels in the Ivory Coast dismissed an appeal by Iran, Russia and Turkey.",
	}
	show := func(d *doc.Doc) string {
		var b strings.Builder
		for _, a := range d.Actors {
			fmt.Fprintf(&b, "[%s]%s %v %s|", d.Slice(a.Span), a.Code, a.Members, a.Rule)
		}
		return b.String()
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = show(run(t, "2018-09-07", s))
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				if got := show(pipetest.Code(nil, "2018-09-07", texts[i])); got != want[i] {
					done <- fmt.Errorf("%q:\n got %s\nwant %s", texts[i], got, want[i])
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
