package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"dyad/doc"
	"dyad/gazetteer"
	"dyad/pipeline"
	"dyad/read"
	"dyad/sink"
)

// cmdBench measures coding speed on the given articles: start-up, then the
// whole pipeline from raw text to JSON Lines, repeated to a number of
// sentences, with each stage's share, allocations and peak memory.
func cmdBench(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	format := fs.String("format", "auto", "input format: auto, seed, text, jsonl, json, petrxml")
	date := fs.String("date", "", "date of articles whose input gives none (YYYY-MM-DD)")
	sentences := fs.Int("sentences", 15000, "code the articles repeatedly until at least this many sentences")
	cpus := fs.Int("cpu", 1, "GOMAXPROCS for the measurement (0: leave as is)")
	workers := fs.Int("workers", 0, "documents coded in parallel (0: one per CPU)")
	batch := fs.Int("batch", batchDocs, "documents coded stage by stage together, as dyad code does")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the timed run to this file (read it with go tool pprof)")
	memprofile := fs.String("memprofile", "", "write an allocation profile of the command (start-up included) to this file")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no input (for example: dyad bench examples/sample.txt)", errUsage)
	}
	f, err := read.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	d, err := parseDate(*date)
	if err != nil {
		return err
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10 // sample every 64 KiB
	}
	// Start-up runs on every core, as it does in use (the tagger model and
	// the gazetteer load beside the dictionaries); only the timed run is
	// held to --cpu.
	start := time.Now()
	res, err := c.resources()
	if err != nil {
		return err
	}
	if _, err := gazetteer.Embedded(); err != nil {
		return err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	startup := time.Since(start)

	var docs []*doc.Doc
	var inputErrs int
	err = read.Paths(paths, read.Options{Format: f, Date: d, Stdin: stdin}, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	}, func(err error) {
		inputErrs++
		fmt.Fprintf(stderr, "dyad bench: %v\n", err)
	})
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("no documents read from %v", paths)
	}

	if *cpus > 0 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*cpus))
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *memprofile != "" {
		defer func() {
			if err := writeHeapProfile(*memprofile); err != nil {
				fmt.Fprintf(stderr, "dyad bench: %v\n", err)
			}
		}()
	}
	if *cpuprofile != "" {
		pf, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	m, err := pipeline.Measure(context.Background(), p, docs, pipeline.MeasureOptions{
		MinSentences: *sentences, Workers: *workers, Batch: *batch,
		Sink: func() pipeline.DocWriter { return sink.NewJSONL(io.Discard) },
	})
	if err != nil {
		return err
	}
	perSent := func(x float64) float64 { return x / float64(m.Sentences) }
	fmt.Fprintf(stdout, "dyad bench: %d documents (%d read, repeated), %d sentences, %d tokens, %d events\n",
		m.Docs, len(docs), m.Sentences, m.Tokens, m.Events)
	fmt.Fprintf(stdout, "GOMAXPROCS %d, %d worker(s), batches of %d documents, %s\n\n", runtime.GOMAXPROCS(0), m.Workers, *batch, runtime.Version())
	fmt.Fprintf(stdout, "%-12s %10d ms        dictionaries, tagger model and gazetteer ready\n", "start-up", startup.Milliseconds())
	fmt.Fprintf(stdout, "%-12s %10.0f sentences/s %.0f documents/s, %s\n", "throughput", m.SentencesPerSecond(), float64(m.Docs)/m.Wall.Seconds(), m.Wall.Round(time.Millisecond))
	fmt.Fprintf(stdout, "%-12s %10.1f /sentence   %.0f bytes/sentence\n", "allocations", perSent(float64(m.Mallocs)), perSent(float64(m.Bytes)))
	fmt.Fprintf(stdout, "%-12s %10d MB        before the run, %d MB after\n", "live heap", m.HeapBefore>>20, m.HeapAfter>>20)
	if rss, ok := peakRSS(); ok {
		fmt.Fprintf(stdout, "%-12s %10d MB\n", "peak RSS", rss>>20)
	}
	var sum time.Duration
	for _, s := range m.Stages {
		sum += s.Time
	}
	fmt.Fprintf(stdout, "\n%-12s %10s %6s\n", "stage", "µs/sentence", "share")
	for _, s := range m.Stages {
		fmt.Fprintf(stdout, "%-12s %10.1f %5.0f%%\n", s.Name, perSent(float64(s.Time.Microseconds())), 100*s.Time.Seconds()/sum.Seconds())
	}
	if inputErrs > 0 {
		fmt.Fprintf(stdout, "\n%d input error(s) skipped (see above)\n", inputErrs)
	}
	return nil
}

// writeHeapProfile writes the allocation profile to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
