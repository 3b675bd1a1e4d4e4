package scale_test

import (
	"context"
	"errors"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"dyad/scale"
	"dyad/scale/scaletest"
	"dyad/store/postgres"
)

// TestClusterKillWorkerAndNode is the scale-out acceptance test: a real
// 3-node JetStream cluster (in this process) and a real PostgreSQL. The
// BBC politics section is published to a stream replicated on the three
// nodes; three workers code it: one in a process of its own that kills
// itself (SIGKILL) right after committing its second batch, before
// acknowledging it, and two in this process. Mid-run, the node leading the
// workers' consumer is stopped. Afterwards PostgreSQL holds exactly what a
// single-process dyad ingest of the same files puts in SQLite, row for
// row: every article, sentence, actor, quote, place, event (with its
// mention, article and source counts and its first mention) and mention.
func TestClusterKillWorkerAndNode(t *testing.T) {
	paths := corpus(t, "politics", 0)
	_, dsn := openPG(t)
	want := reference(t, paths)
	ctx := context.Background()

	cl := scaletest.Start(t, 3)
	url := cl.URL()
	c := testConfig(3)
	_, js := connect(t, url)
	prog, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()})
	if err != nil || prog.Docs != len(paths) {
		t.Fatalf("publish: %+v, %v", prog, err)
	}
	t.Logf("published %d documents to the R3 stream in %v (%.0f/s)", prog.Docs, prog.Elapsed, float64(prog.Docs)/prog.Elapsed.Seconds())
	db, err := postgres.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	articles := func() int {
		st, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.Articles
	}
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	// the worker that dies
	helper := startHelper(t, url, dsn, 3, 2)
	exited := make(chan error, 1)
	go func() { exited <- helper.Wait() }()
	waitFor("the first worker's first batch", func() bool { return articles() > 0 })

	// two more workers, each with its own connections
	var workers []*scale.Worker
	for _, name := range []string{"w1", "w2"} {
		_, wjs := connect(t, url)
		wdb, err := postgres.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer wdb.Close()
		w, stop := runWorker(t, wjs, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: wdb, Name: name, Procs: 1, Batch: 16})
		defer stop()
		workers = append(workers, w)
	}

	select {
	case err := <-exited:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("the first worker ended with %v, want killed", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the first worker did not die")
	}
	killedAt := articles()
	t.Logf("worker killed after committing 2 batches; %d articles stored", killedAt)

	// stop the node leading the consumer, mid-run
	waitFor("a third of the articles", func() bool { return articles() >= len(paths)/3 })
	var leader string
	err = retryJS(ctx, func(ctx context.Context) error {
		cons, err := js.Consumer(ctx, c.Stream, c.Consumer)
		if err != nil {
			return err
		}
		info, err := cons.Info(ctx)
		if err != nil {
			return err
		}
		if info.Cluster == nil || info.Cluster.Leader == "" {
			return errors.New("no consumer leader")
		}
		leader = info.Cluster.Leader
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stoppedAt := articles()
	if stoppedAt >= len(paths) {
		t.Fatalf("the run ended (%d articles) before the node could be stopped", stoppedAt)
	}
	node := cl.Server(leader)
	if node == nil {
		t.Fatalf("no running server named %q", leader)
	}
	node.Shutdown()
	t.Logf("stopped NATS node %s (consumer leader) with %d of %d articles stored", leader, stoppedAt, len(paths))

	st := waitDone(t, js, c, 90*time.Second)
	if st.Dead != 0 {
		t.Errorf("%d dead letters", st.Dead)
	}
	var skipped int64
	for _, w := range workers {
		s := w.Status()
		t.Logf("%s: %d stored, %d found stored (redelivered), %d retries, %d batches", s.Name, s.Docs, s.Skipped, s.Retries, s.Batches)
		skipped += s.Skipped
	}
	if skipped == 0 {
		t.Error("the killed worker's committed batch was not redelivered: no document found stored")
	}
	sameRows(t, pgRows(t, db), want)
}

// retryJS retries a JetStream call during a fail-over.
func retryJS(ctx context.Context, fn func(ctx context.Context) error) error {
	var err error
	for range 100 {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err = fn(cctx)
		cancel()
		if err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
