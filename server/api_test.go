package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestStats(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	var st StatsJSON
	get(t, ts, "/api/v1/stats").data(t, &st)
	if st.Articles != 3 || st.Events < 10 || st.Mentions < st.Events || st.Writable {
		t.Errorf("stats = %+v", st)
	}
}

func allEvents(t *testing.T, ts interface{ Close() }, get func(string) apiResult, query string) []EventJSON {
	t.Helper()
	var out []EventJSON
	after := int64(0)
	for pages := 0; pages < 100; pages++ {
		var p EventPage
		get(fmt.Sprintf("/api/v1/events?%s&limit=4&after=%d", query, after)).data(t, &p)
		out = append(out, p.Events...)
		if p.Next == 0 {
			return out
		}
		after = p.Next
	}
	t.Fatal("no last page")
	return nil
}

func TestEvents(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	g := func(p string) apiResult { return get(t, ts, p) }

	iranTurkey := iranTurkey(t, ts)
	var all EventPage
	g("/api/v1/events?limit=1000").data(t, &all)
	if len(all.Events) < 10 || all.Next != 0 {
		t.Fatalf("all events: %d, next %d", len(all.Events), all.Next)
	}

	t.Run("pagination", func(t *testing.T) {
		paged := allEvents(t, ts, g, "")
		if len(paged) != len(all.Events) {
			t.Fatalf("paged %d events, want %d", len(paged), len(all.Events))
		}
		for i := range paged {
			if paged[i].ID != all.Events[i].ID {
				t.Fatalf("event %d: id %d, want %d", i, paged[i].ID, all.Events[i].ID)
			}
		}
		var p EventPage
		g("/api/v1/events?limit=3").data(t, &p)
		if len(p.Events) != 3 || p.Next != p.Events[2].ID {
			t.Errorf("first page: %d events, next %d", len(p.Events), p.Next)
		}
	})

	cases := []struct {
		name  string
		query string
		want  int // events, -1: some
		check func(e EventJSON) bool
	}{
		{"air strike", "source=RUSMIL&target=SYRREB&code=190", 1, func(e EventJSON) bool {
			return e.Source.Code == "RUSMIL" && e.Target.Code == "SYRREB" && e.Quad == 4 && e.Goldstein == -10 && e.Location != nil && e.Location.Name == "Idlib"
		}},
		{"dyad both ways", "dyad=IRN-TUR", iranTurkey, func(e EventJSON) bool {
			s, g := e.Source.Code[:3], e.Target.Code[:3]
			return (s == "IRN" && g == "TUR") || (s == "TUR" && g == "IRN")
		}},
		{"dyad lower case, comma list", "dyad=irn-tur,RUSMIL-SYRREB", iranTurkey + 1, nil},
		{"actor prefix", "actor=RUS", -1, func(e EventJSON) bool {
			return strings.HasPrefix(code(e.Source), "RUS") || strings.HasPrefix(code(e.Target), "RUS")
		}},
		{"date range", "from=2018-09-10&to=2018-09-10", 3, func(e EventJSON) bool { return *e.Date == "2018-09-10" }},
		{"quad and root", "quad=4&root=19", -1, func(e EventJSON) bool { return e.Quad == 4 && e.Root == "19" }},
		{"quad list", "quad=1,2", -1, func(e EventJSON) bool { return e.Quad <= 2 }},
		{"place name", "place=ankara", 2, func(e EventJSON) bool { return e.Location.Name == "Ankara" }},
		{"place country", "place=TUR", -1, func(e EventJSON) bool { return e.Location.Country == "TUR" }},
		{"text search", "q=warplanes", -1, func(e EventJSON) bool { return e.DocID == "article.txt" }},
		{"text and dyad", "q=Ankara&dyad=IRN-TUR", 3, nil},
		{"text and dyad, none", "q=Ankara&dyad=RUS-SYR", 0, nil},
		{"code is a string", "code=010", 0, nil},
		{"min mentions", "min_mentions=1000", 0, nil},
		{"empty values are absent", "actor=&quad=&limit=", len(all.Events), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := allEvents(t, ts, g, c.query)
			if c.want >= 0 && len(evs) != c.want {
				t.Errorf("%s: %d events, want %d", c.query, len(evs), c.want)
			}
			if c.want < 0 && len(evs) == 0 {
				t.Errorf("%s: no events", c.query)
			}
			for _, e := range evs {
				if c.check != nil && !c.check(e) {
					b, _ := json.Marshal(e)
					t.Errorf("%s: unexpected event %s", c.query, b)
				}
			}
		})
	}

	t.Run("one event", func(t *testing.T) {
		var p EventPage
		g("/api/v1/events?source=RUSMIL&target=SYRREB").data(t, &p)
		var d EventDetail
		g(fmt.Sprintf("/api/v1/events/%d", p.Events[0].ID)).data(t, &d)
		if d.ID != p.Events[0].ID || len(d.Mentions) != 1 || d.Mentions[0].Evidence.Verb != "hit" ||
			!strings.Contains(d.Mentions[0].Evidence.Text, "warplanes hit") || !strings.HasPrefix(d.Explain, "190") {
			t.Errorf("event detail = %+v", d)
		}
	})
}

func code(a *ActorJSON) string {
	if a == nil {
		return ""
	}
	return a.Code
}

func TestCounts(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	iranTurkey := iranTurkey(t, ts)
	var r struct {
		Interval string      `json:"interval"`
		Counts   []CountJSON `json:"counts"`
	}
	for _, c := range []struct {
		interval string
		periods  []string
	}{
		{"", []string{"2018-09-07", "2018-09-10", "2018-09-20"}},
		{"day", []string{"2018-09-07", "2018-09-10", "2018-09-20"}},
		{"week", []string{"2018-09-03", "2018-09-10", "2018-09-17"}},
		{"month", []string{"2018-09-01"}},
	} {
		get(t, ts, "/api/v1/counts?dyad=IRN-TUR&interval="+c.interval).data(t, &r)
		var periods []string
		total := 0
		for _, p := range r.Counts {
			periods = append(periods, p.Period)
			sum := 0
			for _, n := range p.Quad {
				sum += n
			}
			if sum != p.Events {
				t.Errorf("%s %s: quad counts %v do not add up to %d", c.interval, p.Period, p.Quad, p.Events)
			}
			total += p.Events
		}
		if strings.Join(periods, " ") != strings.Join(c.periods, " ") || total != iranTurkey {
			t.Errorf("interval %q: periods %v (%d events), want %v (%d)", c.interval, periods, total, c.periods, iranTurkey)
		}
	}
	// the conflict of 2018-09-20: an attack (quad 4) and an accusation (3)
	get(t, ts, "/api/v1/counts?dyad=IRN-TUR&from=2018-09-20").data(t, &r)
	if len(r.Counts) != 1 || r.Counts[0].Quad["4"] != 1 || r.Counts[0].Quad["3"] != 1 || r.Counts[0].MeanGoldstein >= 0 {
		t.Errorf("2018-09-20: %+v", r.Counts)
	}
}

func TestTopActorsDyadsPlaces(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	iranTurkey := iranTurkey(t, ts)
	var as []ActorCount
	get(t, ts, "/api/v1/actors?n=5").data(t, &as)
	if len(as) != 5 {
		t.Fatalf("actors: %v", as)
	}
	for i, a := range as {
		if a.Events != a.AsSource+a.AsTarget || (i > 0 && a.Events > as[i-1].Events) {
			t.Errorf("actors: %+v", as)
		}
	}
	var ds []DyadCount
	get(t, ts, "/api/v1/dyads?n=100&dyad=IRN-TUR").data(t, &ds)
	total := 0
	for _, d := range ds {
		total += d.Events
	}
	if total != iranTurkey {
		t.Errorf("dyads IRN-TUR: %d events in %v", total, ds)
	}
	get(t, ts, "/api/v1/dyads?code=190&source=RUSMIL").data(t, &ds)
	if len(ds) != 1 || ds[0].Source != "RUSMIL" || ds[0].Target != "SYRREB" || ds[0].MeanGoldstein != -10 {
		t.Errorf("dyads RUSMIL 190: %v", ds)
	}
	var ps []PlaceCount
	get(t, ts, "/api/v1/places").data(t, &ps)
	found := false
	for _, p := range ps {
		if p.Name == "Ankara" && p.Country == "TUR" && p.Events == 2 && p.Lat > 39 && p.Lat < 40.5 {
			found = true
		}
	}
	if !found {
		t.Errorf("places: no Ankara with 2 events in %v", ps)
	}
}

func TestArticle(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	var a ArticleJSON
	get(t, ts, "/api/v1/articles/1").data(t, &a)
	if a.DocID != "article.txt" || a.Date == nil || *a.Date != "2018-09-07" || len(a.Sentences) < 2 || len(a.Actors) == 0 || len(a.Places) == 0 {
		t.Fatalf("article: %s %v, %d sentences, %d actors, %d places", a.DocID, a.Date, len(a.Sentences), len(a.Actors), len(a.Places))
	}
	slice := func(sp [2]int) string { return a.Text[sp[0]:sp[1]] }
	var strike *ArticleEventJSON
	for i, e := range a.Events {
		if e.Source != nil && e.Source.Code == "RUSMIL" && e.Target != nil && e.Target.Code == "SYRREB" {
			strike = &a.Events[i]
		}
		if slice(e.VerbSpan) == "" || !strings.Contains(e.Evidence, slice(e.VerbSpan)) {
			t.Errorf("event %s: verb span %v is not in its sentence", e.Ref, e.VerbSpan)
		}
		if s := a.Sentences[e.Sentence]; a.Text[s.Start:s.End] != e.Evidence {
			t.Errorf("event %s: evidence is not sentence %d", e.Ref, e.Sentence)
		}
	}
	if strike == nil {
		t.Fatal("no RUSMIL → SYRREB event")
	}
	if strike.CAMEO != "190" || slice(strike.VerbSpan) != "hit" || !strings.Contains(slice(strike.Source.Span), "Russian") ||
		!strings.Contains(slice(strike.Target.Span), "rebel") || strike.Rule == "" || strike.Source.Rule == "" || strike.EventID == 0 {
		t.Errorf("air strike = %+v (source %q, target %q)", strike, slice(strike.Source.Span), slice(strike.Target.Span))
	}
	for _, x := range a.Actors {
		if a.Text[x.Start:x.End] != x.Text {
			t.Errorf("actor %q: span %d-%d is %q", x.Text, x.Start, x.End, a.Text[x.Start:x.End])
		}
	}
	for _, x := range a.Places {
		if a.Text[x.Start:x.End] != x.Text {
			t.Errorf("place %q: span %d-%d is %q", x.Text, x.Start, x.End, a.Text[x.Start:x.End])
		}
	}
	for _, x := range a.Quotes {
		if !strings.Contains(a.Text[x.Start:x.End], strings.TrimSpace(x.Text)) {
			t.Errorf("quote %q: span %d-%d", x.Text, x.Start, x.End)
		}
	}
}

func TestSearch(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	var hits []HitJSON
	get(t, ts, "/api/v1/search?q=Ankara").data(t, &hits)
	if len(hits) != 1 || hits[0].DocID != "ankara.txt" || !strings.Contains(hits[0].Snippet, "[Ankara]") {
		t.Errorf("hits = %+v", hits)
	}
	get(t, ts, "/api/v1/search?q=Idlib%20OR%20Ankara&n=1").data(t, &hits)
	if len(hits) != 1 {
		t.Errorf("n=1: %d hits", len(hits))
	}
}

func TestCode(t *testing.T) {
	ts, _ := newTestServer(t, Options{})
	body := `{"text": "Russian warplanes hit rebel-held parts of Idlib on Friday.", "date": "2018-09-07", "title": "strike"}`
	var res CodeResult
	do(t, ts, "POST", "/api/v1/code", "application/json", body).data(t, &res)
	if len(res.Document.Events) == 0 || res.Stored || len(res.Trace) == 0 || res.Article == nil {
		t.Fatalf("code: %+v", res)
	}
	e := res.Article.Events[0]
	if e.Source.Code != "RUSMIL" || e.Target.Code != "SYRREB" || e.CAMEO != "190" || e.Verb != "hit" || !strings.HasPrefix(e.Explain, "190") {
		t.Errorf("coded event = %+v", e)
	}
	// a form works too
	form := url.Values{"text": {"Turkey and Iran signed a trade agreement in Ankara."}, "date": {"2018-09-10"}}
	do(t, ts, "POST", "/api/v1/code", "application/x-www-form-urlencoded", form.Encode()).data(t, &res)
	if len(res.Document.Events) != 2 {
		t.Errorf("form: %d events", len(res.Document.Events))
	}
	// the store did not change
	var st StatsJSON
	get(t, ts, "/api/v1/stats").data(t, &st)
	if st.Articles != 3 {
		t.Errorf("a read-only server stored: %d articles", st.Articles)
	}
}

func TestCodeStore(t *testing.T) {
	ts, _ := newTestServer(t, Options{Writable: true})
	body := `{"text": "Russian warplanes hit rebel-held parts of Aleppo.", "date": "2018-10-01", "id": "aleppo"}`
	var res CodeResult
	do(t, ts, "POST", "/api/v1/code?store=true", "application/json", body).data(t, &res)
	if !res.Stored || res.ArticleID != 4 {
		t.Fatalf("stored %v as %d", res.Stored, res.ArticleID)
	}
	var a ArticleJSON
	get(t, ts, fmt.Sprintf("/api/v1/articles/%d", res.ArticleID)).data(t, &a)
	if a.DocID != "aleppo" || len(a.Events) == 0 || a.Events[0].EventID == 0 {
		t.Errorf("stored article: %+v", a)
	}
	// storing it again adds nothing
	do(t, ts, "POST", "/api/v1/code?store=1", "application/json", body).data(t, &res)
	var st StatsJSON
	get(t, ts, "/api/v1/stats").data(t, &st)
	if res.ArticleID != 4 || st.Articles != 4 || !st.Writable {
		t.Errorf("again: id %d, %d articles", res.ArticleID, st.Articles)
	}
}

// TestErrors checks the 4xx answers: every one is the error envelope with
// a type, a status from the one table and a message that names the
// problem.
func TestErrors(t *testing.T) {
	ts, _ := newTestServer(t, Options{MaxPageSize: 100, MaxCodeBytes: 200})
	long := strings.Repeat("Russia attacked Ukraine. ", 20)
	cases := []struct {
		method, path, ctype, body string
		code                      int
		typ                       ErrorType
		msg                       string
	}{
		{"GET", "/api/v1/events?quad=5", "", "", 400, errorBadData, `"quad"`},
		{"GET", "/api/v1/events?quad=x", "", "", 400, errorBadData, `"quad"`},
		{"GET", "/api/v1/events?root=21", "", "", 400, errorBadData, `"root"`},
		{"GET", "/api/v1/events?root=1", "", "", 400, errorBadData, `"root"`},
		{"GET", "/api/v1/events?code=abc", "", "", 400, errorBadData, `"code"`},
		{"GET", "/api/v1/events?from=2018-13-01", "", "", 400, errorBadData, `"from"`},
		{"GET", "/api/v1/events?from=2018-09-10&to=2018-09-01", "", "", 400, errorBadData, "after"},
		{"GET", "/api/v1/events?from=2018-09-10&from=2018-09-11", "", "", 400, errorBadData, "2 times"},
		{"GET", "/api/v1/events?actor=ru", "", "", 400, errorBadData, `"actor"`},
		{"GET", "/api/v1/events?source=RU*", "", "", 400, errorBadData, `"source"`},
		{"GET", "/api/v1/events?dyad=IRN", "", "", 400, errorBadData, `"dyad"`},
		{"GET", "/api/v1/events?dyad=IRN-", "", "", 400, errorBadData, `"dyad"`},
		{"GET", "/api/v1/events?min_mentions=-1", "", "", 400, errorBadData, `"min_mentions"`},
		{"GET", "/api/v1/events?limit=0", "", "", 400, errorBadData, "at least 1"},
		{"GET", "/api/v1/events?limit=101", "", "", 400, errorBadData, "largest page, 100"},
		{"GET", "/api/v1/events?limit=ten", "", "", 400, errorBadData, `"limit"`},
		{"GET", "/api/v1/events?after=-3", "", "", 400, errorBadData, `"after"`},
		{"GET", "/api/v1/events?acter=RUS", "", "", 400, errorBadData, `unknown parameter "acter"`},
		{"GET", "/api/v1/events?q=%22unclosed", "", "", 400, errorBadData, "text query"},
		{"GET", "/api/v1/events?place=" + strings.Repeat("x", 300), "", "", 400, errorBadData, `"place"`},
		{"GET", "/api/v1/events/abc", "", "", 400, errorBadData, "positive whole number"},
		{"GET", "/api/v1/events/99999", "", "", 404, errorNotFound, "event 99999"},
		{"GET", "/api/v1/events/1?x=1", "", "", 400, errorBadData, `unknown parameter "x"`},
		{"GET", "/api/v1/counts?interval=year", "", "", 400, errorBadData, `"interval"`},
		{"GET", "/api/v1/actors?n=0", "", "", 400, errorBadData, `"n"`},
		{"GET", "/api/v1/dyads?n=100000", "", "", 400, errorBadData, `"n"`},
		{"GET", "/api/v1/places?limit=5", "", "", 400, errorBadData, `unknown parameter "limit"`},
		{"GET", "/api/v1/articles/0", "", "", 400, errorBadData, "positive"},
		{"GET", "/api/v1/articles/12345", "", "", 404, errorNotFound, "article 12345"},
		{"GET", "/api/v1/search", "", "", 400, errorBadData, `"q"`},
		{"GET", "/api/v1/search?q=%22unclosed", "", "", 400, errorBadData, `"q"`},
		{"GET", "/api/v1/stats?verbose=1", "", "", 400, errorBadData, "unknown parameter"},
		{"GET", "/api/v1/nothing", "", "", 404, errorNotFound, "openapi.json"},
		{"GET", "/api/v2/events", "", "", 404, errorNotFound, "no endpoint"},
		{"POST", "/api/v1/events", "", "", 405, errorMethod, "use GET"},
		{"DELETE", "/api/v1/articles/1", "", "", 405, errorMethod, "use GET"},
		{"GET", "/api/v1/code", "", "", 405, errorMethod, "use POST"},
		{"POST", "/api/v1/code", "application/json", `{"text": ""}`, 400, errorBadData, "empty"},
		{"POST", "/api/v1/code", "application/json", `{"text": "Russia attacked Ukraine.", "date": "07/09/2018"}`, 400, errorBadData, "YYYY-MM-DD"},
		{"POST", "/api/v1/code", "application/json", `{"txt": "Russia attacked Ukraine."}`, 400, errorBadData, `unknown field "txt"`},
		{"POST", "/api/v1/code", "application/json", `{"text": "a"} {}`, 400, errorBadData, "more than one"},
		{"POST", "/api/v1/code", "application/json", `not json`, 400, errorBadData, "body"},
		{"POST", "/api/v1/code", "text/plain", `Russia attacked Ukraine.`, 400, errorBadData, "Content-Type"},
		{"POST", "/api/v1/code", "application/x-www-form-urlencoded", "text=x&colour=red", 400, errorBadData, `unknown field "colour"`},
		{"POST", "/api/v1/code", "application/json", `{"text": "` + long + `"}`, 413, errorTooLarge, "200 bytes"},
		{"POST", "/api/v1/code", "application/json", `{"text": "` + strings.Repeat(long, 10) + `"}`, 413, errorTooLarge, "200 bytes"},
		{"POST", "/api/v1/code?store=true", "application/json", `{"text": "Russia attacked Ukraine."}`, 403, errorReadOnly, "--writable"},
		{"POST", "/api/v1/code?store=maybe", "application/json", `{"text": "Russia attacked Ukraine."}`, 400, errorBadData, `"store"`},
	}
	for _, c := range cases {
		r := do(t, ts, c.method, c.path, c.ctype, c.body)
		if r.Code != c.code || r.Resp.Status != "error" || r.Resp.ErrorType != string(c.typ) || !strings.Contains(r.Resp.Error, c.msg) {
			t.Errorf("%s %s: %d %s %q, want %d %s containing %q", c.method, c.path, r.Code, r.Resp.ErrorType, r.Resp.Error, c.code, c.typ, c.msg)
		}
		if got := errorStatus[ErrorType(r.Resp.ErrorType)]; got != r.Code {
			t.Errorf("%s %s: status %d, the table says %d for %s", c.method, c.path, r.Code, got, r.Resp.ErrorType)
		}
	}
}

// TestQueryTimeout checks the query-time limit: a server whose limit has
// passed before the store answers says timeout (503).
func TestQueryTimeout(t *testing.T) {
	ts, _ := newTestServer(t, Options{QueryTimeout: time.Nanosecond})
	for _, p := range []string{"/api/v1/events", "/api/v1/events?q=Idlib", "/api/v1/counts", "/api/v1/dyads", "/api/v1/articles/1", "/api/v1/stats"} {
		r := get(t, ts, p)
		if r.Code != http.StatusServiceUnavailable || r.Resp.ErrorType != string(errorTimeout) || !strings.Contains(r.Resp.Error, "limit") {
			t.Errorf("%s: %d %s %q, want 503 timeout", p, r.Code, r.Resp.ErrorType, r.Resp.Error)
		}
	}
}

// TestOpenAPI checks the description against the server: every described
// path answers, every described parameter is accepted and every endpoint
// is described.
func TestOpenAPI(t *testing.T) {
	ts, s := newTestServer(t, Options{})
	var d struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Name, In string
				Required bool
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	r := get(t, ts, "/api/v1/openapi.json")
	if err := json.Unmarshal([]byte(r.Body), &d); err != nil || r.Code != 200 || !strings.HasPrefix(d.OpenAPI, "3.") {
		t.Fatalf("openapi: %d %v", r.Code, err)
	}
	sample := map[string]string{"from": "2018-09-01", "to": "2018-09-30", "actor": "IRN", "source": "IRN", "target": "TUR",
		"dyad": "IRN-TUR", "code": "040", "root": "04", "quad": "1", "place": "SYR", "q": "Iran", "min_mentions": "1",
		"limit": "5", "after": "1", "interval": "week", "n": "3"}
	var described []string
	for path, ops := range d.Paths {
		for method, op := range ops {
			described = append(described, strings.ToUpper(method)+" "+path)
			if len(op.Responses) < 5 {
				t.Errorf("%s %s: %d responses described", method, path, len(op.Responses))
			}
			if method != "get" {
				continue
			}
			p := strings.ReplaceAll(path, "{id}", "1")
			base := url.Values{}
			for _, prm := range op.Parameters {
				if prm.Required && prm.In == "query" {
					base.Set(prm.Name, sample[prm.Name])
				}
			}
			if len(base) > 0 {
				p += "?" + base.Encode() + "&"
			} else {
				p += "?"
			}
			if r := get(t, ts, p); r.Code != 200 {
				t.Errorf("GET %s: %d %s", p, r.Code, r.Body)
			}
			for _, prm := range op.Parameters {
				if prm.In != "query" || prm.Required {
					continue
				}
				v, ok := sample[prm.Name]
				if !ok {
					t.Errorf("%s: no sample value for %s", path, prm.Name)
					continue
				}
				if r := get(t, ts, p+prm.Name+"="+url.QueryEscape(v)); r.Code != 200 {
					t.Errorf("GET %s?%s=%s: %d %s", p, prm.Name, v, r.Code, r.Resp.Error)
				}
			}
		}
	}
	sort.Strings(described)
	var ops []string
	for _, op := range s.apiOps() {
		ops = append(ops, strings.ToUpper(op.method)+" "+op.path)
	}
	sort.Strings(ops)
	if strings.Join(described, "\n") != strings.Join(ops, "\n") {
		t.Errorf("described:\n%s\nwant:\n%s", strings.Join(described, "\n"), strings.Join(ops, "\n"))
	}
	// every registered API pattern is described
	for _, p := range s.apiPatterns {
		if !contains(described, p) {
			t.Errorf("%s is served but not described", p)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
