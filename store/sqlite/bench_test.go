package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store/sqlite"
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
	err = read.Paths([]string{corpus}, read.Options{}, func(d *doc.Doc) error {
		p.Run(context.Background(), d) // a stage error leaves a diagnostic and what was coded
		docs = append(docs, d)
		return nil
	}, func(error) {})
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkAppend measures the store alone: appending the coded BBC corpus
// to a fresh database in batches of 500 documents, on one goroutine.
func BenchmarkAppend(b *testing.B) {
	docs := codedCorpus(b)
	const bs = 500
	sents, actors, events := 0, 0, 0
	for _, d := range docs {
		sents += len(d.Sentences)
		actors += len(d.Actors)
		events += len(d.Events)
	}
	b.Logf("%d docs, %d sentences, %d actor mentions, %d events", len(docs), sents, actors, events)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprint(i, ".db")), nil)
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < len(docs); k += bs {
			w, err := db.Writer(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range docs[k:min(k+bs, len(docs))] {
				if _, err := w.Append(d); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		db.Close()
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1e6/float64(len(docs)*b.N), "cpu-µs/doc")
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(sents*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// cpuTime returns the CPU time (user and system) used by the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
