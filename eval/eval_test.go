package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func mustRead(t *testing.T, jsonl string) []OutDoc {
	t.Helper()
	docs, err := ReadOutput(strings.NewReader(jsonl))
	if err != nil {
		t.Fatalf("ReadOutput: %v", err)
	}
	return docs
}

func TestReadOutput(t *testing.T) {
	in := `{"doc_id":"a","date":"2018-09-07","title":null,"events":[{"id":"a-1","sentence":2,"source":{"text":"Russian warplanes","code":"RUSMIL","country":"RUS","sectors":["MIL"]},"target":null,"cameo":"195","cameo_root":"19","quad_class":4,"goldstein":-10.0,"plover":{"event":"ASSAULT","mode":"aerial"},"location":{"name":"Idlib","country":"SYR","lat":35.93,"lon":36.63},"evidence":{"text":"S.","verb":"hit","rule":"r"}}],"quotes":[{"sentence":0,"speaker":{"text":"Zarif","code":"IRNGOV"},"text":"Q","direct":true}],"actors":[{"sentence":1,"text":"Vladimir Putin","code":"RUSGOV","start":3,"end":17}],"places":[{"sentence":0,"text":"Idlib","name":"Idlib","country":"SYR","lat":35.93,"lon":36.63}],"extra":1}

   
{"doc_id":"b","title":"T","events":[{"cameo":"0431","location":{"name":"x","lat":null}}]}
`
	docs := mustRead(t, in)
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	a, b := docs[0], docs[1]
	e := a.Events[0]
	if a.Title != nil || *b.Title != "T" || e.Target != nil || e.Source.Code != "RUSMIL" || e.Source.Sectors[0] != "MIL" ||
		e.Root() != "19" || e.QuadClass != 4 || e.Goldstein != -10 || e.Plover.Mode != "aerial" || *e.Location.Lat != 35.93 ||
		e.Evidence.Verb != "hit" || a.Quotes[0].Speaker.Code != "IRNGOV" || a.Actors[0].End != 17 || *a.Places[0].Lon != 36.63 {
		t.Errorf("doc a decoded wrongly: %+v", a)
	}
	if r := b.Events[0].Root(); r != "04" {
		t.Errorf("root from cameo = %q, want 04", r)
	}
	if b.Events[0].Location.Lat != nil {
		t.Errorf("null lat should stay nil")
	}

	_, err := ReadOutput(strings.NewReader("{\"doc_id\":\"a\"}\n\n{\"doc_id\": 3}\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("error = %v, want one naming line 3", err)
	}
}

func TestCodeMatch(t *testing.T) {
	act := func(code, country string, sectors ...string) *OutActor {
		return &OutActor{Code: code, Country: country, Sectors: sectors}
	}
	tests := []struct {
		gold string
		a    *OutActor
		want bool
	}{
		{"---", nil, true},
		{"---", act("", "SYR"), true},
		{"---", act("SYR", "SYR"), false},
		{"SYR", nil, false},
		{"SYR", act("SYRREB", ""), true},
		{"SYR", act("", "syr"), true},
		{"SYR", act("IGOUNO", "TUR"), false},
		{"NGO", act("FRANGO", "FRA"), true},    // contained in the code
		{"NGO", act("X", "FRA", "ngo"), true},  // among the sectors
		{"GOV", act("USAGOVMIL", "USA"), true}, // sector-like: anywhere
		{"MIL", act("RUS", "RUS", "GOV"), false},
		{"IGOUNO", act("igounomil", ""), true}, // prefix, upper-cased
		{"SYRREB", act("SYR", "SYR", "REB"), true},
		{"SYRREB", act("SYR", "SYR", "GOV", "REB"), true},
		{"SYRREB", act("SYRGOV", "SYR", "GOV"), false},
		{"SYRREB", act("TURREB", "TUR", "REB"), false},
	}
	for _, tt := range tests {
		if got := codeMatch(tt.gold, tt.a); got != tt.want {
			t.Errorf("codeMatch(%q, %+v) = %t, want %t", tt.gold, tt.a, got, tt.want)
		}
	}
}

func TestHelpers(t *testing.T) {
	if got := runeSlice("“ab”", 0, 2); got != "“a" {
		t.Errorf("runeSlice = %q", got)
	}
	if got := runeSlice("ab", 0, 3); got != "ab" {
		t.Errorf("runeSlice clamp = %q", got)
	}
	if got := runeSlice("ab", 3, 6); got != "" {
		t.Errorf("runeSlice past end = %q", got)
	}
	if got := quoteText(" \u201cAs @x,\u201d\n"); got != "As @x," {
		t.Errorf("quoteText = %q", got)
	}
	if got := pyList([]string{"E1", "it's"}); got != `['E1', "it's"]` {
		t.Errorf("pyList = %s", got)
	}
	if d := km(35.69, 51.42, 35.69, 51.42); d != 0 {
		t.Errorf("km same point = %v", d)
	}
	if d := km(0, 0, 0, 1); d < 111.1 || d > 111.3 {
		t.Errorf("km one degree = %v", d)
	}
}

// seedGoldJSON is a small seed gold set in the format of eval/seed/gold.json.
const seedGoldJSON = `{
 "document": "article.txt",
 "events": [
  {"id": "E1", "required": true, "sentence_has": "destroys U.S. credibility", "pairs": [["IRNGOV", "USAGOV"], ["IRN", "USA"]],
   "roots": ["11", "12"], "codes": ["111"], "note": "Zarif criticizes Trump",
   "location": {"name": "Tehran", "lat": 35.69, "lon": 51.42, "within_km": 40}},
  {"id": "E2", "required": true, "sentence_has": "trilateral meeting", "pairs": [["IRN", "RUS"], ["RUS", "IRN"]], "roots": ["04"], "note": "meeting"},
  {"id": "E3", "required": false, "sentence_has": "humiliates", "pairs": [["IRN", "USA"]], "roots": ["11"], "note": "optional repeat"},
  {"id": "E4", "required": true, "sentence_has": "airstrikes on Idlib", "pairs": [["RUSMIL", "SYRREB"], ["RUS", "---"]], "roots": ["19", "18"], "note": "strikes"},
  {"id": "E5", "required": true, "sentence_has": "UN envoy", "pairs": [["IGO", "SYR"]], "roots": ["04"], "note": "UN talks with Damascus"},
  {"id": "E21", "required": true, "sentence_has": "aid convoy", "pairs": [["NGO", "SYR"]], "roots": ["07"], "note": "aid"}
 ],
 "must_not": [
  {"id": "N1", "sentence_has": "anticipated government assault", "roots": ["18", "19", "20"], "note": "a feared assault"},
  {"id": "N2", "sentence_has": "was not directly represented", "roots": ["04"], "note": "negated"}
 ],
 "quotes": [
  {"speaker": "Zarif", "speaker_code": "IRNGOV", "starts_with": "As @realDonaldTrump destroys"},
  {"speaker": "Putin", "speaker_code": "RUSGOV", "starts_with": "We will"}
 ],
 "places": [
  {"name": "Tehran", "country": "IRN", "lat": 35.69, "lon": 51.42, "within_km": 40},
  {"name": "Idlib", "country": "SYR", "lat": 35.93, "lon": 36.63, "within_km": 60}
 ]
}`

// seedOutJSONL is dyad output for seedGoldJSON: E1, E2, E4 and E21 found
// (E1 located), E3 matched, E5 missed (wrong target), N1 hit twice, one
// quote of two and one place of two.
const seedOutJSONL = `{"doc_id":"seed-1","date":"2018-09-07","title":null,"events":[` +
	`{"id":"a","sentence":0,"source":{"text":"Zarif","code":"IRNGOV","country":"IRN","sectors":["GOV"]},"target":{"text":"Trump","code":"USAGOV","country":"USA","sectors":["GOV"]},"cameo":"111","cameo_root":"11","quad_class":3,"goldstein":-2,"location":{"name":"Tehran","country":"IRN","lat":35.7,"lon":51.4},"evidence":{"text":"As Trump destroys U.S. credibility, Zarif said.","verb":"destroys","rule":"r1"}},` +
	`{"id":"b","sentence":1,"source":{"text":"Russia","code":"RUSGOV","country":"RUS","sectors":["GOV"]},"target":{"text":"Iran","code":"IRN","country":"IRN"},"cameo":"043","evidence":{"text":"Russia joined a trilateral meeting with Iran.","verb":"joined"}},` +
	`{"id":"c","sentence":2,"source":{"text":"Russian jets","code":"RUSMIL","country":"RUS","sectors":["MIL"]},"target":null,"cameo":"195","cameo_root":"19","location":{"name":"x","country":"","lat":10,"lon":10},"evidence":{"text":"Russian jets carried out airstrikes on Idlib.","verb":"carried out"}},` +
	`{"id":"d","sentence":3,"source":{"text":"Syria","code":"SYRGOV","country":"SYR","sectors":["GOV"]},"target":{"text":"insurgents","code":"SYRREB","country":"SYR","sectors":["REB"]},"cameo":"190","cameo_root":"19","evidence":{"text":"Fear of the anticipated government assault on insurgents grew.","verb":"assault"}}` +
	`],"quotes":[{"sentence":0,"speaker":{"text":"Zarif","code":"IRNGOV"},"text":"  “As @realDonaldTrump destroys U.S. credibility”\n","direct":true},{"sentence":4,"speaker":null,"text":"We will respond","direct":true}],` +
	`"actors":[],"places":[{"sentence":0,"text":"Tehran","name":"Tehran","country":"IRN","lat":35.70,"lon":51.40},{"sentence":2,"text":"Idlib","name":"Idlib","country":"SYR","lat":null,"lon":null}]}

{"doc_id":"seed-2","date":"2018-09-07","title":"second","events":[` +
	`{"id":"e","sentence":0,"source":{"text":"Damascus","code":"SYRGOV","country":"SYR","sectors":["GOV"]},"target":{"text":"rebels","code":"SYRREB","country":"SYR","sectors":["REB"]},"cameo":"180","cameo_root":"18","evidence":{"text":"The anticipated government assault on insurgents may start soon.","verb":"start"}},` +
	`{"id":"f","sentence":1,"source":{"text":"Iran","code":"IRN","country":"IRN"},"target":{"text":"US","code":"USA","country":"USA"},"cameo":"112","cameo_root":"11","evidence":{"text":"Trump humiliates his office.","verb":"humiliates"}},` +
	`{"id":"g","sentence":2,"source":{"text":"charity","code":"FRANGO","country":"FRA","sectors":["NGO"]},"target":{"text":"Syria","code":"SYR","country":"SYR"},"cameo":"073","cameo_root":"07","evidence":{"text":"An aid convoy reached Syria.","verb":"reached"}},` +
	`{"id":"h","sentence":3,"source":{"text":"UN","code":"IGOUNO","country":""},"target":{"text":"Turkey","code":"TUR","country":"TUR"},"cameo":"040","cameo_root":"04","evidence":{"text":"The UN envoy met Turkish officials.","verb":"met"}}` +
	`]}
`

func TestSeed(t *testing.T) {
	rep, err := Seed(strings.NewReader(seedGoldJSON), mustRead(t, seedOutJSONL))
	if err != nil {
		t.Fatal(err)
	}
	ints := []struct {
		name      string
		got, want int
	}{
		{"required", rep.Required, 5},
		{"required found", rep.RequiredFound, 4},
		{"events", rep.Events, 8},
		{"matched", rep.Matched, 5},
		{"must_not distinct", len(rep.MustNotHit), 1},
		{"must_not hits", len(rep.MustNotHits), 2},
		{"located", rep.Located, 1},
		{"located total", rep.LocatedTotal, 1},
		{"quotes", rep.Quotes, 1},
		{"quotes total", rep.QuotesTotal, 2},
		{"places", rep.Places, 1},
		{"places total", rep.PlacesTotal, 2},
		{"missing", len(rep.Missing), 1},
		{"unmatched", len(rep.Unmatched), 3},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if rep.Precision != 5.0/8 || rep.Recall != 0.8 {
		t.Errorf("precision %v recall %v, want 0.625 0.8", rep.Precision, rep.Recall)
	}
	if (rep.Pass != SeedPass{}) {
		t.Errorf("pass = %+v, want all false", rep.Pass)
	}
	if m := rep.Missing[0]; m.ID != "E5" || m.Note != "UN talks with Damascus" {
		t.Errorf("missing = %+v", m)
	}
	if rep.MustNotHit[0] != "N1" || rep.MustNotHits[1].Event.DocID != "seed-2" || rep.MustNotHits[1].Event.Cameo != "180" {
		t.Errorf("must_not hits = %+v", rep.MustNotHits)
	}
	u := rep.Unmatched[2]
	if u.DocID != "seed-2" || u.Cameo != "040" || u.Source != "IGOUNO" || u.Target != "TUR" || u.Text != "The UN envoy met Turkish officials." {
		t.Errorf("unmatched[2] = %+v", u)
	}
	if len(rep.MissedQuotes) != 1 || !strings.HasPrefix(rep.MissedQuotes[0], "RUSGOV") ||
		len(rep.MissedPlaces) != 1 || rep.MissedPlaces[0] != "Idlib" || len(rep.Unlocated) != 0 {
		t.Errorf("missed quotes %v places %v unlocated %v", rep.MissedQuotes, rep.MissedPlaces, rep.Unlocated)
	}

	var buf bytes.Buffer
	rep.WriteText(&buf)
	text := buf.String()
	for _, want := range []string{
		"missing required: ['E5']  must_not hit: ['N1']\n",
		"seed: required 4/5, precision 0.62 (5/8), must_not 1, located 1/1, quotes 1/2, places 1/2\n",
		"UN talks with Damascus", "040 IGOUNO -> TUR", "N1  180 SYRGOV -> SYRREB", "missed places: [Idlib]",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("WriteText lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(text, "missing required:") {
		t.Errorf("WriteText should start with the figures:\n%s", text)
	}
	checkJSON(t, rep, "required_found", "must_not_hits", "unmatched")
}

func TestSeedPassAndEmpty(t *testing.T) {
	// Only the correct events: no must_not hit, precision 1.
	docs := mustRead(t, seedOutJSONL)
	var evs []OutEvent
	for _, d := range docs {
		for _, e := range d.Events {
			if e.ID != "d" && e.ID != "e" && e.ID != "h" {
				evs = append(evs, e)
			}
		}
	}
	docs[0].Events, docs[1].Events = evs, nil
	rep, err := Seed(strings.NewReader(seedGoldJSON), docs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Precision != 1 || !rep.Pass.Events || !rep.Pass.Recall || rep.Pass.Quotes || rep.Pass.Places {
		t.Errorf("precision %v pass %+v", rep.Precision, rep.Pass)
	}

	rep, err = Seed(strings.NewReader(seedGoldJSON), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Precision != 0 || rep.Events != 0 || len(rep.Missing) != 5 || rep.Missing[0].ID != "E1" || rep.Missing[1].ID != "E2" || rep.Missing[4].ID != "E5" {
		t.Errorf("empty output: %+v", rep)
	}
	if _, err := Seed(strings.NewReader(`{"events":[{"id":"X","pairs":[["A"]]}]}`), nil); err == nil {
		t.Error("a one-element pair should be an error")
	}
	if _, err := Seed(strings.NewReader(`{`), nil); err == nil {
		t.Error("bad gold JSON should be an error")
	}
}

// ploverRecordsJSON are PLOVER gold records in the format of
// eval/plover/plover-gsr-dev.json (plus one record without an id).
const ploverRecordsJSON = `[
 {"id": "P1", "event": "AGREE", "source": [{"actorText": "United States", "code": "USA"}, {"actorText": "Jordan", "code": "JOR"}], "target": "",
  "text": "The United States and Jordan have agreed upon a new free-trade pact."},
 {"id": "P2", "event": "ASSAULT", "mode": "aerial", "source": [{"code": "RUSMIL"}], "target": [{"code": "SYRREB"}], "text": "Russian jets bombed rebels."},
 {"id": "P3", "event": "ASSAULT", "source": [{"code": "ISR"}], "target": [{"code": "PSE"}], "text": "Israeli troops shelled Gaza."},
 {"id": "P4", "event": "DEMAND", "source": [{"code": "IGOUNO"}], "target": null, "text": "The UN demanded a ceasefire."},
 {"note": "a record without an id is ignored"},
 {"id": "P5", "event": "PROTEST", "source": [{"code": "EGYOPP"}], "target": [{"code": "EGYGOV"}], "text": "Protesters marched on the ministry."}
]`

// ploverOutJSONL: P1 hit (1 of 2 events correct), P2 hit, P3 right dyad and
// wrong root, P4 no document, P5 no source.
const ploverOutJSONL = `{"doc_id":"P1","events":[{"source":{"code":"USA","country":"USA"},"target":{"code":"JOR"},"cameo":"057","cameo_root":"05","evidence":{"text":"x","verb":"agreed"}},{"source":{"code":"JOR"},"target":{"code":"USA"},"cameo":"010","evidence":{"text":"x"}}]}
{"doc_id":"P2","events":[{"source":{"code":"RUSMIL"},"target":{"code":"SYRGOV"},"cameo":"195","cameo_root":"19","evidence":{"text":"x"}}]}
{"doc_id":"P3","events":[{"source":{"code":"PSE"},"target":{"code":"ISR"},"cameo":"190","evidence":{"text":"x"}},{"source":{"code":"ISRMIL"},"target":{"code":"PSE"},"cameo":"112","evidence":{"text":"x","verb":"shelled"}}]}
{"doc_id":"P5","events":[{"source":null,"target":{"code":"EGYGOV"},"cameo":"141","evidence":{"text":"x"}}]}
{"doc_id":"OTHER","events":[{"source":{"code":"USA"},"target":null,"cameo":"010","evidence":{"text":"x"}}]}
`

func TestPlover(t *testing.T) {
	docs := mustRead(t, ploverOutJSONL)
	type cat struct {
		event                               string
		records, hit, dyad, produced, right int
	}
	tests := []struct {
		name                                string
		ids                                 []string
		records, hit, dyad, produced, right int
		noOutput                            int
		line                                string
		misses                              []string
		cats                                []cat
	}{
		{
			name: "all records", records: 5, hit: 2, dyad: 3, produced: 6, right: 2, noOutput: 1,
			line:   "plover-heldout: event+dyad recall 2/5 = 0.40; dyad recall 0.60; precision 0.33 (2/6)",
			misses: []string{"P3", "P4", "P5"},
			cats: []cat{{"AGREE", 1, 1, 1, 2, 1}, {"ASSAULT", 2, 1, 2, 3, 1}, {"DEMAND", 1, 0, 0, 0, 0},
				{"PROTEST", 1, 0, 0, 1, 0}},
		},
		{
			name: "some ids", ids: []string{"P2", "P3"}, records: 2, hit: 1, dyad: 2, produced: 3, right: 1,
			line:   "plover-heldout: event+dyad recall 1/2 = 0.50; dyad recall 1.00; precision 0.33 (1/3)",
			misses: []string{"P3"},
			cats:   []cat{{"ASSAULT", 2, 1, 2, 3, 1}},
		},
		{
			name: "repeated id counts twice", ids: []string{"P1", "P1", "P4"}, records: 3, hit: 2, dyad: 2, produced: 4, right: 2,
			noOutput: 1,
			line:     "plover-heldout: event+dyad recall 2/3 = 0.67; dyad recall 0.67; precision 0.50 (2/4)",
			misses:   []string{"P4"},
			cats:     []cat{{"AGREE", 2, 2, 2, 4, 2}, {"DEMAND", 1, 0, 0, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Plover(strings.NewReader(ploverRecordsJSON), tt.ids, docs)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Records != tt.records || rep.EventDyad != tt.hit || rep.Dyad != tt.dyad || rep.Produced != tt.produced ||
				rep.Correct != tt.right || rep.NoOutput != tt.noOutput {
				t.Errorf("got records %d hit %d dyad %d produced %d correct %d no output %d", rep.Records, rep.EventDyad,
					rep.Dyad, rep.Produced, rep.Correct, rep.NoOutput)
			}
			if got := rep.ScoreLine(); got != tt.line {
				t.Errorf("line\n got %s\nwant %s", got, tt.line)
			}
			var misses []string
			for _, m := range rep.Misses {
				misses = append(misses, m.ID)
			}
			if strings.Join(misses, " ") != strings.Join(tt.misses, " ") {
				t.Errorf("misses %v, want %v", misses, tt.misses)
			}
			if len(rep.Categories) != len(tt.cats) {
				t.Fatalf("categories %+v", rep.Categories)
			}
			for i, c := range tt.cats {
				g := rep.Categories[i]
				if g.Event != c.event || g.Records != c.records || g.EventDyad != c.hit || g.Dyad != c.dyad ||
					g.Produced != c.produced || g.Correct != c.right ||
					g.Recall != ratio(c.hit, c.records) || g.Precision != ratio(c.right, c.produced) {
					t.Errorf("category %d = %+v, want %+v", i, g, c)
				}
			}
		})
	}

	rep, err := Plover(strings.NewReader(ploverRecordsJSON), nil, docs)
	if err != nil {
		t.Fatal(err)
	}
	p3 := rep.Misses[0]
	if p3.ID != "P3" || !p3.DyadOK || p3.Event != "ASSAULT" || p3.Source[0] != "ISR" || p3.Target[0] != "PSE" ||
		len(p3.Produced) != 2 || p3.Produced[1].Cameo != "112" || p3.Text != "Israeli troops shelled Gaza." {
		t.Errorf("P3 miss = %+v", p3)
	}
	if p4 := rep.Misses[1]; p4.Target != nil || len(p4.Produced) != 0 || p4.DyadOK {
		t.Errorf("P4 miss = %+v", p4)
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	text := buf.String()
	for _, want := range []string{
		"plover-heldout: event+dyad recall 2/5 = 0.40; dyad recall 0.60; precision 0.33 (2/6)\n",
		"P3  ASSAULT ISR -> PSE  (dyad ok)", "produced: 112 ISRMIL -> PSE", "P4  DEMAND IGOUNO -> -", "produced: nothing",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("WriteText lacks %q:\n%s", want, text)
		}
	}
	checkJSON(t, rep, "event_dyad", "categories", "misses")

	if _, err := Plover(strings.NewReader(ploverRecordsJSON), []string{"P9"}, docs); err == nil {
		t.Error("an unknown id should be an error")
	}
	if _, err := Plover(strings.NewReader(ploverRecordsJSON), []string{}, docs); err == nil {
		t.Error("no ids should be an error")
	}
	// The last document with a doc_id counts.
	dup := append(mustRead(t, ploverOutJSONL), OutDoc{DocID: "P2"})
	if rep, _ := Plover(strings.NewReader(ploverRecordsJSON), []string{"P2"}, dup); rep.EventDyad != 0 || rep.Produced != 0 {
		t.Errorf("later duplicate doc should win: %+v", rep)
	}
}

func checkJSON(t *testing.T, v any, keys ...string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
}
