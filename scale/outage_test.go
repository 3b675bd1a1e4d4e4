package scale_test

import (
	"context"
	"testing"
	"time"

	"dyad/scale"
	"dyad/scale/scaletest"
	"dyad/store/postgres"
)

// TestPostgresConnectionsKilled cuts every worker connection to PostgreSQL
// again and again while two workers run (as a server restart or a network
// failure does): the workers retry their batches and the store ends equal
// to a single-process ingest.
func TestPostgresConnectionsKilled(t *testing.T) {
	paths := corpus(t, "tech", 80)
	admin, dsn := openPG(t)
	want := reference(t, paths)
	srv := scaletest.Single(t)
	_, js := connect(t, srv.URL())
	c := testConfig(1)
	ctx := context.Background()
	if _, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()}); err != nil {
		t.Fatal(err)
	}
	var workers []*scale.Worker
	for range 2 {
		_, wjs := connect(t, srv.URL())
		db, err := postgres.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		w, stop := runWorker(t, wjs, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: db, Procs: 1, Batch: 8})
		defer stop()
		workers = append(workers, w)
	}
	killed := 0
	for range 15 {
		time.Sleep(60 * time.Millisecond)
		var n int
		err := admin.Pool().QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		killed += n
	}
	st := waitDone(t, js, c, 60*time.Second)
	var retries int64
	for _, w := range workers {
		retries += w.Status().Retries
	}
	t.Logf("%d connections killed; %d batches retried", killed, retries)
	if killed == 0 || st.Dead != 0 {
		t.Errorf("%d connections killed, %d dead letters", killed, st.Dead)
	}
	sameRows(t, pgRows(t, admin), want)
}
