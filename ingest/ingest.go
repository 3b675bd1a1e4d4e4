// Package ingest reads article files, codes them in parallel and appends
// them, in input order, to a store, so that a long ingest can be stopped
// and resumed and a repeated one adds nothing.
//
// Run reads the inputs with read.File (every format of package read,
// including web pages and RSS/Atom feeds), in the order read.Files lists
// them. Before coding a document it asks the store whether its content key
// (store.Key) is stored already, and skips it if so; before reading a file it
// asks whether the file (path, size, modification time) was read to the end
// by an earlier ingest, and skips it unread if so. The other documents are
// coded by Options.Workers goroutines and appended by one writer goroutine
// in input order, in batches of Options.BatchSize documents (or whatever
// arrived in Options.BatchTime), each batch one store transaction. A file's
// "read to the end" mark goes into the batch holding its last document.
//
// So a process killed at any point (kill -9 included) leaves the store as of
// its last batch; rerunning the same command skips the finished files and
// the stored documents and codes the rest: nothing is lost and nothing is
// stored twice.
//
// Bad documents (a malformed JSON line, a bad date, an item without text,
// a missing file) are reported through Options.Report with their file and
// line, recorded in the store (store.Failure) and skipped; the rest of the
// input is stored. A document whose coding failed in some stage is stored
// with what was coded and reported too.
//
// Example (the command line is `dyad ingest --db news.db corpus/`):
//
//	db, _ := sqlite.Open("news.db", nil)
//	p, _ := pipeline.Default(res, nil)
//	prog, err := ingest.Run(ctx, p, db, []string{"corpus/"}, ingest.Options{Report: logError})
//	// prog.Docs documents coded and stored, prog.Skipped already stored, prog.Failed bad ones
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/read"
	"dyad/store"
)

// Store is what Run needs of a store.
type Store interface {
	store.Appendable
	Has(ctx context.Context, key string) (bool, error)
	Finished(ctx context.Context, in store.Input) (bool, error)
}

// Options control Run. The zero Options reads every format automatically,
// codes on GOMAXPROCS goroutines and commits every 500 documents or 5 s.
type Options struct {
	Read      read.Options
	Workers   int
	BatchSize int           // documents per batch (default 500)
	BatchTime time.Duration // commit at least this often while documents arrive (default 5 s)
	// Report receives every bad document and coding failure; it is
	// called from one goroutine at a time.
	Report func(error)
	// Progress is called from the writer goroutine after every document
	// and file; it should return quickly.
	Progress func(Progress)
}

// Progress counts an ingest's work so far.
type Progress struct {
	FilesTotal   int   // files to read (standard input not counted)
	FilesDone    int   // files read to the end, this run or earlier
	FilesSkipped int   // of which skipped unread (finished by an earlier ingest)
	BytesTotal   int64 // size of all files
	BytesDone    int64 // approximate bytes processed
	Docs         int   // documents coded and stored by this run
	Skipped      int   // documents found in the store already
	Sentences    int   // sentences of the stored documents
	Events       int   // coded events of the stored documents (before deduplication)
	Failed       int   // bad documents and coding failures reported
	Elapsed      time.Duration
}

type kind uint8

const (
	kDoc  kind = iota // a document to code and append
	kSkip             // a document already stored
	kDone             // a file read to the end
	kFail             // a bad document or input
)

type item struct {
	seq   int
	kind  kind
	d     *doc.Doc
	err   error // kDoc: coding error; kFail: the read error
	bytes int64
	in    *store.Input
	skip  bool // kDone: skipped unread
	file  string
}

// Run ingests the paths (files, directories, "-") into st with pipeline p.
// It returns the final Progress and the first store error, or ctx's error
// when ctx ended first: the documents stored by then, in input order, are
// committed, and the rest is left for the next run. Bad documents are not
// errors: they are counted in Progress.Failed.
func Run(ctx context.Context, p *pipeline.Pipeline, st Store, paths []string, opt Options) (Progress, error) {
	start := time.Now()
	if opt.Workers < 1 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize < 1 {
		opt.BatchSize = 500
	}
	if opt.BatchTime <= 0 {
		opt.BatchTime = 5 * time.Second
	}
	if opt.Report == nil {
		opt.Report = func(error) {}
	}
	if _, err := read.ParseFormatAll(string(opt.Read.Format)); err != nil {
		return Progress{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var pathErrs []error
	files := read.Files(paths, func(err error) { pathErrs = append(pathErrs, err) })
	inputs := make([]*store.Input, len(files))
	var prog Progress
	for i, f := range files {
		if f == "-" {
			continue
		}
		fi, err := os.Stat(f)
		if err != nil {
			continue // reported when read
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			abs = f
		}
		inputs[i] = &store.Input{Path: abs, Size: fi.Size(), ModTime: fi.ModTime()}
		prog.FilesTotal++
		prog.BytesTotal += fi.Size()
	}

	jobs := make(chan item, opt.Workers*4)
	done := make(chan item, 512) // room for the documents coded while a batch commits
	var wg sync.WaitGroup
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Coding is not interrupted by ctx: a document that was
			// started is finished, so that only whole documents are
			// stored. Once ctx has ended the writer stores nothing more,
			// and the documents still queued are passed on uncoded.
			bg := context.Background()
			for it := range jobs {
				if ctx.Err() == nil {
					it.err = p.Run(bg, it.d)
				}
				done <- it
			}
		}()
	}

	// the reader
	go func() {
		defer func() {
			close(jobs)
			wg.Wait()
			close(done)
		}()
		seq := 0
		send := func(it item) {
			it.seq = seq
			seq++
			if it.kind == kDoc {
				jobs <- it
			} else {
				done <- it
			}
		}
		for _, err := range pathErrs {
			send(item{kind: kFail, err: err})
		}
		for i, f := range files {
			if ctx.Err() != nil {
				return
			}
			in := inputs[i]
			if in != nil {
				if ok, err := st.Finished(ctx, *in); err == nil && ok {
					send(item{kind: kDone, in: in, skip: true, file: f})
					continue
				}
			}
			broken := false
			err := read.File(f, opt.Read, func(d *doc.Doc) error {
				if err := ctx.Err(); err != nil {
					return err
				}
				if ok, err := st.Has(ctx, store.Key(d)); err == nil && ok {
					send(item{kind: kSkip, bytes: int64(len(d.Text)), file: f})
					return nil
				}
				send(item{kind: kDoc, d: d, file: f})
				return nil
			}, func(err error) {
				var pe *fs.PathError
				if errors.As(err, &pe) {
					broken = true // not read: do not mark it finished
				}
				send(item{kind: kFail, err: err, file: f})
			})
			if err != nil { // ctx ended
				return
			}
			if !broken {
				send(item{kind: kDone, in: in, file: f})
			}
		}
	}()

	// the writer: this goroutine
	var (
		w          store.Writer
		werr       error
		batchN     int
		batchStart time.Time
		fileBase   int64 // bytes of the files finished
		inFile     int64 // bytes of documents of the current file
	)
	commit := func() {
		if w == nil {
			return
		}
		if werr == nil {
			if err := w.Commit(); err != nil {
				werr = err
				cancel()
			}
		} else {
			w.Rollback()
		}
		w, batchN = nil, 0
	}
	writer := func() store.Writer {
		if w == nil && werr == nil {
			var err error
			if w, err = st.Writer(context.Background()); err != nil {
				werr = err
				cancel()
				return nil
			}
			batchStart = time.Now()
		}
		return w
	}
	fail := func(err error) {
		if werr != nil {
			return
		}
		werr = err
		cancel()
	}
	process := func(it item) {
		switch it.kind {
		case kDoc:
			if it.err != nil {
				prog.Failed++
				opt.Report(fmt.Errorf("%s: %w", name(it.d), it.err))
			}
			inFile += int64(len(it.d.Text))
			if wr := writer(); wr != nil {
				added, err := wr.Append(it.d)
				if err != nil {
					fail(err)
				} else if added {
					prog.Docs++
					prog.Sentences += len(it.d.Sentences)
					prog.Events += len(it.d.Events)
				} else {
					prog.Skipped++
				}
				batchN++
			}
		case kSkip:
			prog.Skipped++
			inFile += it.bytes
		case kFail:
			prog.Failed++
			opt.Report(it.err)
			if wr := writer(); wr != nil {
				if err := wr.Fail(failure(it.err, it.file)); err != nil {
					fail(err)
				}
			}
		case kDone:
			if it.in != nil {
				if it.skip {
					prog.FilesSkipped++
				} else if wr := writer(); wr != nil {
					if err := wr.Done(*it.in); err != nil {
						fail(err)
					}
				}
				prog.FilesDone++
				fileBase += it.in.Size
			}
			inFile = 0
		}
		prog.BytesDone = fileBase + inFile
		if prog.BytesTotal > 0 && prog.BytesDone > prog.BytesTotal {
			prog.BytesDone = prog.BytesTotal
		}
		if w != nil && (batchN >= opt.BatchSize || time.Since(batchStart) >= opt.BatchTime) {
			commit()
		}
		if opt.Progress != nil {
			prog.Elapsed = time.Since(start)
			opt.Progress(prog)
		}
	}
	pending := map[int]item{}
	next := 0
	for it := range done {
		if ctx.Err() != nil {
			continue // ended: store nothing after this point (drain)
		}
		pending[it.seq] = it
		for ctx.Err() == nil {
			it, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			process(it)
		}
	}
	commit()
	prog.Elapsed = time.Since(start)
	if opt.Progress != nil {
		opt.Progress(prog)
	}
	if werr != nil {
		return prog, werr
	}
	return prog, ctx.Err()
}

// failure turns a read error into a stored Failure.
func failure(err error, file string) store.Failure {
	var re *read.Error
	if errors.As(err, &re) {
		return store.Failure{File: re.File, Line: re.Line, Reason: re.Err.Error()}
	}
	return store.Failure{File: file, Reason: err.Error()}
}

func name(d *doc.Doc) string {
	if d.Source != "" && d.Source != d.ID {
		return d.Source + " (" + d.ID + ")"
	}
	return d.ID
}
