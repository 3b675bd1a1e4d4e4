package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/pipeline"
	"dyad/read"
	"dyad/scale"
	"dyad/store/postgres"
)

// natsFlags are the flags that reach NATS JetStream (ingest --nats, worker,
// worker status).
type natsFlags struct {
	url, dir, listen, creds string
	cfg                     scale.Config
}

// registerNATS adds the NATS flags to fs.
func registerNATS(fs *flag.FlagSet) *natsFlags {
	n := &natsFlags{cfg: scale.DefaultConfig()}
	fs.StringVar(&n.url, "nats", "", "NATS server URL, a cluster's comma-separated URLs, or \"embedded\" to run (or reach) a JetStream server in a dyad process on this machine")
	fs.StringVar(&n.dir, "nats-dir", "dyad-nats", "with --nats embedded: where the embedded server keeps its data")
	fs.StringVar(&n.listen, "nats-listen", "127.0.0.1:4222", "with --nats embedded: the embedded server's client address")
	fs.StringVar(&n.creds, "nats-creds", "", "NATS credentials file (for a secured cluster)")
	fs.StringVar(&n.cfg.Stream, "nats-stream", n.cfg.Stream, "JetStream work stream")
	fs.StringVar(&n.cfg.Prefix, "nats-prefix", n.cfg.Prefix, "subject prefix (PREFIX.work.doc, …)")
	fs.IntVar(&n.cfg.Replicas, "nats-replicas", n.cfg.Replicas, "replicas of the streams when dyad creates them (3 on a cluster)")
	fs.Int64Var(&n.cfg.MaxQueued, "nats-max-queued", n.cfg.MaxQueued, "messages the stream holds before producers wait (when dyad creates it)")
	return n
}

// connect connects to NATS. With "embedded" it connects to the server at
// --nats-listen when one answers there, else starts one in this process
// (returned, to be shut down by the caller).
func (n *natsFlags) connect(name string, stderr io.Writer) (*nats.Conn, *server.Server, error) {
	var opts []nats.Option
	if n.creds != "" {
		opts = append(opts, nats.UserCredentials(n.creds))
	}
	if n.url != "embedded" {
		nc, err := scale.Connect(n.url, name, opts...)
		return nc, nil, err
	}
	if c, err := net.DialTimeout("tcp", n.listen, 300*time.Millisecond); err == nil {
		c.Close()
		fmt.Fprintf(stderr, "dyad: using the NATS server at %s\n", n.listen)
		nc, err := scale.Connect("nats://"+n.listen, name, opts...)
		return nc, nil, err
	}
	srv, err := scale.StartEmbedded(scale.EmbeddedOptions{Dir: n.dir, Listen: n.listen})
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stderr, "dyad: embedded NATS JetStream server at %s (data in %s)\n", srv.ClientURL(), n.dir)
	nc, err := scale.Connect(srv.ClientURL(), name, opts...)
	if err != nil {
		srv.Shutdown()
		return nil, nil, err
	}
	return nc, srv, nil
}

func (n *natsFlags) check() error {
	if n.url == "" {
		return fmt.Errorf("%w: --nats URL is required", errUsage)
	}
	if n.cfg.Replicas < 1 || n.cfg.Replicas > 5 {
		return fmt.Errorf("%w: --nats-replicas %d: want 1 to 5", errUsage, n.cfg.Replicas)
	}
	return nil
}

// closeNATS drains the connection (flushing acknowledgements) and stops
// an embedded server.
func closeNATS(nc *nats.Conn, srv *server.Server) {
	if nc != nil {
		done := make(chan struct{})
		nc.SetClosedHandler(func(*nats.Conn) { close(done) })
		if nc.Drain() == nil {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
			}
		}
		nc.Close()
	}
	if srv != nil {
		srv.Shutdown()
		srv.WaitForShutdown()
	}
}

// ingestNATS is dyad ingest --nats: publish the documents for workers
// instead of coding them here.
func ingestNATS(n *natsFlags, paths []string, ropt read.Options, quiet bool, stdout, stderr io.Writer) error {
	if err := n.check(); err != nil {
		return err
	}
	nc, srv, err := n.connect("dyad ingest", stderr)
	if err != nil {
		return err
	}
	defer closeNATS(nc, srv)
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var mu sync.Mutex
	opt := scale.PublishOptions{Read: ropt, Report: func(err error) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "dyad ingest: %v\n", err)
	}}
	if !quiet && isTerminal(stderr) {
		var last time.Time
		opt.Progress = func(p scale.PublishProgress) {
			if time.Since(last) < 200*time.Millisecond {
				return
			}
			last = time.Now()
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(stderr, "\rdyad ingest: %d documents published, %d of %d files  ", p.Docs, p.FilesDone, p.FilesTotal)
		}
	}
	prog, err := scale.Publish(ctx, js, n.cfg, paths, opt)
	if opt.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if !quiet {
		fmt.Fprintf(stdout, "dyad ingest: %d documents published to stream %s in %.1fs (%.0f documents/s); %d of %d files finished earlier, %d bad; "+
			"workers code them (dyad worker status --nats %s)\n",
			prog.Docs, n.cfg.Stream, prog.Elapsed.Seconds(), float64(prog.Docs)/prog.Elapsed.Seconds(),
			prog.FilesSkipped, prog.FilesTotal, prog.Failed, n.url)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted after %d documents; rerun the same command to go on", prog.Docs)
	}
	if err != nil {
		return err
	}
	if prog.Failed > 0 {
		return fmt.Errorf("%d bad document(s) or input(s) skipped; %d document(s) published", prog.Failed, prog.Docs)
	}
	return nil
}

// cmdWorker codes documents from the NATS JetStream work stream into
// PostgreSQL until SIGTERM or SIGINT:
//
//	dyad worker --nats URL|embedded --postgres DSN [--workers N] [--batch N] [--dict DIR] …
//	dyad worker status --nats URL [--postgres DSN] [--json] [--watch DURATION]
//
// On SIGTERM it fetches nothing more, commits and acknowledges the batch
// in hand (within --drain) and exits 0. See package scale and
// docs/format/nats.md.
func cmdWorker(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "status" {
		return cmdWorkerStatus(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	n := registerNATS(fs)
	dsn := fs.String("postgres", "", "PostgreSQL connection string, e.g. postgres://dyad@db:5432/dyad (tables are created when missing)")
	procs := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded at once in this process")
	batch := fs.Int("batch", 32, "messages fetched and stored per transaction")
	name := fs.String("name", "", "this worker's name in status (default host:pid)")
	drain := fs.Duration("drain", 30*time.Second, "on SIGTERM, time to finish the batch in hand")
	fs.DurationVar(&n.cfg.AckWait, "ack-wait", n.cfg.AckWait, "redeliver a message not acknowledged for this long (a dead worker's)")
	fs.IntVar(&n.cfg.MaxTries, "max-tries", n.cfg.MaxTries, "deliveries of a document before it is dead-lettered")
	fs.IntVar(&n.cfg.MaxAckPending, "max-ack-pending", n.cfg.MaxAckPending, "messages in flight to all workers at once")
	quiet := fs.Bool("quiet", false, "report errors only")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q (documents come from the stream; publish them with dyad ingest --nats)", errUsage, pos[0])
	}
	if err := n.check(); err != nil {
		return err
	}
	if *dsn == "" {
		return fmt.Errorf("%w: --postgres DSN is required", errUsage)
	}
	if *procs < 1 || *batch < 1 || n.cfg.MaxTries < 1 {
		return fmt.Errorf("%w: --workers, --batch and --max-tries must be at least 1", errUsage)
	}
	res, err := c.resources()
	if err != nil {
		return err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	octx, cancel := context.WithTimeout(ctx, time.Minute)
	db, err := postgres.Open(octx, *dsn, &postgres.Options{MaxConns: int32(*procs + 2)})
	cancel()
	if err != nil {
		return err
	}
	defer db.Close()
	nc, srv, err := n.connect("dyad worker", stderr)
	if err != nil {
		return err
	}
	defer closeNATS(nc, srv)
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	logf := func(format string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "dyad worker: "+format+"\n", a...)
	}
	w, err := scale.NewWorker(js, scale.WorkerOptions{
		Config: n.cfg, Pipeline: p, Store: db, Name: *name, Procs: *procs, Batch: *batch, Drain: *drain,
		Report: func(err error) { logf("%v", err) },
	})
	if err != nil {
		return err
	}
	if !*quiet {
		logf("%s: coding from stream %s at %s into PostgreSQL (%d at once); SIGTERM stops it cleanly", w.Status().Name, n.cfg.Stream, nc.ConnectedUrlRedacted(), *procs)
		go func() {
			t := time.NewTicker(30 * time.Second)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					s := w.Status()
					logf("%d documents stored (%.1f/s over the last minute), %d stored before, %d dead-lettered", s.Docs, s.Rate, s.Skipped, s.Dead)
				}
			}
		}()
	}
	err = w.Run(ctx)
	s := w.Status()
	if !*quiet {
		fmt.Fprintf(stdout, "dyad worker: %d documents stored (%d events) in %d batches, %.1f documents/s; %d stored before, %d retries, %d handed back, %d dead-lettered\n",
			s.Docs, s.Events, s.Batches, s.DocsPerSec(), s.Skipped, s.Retries, s.Naks, s.Dead)
	}
	return err
}

// cmdWorkerStatus prints the queue, the dead letters, the workers' counters
// and (with --postgres) what the store holds.
func cmdWorkerStatus(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("worker status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := registerNATS(fs)
	dsn := fs.String("postgres", "", "also count what the PostgreSQL store holds")
	wait := fs.Duration("wait", time.Second, "how long to collect the workers' answers")
	watch := fs.Duration("watch", 0, "print again at this interval until interrupted")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if err := n.check(); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	nc, srv, err := n.connect("dyad worker status", stderr)
	if err != nil {
		return err
	}
	defer closeNATS(nc, srv)
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	var db *postgres.DB
	if *dsn != "" {
		if db, err = postgres.Open(ctx, *dsn, &postgres.Options{MustExist: true, MaxConns: 2}); err != nil {
			return err
		}
		defer db.Close()
	}
	for {
		qctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		st, err := scale.GetStatus(qctx, js, n.cfg, *wait)
		cancel()
		if err != nil {
			return err
		}
		var stats any
		if db != nil {
			s, err := db.Stats(ctx)
			if err != nil {
				return err
			}
			stats = s
		}
		if *asJSON {
			json.NewEncoder(stdout).Encode(struct {
				*scale.Status
				Done  bool `json:"done"`
				Store any  `json:"store,omitempty"`
			}{st, st.Done(), stats})
		} else {
			fmt.Fprintf(stdout, "%s\n", time.Now().Format(time.RFC3339))
			if err := st.Format(stdout); err != nil {
				return err
			}
			if db != nil {
				fmt.Fprintf(stdout, "store: %+v\n", stats)
			}
		}
		if *watch <= 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*watch):
		}
	}
}
