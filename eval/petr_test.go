package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// petrXML has the shapes of PETR2_GSR_validation.xml: # comment lines,
// self-closed and open <Sentence> tags, comments over several lines (one
// hiding an EventCoding), noevents, </Parse></Sentence> on one line, a
// missing targetcode, a Parse with "<" tokens, and evaluate="false".
const petrXML = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
###########
#   <Sentence category="BAD" id="COMMENTED" evaluate="true"/>
###########
<Environment>
    <Verbfile>CAMEO.2.0.txt</Verbfile>
</Environment>
<Sentences>
<Sentence category="AFP" date="20080804" id="S1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<EventCoding eventcode="031" sourcecode="CHN" targetcode="USA" />
<Text>
The US leader &amp; China's
#hashtag met.
</Text>
<Parse>
1	<	<	PUNCT	-LRB-	_	2	punct	_	_
2	The	the	DET	DT	_	0	root	_	_
</Parse>
</Sentence>

<Sentence category="AFP" date="20080806" id="S2" evaluate="true">
<!-- Discard event on "1994"
<EventCoding eventcode="190" sourcecode="FRA" targetcode="RWA" />
-->
<EventCoding noevents="True" />
<Text>
France condemned Rwanda.
</Text>
<Parse>
1	France	France	PROPN	NNP	_	0	root	_	_
</Parse></Sentence>

<Sentence category="TEST" date="20150609" id="S3"
  evaluate="true"/>
<EventCoding eventcode="190" sourcecode="ISR" targetcode="---CVL" />
<EventCoding eventcode='180' sourcecode='---REB' />
<Text>Israel fired on civilians; rebels attacked.</Text>
<Sentence category="TEST" date="20150609" id="S4" evaluate="false"/>
<EventCoding eventcode="010" sourcecode="USA" targetcode="RUS" />
<Text>Skipped.</Text>
</Sentence>
<Sentence category="TEST" date="20150609" id="S5" evaluate="true"/>
<EventCoding eventcode="111" sourcecode="USA" targetcode="RUS" />
<Text>
No output for this one.
</Text>
</Sentence>
</Sentences>
</Validation>
`

func TestReadPetrGold(t *testing.T) {
	sents, err := ReadPetrGold(strings.NewReader(petrXML))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range sents {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "S1 S2 S3 S4 S5" {
		t.Fatalf("sentences %q", got)
	}
	s1, s2, s3 := sents[0], sents[1], sents[2]
	if s1.Category != "AFP" || s1.Date != "20080804" || len(s1.Codings) != 2 || s1.NoEvents ||
		s1.Codings[0] != (PetrCoding{"042", "USAGOV", "CHN"}) || s1.Text != "The US leader & China's #hashtag met." {
		t.Errorf("S1 = %+v", s1)
	}
	if !s2.NoEvents || len(s2.Codings) != 0 || s2.Text != "France condemned Rwanda." {
		t.Errorf("S2 = %+v", s2)
	}
	if len(s3.Codings) != 2 || s3.Codings[1] != (PetrCoding{"180", "---REB", ""}) || s3.Evaluate != "true" ||
		s3.Text != "Israel fired on civilians; rebels attacked." {
		t.Errorf("S3 = %+v", s3)
	}
	if sents[3].Evaluate != "false" || len(sents[3].Codings) != 1 {
		t.Errorf("S4 = %+v", sents[3])
	}
}

// petrOutJSONL: S1 both codings found (one exactly) plus a wrong-root
// event, an event on the noevents S2, S3 first coding found through an
// unknown-country target and second missed, nothing for S5.
const petrOutJSONL = `{"doc_id":"S1","events":[` +
	`{"source":{"code":"USAGOV","country":"USA"},"target":{"code":"CHNGOV","country":"CHN"},"cameo":"042","cameo_root":"04","evidence":{"text":"t","verb":"visited"}},` +
	`{"source":{"code":"CHN","country":"CHN"},"target":{"code":"USA","country":"USA"},"cameo":"036","evidence":{"text":"t"}},` +
	`{"source":{"code":"","country":"USA"},"target":{"code":"CHN"},"cameo":"043","evidence":{"text":"t"}},` +
	`{"source":{"code":"CHN"},"target":{"code":"USA"},"cameo":"111","evidence":{"text":"t","verb":"criticized"}}]}
{"doc_id":"S2","events":[{"source":{"code":"FRAGOV","country":"FRA"},"target":{"code":"RWA","country":"RWA"},"cameo":"111","evidence":{"text":"t","verb":"condemned"}}]}
{"doc_id":"S3","events":[` +
	`{"source":{"code":"ISRMIL","country":"ISR"},"target":{"code":"CVL","country":""},"cameo":"190","evidence":{"text":"t"}},` +
	`{"source":{"code":"IGOUNO","country":""},"target":null,"cameo":"181","evidence":{"text":"t"}}]}
{"doc_id":"S4","events":[{"source":{"code":"USA"},"target":{"code":"RUS"},"cameo":"010","evidence":{"text":"t"}}]}
{"doc_id":"ELSEWHERE","events":[{"source":{"code":"USA"},"target":{"code":"RUS"},"cameo":"010","evidence":{"text":"t"}}]}
`

func TestPetrXML(t *testing.T) {
	rep, err := PetrXML(strings.NewReader(petrXML), mustRead(t, petrOutJSONL))
	if err != nil {
		t.Fatal(err)
	}
	type counts struct {
		sentences, noevents, codings, ed, dyad, root, exact, emitted, correct, fp, clean int
	}
	got := func(c PetrCounts) counts {
		return counts{c.Sentences, c.NoEvents, c.Codings, c.EventDyad, c.Dyad, c.Root, c.Exact, c.Emitted, c.Correct,
			c.NoEventsFP, c.NoEventsClean}
	}
	tests := []struct {
		name string
		got  PetrCounts
		want counts
	}{
		{"overall", rep.PetrCounts, counts{4, 1, 5, 3, 3, 4, 2, 7, 4, 1, 0}},
		{"AFP", rep.Categories[0].PetrCounts, counts{2, 1, 2, 2, 2, 2, 1, 5, 3, 1, 0}},
		{"TEST", rep.Categories[1].PetrCounts, counts{2, 0, 3, 1, 1, 2, 1, 2, 1, 0, 0}},
	}
	for _, tt := range tests {
		if g := got(tt.got); g != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, g, tt.want)
		}
	}
	if len(rep.Categories) != 2 || rep.Categories[0].Category != "AFP" || rep.Categories[1].Category != "TEST" {
		t.Fatalf("categories %+v", rep.Categories)
	}
	if rep.Recall != 0.6 || rep.Precision != 4.0/7 || rep.RootRecall != 0.8 || rep.ExactRecall != 0.4 ||
		rep.Categories[0].Precision != 0.6 {
		t.Errorf("ratios: %+v", rep.PetrCounts)
	}
	if len(rep.Misses) != 2 {
		t.Fatalf("misses %+v", rep.Misses)
	}
	m := rep.Misses[0]
	if m.SentenceID != "S3" || m.Gold.Source != "---REB" || m.DyadOK || !m.RootOK || len(m.Produced) != 2 ||
		m.Text != "Israel fired on civilians; rebels attacked." {
		t.Errorf("miss 0 = %+v", m)
	}
	if m := rep.Misses[1]; m.SentenceID != "S5" || m.Gold.Event != "111" || len(m.Produced) != 0 {
		t.Errorf("miss 1 = %+v", m)
	}
	var fps []string
	for _, f := range rep.FalsePositives {
		fps = append(fps, f.Event.DocID+":"+f.Event.Cameo)
	}
	if got := strings.Join(fps, " "); got != "S1:111 S2:111 S3:181" || !rep.FalsePositives[1].NoEvents {
		t.Errorf("false positives %s", got)
	}
	if len(rep.NoOutput) != 1 || rep.NoOutput[0] != "S5" {
		t.Errorf("no output %v", rep.NoOutput)
	}

	var buf bytes.Buffer
	rep.WriteText(&buf)
	text := buf.String()
	for _, want := range []string{
		"petrxml: event+dyad recall 3/5 = 0.60; dyad recall 0.60; root recall 0.80; exact recall 0.40; precision 0.57 (4/7)",
		"S3 [TEST]  180 ---REB -> -  (root ok)", "produced: 181 IGOUNO -> -", "S5 [TEST]  111 USA -> RUS", "produced: nothing",
		"S2 [AFP]  111 FRAGOV -> RWA  (noevents sentence)", "sentences without output (1): S5",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("WriteText lacks %q:\n%s", want, text)
		}
	}
	checkJSON(t, rep, "event_dyad", "root_recall", "categories", "misses", "false_positives")
}

func TestPetrPrefix(t *testing.T) {
	act := func(code, country string) *OutActor { return &OutActor{Code: code, Country: country} }
	tests := []struct {
		gold string
		a    *OutActor
		want bool
	}{
		{"", nil, true},
		{"", act("USA", "USA"), true},
		{"USAGOV", act("USAMIL", "USA"), true},
		{"USAGOV", act("", "usa"), true},
		{"USA", nil, false},
		{"IGOUNO", act("IGOEUREEC", ""), true},
		{"---", nil, true},
		{"---MIL", act("---MIL", ""), true},
		{"---MIL", act("MIL", ""), true},
		{"---MIL", act("RUSMIL", "RUS"), false},
		{"---GOV", act("IGOUNO", ""), false},
	}
	for _, tt := range tests {
		if got := petrPrefix(tt.gold, tt.a); got != tt.want {
			t.Errorf("petrPrefix(%q, %+v) = %t, want %t", tt.gold, tt.a, got, tt.want)
		}
	}
}

// TestReadPetrGoldReal parses the real validation file.
func TestReadPetrGoldReal(t *testing.T) {
	path := filepath.Join(sharedDir(t), "reference", "universalpetrarch", "PETR2_GSR_validation.xml")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("PETR2_GSR_validation.xml not available (%v)", err)
	}
	defer f.Close()
	sents, err := ReadPetrGold(f)
	if err != nil {
		t.Fatal(err)
	}
	codings, noevents := 0, 0
	byID := map[string]PetrSentence{}
	for _, s := range sents {
		codings += len(s.Codings)
		if s.NoEvents {
			noevents++
		}
		if s.ID == "" || s.Category == "" || (s.Text == "" && s.ID != "abc12_3") { // abc12_3 has an empty <Text>
			t.Errorf("incomplete sentence %+v", s)
		}
		byID[s.ID] = s
	}
	if len(sents) != 78 || len(byID) != 78 || codings != 80 || noevents != 12 {
		t.Errorf("got %d sentences (%d ids), %d codings, %d noevents; want 78, 80, 12", len(sents), len(byID), codings, noevents)
	}
	if s := byID["AFP0808020675_1"]; len(s.Codings) != 2 || s.Codings[1] != (PetrCoding{"031", "USA", "BRA"}) ||
		!strings.HasPrefix(s.Text, "Brazil and the United States are seeking") {
		t.Errorf("AFP0808020675_1 = %+v", s)
	}
	if s := byID["AFP0808020840_1"]; !s.NoEvents || len(s.Codings) != 0 {
		t.Errorf("AFP0808020840_1 = %+v", s)
	}
	if s := byID["VERB_5"]; !s.NoEvents || s.Text != "The USA tanks might want Obama to head back after what just happened." {
		t.Errorf("VERB_5 = %+v", s)
	}
	if s := byID["github_issue27_4"]; len(s.Codings) != 1 || s.Codings[0] != (PetrCoding{"030", "GEOGOV", "GEOOPP"}) {
		t.Errorf("github_issue27_4 = %+v", s)
	}

	// Emitting exactly the gold codings scores 1 everywhere.
	var out []OutDoc
	for _, s := range sents {
		d := OutDoc{DocID: s.ID}
		for _, c := range s.Codings {
			e := OutEvent{Cameo: c.Event, Source: &OutActor{Code: c.Source}, Evidence: OutEvidence{Text: s.Text}}
			if c.Target != "" {
				e.Target = &OutActor{Code: c.Target}
			}
			d.Events = append(d.Events, e)
		}
		out = append(out, d)
	}
	f2, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	rep, err := PetrXML(f2, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Recall != 1 || rep.Precision != 1 || rep.ExactRecall != 1 || len(rep.Misses) != 0 || len(rep.FalsePositives) != 0 ||
		rep.NoEventsClean != 12 {
		t.Errorf("gold as output: %+v", rep.PetrCounts)
	}
}
