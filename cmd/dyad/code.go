package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/sink"
)

// common holds the flags shared by the coding commands.
type common struct {
	dicts stringList
	warn  io.Writer // where dictionary conversion warnings go (stderr when nil)
}

type stringList []string

func (s *stringList) String() string     { return fmt.Sprint(*s) }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (c *common) register(fs *flag.FlagSet) {
	fs.Var(&c.dicts, "dict", "directory of dyad dictionaries that extend or replace the embedded ones, or petrarch:DIR, or tabari:FILE (repeatable)")
}

// resources loads the dictionaries named by --dict (see pipeline.LoadSpecs).
func (c *common) resources() (*pipeline.Resources, error) {
	warn := c.warn
	if warn == nil {
		warn = os.Stderr
	}
	return pipeline.LoadSpecs(c.dicts, warn)
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, fmt.Errorf("%w: --date %q: want YYYY-MM-DD", errUsage, s)
	}
	return t, nil
}

func cmdCode(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	format := fs.String("format", "auto", "input format: auto, seed, text, jsonl, json, petrxml")
	date := fs.String("date", "", "date of articles whose input gives none (YYYY-MM-DD)")
	out := fs.String("o", "", "write JSON Lines to this file instead of standard output")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded in parallel")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no input (give files, directories or - for standard input)", errUsage)
	}
	f, err := read.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	d, err := parseDate(*date)
	if err != nil {
		return err
	}
	res, err := c.resources()
	if err != nil {
		return err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	failed := 0
	opt := read.Options{Format: f, Date: d, Stdin: stdin}
	report := func(err error) {
		failed++
		fmt.Fprintf(stderr, "dyad code: %v\n", err)
	}
	n, err := codeAll(p, paths, opt, *workers, w, report)
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d input error(s); %d document(s) coded", failed, n)
	}
	return nil
}

// Documents are coded in batches (see pipeline.RunBatch) of up to
// batchDocs documents or batchBytes of text; input from standard input is
// coded a document at a time, so that a stream is not held back.
const (
	batchDocs  = 32
	batchBytes = 64 << 10
)

// codeAll reads, codes (in parallel) and writes documents in input order.
// Each worker also encodes its batch as JSON Lines, so that the one writer
// only copies bytes out in order and does not hold back many workers.
func codeAll(p *pipeline.Pipeline, paths []string, opt read.Options, workers int, w io.Writer, report func(error)) (int, error) {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		seq   int
		docs  []*doc.Doc
		out   *bytes.Buffer // the batch's JSON Lines
		total int           // documents in the batch
		err   error         // why document n could not be encoded
	}
	jobs := make(chan job, workers*2)
	done := make(chan job, workers*2)
	var wg sync.WaitGroup
	var mu sync.Mutex // guards report
	ctx := context.Background()
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var errs []error
			var out bytes.Buffer
			enc := sink.NewJSONL(&out)
			for j := range jobs {
				errs = p.RunBatch(ctx, j.docs, errs)
				for k, err := range errs {
					if err != nil {
						mu.Lock()
						report(fmt.Errorf("%s: %w", name(j.docs[k]), err))
						mu.Unlock()
					}
				}
				out.Reset()
				for _, d := range j.docs {
					if j.err = enc.Write(d); j.err != nil {
						break
					}
				}
				if err := enc.Flush(); err != nil && j.err == nil {
					j.err = err
				}
				j.out = bufs.Get().(*bytes.Buffer)
				j.out.Reset()
				j.out.Write(out.Bytes())
				j.docs = nil // the documents are no longer needed
				done <- j
			}
		}()
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var werr error
	n := 0
	wdone := make(chan struct{})
	go func() {
		defer close(wdone)
		pending := map[int]job{}
		next := 0
		for j := range done {
			pending[j.seq] = j
			for {
				j, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if werr == nil {
					_, werr = bw.Write(j.out.Bytes())
					if werr == nil {
						werr = j.err // a document that could not be encoded ends the output, as before
					}
				}
				n += j.total
				bufs.Put(j.out)
			}
		}
		if err := bw.Flush(); werr == nil {
			werr = err
		}
	}()
	maxDocs := batchDocs
	if slices.Contains(paths, "-") {
		maxDocs = 1
	}
	seq, size := 0, 0
	var batch []*doc.Doc
	send := func() {
		if len(batch) > 0 {
			jobs <- job{seq: seq, docs: batch, total: len(batch)}
			seq++
			batch, size = nil, 0
		}
	}
	rerr := read.Paths(paths, opt, func(d *doc.Doc) error {
		batch = append(batch, d)
		if size += len(d.Text); len(batch) >= maxDocs || size >= batchBytes {
			send()
		}
		return nil
	}, func(err error) {
		mu.Lock()
		report(err)
		mu.Unlock()
	})
	send()
	close(jobs)
	wg.Wait()
	close(done)
	<-wdone
	if rerr != nil {
		return n, rerr
	}
	return n, werr
}

func name(d *doc.Doc) string {
	if d.Source != "" && d.Source != d.ID {
		return d.Source + " (" + d.ID + ")"
	}
	return d.ID
}
