package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCodeSample(t *testing.T) {
	code, out, stderr := runCmd(t, "", "code", "../../examples/sample.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var d struct {
		DocID  string `json:"doc_id"`
		Date   string `json:"date"`
		Events []struct {
			CAMEO    string `json:"cameo"`
			Root     string `json:"cameo_root"`
			Evidence struct {
				Text string `json:"text"`
				Rule string `json:"rule"`
			} `json:"evidence"`
		} `json:"events"`
		Actors []json.RawMessage `json:"actors"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if d.Date != "2024-03-15" || len(d.Events) == 0 || len(d.Actors) == 0 {
		t.Fatalf("date %q, %d events, %d actors", d.Date, len(d.Events), len(d.Actors))
	}
	for _, e := range d.Events {
		if e.Evidence.Text == "" || e.Evidence.Rule == "" || e.Root != e.CAMEO[:2] {
			t.Errorf("event without evidence or with a bad root: %+v", e)
		}
	}
}

func TestBadInputsKeepGoing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.jsonl")
	os.WriteFile(good, []byte(`{"id":"ok1","date":"2018-09-07","text":"Russian warplanes hit Idlib."}
{"id":"bad","date":"2018-99-07","text":"x"}
not json
{"id":"ok2","date":"2018-09-07","text":"Turkey condemned the attack."}
`), 0o644)
	code, out, stderr := runCmd(t, "", "code", good, filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, w := range []string{"a.jsonl:2", "a.jsonl:3", "missing.txt"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(out, `"ok1"`) || !strings.Contains(out, `"ok2"`) {
		t.Errorf("want the two good documents in order, got:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := runCmd(t, "", "code"); code != 2 {
		t.Errorf("code without input: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "nonsense"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "code", "--date", "7/9/2018", "-"); code != 2 {
		t.Errorf("bad --date: exit %d, want 2", code)
	}
}

func TestExplain(t *testing.T) {
	code, out, stderr := runCmd(t, "", "explain", "--date", "2018-09-07", "Russian warplanes hit rebel-held parts of Idlib.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"RUSMIL", "EVENT", "why:", "warplane"} {
		if !strings.Contains(out, w) {
			t.Errorf("explain output lacks %q:\n%s", w, out)
		}
	}
}

func TestStdinAndOrder(t *testing.T) {
	in := `{"id":"1","date":"2018-09-07","text":"Iran condemned Israel."}
{"id":"2","date":"2018-09-07","text":"Israel attacked Syria."}
{"id":"3","date":"2018-09-07","text":"Syria rejected the plan."}
`
	code, out, stderr := runCmd(t, in, "code", "--format", "jsonl", "--workers", "3", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d", len(lines))
	}
	for i, l := range lines {
		var d struct {
			DocID string `json:"doc_id"`
		}
		json.Unmarshal([]byte(l), &d)
		if want := string(rune('1' + i)); d.DocID != want {
			t.Errorf("line %d has doc %q, want %q (output must keep input order)", i, d.DocID, want)
		}
	}
}

// TestBench runs a small measurement on the sample and checks the report
// accounts for every stage and the requested number of sentences.
func TestBench(t *testing.T) {
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, stderr := runCmd(t, "", "bench", "--sentences", "100", "--cpuprofile", prof, "--memprofile", prof+".mem", "../../examples/sample.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"sentences/s", "start-up", "/sentence", "segment", "tag", "actors", "events", "quotes", "places", "json"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	var docs, read, sents int
	if _, err := fmt.Sscanf(out, "dyad bench: %d documents (%d read, repeated), %d sentences", &docs, &read, &sents); err != nil {
		t.Fatalf("first line: %v\n%s", err, out)
	}
	if read != 1 || sents < 100 || docs < 2 {
		t.Errorf("%d documents from %d read, %d sentences: want ≥ 100 sentences from repeats of 1", docs, read, sents)
	}
	for _, f := range []string{prof, prof + ".mem"} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("no profile written to %s: %v", f, err)
		}
	}
	if code, _, _ := runCmd(t, "", "bench"); code != 2 {
		t.Errorf("bench without input: exit %d, want 2", code)
	}
}
