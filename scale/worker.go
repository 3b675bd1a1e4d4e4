package scale

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/store"
)

// Store is what a worker writes to: store/postgres.DB (or store/sqlite.DB,
// for one worker).
type Store interface {
	store.Appendable
	Has(ctx context.Context, key string) (bool, error)
}

// SeqAppender is a store.Writer that takes a document's input-order number
// (store/postgres.Writer). A worker gives it the producer's Document.Seq,
// so that the stored first mentions do not depend on which worker
// committed first.
type SeqAppender interface {
	AppendSeq(d *doc.Doc, seq int64) (bool, error)
}

// Retrier is a Store that tells transient errors (worth retrying the
// batch as it is) from others.
type Retrier interface {
	Retryable(err error) bool
}

// WorkerOptions configure a Worker. Pipeline and Store are required.
type WorkerOptions struct {
	Config   Config
	Pipeline *pipeline.Pipeline
	Store    Store
	// Name identifies the worker in Status (default host:pid).
	Name string
	// Procs is the number of documents coded at once (default GOMAXPROCS).
	Procs int
	// Batch is the number of messages fetched and stored in one
	// transaction (default 32).
	Batch int
	// Drain is how long a stopping worker may spend finishing its batch
	// (default 30 s); what is not committed by then is handed back.
	Drain time.Duration
	// Report receives coding failures, retried store errors, handed-back
	// and dead-lettered documents; it may be called from several
	// goroutines at once.
	Report func(error)
	// AfterCommit, when set, is called after each committed batch and
	// before its messages are acknowledged, with the number of batches
	// committed so far.
	AfterCommit func(batches int)
}

// WorkerStatus is what a worker reports about itself (JSON, in reply to a
// status request).
type WorkerStatus struct {
	Name    string    `json:"name"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
	Now     time.Time `json:"now"`

	Batches  int64 `json:"batches"`  // transactions committed
	Docs     int64 `json:"docs"`     // documents coded and stored
	Skipped  int64 `json:"skipped"`  // documents found stored already (redeliveries, republished)
	Events   int64 `json:"events"`   // coded events of the stored documents
	Inputs   int64 `json:"inputs"`   // input files recorded
	Failures int64 `json:"failures"` // bad documents recorded (from the producer)
	Coding   int64 `json:"coding"`   // documents stored with a coding failure
	Retries  int64 `json:"retries"`  // store transactions retried
	Naks     int64 `json:"naks"`     // documents handed back for a later try
	Dead     int64 `json:"dead"`     // messages dead-lettered
	InFlight int   `json:"in_flight"`
	// Rate is the documents stored per second over the last minute.
	Rate float64 `json:"rate"`

	LastError string `json:"last_error,omitempty"`
}

// DocsPerSec is the worker's rate of stored documents since it started.
func (s WorkerStatus) DocsPerSec() float64 {
	d := s.Now.Sub(s.Started).Seconds()
	if d <= 0 {
		return 0
	}
	return float64(s.Docs) / d
}

// Worker takes documents from the work stream, codes them and stores them.
type Worker struct {
	js  jetstream.JetStream
	opt WorkerOptions
	c   Config

	mu      sync.Mutex
	st      WorkerStatus
	samples []sample // (time, documents stored) at commits, for Rate
}

type sample struct {
	t    time.Time
	docs int64
}

// rateWindow is the span of WorkerStatus.Rate.
const rateWindow = time.Minute

// NewWorker returns a worker that consumes through js.
func NewWorker(js jetstream.JetStream, opt WorkerOptions) (*Worker, error) {
	if opt.Pipeline == nil || opt.Store == nil {
		return nil, errors.New("scale: a worker needs a pipeline and a store")
	}
	if opt.Procs <= 0 {
		opt.Procs = runtime.GOMAXPROCS(0)
	}
	if opt.Batch <= 0 {
		opt.Batch = 32
	}
	if opt.Drain <= 0 {
		opt.Drain = 30 * time.Second
	}
	if opt.Report == nil {
		opt.Report = func(error) {}
	}
	host, _ := os.Hostname()
	if opt.Name == "" {
		opt.Name = host + ":" + strconv.Itoa(os.Getpid())
	}
	w := &Worker{js: js, opt: opt, c: opt.Config.withDefaults()}
	w.st = WorkerStatus{Name: opt.Name, Host: host, PID: os.Getpid()}
	return w, nil
}

// Status returns the worker's counters.
func (w *Worker) Status() WorkerStatus {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.st
	now := time.Now()
	s.Now = now.UTC()
	// documents stored since the oldest sample of the last minute
	for len(w.samples) > 1 && now.Sub(w.samples[1].t) > rateWindow {
		w.samples = w.samples[1:]
	}
	if len(w.samples) > 0 {
		first := w.samples[0]
		span := now.Sub(first.t)
		if span > rateWindow {
			span = rateWindow
		}
		if span > 0 && now.Sub(w.samples[len(w.samples)-1].t) < rateWindow {
			s.Rate = float64(s.Docs-first.docs) / span.Seconds()
		}
	}
	return s
}

func (w *Worker) count(f func(s *WorkerStatus)) {
	w.mu.Lock()
	f(&w.st)
	w.mu.Unlock()
}

func (w *Worker) report(err error) {
	w.count(func(s *WorkerStatus) { s.LastError = err.Error() })
	w.opt.Report(err)
}

// Run works until ctx ends, then finishes the batch in hand (within
// Drain) and returns nil. It returns an error only when the stream cannot
// be set up.
func (w *Worker) Run(ctx context.Context) error {
	w.count(func(s *WorkerStatus) { s.Started = time.Now().UTC() })
	if err := Setup(ctx, w.js, w.c); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	nc := w.js.Conn()
	sub, err := nc.Subscribe(w.c.statusSubject(), func(m *nats.Msg) {
		b, _ := json.Marshal(w.Status())
		m.Respond(b)
	})
	if err != nil {
		return fmt.Errorf("scale: status subscription: %w", err)
	}
	defer sub.Unsubscribe()

	var prev chan struct{} // closed when the batch being stored is finished
	wait := func() {
		if prev != nil {
			<-prev
			prev = nil
		}
	}
	defer wait()
	var cons jetstream.Consumer
	pause := func() {
		select {
		case <-ctx.Done():
		case <-time.After(250 * time.Millisecond):
		}
	}
	for ctx.Err() == nil {
		if cons == nil {
			err := retry(ctx, func(ctx context.Context) error {
				var err error
				cons, err = w.js.Consumer(ctx, w.c.Stream, w.c.Consumer)
				if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
					err = Setup(ctx, w.js, w.c)
					if err == nil {
						cons, err = w.js.Consumer(ctx, w.c.Stream, w.c.Consumer)
					}
				}
				return err
			})
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				w.report(fmt.Errorf("scale: consumer %s: %w", w.c.Consumer, err))
				pause()
				continue
			}
		}
		msgs, err := w.fetch(cons)
		if err != nil {
			if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrConsumerDeleted) {
				cons = nil
			}
			if !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
				w.report(fmt.Errorf("scale: fetch: %w", err))
			}
			if len(msgs) == 0 {
				pause()
				continue
			}
		}
		if len(msgs) > 0 {
			// two batches in hand: this one is coded while the one
			// before is stored
			b := w.prepare(ctx, msgs)
			wait()
			done := make(chan struct{})
			prev = done
			go func() {
				defer close(done)
				w.finish(b)
			}()
		}
	}
	return nil
}

// fetch takes up to Batch messages: those ready at once, or else what
// arrives within a second.
func (w *Worker) fetch(cons jetstream.Consumer) ([]jetstream.Msg, error) {
	collect := func(b jetstream.MessageBatch, err error) ([]jetstream.Msg, error) {
		if err != nil {
			return nil, err
		}
		var msgs []jetstream.Msg
		for m := range b.Messages() {
			msgs = append(msgs, m)
		}
		return msgs, b.Error()
	}
	msgs, err := collect(cons.FetchNoWait(w.opt.Batch))
	if len(msgs) > 0 || (err != nil && !errors.Is(err, nats.ErrTimeout)) {
		return msgs, err
	}
	return collect(cons.Fetch(w.opt.Batch, jetstream.FetchMaxWait(time.Second)))
}

type kind uint8

const (
	kDoc kind = iota
	kInput
	kFail
)

// item is one message of a batch.
type item struct {
	msg   jetstream.Msg
	tries uint64 // deliveries, this one included
	kind  kind
	d     *doc.Doc
	seq   int64
	in    store.Input
	fail  store.Failure
	skip  bool // a document stored already
	added bool
}

// decode turns a message into an item.
func (w *Worker) decode(m jetstream.Msg) (*item, error) {
	it := &item{msg: m, tries: 1}
	if meta, err := m.Metadata(); err == nil {
		it.tries = meta.NumDelivered
	}
	switch m.Subject() {
	case w.c.docSubject():
		var d Document
		if err := json.Unmarshal(m.Data(), &d); err != nil {
			return it, fmt.Errorf("bad document message: %w", err)
		}
		it.kind, it.seq = kDoc, d.Seq
		it.d = &doc.Doc{ID: d.ID, Title: d.Title, Source: d.Source, Line: d.Line, Text: d.Text}
		if d.Date != "" {
			t, err := time.Parse(time.RFC3339Nano, d.Date)
			if err != nil {
				return it, fmt.Errorf("bad document message: date: %w", err)
			}
			it.d.Date = t
		}
	case w.c.inputSubject():
		var in Input
		if err := json.Unmarshal(m.Data(), &in); err != nil {
			return it, fmt.Errorf("bad input message: %w", err)
		}
		it.kind, it.in = kInput, in.store()
	case w.c.failSubject():
		var f Failure
		if err := json.Unmarshal(m.Data(), &f); err != nil {
			return it, fmt.Errorf("bad failure message: %w", err)
		}
		it.kind, it.fail = kFail, store.Failure{File: f.File, Line: f.Line, Reason: f.Reason}
	default:
		return it, fmt.Errorf("unknown subject %q", m.Subject())
	}
	return it, nil
}

// batch is a fetched batch on its way through the worker: prepared
// (decoded and coded), then finished (stored and acknowledged).
type batch struct {
	items  []*item
	ctx    context.Context // not ended by Run's ctx, but Drain after it
	cancel context.CancelFunc
	stop   func() // ends the progress signals and the context
}

// prepare decodes a batch, dead-letters what cannot be stored, and codes
// the documents that are not stored yet. Until the batch is finished it
// tells JetStream, every AckWait/3, that its messages are being worked on.
func (w *Worker) prepare(ctx context.Context, msgs []jetstream.Msg) *batch {
	b := &batch{}
	b.ctx, b.cancel = context.WithCancel(context.WithoutCancel(ctx))
	stopDrain := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(w.opt.Drain, b.cancel)
		context.AfterFunc(b.ctx, func() { t.Stop() })
	})
	w.count(func(s *WorkerStatus) { s.InFlight += len(msgs) })
	var mu sync.Mutex
	inHand := msgs
	hb := time.NewTicker(max(w.c.AckWait/3, 100*time.Millisecond))
	hbDone := make(chan struct{})
	go func() {
		for {
			select {
			case <-hbDone:
				return
			case <-hb.C:
				mu.Lock()
				for _, m := range inHand {
					m.InProgress()
				}
				mu.Unlock()
			}
		}
	}()
	b.stop = func() {
		hb.Stop()
		close(hbDone)
		stopDrain()
		b.cancel()
		w.count(func(s *WorkerStatus) { s.InFlight -= len(msgs) })
	}

	for _, m := range msgs {
		it, err := w.decode(m)
		switch {
		case err != nil:
			w.dead(b.ctx, it, err.Error())
		case it.tries > uint64(w.c.MaxTries):
			w.dead(b.ctx, it, fmt.Sprintf("delivered %d times without being stored (a worker died on it, or it failed)", it.tries))
		default:
			b.items = append(b.items, it)
		}
	}
	mu.Lock()
	inHand = make([]jetstream.Msg, len(b.items))
	for i, it := range b.items {
		inHand[i] = it.msg
	}
	mu.Unlock()
	w.code(b.ctx, b.items)
	return b
}

// finish stores a prepared batch in one transaction and acknowledges it;
// should that fail for good, it stores the items one at a time and hands
// back (or dead-letters) those that fail alone.
func (w *Worker) finish(b *batch) {
	defer b.stop()
	items := b.items
	if len(items) == 0 {
		return
	}
	err := w.commit(b.ctx, items)
	switch {
	case err == nil:
		w.acked(items)
	case b.ctx.Err() != nil: // stopping: let another worker have them
		for _, it := range items {
			it.msg.Nak()
		}
		w.report(fmt.Errorf("scale: stopping with %d messages not stored (handed back): %w", len(items), err))
	default: // one by one
		w.report(fmt.Errorf("scale: batch of %d failed (%v): storing one at a time", len(items), err))
		for _, it := range items {
			if err := w.commit(b.ctx, []*item{it}); err == nil {
				w.acked([]*item{it})
			} else if b.ctx.Err() != nil {
				it.msg.Nak()
			} else {
				w.failed(b.ctx, it, err)
			}
		}
	}
	w.js.Conn().FlushTimeout(callTimeout)
}

// KeyChecker is a Store that tells in one query which of many articles
// are stored (store/postgres.DB).
type KeyChecker interface {
	Stored(ctx context.Context, keys []string) (map[string]bool, error)
}

// code runs the pipeline over the batch's documents that are not stored
// yet, Procs at a time.
func (w *Worker) code(ctx context.Context, items []*item) {
	var docs []*item
	for _, it := range items {
		if it.kind == kDoc {
			docs = append(docs, it)
		}
	}
	if len(docs) == 0 {
		return
	}
	var stored map[string]bool
	if kc, ok := w.opt.Store.(KeyChecker); ok {
		keys := make([]string, len(docs))
		for i, it := range docs {
			keys[i] = store.Key(it.d)
		}
		stored, _ = kc.Stored(ctx, keys) // on error, code them all: storing dedupes
	}
	jobs := make(chan *item)
	var wg sync.WaitGroup
	for range min(w.opt.Procs, len(docs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range jobs {
				if stored != nil {
					it.skip = stored[store.Key(it.d)]
				} else if ok, err := w.opt.Store.Has(ctx, store.Key(it.d)); err == nil && ok {
					it.skip = true
				}
				if it.skip {
					continue
				}
				if err := w.opt.Pipeline.Run(context.Background(), it.d); err != nil {
					w.count(func(s *WorkerStatus) { s.Coding++ })
					w.opt.Report(fmt.Errorf("%s: %w", docName(it.d), err))
				}
			}
		}()
	}
	for _, it := range docs {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

func docName(d *doc.Doc) string {
	if d.Source != "" && d.Source != d.ID {
		return d.Source + " (" + d.ID + ")"
	}
	return d.ID
}

// commit stores the items in one transaction, retrying transient errors
// with backoff until ctx ends.
func (w *Worker) commit(ctx context.Context, items []*item) error {
	retryable := func(error) bool { return false }
	if r, ok := w.opt.Store.(Retrier); ok {
		retryable = r.Retryable
	}
	wait := 100 * time.Millisecond
	for {
		err := w.tryCommit(ctx, items)
		if err == nil {
			return nil
		}
		if !retryable(err) || ctx.Err() != nil {
			return err
		}
		w.count(func(s *WorkerStatus) { s.Retries++ })
		w.report(fmt.Errorf("scale: store: %w (retrying in %v)", err, wait))
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func (w *Worker) tryCommit(ctx context.Context, items []*item) error {
	wr, err := w.opt.Store.Writer(ctx)
	if err != nil {
		return err
	}
	defer wr.Rollback()
	sa, seqOK := wr.(SeqAppender)
	for _, it := range items {
		switch it.kind {
		case kDoc:
			if it.skip {
				continue
			}
			if seqOK {
				it.added, err = sa.AppendSeq(it.d, it.seq)
			} else {
				it.added, err = wr.Append(it.d)
			}
		case kInput:
			err = wr.Done(it.in)
		case kFail:
			err = wr.Fail(it.fail)
		}
		if err != nil {
			return err
		}
	}
	return wr.Commit()
}

// acked acknowledges stored items and counts them.
func (w *Worker) acked(items []*item) {
	var batches int
	w.count(func(s *WorkerStatus) {
		if len(w.samples) == 0 {
			w.samples = append(w.samples, sample{time.Now(), s.Docs})
		}
		defer func() { w.samples = append(w.samples, sample{time.Now(), s.Docs}) }()
		s.Batches++
		batches = int(s.Batches)
		for _, it := range items {
			switch {
			case it.kind == kInput:
				s.Inputs++
			case it.kind == kFail:
				s.Failures++
			case it.added:
				s.Docs++
				s.Events += int64(len(it.d.Events))
			default:
				s.Skipped++
			}
		}
	})
	if w.opt.AfterCommit != nil {
		w.opt.AfterCommit(batches)
	}
	for _, it := range items {
		it.msg.Ack()
	}
}

// failed hands an item that could not be stored back with a delay, or
// dead-letters it after its last try.
func (w *Worker) failed(ctx context.Context, it *item, err error) {
	if it.tries >= uint64(w.c.MaxTries) {
		w.dead(ctx, it, err.Error())
		return
	}
	delay := time.Duration(1<<min(it.tries, 6)) * time.Second
	w.count(func(s *WorkerStatus) { s.Naks++ })
	w.report(fmt.Errorf("scale: %s: %w (try %d of %d; again in %v)", w.name(it), err, it.tries, w.c.MaxTries, delay))
	it.msg.NakWithDelay(delay)
}

func (w *Worker) name(it *item) string {
	if it.d != nil {
		return docName(it.d)
	}
	return it.msg.Subject()
}

// dead publishes an item's message to the dead-letter stream and
// terminates it.
func (w *Worker) dead(ctx context.Context, it *item, reason string) {
	m := it.msg
	dm := nats.NewMsg(w.c.deadSubject(m.Subject()))
	dm.Data = m.Data()
	seq, stream := uint64(0), w.c.Stream
	if meta, err := m.Metadata(); err == nil {
		seq, stream = meta.Sequence.Stream, meta.Stream
	}
	dm.Header.Set(HeaderError, reason)
	dm.Header.Set(HeaderDeliveries, strconv.FormatUint(it.tries, 10))
	dm.Header.Set(HeaderSubject, m.Subject())
	dm.Header.Set(HeaderSequence, strconv.FormatUint(seq, 10))
	dm.Header.Set(jetstream.MsgIDHeader, "dead."+stream+"."+strconv.FormatUint(seq, 10))
	err := retry(ctx, func(ctx context.Context) error {
		_, err := w.js.PublishMsg(ctx, dm)
		return err
	})
	if err != nil {
		w.report(fmt.Errorf("scale: dead letter for %s: %w", w.name(it), err))
		m.Nak()
		return
	}
	w.count(func(s *WorkerStatus) { s.Dead++ })
	w.report(fmt.Errorf("scale: %s dead-lettered to %s: %s", w.name(it), dm.Subject, reason))
	m.TermWithReason(reason)
}
