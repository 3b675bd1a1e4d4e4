package ingest_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"dyad/doc"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/sink"
	"dyad/store"
	"dyad/store/sqlite"
)

// noStore codes without storing: every document is new and is written as
// JSON Lines to io.Discard, which is what `dyad code` does.
type noStore struct{ out *sink.JSONL }

func (noStore) Has(context.Context, string) (bool, error)           { return false, nil }
func (noStore) Finished(context.Context, store.Input) (bool, error) { return false, nil }
func (s noStore) Writer(context.Context) (store.Writer, error)      { return store.WriterFunc(s.write), nil }
func (s noStore) write(d *doc.Doc) error                            { return s.out.Write(d) }
func (s noStore) flush() error                                      { return s.out.Flush() }

// cpuTime returns the CPU time (user and system) used by the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIngest ingests the BBC corpus of ../shared (2,095 articles) into
// a fresh SQLite store, and codes it without a store (JSON Lines to
// io.Discard, as `dyad code` does), alternately in each iteration. It
// reports documents/s and sentences/s of both and the store's cost as a
// percentage of the coding time (wall clock, and CPU time, which other
// work on a shared machine disturbs less):
//
//	go test -run '^$' -bench Ingest -benchtime 3x ./ingest
func BenchmarkIngest(b *testing.B) {
	corpus := "../../shared/corpora/bbc"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	res, err := pipeline.Load()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	opt := ingest.Options{Workers: runtime.GOMAXPROCS(0), Report: func(err error) { b.Log(err) }}
	var codeTime, storeTime, codeCPU, storeCPU time.Duration
	var docs, sents int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ns := noStore{sink.NewJSONL(io.Discard)}
		c0 := cpuTime()
		t0 := time.Now()
		prog, err := ingest.Run(ctx, p, ns, []string{corpus}, opt)
		if err != nil {
			b.Fatal(err)
		}
		ns.flush()
		codeTime += time.Since(t0)
		codeCPU += cpuTime() - c0

		db, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		c0 = cpuTime()
		t0 = time.Now()
		sp, err := ingest.Run(ctx, p, db, []string{corpus}, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil { // includes the final checkpoint of the WAL
			b.Fatal(err)
		}
		storeTime += time.Since(t0)
		storeCPU += cpuTime() - c0
		if sp.Docs != prog.Docs || sp.Sentences != prog.Sentences {
			b.Fatalf("stored %d docs %d sentences, coded %d %d", sp.Docs, sp.Sentences, prog.Docs, prog.Sentences)
		}
		docs += sp.Docs
		sents += sp.Sentences
	}
	b.StopTimer()
	b.ReportMetric(float64(docs)/storeTime.Seconds(), "docs/s")
	b.ReportMetric(float64(sents)/storeTime.Seconds(), "sentences/s")
	b.ReportMetric(float64(docs)/codeTime.Seconds(), "code-docs/s")
	b.ReportMetric(float64(sents)/codeTime.Seconds(), "code-sentences/s")
	b.ReportMetric(100*(storeTime.Seconds()/codeTime.Seconds()-1), "store-cost-%")
	b.ReportMetric(100*(storeCPU.Seconds()/codeCPU.Seconds()-1), "store-cpu-cost-%")
}
