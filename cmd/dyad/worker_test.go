package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

// TestWorkerHelperProcess is no test of its own: TestWorkerCLI runs the
// test binary again with it, to be `dyad` with the arguments in
// DYAD_CLI_ARGS (separated by newlines) in a process it can signal.
func TestWorkerHelperProcess(t *testing.T) {
	args := os.Getenv("DYAD_CLI_ARGS")
	if args == "" {
		t.Skip("run by TestWorkerCLI")
	}
	os.Exit(run(strings.Split(args, "\n"), os.Stdin, os.Stdout, os.Stderr))
}

func TestWorkerUsage(t *testing.T) {
	for _, args := range [][]string{
		{"worker"},
		{"worker", "--nats", "nats://127.0.0.1:1"},
		{"worker", "--nats", "nats://127.0.0.1:1", "--postgres", "postgres://x", "stray"},
		{"worker", "status"},
		{"worker", "--nats", "embedded", "--postgres", "postgres://x", "--nats-replicas", "9"},
	} {
		if code, _, stderr := runCmd(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
	if code, out, _ := runCmd(t, "", "help"); code != 0 || !strings.Contains(out, "dyad worker --nats") {
		t.Errorf("usage does not list worker: %d %s", code, out)
	}
}

// TestWorkerCLI runs the one-machine deployment through the command line:
// `dyad worker --nats embedded` (a process with its own NATS server),
// `dyad ingest --nats embedded` (which finds that server), `dyad worker
// status` until the queue is empty, SIGTERM (a clean exit), and compares
// PostgreSQL with `dyad ingest --db` of the same files.
func TestWorkerCLI(t *testing.T) {
	srv, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	ctx := context.Background()
	dsn, err := srv.CreateDB(ctx, "cli")
	if err != nil {
		t.Fatal(err)
	}
	dir := "../../../shared/corpora/bbc/entertainment"
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("../shared is absent: %v", err)
	}
	var files []string
	for _, e := range ents {
		files = append(files, filepath.Join(dir, e.Name()))
	}
	sort.Strings(files)
	files = files[:24]

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	tmp := t.TempDir()
	args := []string{"worker", "--nats", "embedded", "--nats-listen", addr, "--nats-dir", filepath.Join(tmp, "nats"),
		"--postgres", dsn, "--workers", "1", "--batch", "8", "--name", "cli-worker"}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerHelperProcess$")
	cmd.Env = append(os.Environ(), "DYAD_CLI_ARGS="+strings.Join(args, "\n"))
	var wout, werr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &wout, &werr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the worker's embedded NATS server did not start: %s", werr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	in := append([]string{"ingest", "--nats", "embedded", "--nats-listen", addr, "--date", "2005-03-01"}, files...)
	if code, out, stderr := runCmd(t, "", in...); code != 0 || !strings.Contains(out, "24 documents published") {
		t.Fatalf("ingest --nats: exit %d\n%s%s", code, out, stderr)
	}
	var st struct {
		Queued, Pending uint64
		InFlight        int `json:"in_flight"`
		Workers         []struct {
			Name string
			Docs int
		}
		Store struct{ Articles int }
	}
	deadline = time.Now().Add(60 * time.Second)
	for {
		code, out, stderr := runCmd(t, "", "worker", "status", "--nats", "nats://"+addr, "--postgres", dsn, "--json", "--wait", "300ms")
		if code != 0 {
			t.Fatalf("status: exit %d: %s", code, stderr)
		}
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatalf("status JSON: %v\n%s", err, out)
		}
		if st.Queued == 0 && st.Pending == 0 && st.InFlight == 0 && st.Store.Articles == 24 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not done: %+v\nworker: %s", st, werr.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(st.Workers) != 1 || st.Workers[0].Name != "cli-worker" || st.Workers[0].Docs != 24 {
		t.Errorf("status workers %+v", st.Workers)
	}
	if code, out, _ := runCmd(t, "", "worker", "status", "--nats", "nats://"+addr, "--wait", "300ms"); code != 0 ||
		!strings.Contains(out, "workers: 1 answered") || !strings.Contains(out, "cli-worker") {
		t.Errorf("status text: %d\n%s", code, out)
	}

	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("worker after SIGTERM: %v\n%s", err, werr.String())
	}
	if !strings.Contains(wout.String(), "24 documents stored") {
		t.Errorf("worker summary: %s", wout.String())
	}

	ref := filepath.Join(tmp, "ref.db")
	if code, _, stderr := runCmd(t, "", append([]string{"ingest", "--quiet", "--db", ref, "--date", "2005-03-01"}, files...)...); code != 0 {
		t.Fatalf("ingest --db: %d %s", code, stderr)
	}
	rdb, err := sqlite.Open(ref, &sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	want, err := storetest.Snapshot(rdb.SQL())
	if err != nil {
		t.Fatal(err)
	}
	pg, err := postgres.Open(ctx, dsn, &postgres.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	got, err := pgtest.Snapshot(ctx, pg.Pool())
	if err != nil {
		t.Fatal(err)
	}
	if d := storetest.Diff(got, want, 20); d != nil {
		t.Errorf("PostgreSQL differs from dyad ingest --db:\n%s", strings.Join(d, "\n"))
	}
}
