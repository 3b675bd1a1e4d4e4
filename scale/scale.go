// Package scale spreads coding over many processes and machines with NATS
// JetStream: a producer publishes documents to a work-queue stream, and any
// number of workers take them, code them and write them to one store
// (store/postgres), so that a GDELT-sized backfill is limited by the number
// of cores, not by one machine. The queue is JetStream's (replicated,
// durable, with acknowledgements, redelivery and limits), not a home-made
// one. The subjects, stream and consumer are documented in
// docs/format/nats.md.
//
// # Delivery
//
// Delivery is at least once, storage exactly once. A worker fetches a
// batch of messages, skips the documents already stored (store.Key), codes
// the rest, writes the batch in one store transaction, and acknowledges the
// messages only after the commit. A worker killed at any point (kill -9
// included) leaves its unacknowledged messages to be delivered again after
// the consumer's AckWait; the store's dedupe keys (the article's content
// key; the event signature) make the second delivery change nothing. A
// store that writes the first mention of an event by input order
// (store/postgres, given the producer's sequence numbers) ends with the same
// rows whatever the number of workers, the order they commit in, and the
// deliveries repeated.
//
// # Limits and failures
//
//   - Back-pressure: the stream holds at most Config.MaxQueued messages and
//     refuses more (DiscardNew): the producer waits and retries. Workers hold
//     at most Config.MaxAckPending unacknowledged messages between them.
//   - Retries: a store error that Store.Retryable calls transient (a lost
//     connection, a deadlock victim) is retried in place, with backoff, while
//     the worker tells JetStream it is still working on the messages. Any
//     other failure of a batch is retried one document at a time; a document
//     that fails alone is handed back (Nak) with a growing delay.
//   - Dead letters: a document delivered more than Config.MaxTries times
//     (it failed, or it killed the workers that took it), or a message that
//     cannot be decoded, is published to the dead-letter stream
//     (subject PREFIX.dead.work.doc, with the reason in header Dyad-Error)
//     and terminated, so it stops blocking the queue. Status counts them.
//   - Shutdown: a worker whose context ends (SIGTERM) fetches nothing more,
//     finishes and commits the batch in hand, acknowledges it and returns.
//
// One machine needs no NATS installation: StartEmbedded runs a JetStream
// server inside dyad (`dyad worker --nats embedded`).
package scale

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"dyad/store"
)

// Config names the JetStream resources dyad uses and sets their limits.
// Producers and workers of one deployment must agree on the names; the
// zero value of each field takes the default of DefaultConfig.
type Config struct {
	// Prefix begins every subject: PREFIX.work.doc, PREFIX.work.input,
	// PREFIX.work.fail (the queue), PREFIX.dead.work.… (dead letters),
	// PREFIX.status (worker status requests). Default "dyad".
	Prefix string
	// Stream is the work-queue stream. Default "DYAD".
	Stream string
	// DeadStream keeps dead letters. Default "DYAD_DEAD".
	DeadStream string
	// Consumer is the durable pull consumer the workers share. Default
	// "workers".
	Consumer string
	// Inputs is the key-value bucket where producers record the files
	// they published to the end. Default "DYAD_INPUTS".
	Inputs string
	// Replicas of the streams and bucket when they are created: 1 for one
	// server, 3 for a cluster. Default 1.
	Replicas int
	// MaxQueued caps the messages waiting in the stream; producers wait
	// while it is full. Default 1,000,000.
	MaxQueued int64
	// MaxAckPending caps the messages delivered to workers and not yet
	// acknowledged. Default 4096.
	MaxAckPending int
	// AckWait is how long a delivered message may go without an
	// acknowledgement (or a progress signal) before it is delivered again.
	// Default 60 s.
	AckWait time.Duration
	// MaxTries is how many deliveries a document gets before it is
	// dead-lettered. Default 5.
	MaxTries int
	// Duplicates is the stream's window for dropping a republished
	// message (same Nats-Msg-Id). Default 2 minutes.
	Duplicates time.Duration
}

// DefaultConfig returns the default names and limits.
func DefaultConfig() Config {
	return Config{
		Prefix:        "dyad",
		Stream:        "DYAD",
		DeadStream:    "DYAD_DEAD",
		Consumer:      "workers",
		Inputs:        "DYAD_INPUTS",
		Replicas:      1,
		MaxQueued:     1_000_000,
		MaxAckPending: 4096,
		AckWait:       60 * time.Second,
		MaxTries:      5,
		Duplicates:    2 * time.Minute,
	}
}

// withDefaults fills the zero fields of c from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.Prefix == "" {
		c.Prefix = d.Prefix
	}
	if c.Stream == "" {
		c.Stream = d.Stream
	}
	if c.DeadStream == "" {
		c.DeadStream = d.DeadStream
	}
	if c.Consumer == "" {
		c.Consumer = d.Consumer
	}
	if c.Inputs == "" {
		c.Inputs = d.Inputs
	}
	if c.Replicas <= 0 {
		c.Replicas = d.Replicas
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = d.MaxQueued
	}
	if c.MaxAckPending <= 0 {
		c.MaxAckPending = d.MaxAckPending
	}
	if c.AckWait <= 0 {
		c.AckWait = d.AckWait
	}
	if c.MaxTries <= 0 {
		c.MaxTries = d.MaxTries
	}
	if c.Duplicates <= 0 {
		c.Duplicates = d.Duplicates
	}
	return c
}

// The subjects.
func (c Config) docSubject() string    { return c.Prefix + ".work.doc" }
func (c Config) inputSubject() string  { return c.Prefix + ".work.input" }
func (c Config) failSubject() string   { return c.Prefix + ".work.fail" }
func (c Config) workSubjects() string  { return c.Prefix + ".work.>" }
func (c Config) deadSubjects() string  { return c.Prefix + ".dead.>" }
func (c Config) statusSubject() string { return c.Prefix + ".status" }

// deadSubject is the dead-letter subject of a work subject:
// dyad.work.doc → dyad.dead.work.doc.
func (c Config) deadSubject(work string) string {
	return c.Prefix + ".dead" + work[len(c.Prefix):]
}

// StreamConfig returns the work stream's configuration.
func (c Config) StreamConfig() jetstream.StreamConfig {
	c = c.withDefaults()
	return jetstream.StreamConfig{
		Name:        c.Stream,
		Description: "dyad: documents to code (work queue)",
		Subjects:    []string{c.workSubjects()},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    c.Replicas,
		Discard:     jetstream.DiscardNew,
		MaxMsgs:     c.MaxQueued,
		Duplicates:  c.Duplicates,
	}
}

// DeadStreamConfig returns the dead-letter stream's configuration.
func (c Config) DeadStreamConfig() jetstream.StreamConfig {
	c = c.withDefaults()
	return jetstream.StreamConfig{
		Name:        c.DeadStream,
		Description: "dyad: documents that failed repeatedly",
		Subjects:    []string{c.deadSubjects()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    c.Replicas,
		Duplicates:  c.Duplicates,
	}
}

// ConsumerConfig returns the workers' consumer's configuration. MaxDeliver
// is one more than MaxTries, so that the delivery after the last try
// reaches a worker, which dead-letters it.
func (c Config) ConsumerConfig() jetstream.ConsumerConfig {
	c = c.withDefaults()
	return jetstream.ConsumerConfig{
		Durable:       c.Consumer,
		Description:   "dyad workers",
		FilterSubject: c.workSubjects(),
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.AckWait,
		MaxDeliver:    c.MaxTries + 1,
		MaxAckPending: c.MaxAckPending,
		MaxWaiting:    4096,
	}
}

// KVConfig returns the configuration of the producers' progress bucket.
func (c Config) KVConfig() jetstream.KeyValueConfig {
	c = c.withDefaults()
	return jetstream.KeyValueConfig{
		Bucket:      c.Inputs,
		Description: "dyad: input files published to the end",
		Storage:     jetstream.FileStorage,
		Replicas:    c.Replicas,
	}
}

// callTimeout bounds one JetStream API call. JetStream calls wait for a
// meta leader (a cluster starting or failing over): each is given this
// long and retried (see retry).
const callTimeout = 5 * time.Second

// permanent reports whether a JetStream error will not go away by
// retrying: a request the server refused as bad.
func permanent(err error) bool {
	var je jetstream.JetStreamError
	if errors.As(err, &je) && je.APIError() != nil {
		c := je.APIError().Code
		return c == 400 || c == 404
	}
	return errors.Is(err, nats.ErrBadSubject) || errors.Is(err, nats.ErrConnectionClosed) ||
		errors.Is(err, jetstream.ErrInvalidStreamName) || errors.Is(err, jetstream.ErrInvalidConsumerName)
}

// retry calls fn with a per-call timeout until it succeeds, fails
// permanently, or ctx ends.
func retry(ctx context.Context, fn func(ctx context.Context) error) error {
	wait := 100 * time.Millisecond
	for {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		err := fn(cctx)
		cancel()
		if err == nil || permanent(err) {
			return err
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}

// ensureStream finds the stream, creating it when missing. An existing
// stream's configuration is left as the operator set it.
func ensureStream(ctx context.Context, js jetstream.JetStream, cfg jetstream.StreamConfig) error {
	return retry(ctx, func(ctx context.Context) error {
		_, err := js.Stream(ctx, cfg.Name)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			_, err = js.CreateStream(ctx, cfg)
			if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				err = nil
			}
		}
		return err
	})
}

// Setup creates the streams, the consumer and the bucket of c where they
// are missing (an existing stream is left as it is; the consumer is
// updated to c). Producers and workers call it; it is safe to call from
// many processes at once, and waits (up to ctx) for a cluster to elect its
// leaders.
func Setup(ctx context.Context, js jetstream.JetStream, c Config) error {
	c = c.withDefaults()
	if err := ensureStream(ctx, js, c.StreamConfig()); err != nil {
		return fmt.Errorf("scale: stream %s: %w", c.Stream, err)
	}
	if err := ensureStream(ctx, js, c.DeadStreamConfig()); err != nil {
		return fmt.Errorf("scale: stream %s: %w", c.DeadStream, err)
	}
	err := retry(ctx, func(ctx context.Context) error {
		_, err := js.CreateOrUpdateConsumer(ctx, c.Stream, c.ConsumerConfig())
		return err
	})
	if err != nil {
		return fmt.Errorf("scale: consumer %s: %w", c.Consumer, err)
	}
	if _, err := inputsKV(ctx, js, c); err != nil {
		return err
	}
	return nil
}

// inputsKV opens (or creates) the producers' progress bucket.
func inputsKV(ctx context.Context, js jetstream.JetStream, c Config) (jetstream.KeyValue, error) {
	var kv jetstream.KeyValue
	err := retry(ctx, func(ctx context.Context) error {
		var err error
		kv, err = js.KeyValue(ctx, c.Inputs)
		if errors.Is(err, jetstream.ErrBucketNotFound) {
			kv, err = js.CreateKeyValue(ctx, c.KVConfig())
			if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) || errors.Is(err, jetstream.ErrBucketExists) {
				kv, err = js.KeyValue(ctx, c.Inputs)
			}
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("scale: bucket %s: %w", c.Inputs, err)
	}
	return kv, nil
}

// Message headers.
const (
	// HeaderError is a dead letter's reason.
	HeaderError = "Dyad-Error"
	// HeaderDeliveries is how many times a dead letter was delivered.
	HeaderDeliveries = "Dyad-Deliveries"
	// HeaderSubject and HeaderSequence are a dead letter's original
	// subject and stream sequence.
	HeaderSubject  = "Dyad-Subject"
	HeaderSequence = "Dyad-Sequence"
)

// Document is the body of a PREFIX.work.doc message (JSON): an article as
// read, before coding, and its input-order number.
type Document struct {
	ID     string `json:"id"`
	Date   string `json:"date,omitempty"` // RFC 3339; absent when unknown
	Title  string `json:"title,omitempty"`
	Source string `json:"source,omitempty"`
	Line   int    `json:"line,omitempty"`
	Text   string `json:"text"`
	// Seq orders the documents as the producer read them: the Unix time
	// in nanoseconds at which its run started plus the document's index
	// in the run (see store/postgres, articles.seq).
	Seq int64 `json:"seq"`
}

// Input is the body of a PREFIX.work.input message: a file the producer
// published to the end (store.Input).
type Input struct {
	Path  string `json:"path"`
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"` // Unix nanoseconds
}

// Failure is the body of a PREFIX.work.fail message: a document the
// producer could not read (store.Failure).
type Failure struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason"`
}

func (in Input) store() store.Input {
	return store.Input{Path: in.Path, Size: in.Size, ModTime: time.Unix(0, in.MTime)}
}

// inputKey is the bucket key and message id of an input file.
func inputKey(in store.Input) string {
	h := sha256.Sum256([]byte(in.Path + "\x00" + strconv.FormatInt(in.Size, 10) + "\x00" + strconv.FormatInt(in.ModTime.UnixNano(), 10)))
	return hex.EncodeToString(h[:16])
}

func failureKey(f Failure) string {
	h := sha256.Sum256([]byte(f.File + "\x00" + strconv.Itoa(f.Line) + "\x00" + f.Reason))
	return hex.EncodeToString(h[:16])
}
