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
	"dyad/store/postgres"
	"dyad/store/sqlite"
)

const serveUsage = `dyad serve [--db FILE | --postgres DSN] [--addr 127.0.0.1:8080] [--writable] [flags]

Serves the JSON API (/api/v1/…, described at /api/v1/openapi.json) and the web
explorer (timeline, actor network, map, article view, code a text) over a
store made by dyad ingest, or over the PostgreSQL store that dyad workers
write (--postgres). It binds to loopback and only reads the store unless
told otherwise. Stop it with Ctrl-C (SIGINT) or SIGTERM.

`

// cmdServe runs the API and web explorer until SIGINT or SIGTERM.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage); fs.PrintDefaults() }
	var c common
	c.register(fs)
	dbPath := fs.String("db", defaultDB, "database file (made by dyad ingest)")
	dsn := fs.String("postgres", "", "serve from this PostgreSQL store instead of --db, e.g. postgres://dyad@db:5432/dyad (made by dyad worker)")
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
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	if dbSet && *dsn != "" {
		return fmt.Errorf("%w: --db and --postgres are mutually exclusive", errUsage)
	}
	var db server.Store
	where := "database " + *dbPath
	if *dsn != "" {
		var pg *postgres.DB
		octx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if *writable {
			pg, err = postgres.Open(octx, *dsn, &postgres.Options{MustExist: true})
		} else {
			pg, err = postgres.OpenReadOnly(octx, *dsn)
		}
		cancel()
		if err != nil {
			return err
		}
		defer pg.Close()
		cc := pg.Pool().Config().ConnConfig
		where = fmt.Sprintf("PostgreSQL %s:%d/%s", cc.Host, cc.Port, cc.Database)
		db = pg
	} else {
		var lite *sqlite.DB
		if *writable {
			lite, err = sqlite.Open(*dbPath, &sqlite.Options{MustExist: true})
		} else {
			lite, err = sqlite.OpenReadOnly(*dbPath)
		}
		if err != nil {
			return fmt.Errorf("%v (run dyad ingest --db %s first)", err, *dbPath)
		}
		defer lite.Close()
		db = lite
	}
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
	fmt.Fprintf(stdout, "dyad serve: http://%s/ (%s, %s)\n", ln.Addr(), mode, where)
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
