// Package scaletest runs NATS JetStream servers inside a test process: one
// server, or a cluster of several that elect leaders, replicate streams and
// survive the loss of a node, as a real deployment does.
package scaletest

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Cluster is a set of JetStream servers routed to each other.
type Cluster struct {
	Servers []*server.Server
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func options(name, dir string) *server.Options {
	return &server.Options{
		ServerName:         name,
		Host:               "127.0.0.1",
		Port:               server.RANDOM_PORT,
		JetStream:          true,
		StoreDir:           dir,
		JetStreamMaxMemory: 256 << 20,
		JetStreamMaxStore:  4 << 30,
		MaxPayload:         8 << 20,
		NoLog:              true,
		NoSigs:             true,
	}
}

func start(opts *server.Options) (*server.Server, error) {
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, err
	}
	go s.Start()
	if !s.ReadyForConnections(20 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("scaletest: server %s did not start", opts.ServerName)
	}
	return s, nil
}

// Single starts one JetStream server, shut down when the test ends.
func Single(t testing.TB) *Cluster {
	t.Helper()
	s, err := start(options("single", filepath.Join(t.TempDir(), "nats")))
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{Servers: []*server.Server{s}}
	t.Cleanup(c.Shutdown)
	return c
}

// Start starts a cluster of n JetStream servers and waits until it has
// elected a meta leader. It is shut down when the test ends.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	dir := t.TempDir()
	ports := make([]int, n)
	for i := range ports {
		p, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = p
	}
	c := &Cluster{}
	t.Cleanup(c.Shutdown)
	for i := range n {
		o := options(fmt.Sprintf("n%d", i+1), filepath.Join(dir, fmt.Sprintf("n%d", i+1)))
		o.Cluster = server.ClusterOpts{Name: "dyad-test", Host: "127.0.0.1", Port: ports[i]}
		for j, p := range ports {
			if j != i {
				o.Routes = append(o.Routes, &url.URL{Scheme: "nats-route", Host: fmt.Sprintf("127.0.0.1:%d", p)})
			}
		}
		s, err := start(o)
		if err != nil {
			t.Fatal(err)
		}
		c.Servers = append(c.Servers, s)
	}
	// Wait for a meta leader that knows every node as a JetStream peer:
	// before that, placing a stream with n replicas fails ("no suitable
	// peers for placement").
	deadline := time.Now().Add(30 * time.Second)
	for l := c.MetaLeader(); l == nil || len(l.JetStreamClusterPeers()) < n || !l.JetStreamIsCurrent(); l = c.MetaLeader() {
		if time.Now().After(deadline) {
			t.Fatalf("scaletest: the cluster had no JetStream meta leader with %d current peers in 30 s", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return c
}

// URL returns the client URLs of the running servers, comma-separated.
func (c *Cluster) URL() string {
	var urls []string
	for _, s := range c.Servers {
		if s.Running() {
			urls = append(urls, s.ClientURL())
		}
	}
	return strings.Join(urls, ",")
}

// MetaLeader returns the server that leads the JetStream meta group, or
// nil while there is none.
func (c *Cluster) MetaLeader() *server.Server {
	for _, s := range c.Servers {
		if s.Running() && s.JetStreamIsLeader() {
			return s
		}
	}
	return nil
}

// Server returns the running server named name, or nil.
func (c *Cluster) Server(name string) *server.Server {
	for _, s := range c.Servers {
		if s.Running() && s.Name() == name {
			return s
		}
	}
	return nil
}

// Shutdown stops every server.
func (c *Cluster) Shutdown() {
	for _, s := range c.Servers {
		s.Shutdown()
	}
	for _, s := range c.Servers {
		s.WaitForShutdown()
	}
}
