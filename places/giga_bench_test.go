package places_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
)

// BenchmarkGigaWord measures the places stage alone on PETRARCH-2's
// GigaWord sample, coded once by the default pipeline beforehand.
func BenchmarkGigaWord(b *testing.B) {
	const path = "../../shared/reference/petrarch2/GigaWord.sample.PETR.xml"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("../shared is absent (%v): no benchmark corpus", err)
	}
	var docs []*doc.Doc
	err := read.Paths([]string{path}, read.Options{Format: read.FormatPetrXML}, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	}, func(error) {})
	if err != nil {
		b.Fatal(err)
	}
	res, err := pipeline.Load()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		b.Fatal(err)
	}
	var st pipeline.Component
	for _, s := range p.Stages() {
		if s.Name() == "places.v1" {
			st = s
		}
	}
	if st == nil {
		b.Fatal("no places stage in the default pipeline")
	}
	sents := 0
	for _, d := range docs {
		if err := p.Run(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		sents += len(d.Sentences)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			if err := st.Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(sents*b.N), "µs/sent")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(sents*b.N), "cpu-µs/sent")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for _, d := range docs {
			_ = st.Process(d)
		}
	}))/float64(sents), "allocs/sent")
}

// cpuTime returns the process's user and system CPU time so far, which
// counts less of other processes' load than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
