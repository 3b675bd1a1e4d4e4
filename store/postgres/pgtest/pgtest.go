// Package pgtest runs a throwaway PostgreSQL server for tests: Debian's
// postgresql (initdb, pg_ctl), in a temporary directory, on a free loopback
// port, as an unprivileged user when the tests run as root, with durability
// turned off (fsync, synchronous_commit) since nothing outlives the tests.
//
// A test package starts one server for all its tests from TestMain and
// gives each test a database of its own:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		dsn := pgtest.DB(t) // skips the test when PostgreSQL is not installed
//		db, err := postgres.Open(ctx, dsn, nil)
//		…
//	}
//
// PostgreSQL is looked for in $DYAD_PG_BIN, /usr/lib/postgresql/*/bin and
// $PATH; scripts/ci-postgres.sh installs it.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNotInstalled is returned by Start when no PostgreSQL server binaries
// are found.
var ErrNotInstalled = errors.New("pgtest: PostgreSQL is not installed (run scripts/ci-postgres.sh, or apt-get install postgresql)")

// Server is a running throwaway PostgreSQL server.
type Server struct {
	Dir  string // data and socket directory
	Port int
	bin  string
	cred *syscall.Credential

	mu sync.Mutex
	n  int // databases made
}

// FindBin returns the directory of initdb and pg_ctl.
func FindBin() (string, error) {
	if d := os.Getenv("DYAD_PG_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(m, func(i, j int) bool { return version(m[i]) > version(m[j]) })
	if len(m) > 0 {
		return filepath.Dir(m[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start creates and starts a server. Stop it with Stop.
func Start() (*Server, error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	base := ""
	if os.Geteuid() == 0 && !traversable(os.TempDir()) {
		base = "/tmp" // the server runs as nobody, who must reach its directory
	}
	dir, err := os.MkdirTemp(base, "dyad-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, bin: bin}
	if os.Geteuid() == 0 { // initdb refuses root
		uid, gid := 65534, 65534
		if u, err := user.Lookup("nobody"); err == nil {
			uid, _ = strconv.Atoi(u.Uid)
			gid, _ = strconv.Atoi(u.Gid)
		}
		s.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if out, err := s.cmd("initdb", "-D", s.data(), "-U", "dyad", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	var lastErr error
	for try := 0; try < 3; try++ {
		if s.Port, err = freePort(); err != nil {
			return nil, err
		}
		opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB", s.Port, dir)
		out, err := s.cmd("pg_ctl", "start", "-w", "-t", "60", "-D", s.data(), "-l", filepath.Join(dir, "log"), "-o", opts).CombinedOutput()
		if err == nil {
			return s, nil
		}
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		lastErr = fmt.Errorf("pgtest: pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// traversable reports whether every directory from / to dir may be
// entered by other users.
func traversable(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

func (s *Server) data() string { return filepath.Join(s.Dir, "data") }

func (s *Server) cmd(name string, args ...string) *exec.Cmd {
	c := exec.Command(filepath.Join(s.bin, name), args...)
	c.Dir = s.Dir
	c.Env = append(os.Environ(), "LC_ALL=C")
	if s.cred != nil {
		c.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return c
}

// Stop stops the server and removes its files.
func (s *Server) Stop() error {
	out, err := s.cmd("pg_ctl", "stop", "-w", "-m", "immediate", "-D", s.data()).CombinedOutput()
	os.RemoveAll(s.Dir)
	if err != nil {
		return fmt.Errorf("pgtest: pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// DSN returns the connection string of database name.
func (s *Server) DSN(name string) string {
	return fmt.Sprintf("postgres://dyad@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

var nonName = regexp.MustCompile(`[^a-z0-9_]+`)

// CreateDB creates a new, empty database with a name made from hint and
// returns its DSN.
func (s *Server) CreateDB(ctx context.Context, hint string) (string, error) {
	s.mu.Lock()
	s.n++
	n := s.n
	s.mu.Unlock()
	name := nonName.ReplaceAllString(strings.ToLower(hint), "_")
	if len(name) > 40 {
		name = name[:40]
	}
	name = fmt.Sprintf("t%d_%s", n, name)
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	return s.DSN(name), nil
}

var (
	shared    *Server
	sharedErr error
	once      sync.Once
)

// Shared returns the package's server, starting it on first use.
func Shared() (*Server, error) {
	once.Do(func() { shared, sharedErr = Start() })
	return shared, sharedErr
}

// Main runs the tests, then stops the shared server if they started it.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		if err := shared.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	return code
}

// DB returns the DSN of a new database on the shared server. It skips the
// test when PostgreSQL is not installed, and fails it when the server does
// not start.
func DB(t testing.TB) string {
	t.Helper()
	s, err := Shared()
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn, err := s.CreateDB(ctx, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// Querier is what Snapshot reads through (a *pgxpool.Pool or *pgx.Conn).
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// Snapshot lists what a store/postgres database holds in the form of
// storetest.Snapshot (the same rows, formatted alike, without row ids and
// times, sorted), so that a PostgreSQL store can be compared row by row
// with an SQLite store filled from the same documents.
func Snapshot(ctx context.Context, db Querier) ([]string, error) {
	var out []string
	for _, q := range []string{
		`SELECT 'article', key, doc_id, coalesce(date,''), source, line, sentences, events FROM articles`,
		`SELECT 'fts', count(*), '', '', '', '', '', '' FROM articles WHERE fts @@ to_tsquery('simple', 'the | attacked | praised | story | text | feed')`,
		`SELECT 'sentence', a.key, s.idx, s.byte_start, s.byte_end, s.para, '', '' FROM sentences s JOIN articles a ON a.id = s.article_id`,
		`SELECT 'actor', a.key, x.idx, x.byte_start, x.code, x.text, x.rule, '' FROM actors x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'quote', a.key, x.byte_start, x.text, coalesce(x.speaker_code,''), '', '', '' FROM quotes x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'place', a.key, x.byte_start, x.name, x.country, '', '', '' FROM places x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'event', sig, num_mentions, num_articles, num_sources, is_root, cameo, coalesce(src_name,'') FROM events`,
		`SELECT 'mention', a.key, m.ord, e.sig, m.sentence, m.verb_start, m.evidence, m.outlet
		 FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id`,
		`SELECT 'input', path, size, mtime, '', '', '', '' FROM ingest_inputs`,
		`SELECT 'failure', file, line, reason, '', '', '', '' FROM ingest_failures`,
	} {
		rows, err := db.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			v, err := rows.Values()
			if err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprint(v...))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}
