package compat

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"dyad/codes"
	"dyad/dict/petrarch"
	"dyad/doc"
	"dyad/pipeline"
)

const petrDir = "../../shared/reference/petrarch2"

// PETRARCH-2's own figure on PETR.UnitTest.records.xml, measured with the
// same dictionaries and the same scoring (exact set of source, target, code
// per record): 84 of 277 scored records.
const petrarchPassed, petrarchScored = 84, 277

// petrFloor is the pass rate (in %) dyad must keep on the suite: a little
// below the figure measured when the converter was written.
const petrFloor = 42.0

type coding struct{ src, tgt, code string }

func (c coding) String() string { return c.src + ">" + c.tgt + ":" + c.code }

// record is one <Sentence> of PETR.UnitTest.records.xml.
type record struct {
	ID, Category string
	Date         time.Time
	Text         string
	Want         []coding
	Scored       bool // false for the records that expect an error
}

type xmlCoding struct {
	Source   string `xml:"sourcecode,attr"`
	Target   string `xml:"targetcode,attr"`
	Event    string `xml:"eventcode,attr"`
	NoEvents string `xml:"noevents,attr"`
	Error    string `xml:"error,attr"`
}

type xmlSentence struct {
	ID       string      `xml:"id,attr"`
	Category string      `xml:"category,attr"`
	Date     string      `xml:"date,attr"`
	Text     string      `xml:"Text"`
	Codings  []xmlCoding `xml:"EventCoding"`
}

type xmlValidation struct {
	Env struct {
		Verbs   string `xml:"Verbfile"`
		Actors  string `xml:"Actorfile"`
		Agents  string `xml:"Agentfile"`
		Discard string `xml:"Discardfile"`
	} `xml:"Environment"`
	Sentences []xmlSentence `xml:"Sentences>Sentence"`
}

func readPETRRecords(t testing.TB, path string) (petrarch.Files, []record) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("skipping the PETRARCH compatibility suite: %v (../shared is absent)", err)
	}
	var v xmlValidation
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	dec.Strict = false
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	files := petrarch.Files{Verbs: v.Env.Verbs, Agents: v.Env.Agents, Discards: v.Env.Discard}
	if v.Env.Actors != "" {
		files.Actors = []string{v.Env.Actors}
	}
	var recs []record
	for _, s := range v.Sentences {
		r := record{ID: s.ID, Category: s.Category, Text: strings.Join(strings.Fields(s.Text), " "), Scored: true}
		r.Date, _ = time.Parse("20060102", strings.TrimSpace(s.Date))
		for _, c := range s.Codings {
			switch {
			case c.Error != "":
				r.Scored = false
			case c.Event != "":
				r.Want = append(r.Want, coding{c.Source, c.Target, c.Event})
			}
		}
		recs = append(recs, r)
	}
	return files, recs
}

// run codes every record and returns the codings dyad found.
func run(t testing.TB, res *pipeline.Resources, recs []record) [][]coding {
	p, err := pipeline.Default(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]coding, len(recs))
	for i, r := range recs {
		d := &doc.Doc{ID: r.ID, Text: r.Text, Date: r.Date}
		if err := p.Run(context.Background(), d); err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		seen := map[coding]bool{}
		for _, e := range d.Events {
			c := coding{"---", "---", e.CAMEO}
			if e.Source != nil && e.Source.Code != "" {
				c.src = e.Source.Code
			}
			if e.Target != nil && e.Target.Code != "" {
				c.tgt = e.Target.Code
			}
			if !seen[c] {
				seen[c] = true
				out[i] = append(out[i], c)
			}
		}
	}
	return out
}

func sameSet(a, b []coding) bool {
	ma := map[coding]bool{}
	for _, c := range a {
		ma[c] = true
	}
	mb := map[coding]bool{}
	for _, c := range b {
		mb[c] = true
	}
	if len(ma) != len(mb) {
		return false
	}
	for c := range ma {
		if !mb[c] {
			return false
		}
	}
	return true
}

// score is a pass count per category.
type score struct{ pass, total int }

func (s score) pct() float64 {
	if s.total == 0 {
		return 0
	}
	return 100 * float64(s.pass) / float64(s.total)
}

// tally scores the records and writes the per-category table to t's log;
// with -v and COMPAT_MISSES=1 in the environment it also lists every miss.
func tally(t testing.TB, recs []record, got [][]coding) score {
	cats := map[string]*score{}
	var all score
	misses := os.Getenv("COMPAT_MISSES") != ""
	for i, r := range recs {
		if !r.Scored {
			continue
		}
		s := cats[r.Category]
		if s == nil {
			s = &score{}
			cats[r.Category] = s
		}
		s.total++
		all.total++
		if sameSet(r.Want, got[i]) {
			s.pass++
			all.pass++
		} else if misses {
			t.Logf("MISS %-18s %-9s want %v got %v\n      %s", r.ID, r.Category, r.Want, got[i], r.Text)
		}
	}
	names := make([]string, 0, len(cats))
	for c := range cats {
		names = append(names, c)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, c := range names {
		s := cats[c]
		fmt.Fprintf(&b, "  %-10s %3d/%3d  %5.1f%%\n", c, s.pass, s.total, s.pct())
	}
	t.Logf("per category:\n%s", b.String())
	return all
}

func TestCompatPETRARCH(t *testing.T) {
	files, recs := readPETRRecords(t, filepath.Join(petrDir, "PETR.UnitTest.records.xml"))
	set, err := petrarch.LoadFiles(os.DirFS(petrDir), files, nil)
	if err != nil {
		t.Logf("conversion errors (kept going):\n%v", err)
	}
	t.Logf("conversion of the PETR.Validate dictionaries: %s", set.Report.Summary())
	res, err := pipeline.FromDict(set.Dict)
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, res, recs)
	all := tally(t, recs, got)
	if all.total == 0 {
		t.Fatal("no scored records")
	}
	t.Logf("PETR.UnitTest.records.xml: dyad %d/%d (%.1f%%); PETRARCH-2 %d/%d (%.1f%%)",
		all.pass, all.total, all.pct(), petrarchPassed, petrarchScored, 100*float64(petrarchPassed)/petrarchScored)
	// What the coder would score if it kept event codes outside CAMEO
	// (the suite's dictionaries use WEIS-era codes such as 212 and 223,
	// and test codes such as 901-915, which dyad's events stage drops).
	if ext, n := extendedCodes(t, set); n > 0 {
		r2 := *res
		r2.Codes = ext
		got2 := run(t, &r2, recs)
		var pass int
		for i, r := range recs {
			if r.Scored && sameSet(r.Want, got2[i]) {
				pass++
			}
		}
		t.Logf("with the %d non-CAMEO numeric codes of the dictionaries admitted to the code table: %d/%d (%.1f%%)",
			n, pass, all.total, 100*float64(pass)/float64(all.total))
	}
	if all.total != petrarchScored {
		t.Errorf("scored %d records, want %d as PETRARCH-2 does", all.total, petrarchScored)
	}
	if all.pct() < petrFloor {
		t.Errorf("pass rate %.1f%% fell below the floor %.1f%%", all.pct(), petrFloor)
	}
}

// extendedCodes returns dyad's code table with every numeric code of the
// converted verbs that CAMEO lacks (and its missing ancestors) added with a
// placeholder quad class and Goldstein score, and how many were added. It
// stands in for a coder option that keeps such codes.
func extendedCodes(t testing.TB, set *petrarch.Set) (*codes.Table, int) {
	base := codes.Default()
	extra := map[string]bool{}
	for _, p := range set.Dict.Verbs {
		c := p.Code
		if len(c) < 2 || len(c) > 4 || strings.Trim(c, "0123456789") != "" || base.Valid(c) {
			continue
		}
		for n := len(c); n >= 2; n-- {
			if !base.Valid(c[:n]) {
				extra[c[:n]] = true
			}
		}
	}
	var b strings.Builder
	b.WriteString("code\troot\tquad_class\tgoldstein\tplover_event\tplover_mode\tlabel\n")
	for _, e := range base.All() {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%.1f\t%s\t%s\t%s\n", e.Code, e.Root, e.Quad, e.Goldstein, e.PloverEvent, e.PloverMode, e.Label)
	}
	for c := range extra {
		fmt.Fprintf(&b, "%s\t%s\t1\t0.0\t\t\tnot a CAMEO code\n", c, c[:2])
	}
	tab, err := codes.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Logf("extended code table: %v", err)
		return nil, 0
	}
	return tab, len(extra)
}
