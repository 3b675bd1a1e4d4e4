package server

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's chromium
// package; scripts/ci-chromium.sh installs it) against the server on
// 127.0.0.1. They skip only when no Chromium can be found. Screenshots go
// to $DYAD_SCREENSHOTS when set, else to the test's temporary directory;
// their paths are logged.

// chromiumPath finds the browser: $DYAD_CHROMIUM, then the usual names.
func chromiumPath() string {
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("DYAD_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browser starts one Chromium for a test and returns its tab's context.
func browser(t *testing.T) context.Context {
	path := chromiumPath()
	if path == "" {
		t.Skip("browser tests: no Chromium found (install it with scripts/ci-chromium.sh, or set DYAD_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1300, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// start the browser with no deadline (a deadline on the first run
	// would bound the browser's life), then bound each step
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx
}

func step(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func value[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// click clicks an element and waits for the page it leads to.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(sctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	if resp.Status != 200 {
		t.Fatalf("click %s: status %d", sel, resp.Status)
	}
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	b := value(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100)) // quality 100: PNG
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// offline checks that the page loaded nothing from outside the server.
func offline(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	urls := value(t, ctx, "resources", chromedp.Evaluate[[]string](
		`[location.href, ...performance.getEntriesByType("resource").map(e => e.name)]`))
	for _, u := range urls {
		if !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page loaded %s from outside the server", u)
		}
	}
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	ts, _ := newTestServer(t, Options{})
	base := ts.URL
	shots := screenshotDir(t)

	t.Run("article view highlights the air strike", func(t *testing.T) {
		step(t, ctx, "open events", chromedp.Navigate(base+"/events?source=RUSMIL&target=SYRREB"))
		click(t, ctx, `tr.event[data-cameo="190"] a.article-link`)
		step(t, ctx, "wait for the event", chromedp.WaitVisible(chromedp.CSS(`li.event.sel`)))
		sel := value(t, ctx, "selected event", chromedp.Attributes(chromedp.CSS(`li.event.sel`)))
		if sel["data-source"] != "RUSMIL" || sel["data-target"] != "SYRREB" || sel["data-cameo"] != "190" {
			t.Errorf("selected event: %v", sel)
		}
		verb := value(t, ctx, "verb", chromedp.Text(chromedp.CSS(`#text .ev-verb.sel`)))
		sentence := value(t, ctx, "sentence", chromedp.Text(chromedp.CSS(`#text .sent.sel`)))
		why := value(t, ctx, "why", chromedp.Text(chromedp.CSS(`li.event.sel dl.why`)))
		if verb != "hit" || !strings.Contains(sentence, "warplanes hit rebel-held parts of Idlib") || !strings.Contains(why, "190: conventional military force") {
			t.Errorf("verb %q, sentence %q, why %q", verb, sentence, why)
		}
		// the highlight is visible: the verb has a background colour
		bg := value(t, ctx, "verb colour", chromedp.Evaluate[string](
			`getComputedStyle(document.querySelector("#text .ev-verb.sel")).backgroundColor`))
		if bg == "" || bg == "rgba(0, 0, 0, 0)" {
			t.Errorf("the selected verb has no background (%q)", bg)
		}
		offline(t, ctx, base)
		screenshot(t, ctx, shots, "article.png")
		b := value(t, ctx, "screenshot of the event", chromedp.Screenshot(chromedp.CSS(`li.event.sel`)))
		p := filepath.Join(shots, "article-air-strike.png")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	})

	t.Run("timeline filtered to Iran and Turkey", func(t *testing.T) {
		want := iranTurkey(t, ts)
		step(t, ctx, "open timeline", chromedp.Navigate(base+"/timeline"))
		step(t, ctx, "fill the form",
			chromedp.SetValue(chromedp.ID("a"), "IRN"),
			chromedp.SetValue(chromedp.ID("b"), "TUR"))
		click(t, ctx, "#draw")
		caption := value(t, ctx, "caption", chromedp.Text(chromedp.ID("caption")))
		if !strings.Contains(caption, "IRN – TUR") {
			t.Errorf("caption %q", caption)
		}
		got := value(t, ctx, "bars", chromedp.Evaluate[int](
			`[...document.querySelectorAll("svg.timeline a.bar")].reduce((n, a) => n + +a.dataset.coop + +a.dataset.conflict, 0)`))
		if got != want {
			t.Errorf("the bars hold %d events, want %d", got, want)
		}
		loc := value(t, ctx, "location", chromedp.Location())
		if u, err := url.Parse(loc); err != nil || u.Query().Get("a") != "IRN" || u.Query().Get("b") != "TUR" {
			t.Errorf("location %s", loc)
		}
		offline(t, ctx, base)
		screenshot(t, ctx, shots, "timeline-iran-turkey.png")
	})

	t.Run("network edge leads to its events", func(t *testing.T) {
		step(t, ctx, "open network", chromedp.Navigate(base+"/network"))
		offline(t, ctx, base)
		screenshot(t, ctx, shots, "network.png")
		click(t, ctx, `a.edge[data-source="RUSMIL"][data-target="SYRREB"] circle`)
		loc := value(t, ctx, "location", chromedp.Location())
		u, err := url.Parse(loc)
		if err != nil || u.Path != "/events" || u.Query().Get("source") != "RUSMIL" || u.Query().Get("target") != "SYRREB" {
			t.Fatalf("the edge led to %s", loc)
		}
		rows := value(t, ctx, "rows", chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("tr.event")].map(r => r.dataset.source + " " + r.dataset.cameo + " " + r.dataset.target)`))
		if len(rows) == 0 {
			t.Fatal("no events")
		}
		for _, r := range rows {
			if !strings.HasPrefix(r, "RUSMIL ") || !strings.HasSuffix(r, " SYRREB") {
				t.Errorf("event %q", r)
			}
		}
		if !contains(rows, "RUSMIL 190 SYRREB") {
			t.Errorf("no air strike among %v", rows)
		}
		screenshot(t, ctx, shots, "network-edge-events.png")
	})

	t.Run("map", func(t *testing.T) {
		step(t, ctx, "open map", chromedp.Navigate(base+"/map?world=true"))
		n := value(t, ctx, "countries", chromedp.Evaluate[int](`document.querySelectorAll("svg.map .countries path").length`))
		places := value(t, ctx, "places", chromedp.Evaluate[int](`document.querySelectorAll("svg.map a.place").length`))
		if n < 150 || places == 0 {
			t.Errorf("%d countries, %d places", n, places)
		}
		offline(t, ctx, base)
		screenshot(t, ctx, shots, "map.png")
		step(t, ctx, "zoom", chromedp.Navigate(base+"/map"))
		click(t, ctx, `a.place[data-name="Ankara"] circle`)
		if loc := value(t, ctx, "location", chromedp.Location()); !strings.Contains(loc, "place=Ankara") {
			t.Errorf("the place led to %s", loc)
		}
	})

	t.Run("code a pasted text", func(t *testing.T) {
		step(t, ctx, "open code page", chromedp.Navigate(base+"/code"),
			chromedp.SetValue(chromedp.ID("text-input"), "Russian warplanes hit rebel-held parts of Idlib on Friday."),
			chromedp.SetValue(chromedp.ID("date"), "2018-09-07"))
		click(t, ctx, "#code-button")
		ev := value(t, ctx, "coded event", chromedp.Attributes(chromedp.CSS(`#result li.event`)))
		if ev["data-source"] != "RUSMIL" || ev["data-target"] != "SYRREB" || ev["data-cameo"] != "190" {
			t.Errorf("coded event %v", ev)
		}
		offline(t, ctx, base)
		screenshot(t, ctx, shots, "code.png")
	})
}
