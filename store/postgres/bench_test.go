package postgres_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store/postgres"
)

// codedCorpus codes the BBC corpus of ../shared once.
func codedCorpus(b *testing.B) []*doc.Doc {
	corpus := "../../../shared/corpora/bbc"
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
	var docs []*doc.Doc
	err = read.Paths([]string{corpus}, read.Options{Date: time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)}, func(d *doc.Doc) error {
		p.Run(context.Background(), d)
		docs = append(docs, d)
		return nil
	}, func(error) {})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkAppend measures the store alone: appending the coded BBC corpus
// (dated, so that events merge) to a fresh database in batches of 32
// documents, from 1 and from 2 writers at once. cpu-µs/doc is this
// process's CPU (pgx, the JSON layers); the server's is not counted.
func BenchmarkAppend(b *testing.B) {
	docs := codedCorpus(b)
	for _, writers := range []int{1, 2} {
		b.Run(fmt.Sprint("writers=", writers), func(b *testing.B) {
			const bs = 32
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := open(b)
				b.StartTimer()
				batches := make(chan []*doc.Doc)
				var wg sync.WaitGroup
				for range writers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for batch := range batches {
							w, err := db.Writer(context.Background())
							if err != nil {
								b.Error(err)
								return
							}
							for _, d := range batch {
								if _, err := w.Append(d); err != nil {
									b.Error(err)
								}
							}
							if err := w.Commit(); err != nil && !postgres.Retryable(err) {
								b.Error(err)
							}
						}
					}()
				}
				for k := 0; k < len(docs); k += bs {
					batches <- docs[k:min(k+bs, len(docs))]
				}
				close(batches)
				wg.Wait()
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()*1e6/float64(len(docs)*b.N), "cpu-µs/doc")
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
