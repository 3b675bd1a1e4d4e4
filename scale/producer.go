package scale

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/doc"
	"dyad/read"
	"dyad/store"
)

// PublishOptions control Publish. The zero value reads every format
// automatically and keeps 256 publications in flight.
type PublishOptions struct {
	Read read.Options
	// Window is the number of documents published and not yet confirmed
	// by the stream (default 256).
	Window int
	// Report receives every bad document and input, and every wait for a
	// full stream; it is called from one goroutine at a time.
	Report func(error)
	// Progress is called after every document and file.
	Progress func(PublishProgress)
}

// PublishProgress counts a producer's work.
type PublishProgress struct {
	FilesTotal   int   // files to read (standard input not counted)
	FilesDone    int   // files published to the end, this run or earlier
	FilesSkipped int   // of which skipped unread (published by an earlier run)
	Docs         int   // documents published
	Failed       int   // bad documents and inputs (published as failures)
	Bytes        int64 // text published
	Waits        int   // times the stream was full and the producer waited
	Elapsed      time.Duration
}

// ErrTooLarge marks a document larger than the server's largest message.
var ErrTooLarge = errors.New("scale: document larger than the NATS server's max_payload")

// Publish reads the paths (files, directories, "-") as ingest.Run does and
// publishes every document, every bad document (PREFIX.work.fail) and,
// after a file's last document, the file itself (PREFIX.work.input) to the
// work stream, for workers to code and store. It returns once the stream
// has confirmed every message.
//
// It resumes: a file whose messages were all confirmed by an earlier run
// is recorded in the Inputs bucket and skipped unread; the documents of a
// file cut short are published again, and the stream (within its
// Duplicates window, by message id) or the store (by content key) drops
// the copies. A full stream (MaxQueued) makes Publish wait and retry.
func Publish(ctx context.Context, js jetstream.JetStream, c Config, paths []string, opt PublishOptions) (PublishProgress, error) {
	start := time.Now()
	c = c.withDefaults()
	if opt.Window <= 0 {
		opt.Window = 256
	}
	if opt.Report == nil {
		opt.Report = func(error) {}
	}
	if _, err := read.ParseFormatAll(string(opt.Read.Format)); err != nil {
		return PublishProgress{}, err
	}
	if err := Setup(ctx, js, c); err != nil {
		return PublishProgress{}, err
	}
	kv, err := inputsKV(ctx, js, c)
	if err != nil {
		return PublishProgress{}, err
	}
	p := &publisher{ctx: ctx, js: js, c: c, opt: opt, seq0: start.UnixNano(), start: start}
	prog := &p.prog
	progress := func() {
		if opt.Progress != nil {
			prog.Elapsed = time.Since(start)
			opt.Progress(*prog)
		}
	}

	var pathErrs []error
	files := read.Files(paths, func(err error) { pathErrs = append(pathErrs, err) })
	inputs := make([]*store.Input, len(files))
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
	}
	for _, err := range pathErrs {
		if err := p.fail(err, ""); err != nil {
			return *prog, err
		}
	}
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return p.finish(err)
		}
		in := inputs[i]
		if in != nil {
			var got jetstream.KeyValueEntry
			err := retry(ctx, func(ctx context.Context) error {
				var err error
				got, err = kv.Get(ctx, inputKey(*in))
				if errors.Is(err, jetstream.ErrKeyNotFound) {
					got, err = nil, nil
				}
				return err
			})
			if err != nil {
				return p.finish(fmt.Errorf("scale: bucket %s: %w", c.Inputs, err))
			}
			if got != nil {
				prog.FilesDone++
				prog.FilesSkipped++
				progress()
				continue
			}
		}
		broken := false
		var perr error
		err := read.File(f, opt.Read, func(d *doc.Doc) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := p.doc(d); err != nil {
				perr = err
				return err
			}
			progress()
			return nil
		}, func(err error) {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				broken = true // not read: do not mark it finished
			}
			if perr == nil {
				perr = p.fail(err, f)
			}
		})
		if perr != nil {
			return p.finish(perr)
		}
		if err != nil { // ctx ended
			return p.finish(err)
		}
		if in == nil || broken {
			continue
		}
		// the file's end: its record, then (once the stream has confirmed
		// every message of the file) the producer's own mark in the bucket
		body, _ := json.Marshal(Input{Path: in.Path, Size: in.Size, MTime: in.ModTime.UnixNano()})
		if err := p.publish(c.inputSubject(), "input."+inputKey(*in), body); err != nil {
			return p.finish(err)
		}
		p.marks = append(p.marks, mark{subject: "$KV." + c.Inputs + "." + inputKey(*in), body: body, upto: p.queued})
		progress()
	}
	return p.finish(nil)
}

// publisher publishes asynchronously, keeping at most Window messages
// unconfirmed, and republishes what the stream did not confirm.
type publisher struct {
	ctx     context.Context
	js      jetstream.JetStream
	c       Config
	opt     PublishOptions
	seq0    int64
	start   time.Time
	n       int64
	pending []pending
	prog    PublishProgress

	queued, confirmed int    // messages published, and confirmed in order
	marks             []mark // files published to the end, to be marked once confirmed
}

// mark is a file's record in the Inputs bucket (a message on the bucket's
// subject, as KeyValue.Put sends), due once the first upto messages are
// confirmed.
type mark struct {
	subject string
	body    []byte
	upto    int
}

type pending struct {
	msg *nats.Msg
	f   jetstream.PubAckFuture // nil: publish synchronously
}

func (p *publisher) doc(d *doc.Doc) error {
	m := Document{ID: d.ID, Title: d.Title, Source: d.Source, Line: d.Line, Text: d.Text, Seq: p.seq0 + p.n}
	if d.HasDate() {
		m.Date = d.Date.Format(time.RFC3339Nano)
	}
	p.n++
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if int64(len(body)) > p.js.Conn().MaxPayload()-1024 {
		return p.fail(&read.Error{File: d.Source, Line: d.Line, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, len(body))}, d.Source)
	}
	if err := p.publish(p.c.docSubject(), "doc."+store.Key(d), body); err != nil {
		return err
	}
	p.prog.Docs++
	p.prog.Bytes += int64(len(d.Text))
	return nil
}

// fail reports a bad document or input and publishes it as a failure.
func (p *publisher) fail(err error, file string) error {
	p.prog.Failed++
	p.opt.Report(err)
	f := Failure{File: file, Reason: err.Error()}
	var re *read.Error
	if errors.As(err, &re) {
		f = Failure{File: re.File, Line: re.Line, Reason: re.Err.Error()}
	}
	body, _ := json.Marshal(f)
	return p.publish(p.c.failSubject(), "fail."+failureKey(f), body)
}

func (p *publisher) publish(subject, id string, body []byte) error {
	msg := &nats.Msg{Subject: subject, Data: body, Header: nats.Header{}}
	msg.Header.Set(jetstream.MsgIDHeader, id)
	p.enqueue(msg)
	if len(p.pending) >= p.opt.Window {
		return p.drain(p.opt.Window / 2)
	}
	return nil
}

// enqueue publishes msg asynchronously.
func (p *publisher) enqueue(msg *nats.Msg) {
	f, err := p.js.PublishMsgAsync(msg)
	if err != nil {
		f = nil // published synchronously when drained
	}
	p.pending = append(p.pending, pending{msg, f})
	p.queued++
}

// drain waits for the confirmations of all but the last keep messages,
// republishing those that failed.
func (p *publisher) drain(keep int) error {
	n := len(p.pending) - keep
	if n <= 0 {
		return nil
	}
	for _, pm := range p.pending[:n] {
		var err error
		if pm.f != nil {
			select {
			case <-pm.f.Ok():
				continue
			case err = <-pm.f.Err():
			case <-time.After(callTimeout):
				err = context.DeadlineExceeded
			case <-p.ctx.Done():
				return p.ctx.Err()
			}
		}
		if err := p.republish(pm.msg, err); err != nil {
			return err
		}
	}
	p.pending = append(p.pending[:0], p.pending[n:]...)
	p.confirmed += n
	// mark the files whose messages are all confirmed
	k := 0
	for _, m := range p.marks {
		if m.upto > p.confirmed {
			p.marks[k] = m
			k++
			continue
		}
		p.enqueue(&nats.Msg{Subject: m.subject, Data: m.body})
		p.prog.FilesDone++
	}
	p.marks = p.marks[:k]
	return nil
}

// republish publishes msg synchronously until the stream takes it,
// waiting while the stream is full.
func (p *publisher) republish(msg *nats.Msg, why error) error {
	wait := 100 * time.Millisecond
	reported := false
	for {
		if why != nil && full(why) && !reported {
			p.prog.Waits++
			p.opt.Report(fmt.Errorf("scale: stream %s is full (%v): waiting for workers", p.c.Stream, why))
			reported = true
		}
		ctx, cancel := context.WithTimeout(p.ctx, callTimeout)
		_, err := p.js.PublishMsg(ctx, msg)
		cancel()
		if err == nil {
			return nil
		}
		if p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		if errors.Is(err, nats.ErrMaxPayload) || errors.Is(err, nats.ErrConnectionClosed) {
			return fmt.Errorf("scale: publish %s: %w", msg.Subject, err)
		}
		why = err
		select {
		case <-p.ctx.Done():
			return p.ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// full reports whether err says the stream is at its limits.
func full(err error) bool {
	s := err.Error()
	return strings.Contains(s, "maximum messages") || strings.Contains(s, "maximum bytes") || strings.Contains(s, "resource limits")
}

// finish waits for every confirmation and returns the progress and err
// (or the first publishing error).
func (p *publisher) finish(err error) (PublishProgress, error) {
	for err == nil && (len(p.pending) > 0 || len(p.marks) > 0) {
		err = p.drain(0)
	}
	p.prog.Elapsed = time.Since(p.start)
	return p.prog, err
}
