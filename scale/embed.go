package scale

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedOptions configure an embedded NATS server.
type EmbeddedOptions struct {
	// Dir keeps the JetStream data (default "dyad-nats"): the queue
	// survives a restart of the process.
	Dir string
	// Listen is the client address (default "127.0.0.1:4222"; port 0 picks
	// a free one). Other dyad processes on the machine connect to it.
	Listen string
	// Name is the server's name (default "dyad").
	Name string
}

// StartEmbedded starts a single NATS server with JetStream inside this
// process, so that one machine needs no NATS installation. It returns once
// the server accepts connections; connect to s.ClientURL() and stop it
// with Shutdown (and WaitForShutdown).
func StartEmbedded(opt EmbeddedOptions) (*server.Server, error) {
	if opt.Dir == "" {
		opt.Dir = "dyad-nats"
	}
	if opt.Listen == "" {
		opt.Listen = "127.0.0.1:4222"
	}
	if opt.Name == "" {
		opt.Name = "dyad"
	}
	host, port, err := net.SplitHostPort(opt.Listen)
	if err != nil {
		return nil, fmt.Errorf("scale: listen address %q: %w", opt.Listen, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return nil, fmt.Errorf("scale: listen address %q: bad port", opt.Listen)
	}
	if p == 0 {
		p = server.RANDOM_PORT
	}
	s, err := server.NewServer(&server.Options{
		ServerName: opt.Name,
		Host:       host,
		Port:       p,
		JetStream:  true,
		StoreDir:   opt.Dir,
		MaxPayload: 8 << 20, // long articles fit in one message
		NoSigs:     true,
		NoLog:      true,
	})
	if err != nil {
		return nil, fmt.Errorf("scale: embedded NATS server: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		return nil, errors.New("scale: embedded NATS server did not start (is the address in use? then connect to the server there)")
	}
	return s, nil
}
