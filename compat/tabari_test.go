package compat

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dyad/dict/tabari"
	"dyad/pipeline"
)

const tabariDir = "../../shared/reference/tabari"

// tabariFloor is the pass rate (in %) dyad must keep on TABARI's
// Validate.text: a little below the figure measured when the converter was
// written.
const tabariFloor = 32.0

var (
	recHead = regexp.MustCompile(`^(\d{6})\s+(\S+)`)
	braces  = regexp.MustCompile(`(-?)\{([^{}]*)\}`)
)

// readTABARIRecords reads Validate.text: a record is a "YYMMDD ID" line,
// its text up to "/*", and a comment up to "*/" whose "{ SRC / TGT / CODE }"
// lines are the expected events ("{---}", "{+++}" and "{###}": none). A
// record whose comment holds an OPTION changes TABARI's settings and is not
// scored, nor is one with no expectation at all.
func readTABARIRecords(t testing.TB, path string) []record {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("skipping the TABARI compatibility suite: %v (../shared is absent)", err)
	}
	var recs []record
	lines := strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n")
	for i := 0; i < len(lines); i++ {
		m := recHead.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		r := record{ID: m[2], Category: m[2]}
		if k := strings.IndexByte(r.ID, '-'); k > 0 {
			r.Category = r.ID[:k]
		}
		if d, err := time.Parse("060102", m[1]); err == nil {
			if d.Year() > 2030 {
				d = d.AddDate(-100, 0, 0)
			}
			r.Date = d
		}
		var text, comment strings.Builder
		inComment := false
		for i++; i < len(lines); i++ {
			l := lines[i]
			if !inComment {
				if k := strings.Index(l, "/*"); k >= 0 {
					text.WriteString(l[:k] + " ")
					l = l[k+2:]
					inComment = true
				} else {
					text.WriteString(l + " ")
					continue
				}
			}
			if k := strings.Index(l, "*/"); k >= 0 {
				comment.WriteString(l[:k])
				break
			}
			comment.WriteString(l + "\n")
		}
		r.Text = strings.Join(strings.Fields(text.String()), " ")
		c := comment.String()
		expect := false
		for _, bm := range braces.FindAllStringSubmatch(c, -1) {
			if bm[1] == "-" {
				continue // a coding TABARI should not produce
			}
			body := strings.TrimSpace(bm[2])
			switch {
			case strings.HasPrefix(body, "OPTION"):
				r.Category = "OPTION"
			case body == "---" || body == "+++" || body == "###" || body == "":
				expect = true
			default:
				f := strings.Split(body, "/")
				if len(f) != 3 {
					continue
				}
				expect = true
				r.Want = append(r.Want, coding{strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2])})
			}
		}
		r.Scored = expect && r.Category != "OPTION" && r.Text != ""
		recs = append(recs, r)
	}
	return recs
}

func TestCompatTABARI(t *testing.T) {
	recs := readTABARIRecords(t, filepath.Join(tabariDir, "Validate.text"))
	set, err := tabari.Load(filepath.Join(tabariDir, "Validate.project"), nil)
	if err != nil {
		t.Logf("conversion errors (kept going):\n%v", err)
	}
	t.Logf("conversion of the Validate.project dictionaries: %s", set.Report.Summary())
	res, err := pipeline.FromDict(set.Dict)
	if err != nil {
		t.Fatal(err)
	}
	got := run(t, res, recs)
	all := tally(t, recs, got)
	if all.total == 0 {
		t.Fatal("no scored records")
	}
	t.Logf("TABARI Validate.text: dyad %d/%d (%.1f%%)", all.pass, all.total, all.pct())
	if all.pct() < tabariFloor {
		t.Errorf("pass rate %.1f%% fell below the floor %.1f%%", all.pct(), tabariFloor)
	}
}
