package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeUsage(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--db", missing}, 1, "dyad ingest"},
		{[]string{"serve", "--db", missing, "--writable"}, 1, "dyad ingest"},
		{[]string{"serve", "extra"}, 2, "unexpected argument"},
		{[]string{"serve", "--addr", "nonsense"}, 2, "--addr"},
		{[]string{"serve", "--max-page", "0"}, 2, "positive"},
		{[]string{"serve", "--bogus"}, 2, "bogus"},
	} {
		code, _, stderr := runCmd(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, want %d with %q\n%s", c.args, code, c.code, c.msg, stderr)
		}
	}
}

// TestServe starts dyad serve on a free loopback port, asks it something
// and stops it with SIGINT.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	if code, out, stderr := runCmd(t, "", "ingest", "--quiet", "--db", db, "--date", "2018-09-07", "../../examples/sample.txt"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, stderr)
	}
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &stdout, &stderr)
	}()
	rx := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/ \(read-only`)
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := rx.FindStringSubmatch(stdout.String()); m != nil {
			addr = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d\n%s%s", code, stdout.String(), stderr.String())
		default:
		}
	}
	if addr == "" {
		t.Fatalf("serve did not start\n%s%s", stdout.String(), stderr.String())
	}
	resp, err := http.Get("http://" + addr + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"articles":1`) {
		t.Errorf("stats: %d %s", resp.StatusCode, body)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(stdout.String(), "stopped") {
			t.Errorf("exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}
