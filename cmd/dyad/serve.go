package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"dyad/pipeline"
	"dyad/server"
	"dyad/store/sqlite"
)

const serveUsage = `dyad serve [--db FILE] [--addr 127.0.0.1:8080] [--writable] [flags]

Serves the JSON API (/api/v1/…, described at /api/v1/openapi.json) and the web
explorer (timeline, actor network, map, article view, code a text) over a
store made by dyad ingest. It binds to loopback and only reads the store
unless told otherwise. Stop it with Ctrl-C (SIGINT) or SIGTERM.

`

// cmdServe runs the API and web explorer until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage); fs.PrintDefaults() }
	var c common
	c.register(fs)
	dbPath := fs.String("db", defaultDB, "database file (made by dyad ingest)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; a non-loopback host exposes the server)")
	writable := fs.Bool("writable", false, "let POST /api/v1/code?store=true and the code page store documents")
	timeout := fs.Duration("query-timeout", 10*time.Second, "longest store query of one request")
	maxPage := fs.Int("max-page", 1000, "largest page of events")
	maxCode := fs.Int("max-code-bytes", 256<<10, "largest document to code")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if *timeout <= 0 || *maxPage < 1 || *maxCode < 1 {
		return fmt.Errorf("%w: --query-timeout, --max-page and --max-code-bytes must be positive", errUsage)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("%w: --addr %q: %v", errUsage, *addr, err)
	}
	var db *sqlite.DB
	if *writable {
		db, err = sqlite.Open(*dbPath, &sqlite.Options{MustExist: true})
	} else {
		db, err = sqlite.OpenReadOnly(*dbPath)
	}
	if err != nil {
		return fmt.Errorf("%v (run dyad ingest --db %s first)", err, *dbPath)
	}
	defer db.Close()
	srv, err := server.New(db, server.Options{
		MaxPageSize:  *maxPage,
		QueryTimeout: *timeout,
		MaxCodeBytes: *maxCode,
		Writable:     *writable,
		Resources:    func() (*pipeline.Resources, error) { return c.resources() },
		Logf:         func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) },
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      *timeout + time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	// catch the signals before saying where the server is, so that a
	// signal sent once the address is out stops it cleanly
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	mode := "read-only"
	if *writable {
		mode = "writable"
	}
	fmt.Fprintf(stdout, "dyad serve: http://%s/ (%s, database %s)\n", ln.Addr(), mode, *dbPath)
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "dyad serve: warning: listening on %s, not on loopback: other machines can reach the server\n", host)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "dyad serve: stopped")
	return nil
}
