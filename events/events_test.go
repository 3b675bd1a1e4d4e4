package events_test

import (
	"fmt"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/internal/pipetest"
)

func code(t testing.TB, date, text string) *doc.Doc { return pipetest.Code(t, date, text) }

func summary(d *doc.Doc) string {
	var out []string
	for _, e := range d.Events {
		s, t := "---", "---"
		if e.Source != nil {
			s = e.Source.Code
		}
		if e.Target != nil {
			t = e.Target.Code
		}
		out = append(out, fmt.Sprintf("%s>%s:%s", s, t, e.Root))
	}
	return strings.Join(out, " ")
}

// TestMood checks the rules that keep what did not happen out of the data.
func TestMood(t *testing.T) {
	tests := []struct {
		rule, text, want string // want: events as SOURCE>TARGET:ROOT, "" for none
	}{
		{"asserted", "Russia attacked Turkey.", "RUS>TUR:19"},
		{"negated", "Russia did not attack Turkey.", ""},
		{"negated passive", "The Assad government was not directly represented at the summit.", ""},
		{"hypothetical", "Russia could attack Turkey.", ""},
		{"hypothetical consequence", "An assault could result in a massacre.", ""},
		{"prediction", "The battle for Idlib is going to be the final major battle.", ""},
		{"conditional", "If Russia attacks Turkey, NATO will meet.", ""},
		{"question", "Will Russia attack Turkey?", ""},
		{"denied clause", "Iran denied that it had sent weapons to the Houthis.", "IRN>---:01"},
		{"demanded, not done", "Turkey demanded that Russia withdraw its troops.", "TUR>RUS:10"},
		{"future cooperation is intent", "The United States will supply arms to Israel.", "USA>ISR:03"},
		{"future conflict is a threat", "Russia said it would attack Turkey.", "RUS>TUR:13"},
		{"refusal", "Putin said he would not provide support to Israel.", "RUSGOV>ISR:12"},
		{"reported accusation", "The US claimed that Iraq had attacked Kuwait.", "USA>IRQ:11"},
		{"reported obligation", "Rouhani said Syria must regain control over its territory.", "IRNGOV>SYR:10"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := summary(code(t, "2018-09-07", tt.text)); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestEvidence(t *testing.T) {
	d := code(t, "2018-09-07", "Turkey condemned the attack. Russian warplanes hit rebel-held parts of Idlib.")
	if len(d.Events) < 2 {
		t.Fatalf("events: %s", summary(d))
	}
	for _, e := range d.Events {
		if e.Rule == "" || e.Verb.Len() == 0 || e.Source == nil || e.ID == "" {
			t.Errorf("event without evidence: %+v", e)
		}
		if !strings.Contains(d.Slice(d.Sentences[e.Sentence].Span), d.Slice(e.Verb)) {
			t.Errorf("verb %q not in its sentence", d.Slice(e.Verb))
		}
	}
	e := d.Events[1]
	if d.Slice(e.Source.Span) != "Russian warplanes" || e.CAMEO[:2] != "19" || e.Plover.Event == "" {
		t.Errorf("second event: %q %s %+v", d.Slice(e.Source.Span), e.CAMEO, e.Plover)
	}
}

func Example() {
	d := code(nil, "2018-09-07", "Erdogan called on Putin and Rouhani to agree to a ceasefire in Idlib.")
	for _, e := range d.Events {
		fmt.Println(e.Source.Code, e.Target.Code, e.CAMEO, e.Quad, e.Goldstein)
	}
	// Output:
	// TURGOV RUSGOV 020 1 3
	// TURGOV IRNGOV 020 1 3
}

func TestDiscards(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Brazil beat Argentina after a penalty shootout in the World Cup semi-final.", ""},
		{"Arsenal scored a goal against Chelsea. Russia attacked Turkey.", "RUS>TUR:19"},
		{"The National Weather Service issued a flood warning for Texas.", ""}, // a forecast, not a threat (130)
		{"China rolled out the red carpet for Trump.", "CHN>USAGOV:04"},        // a verb pattern (043), not a film premiere
	}
	for _, tt := range tests {
		if got := summary(code(t, "2018-09-07", tt.text)); got != tt.want {
			t.Errorf("%s\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
