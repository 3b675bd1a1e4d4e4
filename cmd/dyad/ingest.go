package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"dyad/ingest"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store/sqlite"
)

// cmdIngest codes articles into the store:
//
//	dyad ingest [--db FILE] [--format F] [--date D] [--dict DIR] [--workers N] [--batch N] [--quiet] PATH…
//
// It is incremental and resumable (see package ingest): rerunning it adds
// nothing, and after a kill it carries on where the last batch ended. On a
// terminal it shows a progress bar (documents/s, ETA) on standard error;
// --quiet drops the bar and the summary. Bad documents are reported on
// standard error (file:line: reason) and make the exit status 1. With
// --nats URL it publishes the documents to NATS JetStream for dyad worker
// to code instead (see worker.go).
func cmdIngest(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	dbPath := fs.String("db", defaultDB, "database file (created when missing)")
	format := fs.String("format", "auto", "input format: auto, seed, text, jsonl, json, petrxml, html, feed")
	date := fs.String("date", "", "date of articles whose input gives none (YYYY-MM-DD)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded in parallel")
	batch := fs.Int("batch", 500, "documents per transaction")
	quiet := fs.Bool("quiet", false, "no progress bar and no summary (errors are still reported)")
	nf := registerNATS(fs) // --nats URL: publish for workers instead (worker.go)
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no input (give files, directories or - for standard input)", errUsage)
	}
	f, err := read.ParseFormatAll(*format)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	d, err := parseDate(*date)
	if err != nil {
		return err
	}
	if *batch < 1 {
		return fmt.Errorf("%w: --batch %d: want at least 1", errUsage, *batch)
	}
	if nf.url != "" {
		return ingestNATS(nf, paths, read.Options{Format: f, Date: d, Stdin: stdin}, *quiet, stdout, stderr)
	}
	res, err := c.resources()
	if err != nil {
		return err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(*dbPath, nil)
	if err != nil {
		return err
	}
	defer db.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var mu sync.Mutex // guards the bar and stderr
	var bar *progressbar.ProgressBar
	showBar := !*quiet && isTerminal(stderr)
	var lastDraw time.Time
	opt := ingest.Options{
		Read:      read.Options{Format: f, Date: d, Stdin: stdin},
		Workers:   *workers,
		BatchSize: *batch,
		Report: func(err error) {
			mu.Lock()
			defer mu.Unlock()
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(stderr, "dyad ingest: %v\n", err)
		},
	}
	if showBar {
		opt.Progress = func(pr ingest.Progress) {
			mu.Lock()
			defer mu.Unlock()
			if bar == nil {
				max := pr.BytesTotal
				if max == 0 {
					max = -1
				}
				bar = progressbar.NewOptions64(max,
					progressbar.OptionSetWriter(stderr),
					progressbar.OptionShowBytes(true),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionSetElapsedTime(true),
					progressbar.OptionSetWidth(24),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionClearOnFinish(),
					progressbar.OptionSetDescription("ingest"))
			}
			if now := time.Now(); now.Sub(lastDraw) >= 100*time.Millisecond {
				lastDraw = now
				desc := fmt.Sprintf("%d docs, %.0f docs/s", pr.Docs, float64(pr.Docs)/pr.Elapsed.Seconds())
				if pr.Skipped > 0 {
					desc += fmt.Sprintf(", %d stored before", pr.Skipped)
				}
				bar.Describe(desc)
				if pr.BytesTotal > 0 {
					bar.Set64(pr.BytesDone)
				} else {
					bar.Add(0)
				}
			}
		}
	}
	prog, err := ingest.Run(ctx, p, db, paths, opt)
	mu.Lock()
	if bar != nil {
		bar.Finish()
		bar.Clear()
	}
	mu.Unlock()
	if !*quiet {
		secs := prog.Elapsed.Seconds()
		fmt.Fprintf(stdout, "dyad ingest: %d documents stored (%d sentences, %d events) in %.1fs: %.0f documents/s, %.0f sentences/s; "+
			"%d already stored, %d of %d files finished earlier, %d bad; database %s\n",
			prog.Docs, prog.Sentences, prog.Events, secs, float64(prog.Docs)/secs, float64(prog.Sentences)/secs,
			prog.Skipped, prog.FilesSkipped, prog.FilesTotal, prog.Failed, *dbPath)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted after %d documents; rerun the same command to go on", prog.Docs)
	}
	if err != nil {
		return err
	}
	if prog.Failed > 0 {
		return fmt.Errorf("%d bad document(s) or input(s) skipped; %d document(s) stored", prog.Failed, prog.Docs)
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
