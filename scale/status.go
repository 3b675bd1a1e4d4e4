package scale

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of a deployment: the queue, the dead letters and the
// workers that answered.
type Status struct {
	Stream    string `json:"stream"`
	Published uint64 `json:"published"` // messages ever published (the stream's last sequence)
	Queued    uint64 `json:"queued"`    // messages in the stream: not yet stored
	Bytes     uint64 `json:"bytes"`
	Pending   uint64 `json:"pending"`     // not yet delivered to a worker
	InFlight  int    `json:"in_flight"`   // delivered, not yet acknowledged
	Redeliver int    `json:"redelivered"` // delivered more than once, not yet acknowledged
	Waiting   int    `json:"waiting"`     // workers' open fetch requests
	Dead      uint64 `json:"dead"`        // dead letters kept
	Files     uint64 `json:"files"`       // input files published to the end
	Cluster   string `json:"cluster,omitempty"`
	Leader    string `json:"leader,omitempty"`
	Replicas  int    `json:"replicas"`

	Workers []WorkerStatus `json:"workers"`
}

// Done reports whether every published message was stored (or
// dead-lettered).
func (s *Status) Done() bool { return s.Queued == 0 && s.Pending == 0 && s.InFlight == 0 }

// GetStatus reads the stream, consumer and bucket of c and asks the
// workers for their counters, collecting answers for wait.
func GetStatus(ctx context.Context, js jetstream.JetStream, c Config, wait time.Duration) (*Status, error) {
	c = c.withDefaults()
	s := &Status{Stream: c.Stream}
	// ask the workers first; read the stream while they answer
	nc := js.Conn()
	inbox := nc.NewRespInbox()
	sub, err := nc.SubscribeSync(inbox)
	if err != nil {
		return nil, err
	}
	defer sub.Unsubscribe()
	if err := nc.PublishRequest(c.statusSubject(), inbox, nil); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)

	err = retry(ctx, func(ctx context.Context) error {
		st, err := js.Stream(ctx, c.Stream)
		if err != nil {
			return err
		}
		info, err := st.Info(ctx)
		if err != nil {
			return err
		}
		s.Published, s.Queued, s.Bytes = info.State.LastSeq, info.State.Msgs, info.State.Bytes
		s.Replicas = info.Config.Replicas
		if info.Cluster != nil {
			s.Cluster, s.Leader = info.Cluster.Name, info.Cluster.Leader
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scale: stream %s: %w", c.Stream, err)
	}
	err = retry(ctx, func(ctx context.Context) error {
		cons, err := js.Consumer(ctx, c.Stream, c.Consumer)
		if err != nil {
			return err
		}
		info, err := cons.Info(ctx)
		if err != nil {
			return err
		}
		s.Pending, s.InFlight, s.Redeliver, s.Waiting = info.NumPending, info.NumAckPending, info.NumRedelivered, info.NumWaiting
		return nil
	})
	if err != nil && !strings.Contains(err.Error(), "not found") {
		return nil, fmt.Errorf("scale: consumer %s: %w", c.Consumer, err)
	}
	retry(ctx, func(ctx context.Context) error {
		st, err := js.Stream(ctx, c.DeadStream)
		if err != nil {
			return err
		}
		info, err := st.Info(ctx)
		if err == nil {
			s.Dead = info.State.Msgs
		}
		return err
	})
	retry(ctx, func(ctx context.Context) error {
		kv, err := js.KeyValue(ctx, c.Inputs)
		if err != nil {
			return err
		}
		st, err := kv.Status(ctx)
		if err == nil {
			s.Files = st.Values()
		}
		return err
	})

	for {
		d := time.Until(deadline)
		if d <= 0 {
			break
		}
		m, err := sub.NextMsg(d)
		if err != nil {
			break
		}
		var ws WorkerStatus
		if json.Unmarshal(m.Data, &ws) == nil {
			s.Workers = append(s.Workers, ws)
		}
	}
	slices.SortFunc(s.Workers, func(a, b WorkerStatus) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

// Format writes the status for people.
func (s *Status) Format(w io.Writer) error {
	fmt.Fprintf(w, "stream %s", s.Stream)
	if s.Cluster != "" {
		fmt.Fprintf(w, " (cluster %s, leader %s, %d replicas)", s.Cluster, s.Leader, s.Replicas)
	}
	fmt.Fprintf(w, "\n  published  %d messages, %d input files to the end\n", s.Published, s.Files)
	fmt.Fprintf(w, "  queued     %d messages (%d bytes): %d waiting for a worker, %d in flight (%d redelivered)\n",
		s.Queued, s.Bytes, s.Pending, s.InFlight, s.Redeliver)
	fmt.Fprintf(w, "  dead       %d messages\n", s.Dead)
	if s.Done() {
		fmt.Fprintln(w, "  done: every published message is stored")
	}
	fmt.Fprintf(w, "workers: %d answered\n", len(s.Workers))
	if len(s.Workers) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "name\tup\tdocs\tdocs/s (last min)\tskipped\tevents\tretries\tnaks\tdead\tin flight\t")
	var total WorkerStatus
	var rate float64
	for _, ws := range s.Workers {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t\n", ws.Name, ws.Now.Sub(ws.Started).Round(time.Second),
			ws.Docs, ws.Rate, ws.Skipped, ws.Events, ws.Retries, ws.Naks, ws.Dead, ws.InFlight)
		total.Docs += ws.Docs
		total.Skipped += ws.Skipped
		total.Events += ws.Events
		total.Retries += ws.Retries
		total.Naks += ws.Naks
		total.Dead += ws.Dead
		total.InFlight += ws.InFlight
		rate += ws.Rate
	}
	if len(s.Workers) > 1 {
		fmt.Fprintf(tw, "all\t\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t\n", total.Docs, rate, total.Skipped, total.Events,
			total.Retries, total.Naks, total.Dead, total.InFlight)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, ws := range s.Workers {
		if ws.LastError != "" {
			fmt.Fprintf(w, "%s: last error: %s\n", ws.Name, ws.LastError)
		}
	}
	return nil
}

// Connect connects to NATS for producers, workers and status: url is one
// server or a comma-separated list of a cluster's; the connection
// reconnects for ever (to any server of the cluster) after it is lost.
func Connect(url, name string, opts ...nats.Option) (*nats.Conn, error) {
	opts = append([]nats.Option{nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(250 * time.Millisecond)}, opts...)
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("scale: connect to %s: %w", url, err)
	}
	return nc, nil
}
