package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dyad/store/sqlite"
	"dyad/store/storetest"
)

// newsCorpus writes n small dated articles (JSON Lines with one bad line,
// plain text files with date headers, an RSS feed and an HTML page) into a
// fresh directory. The sentences are the kind the coder codes, but the
// tests below only compare runs with each other, not codes.
func newsCorpus(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	sentences := []string{
		"Russian warplanes hit rebel positions in Idlib on Monday.",
		"Turkey condemned the strikes and called for a ceasefire.",
		"The United Nations urged all sides to protect civilians.",
		"Iran and Russia met in Tehran to discuss the war in Syria.",
		"Israeli troops arrested two Palestinian protesters in Hebron.",
		"The United States said it would provide humanitarian aid to Gaza.",
		"China criticised Japan over the disputed islands.",
		"Egyptian mediators hosted Israeli and Hamas negotiators in Cairo.",
	}
	article := func(i int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Report number %d.", i)
		for k := 0; k < 4; k++ {
			b.WriteString(" ")
			b.WriteString(sentences[(i+k*3)%len(sentences)])
		}
		return b.String()
	}
	var jl strings.Builder
	half := n / 2
	for i := 0; i < half; i++ {
		fmt.Fprintf(&jl, `{"id":"https://news%d.example.com/a/%d","date":"2018-09-%02d","text":%q}`+"\n", i%3, i, 1+i%28, article(i))
		if i == 10 {
			jl.WriteString("{not json\n")
		}
	}
	os.WriteFile(filepath.Join(dir, "wire.jsonl"), []byte(jl.String()), 0o644)
	os.Mkdir(filepath.Join(dir, "texts"), 0o755)
	for i := half; i < n-2; i++ {
		os.WriteFile(filepath.Join(dir, "texts", fmt.Sprintf("a%05d.txt", i)),
			[]byte(fmt.Sprintf(" date 2018-10-%02d %s", 1+i%28, article(i%half))), 0o644) // copies of wire stories
	}
	os.WriteFile(filepath.Join(dir, "feed.rss"), []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>urn:feed:1</guid><pubDate>Fri, 07 Sep 2018 10:00:00 +0000</pubDate><description>`+article(1)+`</description></item>
</channel></rss>`), 0o644)
	os.WriteFile(filepath.Join(dir, "page.html"), []byte(`<!DOCTYPE html><html><head><title>Page</title></head><body><article><p>`+
		article(2)+` `+article(3)+`</p><p>`+article(4)+` `+article(5)+`</p></article></body></html>`), 0o644)
	return dir
}

func snap(t testing.TB, path string) []string {
	t.Helper()
	db, err := sqlite.Open(path, &sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := storetest.Snapshot(db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sameStore(t testing.TB, got, want []string) {
	t.Helper()
	for _, l := range storetest.Diff(got, want, 20) {
		t.Error(l)
	}
}

func TestIngestExportQuery(t *testing.T) {
	dir := newsCorpus(t, 40)
	db := filepath.Join(t.TempDir(), "news.db")
	code, out, stderr := runCmd(t, "", "ingest", "--db", db, dir)
	if code != 1 || !strings.Contains(stderr, "wire.jsonl:12") || !strings.Contains(out, "40 documents stored") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, stderr)
	}
	want := snap(t, db)
	// again: nothing added, nothing bad (the files are finished)
	code, out, stderr = runCmd(t, "", "ingest", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "0 documents stored") {
		t.Errorf("rerun: exit %d\n%s%s", code, out, stderr)
	}
	// standard input: stored already
	data, _ := os.ReadFile(filepath.Join(dir, "wire.jsonl"))
	if code, out, stderr = runCmd(t, string(data), "ingest", "--db", db, "--format", "jsonl", "-"); code != 1 || !strings.Contains(out, "0 documents stored") {
		t.Errorf("stdin: exit %d\n%s%s", code, out, stderr)
	}
	after := snap(t, db)
	var failures int
	for _, s := range after {
		if strings.HasPrefix(s, "failure") {
			failures++
		}
	}
	if failures != 2 { // the bad line, once for the file and once for <stdin>
		t.Errorf("%d failures recorded", failures)
	}
	var core []string
	for _, s := range after {
		if !strings.HasPrefix(s, "failure") || !strings.Contains(s, "<stdin>") {
			core = append(core, s)
		}
	}
	sameStore(t, core, want)

	// quiet: nothing on stdout
	if code, out, _ = runCmd(t, "", "ingest", "--quiet", "--db", db, dir); code != 0 || out != "" {
		t.Errorf("--quiet: exit %d, stdout %q", code, out)
	}

	// query stats agrees with the exports
	code, out, _ = runCmd(t, "", "query", "--db", db, "--json", "stats")
	var st struct{ Articles, Events, Mentions, Failures int }
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st.Articles != 40 {
		t.Fatalf("stats: exit %d %s", code, out)
	}
	code, out, _ = runCmd(t, "", "export", "--db", db, "--format", "gdelt")
	if code != 0 || strings.Count(out, "\n") != st.Events {
		t.Errorf("gdelt: exit %d, %d lines, want %d events", code, strings.Count(out, "\n"), st.Events)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if st.Events > 0 && len(strings.Split(line, "\t")) != 61 {
			t.Fatalf("gdelt line of %d fields", len(strings.Split(line, "\t")))
		}
	}
	code, out, _ = runCmd(t, "", "export", "--db", db, "--format", "gdelt-mentions")
	if code != 0 || strings.Count(out, "\n") != st.Mentions {
		t.Errorf("mentions: exit %d, %d lines, want %d", code, strings.Count(out, "\n"), st.Mentions)
	}
	csvPath := filepath.Join(t.TempDir(), "e.csv")
	if code, _, stderr = runCmd(t, "", "export", "--db", db, "--format", "csv", "-o", csvPath); code != 0 {
		t.Fatalf("csv: %s", stderr)
	}
	f, _ := os.Open(csvPath)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != st.Events+1 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}
	// filters: the events of a root add up to the per-root counts
	code, out, _ = runCmd(t, "", "query", "--db", db, "--json", "counts", "--by", "root")
	var groups []struct {
		Keys   []string
		Events int
	}
	if code != 0 || json.Unmarshal([]byte(out), &groups) != nil {
		t.Fatalf("counts: %d %s", code, out)
	}
	total := 0
	for _, g := range groups {
		total += g.Events
		_, out, _ := runCmd(t, "", "export", "--db", db, "--format", "csv", "--root", g.Keys[0])
		if n := strings.Count(out, "\n") - 1; n != g.Events {
			t.Errorf("root %s: %d exported, %d counted", g.Keys[0], n, g.Events)
		}
	}
	if total != st.Events {
		t.Errorf("counts add up to %d, want %d", total, st.Events)
	}
	for _, args := range [][]string{
		{"query", "--db", db, "dyads"},
		{"query", "--db", db, "counts", "--actor", "RUS", "--by", "date"},
		{"query", "--db", db, "events", "-n", "3"},
		{"query", "--db", db, "failures"},
		{"export", "--db", db, "--format", "plover"},
		{"export", "--db", db, "--format", "icews", "--from", "2018-09-01", "--to", "2018-09-30"},
		{"export", "--db", db, "--format", "parquet", "-o", filepath.Join(t.TempDir(), "e.parquet")},
	} {
		if code, _, stderr := runCmd(t, "", args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
	code, out, _ = runCmd(t, "", "query", "--db", db, "search", "Tehran")
	if code != 0 || !strings.Contains(out, "[Tehran]") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "query", "--db", db, "failures")
	if !strings.Contains(out, "wire.jsonl:12: ") {
		t.Errorf("failures:\n%s", out)
	}
	for _, args := range [][]string{
		{"export", "--db", db},
		{"export", "--db", db, "--format", "xlsx"},
		{"export", "--db", db, "--format", "csv", "--quad", "7"},
		{"export", "--db", db, "--format", "csv", "--from", "9/7/2018"},
		{"query", "--db", db},
		{"query", "--db", db, "frobnicate"},
		{"query", "--db", db, "counts", "--by", "weekday"},
		{"ingest", "--db", db},
	} {
		if code, _, _ := runCmd(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := runCmd(t, "", "export", "--db", filepath.Join(t.TempDir(), "none.db"), "--format", "csv"); code != 1 {
		t.Errorf("missing database: exit %d, want 1", code)
	}
}

// TestIngestKill9 kills `dyad ingest` (a binary built with go build) in the
// middle of a run with SIGKILL, reruns it and compares the database with a
// clean run: nothing lost, nothing duplicated.
func TestIngestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "dyad")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 1200
	dir := newsCorpus(t, n)
	ingest := func(db string, extra ...string) *exec.Cmd {
		args := append([]string{"ingest", "--quiet", "--db", db}, extra...)
		cmd := exec.Command(bin, append(args, dir)...)
		cmd.Dir = tmp
		return cmd
	}
	exitCode := func(err error) int {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	}
	clean := filepath.Join(tmp, "clean.db")
	if out, err := ingest(clean).CombinedOutput(); exitCode(err) != 1 { // one bad line
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	want := snap(t, clean)

	killed := filepath.Join(tmp, "killed.db")
	cmd := ingest(killed, "--batch", "10", "--workers", "1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	articles := func() int {
		db, err := sqlite.Open(killed, &sqlite.Options{MustExist: true})
		if err != nil {
			return 0
		}
		defer db.Close()
		st, err := db.Stats(t.Context())
		if err != nil {
			return 0
		}
		return st.Articles
	}
	// kill at a different point each run: between batches, inside one, during a commit
	threshold := 20 + rand.IntN(300)
	deadline := time.Now().Add(30 * time.Second)
	for articles() < threshold {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no progress in 30 s: %s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed (%v): it finished before the kill; make the corpus larger", err)
	}
	got := articles()
	if got >= n {
		t.Fatalf("all %d articles stored before the kill", got)
	}
	t.Logf("killed after %d of %d articles", got, n)

	out, err := ingest(killed).CombinedOutput()
	if c := exitCode(err); c > 1 {
		t.Fatalf("resume: exit %d\n%s", c, out)
	}
	sameStore(t, snap(t, killed), want)

	// and once more: nothing changes
	if out, err := ingest(killed).CombinedOutput(); exitCode(err) != 0 {
		t.Fatalf("third run: %v\n%s", err, out)
	}
	sameStore(t, snap(t, killed), want)
	if s := strconv.Itoa(len(want)); s == "0" {
		t.Fatal("empty snapshot")
	}
}
