package scale_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/ingest"
	"dyad/pipeline"
	"dyad/read"
	"dyad/scale"
	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

func TestMain(m *testing.M) {
	if os.Getenv("DYAD_SCALE_HELPER") == "worker" {
		os.Exit(helperWorker())
	}
	os.Exit(pgtest.Main(m))
}

// corpusDir is the BBC corpus of ../shared.
const corpusDir = "../../shared/corpora/bbc"

// date is given to the BBC articles, which have none, so that their events
// merge across articles.
var date = time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)

// corpus returns the first n files of a BBC section (all when n is 0), in
// order, skipping the test when ../shared is absent.
func corpus(t testing.TB, section string, n int) []string {
	t.Helper()
	dir := filepath.Join(corpusDir, section)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("../shared is absent (%v): no corpus", err)
	}
	var out []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".txt") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	if n > 0 && n < len(out) {
		out = out[:n]
	}
	return out
}

var (
	resOnce sync.Once
	res     *pipeline.Resources
	resErr  error
)

// newPipeline returns a pipeline over resources loaded once per process.
func newPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	resOnce.Do(func() { res, resErr = pipeline.Load() })
	if resErr != nil {
		t.Fatal(resErr)
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func readOptions() read.Options { return read.Options{Date: date} }

// reference ingests the paths in one process into SQLite (dyad ingest)
// and returns the store's rows.
func reference(t testing.TB, paths []string) []string {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "ref.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	prog, err := ingest.Run(context.Background(), newPipeline(t), db, paths, ingest.Options{Read: readOptions(), BatchSize: 64})
	if err != nil || prog.Docs == 0 {
		t.Fatalf("reference ingest: %+v, %v", prog, err)
	}
	rows, err := storetest.Snapshot(db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func pgRows(t testing.TB, db *postgres.DB) []string {
	t.Helper()
	rows, err := pgtest.Snapshot(context.Background(), db.Pool())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func sameRows(t testing.TB, got, want []string) {
	t.Helper()
	if d := storetest.Diff(got, want, 20); d != nil {
		t.Errorf("the store differs from a single-process ingest:\n%s", strings.Join(d, "\n"))
	}
}

func openPG(t testing.TB) (*postgres.DB, string) {
	t.Helper()
	dsn := pgtest.DB(t)
	db, err := postgres.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dsn
}

func connect(t testing.TB, url string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, err := scale.Connect(url, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// testConfig is a deployment with short timeouts.
func testConfig(replicas int) scale.Config {
	c := scale.DefaultConfig()
	c.Replicas = replicas
	c.AckWait = 3 * time.Second
	c.MaxTries = 3
	return c
}

// runWorker runs a worker until the returned stop is called; stop waits
// for it and returns Run's error.
func runWorker(t testing.TB, js jetstream.JetStream, opt scale.WorkerOptions) (*scale.Worker, func() error) {
	t.Helper()
	w, err := scale.NewWorker(js, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			runErr = <-done
		})
		return runErr
	}
	t.Cleanup(func() { stop() })
	return w, stop
}

// waitDone waits until every published message is stored (or
// dead-lettered).
func waitDone(t testing.TB, js jetstream.JetStream, c scale.Config, within time.Duration) *scale.Status {
	t.Helper()
	deadline := time.Now().Add(within)
	var last *scale.Status
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		st, err := scale.GetStatus(ctx, js, c, 0)
		cancel()
		if err == nil {
			last = st
			if st.Done() {
				return st
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the queue did not empty in %v: %+v", within, last)
	return nil
}

// helperWorker is a worker process started by the tests (the test binary
// again, with DYAD_SCALE_HELPER=worker), to be killed: it sends itself
// SIGKILL after committing DYAD_CRASH_AFTER batches, before acknowledging
// them, the worst moment to die.
func helperWorker() int {
	crash, _ := strconv.Atoi(os.Getenv("DYAD_CRASH_AFTER"))
	replicas, _ := strconv.Atoi(os.Getenv("DYAD_REPLICAS"))
	ctx := context.Background()
	fail := func(err error) int { fmt.Fprintln(os.Stderr, "helper worker:", err); return 1 }
	r, err := pipeline.Load()
	if err != nil {
		return fail(err)
	}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		return fail(err)
	}
	db, err := postgres.Open(ctx, os.Getenv("DYAD_PG"), nil)
	if err != nil {
		return fail(err)
	}
	nc, err := scale.Connect(os.Getenv("DYAD_NATS"), "helper")
	if err != nil {
		return fail(err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return fail(err)
	}
	w, err := scale.NewWorker(js, scale.WorkerOptions{
		Config: testConfig(replicas), Pipeline: p, Store: db, Name: "helper", Procs: 1, Batch: 16,
		AfterCommit: func(n int) {
			if n >= crash {
				fmt.Fprintf(os.Stderr, "helper worker: committed %d batches, killing myself before the acks\n", n)
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
			}
		},
	})
	if err != nil {
		return fail(err)
	}
	if err := w.Run(ctx); err != nil {
		return fail(err)
	}
	return 0
}

// startHelper starts a worker process that kills itself after crashAfter
// batches.
func startHelper(t testing.TB, natsURL, dsn string, replicas, crashAfter int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DYAD_SCALE_HELPER=worker", "DYAD_NATS="+natsURL, "DYAD_PG="+dsn,
		"DYAD_CRASH_AFTER="+strconv.Itoa(crashAfter), "DYAD_REPLICAS="+strconv.Itoa(replicas))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}
