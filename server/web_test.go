package server

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestPages loads every page of the explorer and checks what it shows, and
// that it needs nothing from the network: no script, no external style
// sheet, font or image.
func TestPages(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	external := regexp.MustCompile(`(?i)(src|href)="(https?:)?//|<script|@import|url\(`)
	cases := []struct {
		path string
		want []string
	}{
		{"/", []string{`id="stats"`, "3 articles", `id="top-actors"`, `id="top-dyads"`}},
		{"/events", []string{`id="events"`, `data-cameo="190"`}},
		{"/events?source=RUSMIL&target=SYRREB", []string{`data-source="RUSMIL" data-target="SYRREB" data-cameo="190"`, `class="article-link"`}},
		{"/events?limit=2", []string{`id="next"`, "after="}},
		{"/events?code=0999", []string{`id="no-events"`}},
		{"/timeline", []string{`class="chart timeline"`, `class="bar"`, "all actors"}},
		{"/timeline?a=IRN&b=TUR", []string{"IRN – TUR, both directions", `data-period="2018-09-10"`, `data-period="2018-09-20"`, "dyad=IRN-TUR"}},
		{"/timeline?a=irn&interval=week", []string{"IRN as source or target", `data-period="2018-09-17"`}},
		{"/network", []string{`class="chart network"`, `class="edge" href="/events?source=RUSMIL&amp;target=SYRREB"`, `data-code="TUR"`}},
		{"/network?n=2", []string{`class="chart network"`}},
		{"/map", []string{`class="chart map"`, `data-name="Ankara"`, `<title>Turkey</title>`, "Whole world"}},
		{"/map?world=true", []string{`viewBox="0.0 0.0 960.0 384.0"`}},
		{"ARTICLE_EVENT", []string{`class="sent sel"`, "Highlighted:", `class="event`, `id="event-list"`}},
		{"/search?q=Ankara", []string{`id="hits"`, "ankara.txt"}},
		{"/search", []string{`name="q"`}},
		{"/code", []string{`id="code-form"`, `name="text"`}},
	}
	// an event of the fixture, whichever article text it was coded from
	var first EventPage
	get(t, ts, "/api/v1/events?limit=1").data(t, &first)
	if len(first.Events) != 1 {
		t.Fatalf("fixture has no events")
	}
	articleEvent := "/articles/" + itoa(int(first.Events[0].ArticleID)) + "?event=" + itoa(int(first.Events[0].ID))
	for _, c := range cases {
		if c.path == "ARTICLE_EVENT" {
			c.path = articleEvent
		}
		r := get(t, ts, c.path)
		if r.Code != 200 {
			t.Errorf("%s: %d\n%s", c.path, r.Code, r.Body)
			continue
		}
		if !strings.Contains(r.Body, `<meta charset="utf-8">`) {
			t.Errorf("%s: no charset", c.path)
		}
		if m := external.FindString(r.Body); m != "" && !strings.HasPrefix(c.path, "/articles/") {
			t.Errorf("%s: refers outside: %q", c.path, m)
		}
		for _, w := range c.want {
			if !strings.Contains(r.Body, w) {
				t.Errorf("%s: no %q", c.path, w)
			}
		}
	}
}

// TestArticlePage checks the article view of the air strike: the event is
// selected, its sentence marked, and its source, verb and target spans
// carry their classes.
func TestArticlePage(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	var p EventPage
	get(t, ts, "/api/v1/events?source=RUSMIL&target=SYRREB&code=190").data(t, &p)
	if len(p.Events) != 1 {
		t.Fatalf("%d air strikes", len(p.Events))
	}
	e := p.Events[0]
	r := get(t, ts, "/articles/"+itoa(int(e.ArticleID))+"?event="+itoa(int(e.ID)))
	for _, w := range []string{
		`class="event q4 sel"`, `data-source="RUSMIL" data-target="SYRREB" data-cameo="190"`,
		`ev-src sel`, `ev-tgt sel`,
		"190: conventional military force", // the code's explanation
		"actors.txt",                       // the dictionary entries behind the actors
	} {
		if !strings.Contains(r.Body, w) {
			t.Errorf("article view: no %q", w)
		}
	}
	// the verb "hit" is marked as the selected event's verb
	if !regexp.MustCompile(`<span class="[^"]*\bev-verb sel"[^>]*>hit</span>`).MatchString(r.Body) {
		t.Errorf("article view: the verb is not marked")
	}
	if n := strings.Count(r.Body, `class="event q4 sel"`); n != 1 {
		t.Errorf("%d selected events, want 1", n)
	}
}

func TestPageErrors(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	for _, c := range []struct {
		path string
		code int
		msg  string
	}{
		{"/events?quad=7", 400, `parameter &#34;quad&#34;`},
		{"/events?colour=red", 400, "unknown parameter"},
		{"/timeline?a=%25%25", 400, "actor code"},
		{"/network?n=1", 400, `&#34;n&#34;`},
		{"/map?world=perhaps", 400, "world"},
		{"/articles/999", 404, "article 999"},
		{"/articles/x", 400, "positive whole number"},
		{"/articles/1?event=x", 400, "event"},
		{"/search?q=%22", 400, "q"},
		{"/nowhere", 404, "no page /nowhere"},
	} {
		r := get(t, ts, c.path)
		if r.Code != c.code || !strings.Contains(r.Body, `id="error"`) || !strings.Contains(r.Body, c.msg) {
			t.Errorf("%s: %d, want %d with %q\n%s", c.path, r.Code, c.code, c.msg, r.Body)
		}
	}
}

func TestCodePage(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	form := url.Values{"text": {"Russian warplanes hit rebel-held parts of Idlib on Friday."}, "date": {"2018-09-07"}}
	r := do(t, ts, "POST", "/code", "application/x-www-form-urlencoded", form.Encode())
	for _, w := range []string{`id="result"`, `data-source="RUSMIL" data-target="SYRREB" data-cameo="190"`, `id="trace"`, "Russian warplanes hit"} {
		if !strings.Contains(r.Body, w) {
			t.Errorf("code page: no %q", w)
		}
	}
	form.Set("store", "true")
	if r := do(t, ts, "POST", "/code", "application/x-www-form-urlencoded", form.Encode()); r.Code != 403 {
		t.Errorf("store on a read-only server: %d", r.Code)
	}
	wts, _ := newTestServer(t, Options{Writable: true})
	r = do(t, wts, "POST", "/code", "application/x-www-form-urlencoded", form.Encode())
	if r.Code != 200 || !strings.Contains(r.Body, `Stored as <a href="/articles/4">`) {
		t.Errorf("store: %d\n%s", r.Code, r.Body)
	}
}
