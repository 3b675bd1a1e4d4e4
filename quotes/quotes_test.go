package quotes_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/actors"
	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/events"
	"dyad/internal/prosenlp"
	"dyad/pipeline"
	"dyad/quotes"
)

// The tests code with the small dictionary in testdata/dict (written for
// them), so that they do not change when dyad's own dictionaries do.
var (
	once  sync.Once
	tres  *pipeline.Resources
	tpipe *pipeline.Pipeline
	tstg  *quotes.Stage
	terr  error
)

func setup(t testing.TB) (*pipeline.Pipeline, *quotes.Stage) {
	once.Do(func() {
		var d *dict.Dictionaries
		if d, terr = dict.Load(os.DirFS("testdata/dict")); terr != nil {
			return
		}
		var m *prosenlp.Tagger
		if m, terr = prosenlp.Load(); terr != nil {
			return
		}
		tres = &pipeline.Resources{Dict: d, Model: m, Actors: actors.Compile(d), Verbs: events.CompileVerbs(d.Verbs), Codes: codes.Default()}
		var base *pipeline.Pipeline
		if base, terr = pipeline.Default(tres, nil); terr != nil {
			return
		}
		tstg = quotes.New(d)
		tpipe, terr = pipeline.New(withQuotes(base.Stages(), tstg)...)
	})
	if terr != nil {
		t.Fatal(terr)
	}
	return tpipe, tstg
}

// withQuotes appends the quotes stage to stages unless the default
// pipeline already has one.
func withQuotes(stages []pipeline.Component, q *quotes.Stage) []pipeline.Component {
	for _, s := range stages {
		if s.Name() == q.Name() {
			return stages
		}
	}
	return append(stages, q)
}

// unmark removes the markers from a test input: [quoted words] and
// {the words naming the speaker}. It returns the text and the marked spans.
func unmark(in string) (text string, quoted, sources []doc.Span) {
	var b strings.Builder
	var qs, ss int
	for _, r := range in {
		switch r {
		case '[':
			qs = b.Len()
		case ']':
			quoted = append(quoted, doc.Span{Start: int32(qs), End: int32(b.Len())})
		case '{':
			ss = b.Len()
		case '}':
			sources = append(sources, doc.Span{Start: int32(ss), End: int32(b.Len())})
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), quoted, sources
}

func code(t *testing.T, text string) (*doc.Doc, []quotes.Candidate) {
	t.Helper()
	p, s := setup(t)
	d := &doc.Doc{ID: "t", Text: text, Date: time.Date(2018, 9, 7, 0, 0, 0, 0, time.UTC)}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d, s.Find(d)
}

// describe renders a candidate as "SPEAKER/CODE" plus " reported" for
// reported speech; "-" is a quote with no resolved speaker.
func describe(d *doc.Doc, c quotes.Candidate) string {
	s := "-"
	if c.Speaker != nil {
		s = d.Slice(c.Speaker.Span) + "/" + c.Speaker.Code
	} else if c.SpeakerText != "" {
		s = c.SpeakerText + "/"
	}
	if !c.Direct {
		s += " reported"
	}
	return s
}

// check compares what Find returns for a marked input: every part of every
// quote, in order, against the [ ] spans; the distinct sources against the
// { } spans; and the quotes' speakers against want.
func check(t *testing.T, in string, want []string) (*doc.Doc, []quotes.Candidate) {
	t.Helper()
	text, quoted, sources := unmark(in)
	d, cs := code(t, text)
	var parts, srcs []doc.Span
	var got []string
	seen := map[doc.Span]bool{}
	for _, c := range cs {
		parts = append(parts, c.Parts...)
		got = append(got, describe(d, c))
		if c.Source.End > c.Source.Start && !seen[c.Source] {
			seen[c.Source] = true
			srcs = append(srcs, c.Source)
		}
	}
	show := func(ss []doc.Span) string {
		var out []string
		for _, s := range ss {
			out = append(out, fmt.Sprintf("%q", d.Slice(s)))
		}
		return "[" + strings.Join(out, " ") + "]"
	}
	if show(parts) != show(quoted) {
		t.Errorf("%s\n  quoted: got %s\n         want %s", text, show(parts), show(quoted))
	}
	if show(srcs) != show(sources) {
		t.Errorf("%s\n  sources: got %s\n          want %s", text, show(srcs), show(sources))
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("%s\n  speakers: got  %q\n            want %q", text, got, want)
	}
	return d, cs
}

func TestForms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"said after", `“[We agree with Turkey],” {Putin} said.`,
			[]string{"Putin/RUSGOV"}},
		{"said after, inverted, appositive role", `“[The battle for Idlib is going to be the final major battle],” said {Hilal Khashan, a political science professor at the American University of Beirut}.`,
			[]string{"Hilal Khashan/EDU"}},
		{"said before, colon", `{Erdogan} said: “[We want a ceasefire in Idlib.]”`,
			[]string{"Erdogan/TURGOV"}},
		{"said before, comma", `{Putin} told reporters, "[There will be no truce.]"`,
			[]string{"Putin/RUSGOV"}},
		{"attribution in the previous paragraph", "{Rouhani} told reporters on Friday:\n\n“[The war must end.]”",
			[]string{"Rouhani/IRNGOV"}},
		{"split around the attribution", `Putin arrived in Tehran. “[We agree],” {he} said, “[and we will act soon.]”`,
			[]string{"Putin/RUSGOV"}},
		{"multi-sentence", `“[There are no representatives here. And there are none of the army],” {Putin} said.`,
			[]string{"Putin/RUSGOV"}},
		{"continuation paragraph", "{Zarif} said: “[We are delighted to engage with responsible powers.]\n\n“[Agreed to work to end terrorism.]”",
			[]string{"Zarif/IRNGOV", "Zarif/IRNGOV"}},
		{"quote paragraph after an attributed one", "“[The fact is that there are no representatives here],” {Putin} said.\n\n“[I think the Turkish president is right.]”",
			[]string{"Putin/RUSGOV", "Putin/RUSGOV"}},
		{"straight quotes", `"[We will win]," {Erdogan} said. "[And soon.]"`,
			[]string{"Erdogan/TURGOV", "Erdogan/TURGOV"}},
		{"doubled apostrophes", `''[This is not reform],'' said {Rouhani}.`,
			[]string{"Rouhani/IRNGOV"}},
		{"nested quotes", `“[As Trump humiliates his ‘allies’ with “little games”, we are delighted to engage],” {Zarif} wrote.`,
			[]string{"Zarif/IRNGOV"}},
		{"tweet: wrote", `“[Agreed to work to end terrorism in #Idlib.]” {Zarif} wrote on Twitter.`,
			[]string{"Zarif/IRNGOV"}},
		{"tweet: said in a Twitter post", `[Trump destroys U.S. credibility while Iran is working toward a political solution], {Iranian Foreign Minister Mohammad Zarif}, said in a Twitter post on Friday.`,
			[]string{"Mohammad Zarif/IRNGOV reported"}},
		{"tweet: tweeted", `{Trump} tweeted: “[Iran is in big trouble!]”`,
			[]string{"Trump/USAGOV"}},
		{"dash", `“[Trump is a disgrace.]” — {Hilal Khashan}`,
			[]string{"Hilal Khashan/"}},
		{"transcript", "Partial transcript as follows:\n\n\"{WALLACE}: [Why would Trump do that?]\n\n",
			[]string{"WALLACE/"}},
		{"according to", `[Thirty people died in the attack], according to {the UN}.`,
			[]string{"UN/IGOUNO reported"}},
		{"scare quotes are not quotes", `Erdogan called the summit a “victory” for Turkey.`,
			nil},
		{"a quote nobody said is not kept", `“Agreed to work to end terrorism.”`,
			nil},
		{"quoted words inside reported speech", `[Russia opposed what it called “a terrorist truce,”] {Putin} said.`,
			[]string{"Putin/RUSGOV reported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.in, tt.want) })
	}
}

func TestReported(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"X said CLAUSE", `But {Russia’s President Vladimir Putin} said [Moscow opposed a truce].`,
			[]string{"Vladimir Putin/RUSGOV reported"}},
		{"two in one sentence", `{Putin} said [Moscow opposed a truce], and {Iranian leader, Hassan Rouhani}, said [Syria must regain control over all its territory].`,
			[]string{"Putin/RUSGOV reported", "Hassan Rouhani/IRNGOV reported"}},
		{"that", `{Putin} responded that [he opposed a ceasefire].`,
			[]string{"Putin/RUSGOV reported"}},
		{"told the hearer that", `{Erdogan} told reporters on Friday that [Turkey would not accept an assault].`,
			[]string{"Erdogan/TURGOV reported"}},
		{"CLAUSE, he said", `Putin met Erdogan. [Syria should regain control of all its territory], {he} said.`,
			[]string{"Putin/RUSGOV reported"}},
		{"saying CLAUSE", `{Turkish President Tayyip Erdogan} called for a ceasefire in Idlib, saying [an assault could result in a massacre].`,
			[]string{"Tayyip Erdogan/TURGOV reported"}},
		{"parenthetical attribution", `But [to prevent problems], {he} said, [local officials should be vigilant].`,
			[]string{"he/ reported"}},
		{"warned", `{The UN} has warned [an assault could lead to a humanitarian catastrophe].`,
			[]string{"UN/IGOUNO reported"}},
		{"an object is not a clause", `Zarif posted the message in the midst of a meeting between Iran, Russia and Turkey focused on Idlib.`,
			nil},
		{"speak takes no clause", `The three presidents were speaking at a summit in Tehran.`,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, tt.in, tt.want) })
	}
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"pronoun across sentences", `Rouhani met Putin in Tehran on Friday. Iran and Russia signed a deal. “[We agree],” {he} said.`,
			[]string{"Rouhani/IRNGOV"}},
		{"pronoun skips mentions inside quotes", "“[I think the Turkish president Erdogan is right],” {he} said.",
			[]string{"he/"}},
		{"surname after the full mention", `{Iranian Foreign Minister Mohammad Zarif} said [Iran would attend]. “[We are ready],” {Zarif} said.`,
			[]string{"Mohammad Zarif/IRNGOV reported", "Mohammad Zarif/IRNGOV"}},
		{"title", `Turkish President Tayyip Erdogan arrived in Tehran. “[We want peace],” {the Turkish president} said.`,
			[]string{"Tayyip Erdogan/TURGOV"}},
		{"the minister", `Iranian Foreign Minister Mohammad Zarif met Putin. “[We are ready],” {the minister} said.`,
			[]string{"Mohammad Zarif/IRNGOV"}},
		{"a name not in the dictionary, then its surname", `“[It will be a long war],” said {Hilal Khashan, a Lebanese professor}. “[And a hard one],” {Khashan} added.`,
			[]string{"Hilal Khashan/LBNEDU", "Hilal Khashan/LBNEDU"}},
		{"a title before an unknown name", `{Political analyst Hilal Khashan} said [the war would end soon].`,
			[]string{"Hilal Khashan/EDU reported"}},
		{"relative pronoun", `Putin met {an official} [who] said the war would end. `,
			nil},
		{"a speaker that is not an actor", `“[The convoy was hit twice],” {a source} said.`,
			[]string{"a source/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "relative pronoun" {
				// "who said …": the source is "who", the speaker its antecedent
				d, cs := code(t, "Putin met an official who said the war would end.")
				if len(cs) != 1 || d.Slice(cs[0].Source) != "who" || cs[0].SpeakerText != "an official" {
					var got []string
					for _, c := range cs {
						got = append(got, c.String(d)+" src="+d.Slice(c.Source))
					}
					t.Errorf("got %v", got)
				}
				return
			}
			check(t, tt.in, tt.want)
		})
	}
}

// TestModality checks that what a speaker negates, supposes, asks, denies or
// predicts is quoted but not coded as an event, and that what a speaker
// asserts is. Events come from the events stage; these rows guard the
// interplay of the two stages on reported speech.
func TestModality(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		quote string // the speaker of the one quote; "" for none
		event string // "none", or SOURCE>TARGET:ROOT that must be coded
		gap   string // a known gap of the events stage: logged, not failed
	}{
		{"asserted (control)", `{Putin} said [Russian warplanes attacked rebels in Idlib].`,
			"Putin/RUSGOV reported", "RUSMIL>SYRREB:19", ""},
		{"negation", `“[Russia did not attack Turkey],” {Putin} said.`,
			"Putin/RUSGOV", "none", ""},
		{"hypothetical", `{The UN} warned [Russia could attack Turkey].`,
			"UN/IGOUNO reported", "none", ""},
		{"conditional", `{Erdogan} said [if Russia attacks Turkey, Iran will respond].`,
			"Erdogan/TURGOV reported", "none", ""},
		{"question", `“[Did Russia attack Turkey?]” {Erdogan} asked.`,
			"Erdogan/TURGOV", "none", ""},
		{"prediction", `“[The battle for Idlib is going to be the final major battle],” said {Hilal Khashan, a professor}.`,
			"Hilal Khashan/EDU", "none", ""},
		{"future attack is a threat, not an attack", `“[Russia will attack the rebels],” {Putin} said.`,
			"Putin/RUSGOV", "none:19", ""},
		{"denial of a clause", `{Russia} denied [that its warplanes attacked the convoy].`,
			"Russia/RUS reported", "none", ""},
		{"denial of an act", `Russia denied attacking the rebels.`,
			"", "none:19", "with no deny pattern in verbs.txt, events codes the gerund after \"denied\" as an attack"},
		{"pronoun source (E21)", `{Rouhani} said [the battle would continue]. He called on all militants in Syria to disarm.`,
			"Rouhani/IRNGOV reported", "IRNGOV>SYRREB:02", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _, _ := unmark(tt.in)
			d, cs := code(t, text)
			if tt.quote == "" && len(cs) > 0 || tt.quote != "" && (len(cs) != 1 || describe(d, cs[0]) != tt.quote) {
				var got []string
				for _, c := range cs {
					got = append(got, describe(d, c))
				}
				t.Errorf("%s\n  quotes: got %q, want [%q]", text, got, tt.quote)
			}
			var evs []string
			for _, e := range d.Events {
				s, g := "---", "---"
				if e.Source != nil {
					s = e.Source.Code
				}
				if e.Target != nil {
					g = e.Target.Code
				}
				evs = append(evs, fmt.Sprintf("%s>%s:%s", s, g, e.CAMEO))
			}
			fail := t.Errorf
			if tt.gap != "" {
				fail = func(format string, args ...any) {
					t.Logf("known gap (%s): "+format, append([]any{tt.gap}, args...)...)
				}
			}
			switch {
			case tt.event == "none":
				if len(evs) > 0 {
					fail("%s\n  want no event, got %v", text, evs)
				}
			case strings.HasPrefix(tt.event, "none:"):
				root := strings.TrimPrefix(tt.event, "none:")
				for _, e := range d.Events {
					if e.Root == root {
						fail("%s\n  want no %s event, got %v", text, root, evs)
					}
				}
			default:
				st, root, _ := strings.Cut(tt.event, ":")
				src, tgt, _ := strings.Cut(st, ">")
				ok := false
				for _, e := range d.Events {
					if e.Source != nil && strings.HasPrefix(e.Source.Code, src) && e.Target != nil &&
						strings.HasPrefix(e.Target.Code, tgt) && e.Root == root {
						ok = true
					}
				}
				if !ok {
					fail("%s\n  want %s, got %v", text, tt.event, evs)
				}
			}
		})
	}
}

func TestProcessWritesQuotes(t *testing.T) {
	p, _ := setup(t)
	text := "“We agree,” Putin said. He added that Russia opposed a truce."
	d := &doc.Doc{ID: "t", Text: text}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 2 {
		t.Fatalf("got %d quotes", len(d.Quotes))
	}
	q := d.Quotes[0]
	if d.Slice(q.Span) != "We agree" || !q.Direct || q.Sentence != 0 || q.Speaker == nil || q.Speaker.Code != "RUSGOV" || q.SpeakerText != "Putin" {
		t.Errorf("quote 0: %+v", q)
	}
	q = d.Quotes[1]
	if d.Slice(q.Span) != "Russia opposed a truce" || q.Direct || q.Sentence != 1 || q.Speaker == nil || d.Slice(q.Speaker.Span) != "Putin" || q.SpeakerText != "He" {
		t.Errorf("quote 1: %+v", q)
	}
	if !strings.Contains(q.Speaker.Rule, "pronoun") {
		t.Errorf("speaker rule %q does not explain the pronoun", q.Speaker.Rule)
	}
	// running again replaces, not appends
	if err := p.Run(context.Background(), d); err != nil || len(d.Quotes) != 2 {
		t.Errorf("second run: %d quotes, %v", len(d.Quotes), err)
	}
}

func TestEmptyAndOdd(t *testing.T) {
	_, s := setup(t)
	for _, text := range []string{"", "“", "”", "\"", "“”", "said", "“Unclosed,” said", "He said “", "“a” “b” “c”", "''", "according to"} {
		p, _ := setup(t)
		d := &doc.Doc{Text: text}
		if err := p.Run(context.Background(), d); err != nil {
			t.Errorf("%q: %v", text, err)
		}
		_ = s.Find(d)
	}
	if cs := s.Find(&doc.Doc{}); cs != nil {
		t.Errorf("empty doc: %v", cs)
	}
}

func TestStageContract(t *testing.T) {
	p, s := setup(t)
	if s.Name() != "quotes.v1" {
		t.Errorf("name %q", s.Name())
	}
	var b strings.Builder
	if err := p.Describe(&b); err != nil || !strings.Contains(b.String(), "quotes.v1") || !strings.Contains(b.String(), "doc.quotes") {
		t.Errorf("pipeline table:\n%s", b.String())
	}
	// the stage needs the actors
	if _, err := pipeline.New(s); err == nil {
		t.Error("a pipeline of the quotes stage alone was built")
	}
	// a nil dictionary is allowed
	if q := quotes.New(nil); q == nil {
		t.Error("New(nil) = nil")
	}
}

// BenchmarkFind measures the quotes stage alone on the seed article (already
// through segment … events), in sentences per second.
func BenchmarkFind(b *testing.B) {
	text, err := os.ReadFile(seedDir + "article.txt")
	if err != nil {
		b.Skipf("../shared is absent (%v)", err)
	}
	p, s := setup(b)
	d := &doc.Doc{ID: "seed", Text: string(text)}
	if err := p.Run(context.Background(), d); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Process(d)
	}
	b.ReportMetric(float64(len(d.Sentences)*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// FuzzFind checks that any text gives quotes inside the text, in order,
// without a panic.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`“We agree,” Putin said.`, `"a" "b" "c`, "“x\n\n“y”", `''a'' said X.`, `X said: “`, `”“”“`,
		`Putin said Moscow, he said, opposed.`, `according to`, "“PENCE: ", "— X", `‘a’ ’b‘`,
	} {
		f.Add(s)
	}
	p, s := setup(f)
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Doc{Text: text}
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		prev := int32(-1)
		for _, c := range s.Find(d) {
			for _, sp := range c.Parts {
				if sp.Start < 0 || sp.End > int32(len(text)) || sp.Start >= sp.End {
					t.Fatalf("part %v out of %q", sp, text)
				}
			}
			if c.Parts[0].Start < prev {
				t.Fatalf("quotes out of order in %q", text)
			}
			prev = c.Parts[0].Start
		}
	})
}
