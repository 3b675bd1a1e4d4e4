package scale_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/doc"
	"dyad/scale"
	"dyad/scale/scaletest"
	"dyad/store"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

func openSQLite(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "w.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func sqliteRows(t testing.TB, db *sqlite.DB) []string {
	t.Helper()
	rows, err := storetest.Snapshot(db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestPublishWorkStatus publishes a corpus to one server and codes it with
// one worker into SQLite (no PostgreSQL needed): the store equals a
// dyad ingest of the same files; status reports the worker; a second
// publication of the same files publishes nothing.
func TestPublishWorkStatus(t *testing.T) {
	paths := corpus(t, "politics", 40)
	want := reference(t, paths)
	srv := scaletest.Single(t)
	_, js := connect(t, srv.URL())
	c := testConfig(1)
	ctx := context.Background()
	prog, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()})
	if err != nil || prog.Docs != 40 || prog.FilesDone != 40 || prog.Failed != 0 {
		t.Fatalf("publish: %+v, %v", prog, err)
	}
	db := openSQLite(t)
	w, stop := runWorker(t, js, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: db, Name: "w1", Batch: 8})
	waitDone(t, js, c, 60*time.Second)
	st, err := scale.GetStatus(ctx, js, c, 500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Workers) != 1 || st.Workers[0].Name != "w1" || st.Workers[0].Docs != 40 || st.Workers[0].Rate <= 0 || st.Published != 80 || st.Files != 40 {
		t.Errorf("status %+v", st)
	}
	var b bytes.Buffer
	st.Format(&b)
	if !strings.Contains(b.String(), "workers: 1 answered") || !strings.Contains(b.String(), "done: every published message is stored") {
		t.Errorf("status text:\n%s", b.String())
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if s := w.Status(); s.Docs != 40 || s.Inputs != 40 || s.Dead != 0 {
		t.Errorf("worker %+v", s)
	}
	sameRows(t, sqliteRows(t, db), want)

	// a rerun skips the files published to the end
	prog, err = scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()})
	if err != nil || prog.Docs != 0 || prog.FilesSkipped != 40 {
		t.Fatalf("second publish: %+v, %v", prog, err)
	}
}

// failing is a store that refuses the documents whose id contains
// "poison", as a store refuses a value it cannot hold.
type failing struct {
	*sqlite.DB
}

func (f failing) Writer(ctx context.Context) (store.Writer, error) {
	w, err := f.DB.Writer(ctx)
	if err != nil {
		return nil, err
	}
	return failingWriter{w}, nil
}

type failingWriter struct{ store.Writer }

func (w failingWriter) Append(d *doc.Doc) (bool, error) {
	if strings.Contains(d.ID, "poison") {
		return false, errors.New("refused")
	}
	return w.Writer.Append(d)
}

// TestDeadLetters: a document the store refuses is tried MaxTries times,
// then dead-lettered with its reason; an undecodable message at once; the
// other documents of their batches are stored.
func TestDeadLetters(t *testing.T) {
	paths := corpus(t, "politics", 6)
	srv := scaletest.Single(t)
	nc, js := connect(t, srv.URL())
	c := testConfig(1)
	c.MaxTries = 2
	ctx := context.Background()
	if err := scale.Setup(ctx, js, c); err != nil {
		t.Fatal(err)
	}
	poison, _ := json.Marshal(scale.Document{ID: "poison-1", Text: "Russia condemned Turkey.", Seq: 1})
	for _, body := range [][]byte{poison, []byte("not json")} {
		if _, err := js.Publish(ctx, c.Prefix+".work.doc", body); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()}); err != nil {
		t.Fatal(err)
	}
	db := openSQLite(t)
	var reports atomic.Int32
	w, stop := runWorker(t, js, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: failing{db}, Batch: 16,
		Report: func(error) { reports.Add(1) }})
	st := waitDone(t, js, c, 30*time.Second)
	stop()
	if st.Dead != 2 {
		t.Errorf("%d dead letters, want 2", st.Dead)
	}
	if s := w.Status(); s.Docs != 6 || s.Dead != 2 || s.Naks != 1 {
		t.Errorf("worker %+v", s)
	}
	if st, _ := db.Stats(ctx); st.Articles != 6 {
		t.Errorf("stored %+v", st)
	}
	// the dead letters carry their reasons
	dead, err := js.Stream(ctx, c.DeadStream)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for seq := uint64(1); seq <= 2; seq++ {
		m, err := dead.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		reasons[string(m.Data)] = m.Header.Get(scale.HeaderError) + " after " + m.Header.Get(scale.HeaderDeliveries)
		if m.Subject != c.Prefix+".dead.work.doc" {
			t.Errorf("dead letter subject %q", m.Subject)
		}
	}
	if r := reasons[string(poison)]; r != "refused after 2" {
		t.Errorf("poison: %q", r)
	}
	if r := reasons["not json"]; !strings.HasPrefix(r, "bad document message") || !strings.HasSuffix(r, "after 1") {
		t.Errorf("not json: %q", r)
	}
	_ = nc
}

// TestGracefulShutdown stops a worker in the middle of a run: it commits
// and acknowledges the batch in hand and returns; nothing stays in flight,
// and a second worker stores the rest.
func TestGracefulShutdown(t *testing.T) {
	paths := corpus(t, "business", 60)
	want := reference(t, paths)
	srv := scaletest.Single(t)
	_, js := connect(t, srv.URL())
	c := testConfig(1)
	c.AckWait = time.Minute // a message left unacknowledged would hold up the test
	ctx := context.Background()
	if _, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()}); err != nil {
		t.Fatal(err)
	}
	db := openSQLite(t)
	committed := make(chan struct{}, 100)
	w, stop := runWorker(t, js, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: db, Procs: 1, Batch: 8,
		AfterCommit: func(int) { committed <- struct{}{} }})
	<-committed
	if err := stop(); err != nil {
		t.Fatalf("Run after stop: %v", err)
	}
	s := w.Status()
	stored, _ := db.Stats(ctx)
	if s.Docs == 0 || s.Docs >= 60 || int64(stored.Articles) != s.Docs || s.InFlight != 0 {
		t.Fatalf("stopped worker %+v; store %+v", s, stored)
	}
	// nothing in flight: the batch in hand was acknowledged
	var st *scale.Status
	for range 50 {
		var err error
		if st, err = scale.GetStatus(ctx, js, c, 0); err == nil && st.InFlight == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st.InFlight != 0 || st.Queued != uint64(120-2*s.Docs) {
		t.Errorf("after a graceful stop: %+v (worker stored %d)", st, s.Docs)
	}
	runWorker(t, js, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: db, Batch: 16})
	waitDone(t, js, c, 60*time.Second)
	sameRows(t, sqliteRows(t, db), want)
}

// TestBackPressure fills a small stream with no worker running: the
// producer waits, and finishes once a worker drains the stream.
func TestBackPressure(t *testing.T) {
	paths := corpus(t, "tech", 30)
	srv := scaletest.Single(t)
	_, js := connect(t, srv.URL())
	c := testConfig(1)
	c.MaxQueued = 12
	ctx := context.Background()
	type result struct {
		p   scale.PublishProgress
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions(), Window: 8})
		done <- result{p, err}
	}()
	time.Sleep(1500 * time.Millisecond)
	select {
	case r := <-done:
		t.Fatalf("publish finished with a full stream: %+v %v", r.p, r.err)
	default:
	}
	st, err := scale.GetStatus(ctx, js, c, 0)
	if err != nil || st.Queued != 12 {
		t.Fatalf("full stream: %+v %v", st, err)
	}
	db := openSQLite(t)
	runWorker(t, js, scale.WorkerOptions{Config: c, Pipeline: newPipeline(t), Store: db, Batch: 4})
	r := <-done
	if r.err != nil || r.p.Docs != 30 || r.p.Waits == 0 {
		t.Fatalf("publish: %+v %v", r.p, r.err)
	}
	waitDone(t, js, c, 60*time.Second)
	if st, _ := db.Stats(ctx); st.Articles != 30 || st.Inputs != 30 {
		t.Errorf("stored %+v", st)
	}
}

// TestDeadLetterSubject checks the subjects and the stream configuration
// documented in docs/format/nats.md.
func TestConfigDocumented(t *testing.T) {
	c := scale.DefaultConfig()
	sc, dc, cc := c.StreamConfig(), c.DeadStreamConfig(), c.ConsumerConfig()
	if sc.Name != "DYAD" || sc.Subjects[0] != "dyad.work.>" || sc.Retention != jetstream.WorkQueuePolicy || sc.Discard != jetstream.DiscardNew {
		t.Errorf("stream %+v", sc)
	}
	if dc.Name != "DYAD_DEAD" || dc.Subjects[0] != "dyad.dead.>" {
		t.Errorf("dead stream %+v", dc)
	}
	if cc.Durable != "workers" || cc.MaxDeliver != 6 || cc.AckPolicy != jetstream.AckExplicitPolicy || cc.AckWait != time.Minute {
		t.Errorf("consumer %+v", cc)
	}
	_ = nats.ErrTimeout
}
