package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is ../shared of the checkout, seen from the package directory.
func sharedDir(t *testing.T) string {
	t.Helper()
	return filepath.Join("..", "..", "shared")
}

// scorePy returns a function running the reference score.py, or skips the
// test when python3 or ../shared/eval/score.py is not available.
func scorePy(t *testing.T) func(args ...string) (string, int) {
	t.Helper()
	script, err := filepath.Abs(filepath.Join(sharedDir(t), "eval", "score.py"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Skipf("skipping the comparison with score.py: %s not found (../shared is absent)", script)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping the comparison with score.py: python3 not found")
	}
	return func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(py, append([]string{script}, args...)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case err == nil:
			return stdout.String(), 0
		case errors.As(err, &ee) && stderr.Len() == 0:
			return stdout.String(), ee.ExitCode()
		}
		t.Fatalf("score.py %v: %v\n%s", args, err, stderr.String())
		return "", 0
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func b2exit(ok bool) int {
	if ok {
		return 0
	}
	return 1
}

// compareSeed checks that Seed prints score.py's lines and passes exactly
// when each score.py seed mode exits 0.
func compareSeed(t *testing.T, goldPath, outJSONL string) {
	t.Helper()
	dir := t.TempDir()
	outPath := writeFile(t, dir, "out.jsonl", outJSONL)
	gold, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	defer gold.Close()
	rep, err := Seed(gold, mustRead(t, outJSONL))
	if err != nil {
		t.Fatal(err)
	}
	run := scorePy(t)
	want := strings.Join(rep.ScoreLines(), "\n") + "\n"
	t.Logf("Go: %s", rep.ScoreLines()[1])
	modes := map[string]bool{"seed": rep.Pass.Events, "seed-events": rep.Pass.Events, "seed-quotes": rep.Pass.Quotes,
		"seed-places": rep.Pass.Places, "seed-recall": rep.Pass.Recall}
	for mode, pass := range modes {
		got, code := run(mode, goldPath, outPath)
		if got != want {
			t.Errorf("%s: score.py printed\n%s\nGo printed\n%s", mode, got, want)
		}
		if code != b2exit(pass) {
			t.Errorf("%s: score.py exit %d, Go pass %t", mode, code, pass)
		}
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	if !strings.HasPrefix(buf.String(), want) {
		t.Errorf("WriteText does not begin with score.py's lines:\n%s", buf.String())
	}
}

// comparePlover checks that Plover prints score.py's line and passes exactly
// when score.py exits 0.
func comparePlover(t *testing.T, recordsPath string, ids []string, outJSONL string) {
	t.Helper()
	dir := t.TempDir()
	outPath := writeFile(t, dir, "out.jsonl", outJSONL)
	idsPath := writeFile(t, dir, "ids.txt", strings.Join(ids, "\n")+"\n\n")
	recs, err := os.Open(recordsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer recs.Close()
	rep, err := Plover(recs, ids, mustRead(t, outJSONL))
	if err != nil {
		t.Fatal(err)
	}
	run := scorePy(t)
	t.Logf("Go: %s", rep.ScoreLine())
	got, code := run("plover", recordsPath, idsPath, outPath)
	if want := rep.ScoreLine() + "\n"; got != want {
		t.Errorf("score.py printed\n%s\nGo printed\n%s", got, want)
	}
	if code != b2exit(rep.Pass) {
		t.Errorf("score.py exit %d, Go pass %t", code, rep.Pass)
	}
	var buf bytes.Buffer
	rep.WriteText(&buf)
	if !strings.HasPrefix(buf.String(), rep.ScoreLine()+"\n") {
		t.Errorf("WriteText does not begin with score.py's line:\n%s", buf.String())
	}
}

// TestScorePySynthetic runs the Go scorers and score.py on the small
// synthetic gold sets and outputs of the other tests.
func TestScorePySynthetic(t *testing.T) {
	dir := t.TempDir()
	t.Run("seed", func(t *testing.T) {
		compareSeed(t, writeFile(t, dir, "gold.json", seedGoldJSON), seedOutJSONL)
	})
	t.Run("seed-empty-output", func(t *testing.T) {
		compareSeed(t, writeFile(t, dir, "gold.json", seedGoldJSON), "\n")
	})
	t.Run("seed-passing", func(t *testing.T) {
		docs := mustRead(t, seedOutJSONL)
		for i := range docs {
			var keep []OutEvent
			for _, e := range docs[i].Events {
				if e.ID != "d" && e.ID != "e" && e.ID != "h" { // the must_not hits and the wrong one
					keep = append(keep, e)
				}
			}
			docs[i].Events = keep
		}
		compareSeed(t, writeFile(t, dir, "gold.json", seedGoldJSON), jsonl(t, docs))
	})
	recs := writeFile(t, dir, "records.json", ploverRecordsJSON)
	for _, ids := range [][]string{{"P1", "P2", "P3", "P4", "P5"}, {"P2", "P3"}, {"P1", "P1", "P4"}, {"P1", "P2"}} {
		t.Run("plover-"+strings.Join(ids, "-"), func(t *testing.T) {
			comparePlover(t, recs, ids, ploverOutJSONL)
		})
	}
}

// goldActor builds an emitted actor that a seed gold code accepts, or nil
// for "---".
func goldActor(code string) *OutActor {
	if code == "---" {
		return nil
	}
	a := &OutActor{Text: code, Code: code, Country: runeSlice(code, 0, 3)}
	if s := runeSlice(code, 3, 6); s != "" {
		a.Sectors = []string{s}
	}
	return a
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func jsonl(t *testing.T, docs []OutDoc) string {
	t.Helper()
	var b strings.Builder
	for _, d := range docs {
		// The contract has arrays, never null (score.py cannot iterate null).
		d.Events = nonNil(d.Events)
		d.Quotes = nonNil(d.Quotes)
		d.Actors = nonNil(d.Actors)
		d.Places = nonNil(d.Places)
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestScorePyRealGold runs the Go scorers and score.py on the project's real
// seed gold and PLOVER dev records, with outputs built from the gold: some
// events right, some with a wrong root or wrong actors, some missing.
func TestScorePyRealGold(t *testing.T) {
	shared := sharedDir(t)
	goldPath := filepath.Join(shared, "eval", "seed", "gold.json")
	recordsPath := filepath.Join(shared, "eval", "plover", "plover-gsr-dev.json")
	if _, err := os.Stat(goldPath); err != nil {
		t.Skipf("skipping: the project's gold sets are not available (../shared is absent: %v)", err)
	}

	t.Run("seed", func(t *testing.T) {
		raw, err := os.ReadFile(goldPath)
		if err != nil {
			t.Fatal(err)
		}
		var g seedGold
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatal(err)
		}
		doc := OutDoc{DocID: "seed", Date: "2018-09-07"}
		for i, ge := range g.Events {
			if i%5 == 4 {
				continue // missed
			}
			p := ge.Pairs[i%len(ge.Pairs)]
			e := OutEvent{ID: fmt.Sprint(i), Sentence: i, Source: goldActor(p[0]), Target: goldActor(p[1]),
				Cameo: ge.Roots[0] + "0", Evidence: OutEvidence{Text: "Before " + ge.SentenceHas + " after."}}
			if i%4 == 1 {
				e.Cameo, e.CameoRoot = "010", "01" // wrong root
			} else if i%2 == 0 {
				e.CameoRoot = ge.Roots[0]
			}
			if ge.Location != nil {
				lat, lon := ge.Location.Lat+0.1, ge.Location.Lon
				e.Location = &OutLocation{Name: ge.Location.Name, Lat: &lat, Lon: &lon}
			}
			doc.Events = append(doc.Events, e)
		}
		for i, n := range g.MustNot {
			if i%2 == 0 {
				doc.Events = append(doc.Events, OutEvent{Cameo: n.Roots[0] + "1", Source: goldActor("SYR"),
					Evidence: OutEvidence{Text: n.SentenceHas}})
			}
		}
		for i, q := range g.Quotes {
			if i%3 != 2 {
				doc.Quotes = append(doc.Quotes, OutQuote{Speaker: goldActor(q.SpeakerCode), Text: " “" + q.StartsWith + " and more”"})
			}
		}
		for i, p := range g.Places {
			lat, lon := p.Lat, p.Lon+float64(i)*0.5
			doc.Places = append(doc.Places, OutPlace{Name: p.Name, Lat: &lat, Lon: &lon})
		}
		compareSeed(t, goldPath, jsonl(t, []OutDoc{doc}))
	})

	t.Run("plover", func(t *testing.T) {
		raw, err := os.ReadFile(recordsPath)
		if err != nil {
			t.Fatal(err)
		}
		var recs []map[string]any
		if err := json.Unmarshal(raw, &recs); err != nil {
			t.Fatal(err)
		}
		var out []OutDoc
		var all, some []string
		for i, r := range recs {
			id, _ := r["id"].(string)
			all = append(all, id)
			if i%2 == 0 {
				some = append(some, id)
			}
			src, tgt := ploverActors(r["source"]), ploverActors(r["target"])
			roots := PloverRoots[r["event"].(string)]
			e := OutEvent{Cameo: roots[0] + "0", Source: goldActor(src[0]), Evidence: OutEvidence{Text: "x"}}
			if len(tgt) > 0 {
				e.Target = goldActor(tgt[len(tgt)-1])
			}
			switch i % 5 {
			case 0: // right
			case 1:
				e.Cameo = "010" // wrong root
			case 2:
				e.Source, e.Target = e.Target, e.Source // reversed
			case 3:
				continue // no output
			case 4: // right, plus a stray event
				out = append(out, OutDoc{DocID: id, Events: []OutEvent{e, {Cameo: "020", Evidence: OutEvidence{Text: "x"}}}})
				continue
			}
			out = append(out, OutDoc{DocID: id, Events: []OutEvent{e}})
		}
		out = append(out, OutDoc{DocID: "not-a-record", Events: []OutEvent{{Cameo: "010"}}})
		text := jsonl(t, out)
		comparePlover(t, recordsPath, all, text)
		comparePlover(t, recordsPath, some, text)

		// ids nil scores every record, as the full id list does.
		f, err := os.Open(recordsPath)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rep, err := Plover(f, nil, mustRead(t, text))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Records != len(recs) || len(rep.Categories) != 18 {
			t.Errorf("nil ids: %d records, %d categories", rep.Records, len(rep.Categories))
		}
	})
}
