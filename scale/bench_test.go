package scale_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dyad/ingest"
	"dyad/scale"
	"dyad/scale/scaletest"
	"dyad/store/postgres"
	"dyad/store/postgres/pgtest"
	"dyad/store/sqlite"
)

// BenchmarkWorkers measures the scale-out path on this machine: the BBC
// politics and business sections (907 articles) are published to an
// embedded JetStream server, then 1 and then 2 workers, each coding one
// document at a time (Procs 1, as one worker process per core would),
// store them in PostgreSQL. It reports documents per second for each and
// the speed-up of the second worker; for scale, one worker coding two
// documents at a time (dyad worker's default here), and a single-process
// dyad ingest into SQLite with one coding goroutine; and the machine's CPU
// time per document (all processes: dyad, PostgreSQL, the kernel).
//
//	go test -run '^$' -bench Workers -benchtime 1x ./scale/
func BenchmarkWorkers(b *testing.B) {
	paths := append(corpus(b, "politics", 0), corpus(b, "business", 0)...)
	p := newPipeline(b)
	srv := scaletest.Single(b)
	_, js := connect(b, srv.URL())
	ctx := context.Background()
	// machine and own CPU time, to tell how busy the two cores were
	type cpu struct{ machine, self time.Duration }
	cpuNow := func() cpu {
		var c cpu
		if b, err := os.ReadFile("/proc/stat"); err == nil {
			f := strings.Fields(strings.SplitN(string(b), "\n", 2)[0])
			for i, v := range f[1:] {
				n, _ := strconv.ParseInt(v, 10, 64)
				if i != 3 && i != 4 { // not idle, iowait
					c.machine += time.Duration(n) * 10 * time.Millisecond // USER_HZ = 100
				}
			}
		}
		var ru syscall.Rusage
		if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
			c.self = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
		return c
	}
	var busy [3]float64 // machine CPU-ms per document: 1 worker, 2 workers; and this process's share with 2
	run := func(i, workers, procs int) float64 {
		c := testConfig(1)
		c.AckWait = time.Minute
		c.Stream, c.DeadStream, c.Inputs, c.Prefix = fmt.Sprintf("B%d_%d_%d", i, workers, procs), fmt.Sprintf("B%d_%d_%d_DEAD", i, workers, procs),
			fmt.Sprintf("B%d_%d_%d_IN", i, workers, procs), fmt.Sprintf("b%d_%d_%d", i, workers, procs)
		prog, err := scale.Publish(ctx, js, c, paths, scale.PublishOptions{Read: readOptions()})
		if err != nil || prog.Docs != len(paths) {
			b.Fatalf("publish: %+v %v", prog, err)
		}
		dsn := pgtest.DB(b)
		var stops []func() error
		start := time.Now()
		for w := range workers {
			_, wjs := connect(b, srv.URL())
			db, err := postgres.Open(ctx, dsn, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			_, stop := runWorker(b, wjs, scale.WorkerOptions{Config: c, Pipeline: p, Store: db, Name: fmt.Sprint("w", w), Procs: procs, Batch: 32})
			stops = append(stops, stop)
		}
		c0 := cpuNow()
		waitDone(b, js, c, 10*time.Minute)
		elapsed := time.Since(start)
		c1 := cpuNow()
		if procs == 1 {
			busy[workers-1] += float64((c1.machine - c0.machine).Milliseconds()) / float64(len(paths))
		}
		if workers == 2 {
			busy[2] += float64((c1.self - c0.self).Milliseconds()) / float64(len(paths))
		}
		for _, stop := range stops {
			stop()
		}
		return float64(len(paths)) / elapsed.Seconds()
	}
	var one, two, oneTwo, lite float64
	for i := 0; i < b.N; i++ {
		one += run(i, 1, 1)
		two += run(i, 2, 1)
		oneTwo += run(i, 1, 2)
		db, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprint(i, ".db")), nil)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if _, err := ingest.Run(ctx, p, db, paths, ingest.Options{Read: readOptions(), Workers: 1}); err != nil {
			b.Fatal(err)
		}
		lite += float64(len(paths)) / time.Since(start).Seconds()
		db.Close()
	}
	n := float64(b.N)
	b.ReportMetric(one/n, "docs/s-1worker")
	b.ReportMetric(two/n, "docs/s-2workers")
	b.ReportMetric(two/one, "speedup")
	b.ReportMetric(oneTwo/n, "docs/s-1worker-2procs")
	b.ReportMetric(lite/n, "docs/s-ingest-sqlite-1proc")
	b.ReportMetric(float64(runtime.NumCPU()), "cpus")
	b.ReportMetric(busy[0]/n, "cpu-ms/doc-1worker")
	b.ReportMetric(busy[1]/n, "cpu-ms/doc-2workers")
	b.ReportMetric(busy[2]/n, "cpu-ms/doc-dyad-2workers")
	if os.Getenv("DYAD_BENCH_VERBOSE") != "" {
		b.Logf("%d documents; 1 worker %.0f docs/s, 2 workers %.0f docs/s (x%.2f); dyad ingest (SQLite, 1 goroutine) %.0f docs/s",
			len(paths), one/n, two/n, two/one, lite/n)
	}
}
