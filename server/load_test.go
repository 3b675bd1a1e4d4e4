package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadPaths is the mix of a load test: API queries and explorer pages.
var loadPaths = []string{
	"/api/v1/events?limit=20",
	"/api/v1/events?dyad=IRN-TUR",
	"/api/v1/events?q=Idlib&quad=4",
	"/api/v1/counts?interval=week&actor=IRN",
	"/api/v1/actors?n=10",
	"/api/v1/dyads?n=10",
	"/api/v1/places",
	"/api/v1/articles/1",
	"/api/v1/search?q=Tehran",
	"/api/v1/stats",
	"/events?actor=RUS",
	"/timeline?a=IRN&b=TUR",
	"/network",
	"/map",
	"/articles/1?event=14",
}

// TestLoad runs a short concurrent load on the server over loopback and
// logs requests/s and latency percentiles. It fails on any error answer;
// it asserts no timing. DYAD_LOAD_SECONDS (default 1.5) and
// DYAD_LOAD_WORKERS (default 8) change its size.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped with -short")
	}
	seconds, workers := 1.5, 8
	if v, err := strconv.ParseFloat(os.Getenv("DYAD_LOAD_SECONDS"), 64); err == nil && v > 0 && v <= 60 {
		seconds = v
	}
	if v, err := strconv.Atoi(os.Getenv("DYAD_LOAD_WORKERS")); err == nil && v > 0 && v <= 256 {
		workers = v
	}
	ts, _ := newTestServer(t, Options{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()

	const maxRequests = 200000 // a bound in count as well as in time
	deadline := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	var next, failed atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				i := next.Add(1)
				if i > maxRequests {
					break
				}
				path := loadPaths[int(i)%len(loadPaths)]
				t0 := time.Now()
				resp, err := client.Get(ts.URL + path)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: status %d", path, resp.StatusCode)
					}
				}
				mine = append(mine, time.Since(t0))
				if err != nil {
					failed.Add(1)
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	t.Logf("load: %d requests (%d paths) in %.2fs by %d workers over loopback: %.0f requests/s; latency p50 %v, p90 %v, p99 %v, max %v; %d errors",
		len(lat), len(loadPaths), elapsed.Seconds(), workers, float64(len(lat))/elapsed.Seconds(),
		pct(0.50).Round(time.Microsecond), pct(0.90).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond), failed.Load())
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed; first: %v", failed.Load(), len(lat), firstErr)
	}
}

// BenchmarkAPI measures each endpoint of the load mix on its own, in
// parallel, through the loopback HTTP stack.
func BenchmarkAPI(b *testing.B) {
	ts, _ := newTestServer(b, Options{})
	for _, path := range loadPaths {
		b.Run(path, func(b *testing.B) {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
			defer client.CloseIdleConnections()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(ts.URL + path)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("%s: %d", path, resp.StatusCode)
						return
					}
				}
			})
		})
	}
}
