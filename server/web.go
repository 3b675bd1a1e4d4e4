package server

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"dyad/server/ui"
	"dyad/store/sqlite"
)

// render writes a page; a template error becomes a plain 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p *ui.Page) {
	p.Query = r.URL.Query()
	p.Writable = s.opt.Writable
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'none'")
	var buf strings.Builder
	if err := ui.Render(&buf, name, p); err != nil {
		s.opt.Logf("dyad serve: %s %s: template %s: %v", r.Method, r.URL, name, err)
		http.Error(w, "internal error: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(code)
	w.Write([]byte(buf.String()))
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Status  int
	Type    ErrorType
	Message string
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, e *apiError) {
	code, ok := errorStatus[e.typ]
	if !ok {
		code = http.StatusInternalServerError
	}
	if e.typ == errorInternal {
		s.opt.Logf("dyad serve: %s %s: %v", r.Method, r.URL, e.err)
	}
	s.render(w, r, code, "error", &ui.Page{Title: http.StatusText(code), Data: ErrorPage{code, e.typ, e.err.Error()}})
}

// filterQuery keeps the event filters of a query, for links.
func filterQuery(v url.Values) url.Values {
	out := url.Values{}
	for _, k := range filterParams {
		for _, x := range v[k] {
			if strings.TrimSpace(x) != "" {
				out.Add(k, x)
			}
		}
	}
	return out
}

func link(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// IndexPage is the data of the overview.
type IndexPage struct {
	Stats  StatsJSON
	Actors []ActorCount
	Dyads  []DyadCount
}

func (s *Server) pageIndex(w http.ResponseWriter, r *http.Request) {
	if _, err := newParams(r.URL.Query()); err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	st, err := s.st.Stats(ctx)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	as, err := s.topActors(ctx, sqlite.Query{}, 12)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	ds, err := s.topDyads(ctx, sqlite.Query{}, 12)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	s.render(w, r, http.StatusOK, "index", &ui.Page{Title: "dyad explorer", Nav: "index", Data: IndexPage{
		Stats:  StatsJSON{st.Articles, st.Sentences, st.Actors, st.Quotes, st.Places, st.Events, st.Mentions, st.Inputs, st.Failures, s.opt.Writable},
		Actors: as, Dyads: ds}})
}

// EventsPage is the data of the events page.
type EventsPage struct {
	Events   []EventJSON
	Next     string // link to the next page, "" on the last
	First    string // link to the first page, "" on it
	Timeline string // link to the timeline of the same filters
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), withFilters("limit", "after")...)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q, err := p.query()
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	limit, after, err := s.pageParams(p)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q.After = after
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	page, err := s.eventPage(ctx, q, limit)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	fq := filterQuery(r.URL.Query())
	data := EventsPage{Events: page.Events, Timeline: link("/timeline", fq)}
	if page.Next > 0 {
		v := filterQuery(r.URL.Query())
		v.Set("after", strconv.FormatInt(page.Next, 10))
		if l := r.URL.Query().Get("limit"); l != "" {
			v.Set("limit", l)
		}
		data.Next = link("/events", v)
	}
	if after > 0 {
		data.First = link("/events", fq)
	}
	s.render(w, r, http.StatusOK, "events", &ui.Page{Title: "Events", Nav: "events", Data: data})
}

// TimelinePage is the data of the timeline page.
type TimelinePage struct {
	A, B, Interval string
	Caption        string
	Chart          template.HTML
	Buckets        []ui.Bucket
	Coop, Conflict int
	Events         string // link to the events
}

// timelineBuckets fills the periods between the first and the last count.
func timelineBuckets(cs []CountJSON, interval string, base url.Values) []ui.Bucket {
	if len(cs) == 0 {
		return nil
	}
	next := func(t time.Time) time.Time {
		switch interval {
		case "week":
			return t.AddDate(0, 0, 7)
		case "month":
			return t.AddDate(0, 1, 0)
		}
		return t.AddDate(0, 0, 1)
	}
	by := map[string]CountJSON{}
	for _, c := range cs {
		by[c.Period] = c
	}
	first, err1 := time.Parse("2006-01-02", cs[0].Period)
	last, err2 := time.Parse("2006-01-02", cs[len(cs)-1].Period)
	var periods []time.Time
	if err1 == nil && err2 == nil {
		for t := first; !t.After(last) && len(periods) < 5000; t = next(t) {
			periods = append(periods, t)
		}
	}
	var out []ui.Bucket
	for _, t := range periods {
		p := t.Format("2006-01-02")
		c := by[p]
		b := ui.Bucket{Period: p, Goldstein: c.MeanGoldstein}
		for q := 1; q <= 4; q++ {
			b.Quad[q] = c.Quad[strconv.Itoa(q)]
		}
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		v.Set("from", p)
		v.Set("to", next(t).AddDate(0, 0, -1).Format("2006-01-02"))
		b.Href = link("/events", v)
		out = append(out, b)
	}
	return out
}

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), withFilters("a", "b", "interval")...)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q, err := p.query()
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	iv, err := interval(p)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	var data TimelinePage
	data.Interval = iv
	base := filterQuery(r.URL.Query())
	for _, k := range []struct {
		name string
		dst  *string
	}{{"a", &data.A}, {"b", &data.B}} {
		v, err := p.one(k.name)
		if err == nil && v != "" {
			v, err = actorCode(k.name, v)
		}
		if err != nil {
			s.pageError(w, r, badData("%v", err))
			return
		}
		*k.dst = v
	}
	switch {
	case data.A != "" && data.B != "":
		q.Dyads = append(q.Dyads, [2]string{data.A, data.B})
		base.Add("dyad", data.A+"-"+data.B)
		data.Caption = fmt.Sprintf("%s – %s, both directions", data.A, data.B)
	case data.A != "" || data.B != "":
		a := data.A + data.B
		q.Actor = append(q.Actor, a)
		base.Add("actor", a)
		data.Caption = a + " as source or target"
	default:
		data.Caption = "all actors"
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	cs, err := s.counts(ctx, q, iv)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	data.Buckets = timelineBuckets(cs, iv, base)
	for _, b := range data.Buckets {
		data.Coop += b.Coop()
		data.Conflict += b.Conflict()
	}
	data.Caption = fmt.Sprintf("Cooperation and conflict per %s: %s", iv, data.Caption)
	data.Chart = ui.Timeline(data.Caption, data.Buckets)
	data.Events = link("/events", base)
	s.render(w, r, http.StatusOK, "timeline", &ui.Page{Title: "Timeline", Nav: "timeline", Data: data})
}

// NetworkPage is the data of the network page.
type NetworkPage struct {
	N      int
	Chart  template.HTML
	Legend template.HTML
	Edges  []DyadCount
}

func (s *Server) pageNetwork(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), withFilters("n")...)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q, err := p.query()
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	n, err := p.integer("n", 20, 2, 100, "")
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	as, err := s.topActors(ctx, q, n)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	ds, err := s.topDyads(ctx, q, 100000)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	base := filterQuery(r.URL.Query())
	with := func(kv ...string) string {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return link("/events", v)
	}
	in := map[string]bool{}
	var nodes []ui.Node
	for _, a := range as {
		in[a.Code] = true
		nodes = append(nodes, ui.Node{Code: a.Code, Events: a.Events, Href: with("actor", a.Code)})
	}
	var edges []ui.Edge
	var shown []DyadCount
	for _, d := range ds {
		if in[d.Source] && in[d.Target] {
			edges = append(edges, ui.Edge{Source: d.Source, Target: d.Target, Events: d.Events, Goldstein: d.MeanGoldstein,
				Href: with("source", d.Source, "target", d.Target)})
			shown = append(shown, d)
		}
	}
	s.render(w, r, http.StatusOK, "network", &ui.Page{Title: "Actor network", Nav: "network", Data: NetworkPage{
		N: n, Chart: ui.Network(nodes, edges), Legend: ui.GoldsteinLegend(), Edges: shown}})
}

// MapPage is the data of the map page.
type MapPage struct {
	World  bool // the whole world, not the region of the events
	Chart  template.HTML
	Legend template.HTML
	Places []PlaceCount
}

func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), withFilters("world")...)
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q, err := p.query()
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	ws, err := p.one("world")
	if err == nil {
		_, err = wantStore(ws)
	}
	if err != nil {
		s.pageError(w, r, badData("parameter \"world\": want true or false"))
		return
	}
	world, _ := wantStore(ws)
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	ps, err := s.places(ctx, q)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	base := filterQuery(r.URL.Query())
	var pts []ui.Point
	for _, pl := range ps {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		v.Set("place", pl.Name)
		pts = append(pts, ui.Point{Name: pl.Name, Country: pl.Country, Lat: pl.Lat, Lon: pl.Lon, Events: pl.Events, Goldstein: pl.MeanGoldstein, Href: link("/events", v)})
	}
	chart, err := ui.WorldMap(pts, world)
	if err != nil {
		s.pageError(w, r, &apiError{errorInternal, err})
		return
	}
	s.render(w, r, http.StatusOK, "map", &ui.Page{Title: "Map", Nav: "map", Data: MapPage{Chart: chart, Legend: ui.GoldsteinLegend(), Places: ps, World: world}})
}

// EventView is an event of the article view.
type EventView struct {
	ArticleEventJSON
	Anchor   string        // element id
	Selected bool          // the event asked for
	Select   string        // link that selects it
	Evidence template.HTML // its sentence with source, verb and target marked
	Events   string        // link to the stored event's other reports
}

// ArticleView is the data of the article view and of the code page.
type ArticleView struct {
	A        *ArticleJSON
	Body     template.HTML
	Events   []EventView
	Selected int // the number of selected event mentions
}

func quoteTitle(q QuoteJSON) string {
	if q.Speaker == nil {
		return "quote"
	}
	if q.Speaker.Code != "" {
		return "quote by " + q.Speaker.Text + " (" + q.Speaker.Code + ")"
	}
	return "quote by " + q.Speaker.Text
}

// articleView renders an article with its marks; selected picks the
// events whose evidence is marked in the text.
func articleView(a *ArticleJSON, selected func(ArticleEventJSON) bool, selectLink func(i int, e ArticleEventJSON) string) ArticleView {
	var marks []ui.Mark
	for _, x := range a.Actors {
		t := x.Code
		if x.Rule != "" {
			t += " — " + x.Rule
		}
		marks = append(marks, ui.Mark{Start: x.Start, End: x.End, Class: "actor", Title: "actor " + t})
	}
	for _, x := range a.Places {
		marks = append(marks, ui.Mark{Start: x.Start, End: x.End, Class: "place", Title: fmt.Sprintf("place %s (%s) %.2f, %.2f", x.Name, x.Country, x.Lat, x.Lon)})
	}
	for _, x := range a.Quotes {
		marks = append(marks, ui.Mark{Start: x.Start, End: x.End, Class: "quote", Title: quoteTitle(x)})
	}
	v := ArticleView{A: a}
	selSent := map[int]bool{}
	evMarks := func(e ArticleEventJSON, cls string) []ui.Mark {
		var ms []ui.Mark
		if e.Source != nil && e.Source.Span[1] > e.Source.Span[0] {
			ms = append(ms, ui.Mark{Start: e.Source.Span[0], End: e.Source.Span[1], Class: "ev-src " + cls, Title: "source " + e.Source.Code})
		}
		ms = append(ms, ui.Mark{Start: e.VerbSpan[0], End: e.VerbSpan[1], Class: "ev-verb " + cls, Title: "event " + e.CAMEO + " " + e.Label})
		if e.Target != nil && e.Target.Span[1] > e.Target.Span[0] {
			ms = append(ms, ui.Mark{Start: e.Target.Span[0], End: e.Target.Span[1], Class: "ev-tgt " + cls, Title: "target " + e.Target.Code})
		}
		return ms
	}
	for i, e := range a.Events {
		marks = append(marks, ui.Mark{Start: e.VerbSpan[0], End: e.VerbSpan[1], Class: "verb", Title: "event " + e.CAMEO + " " + e.Label})
		ev := EventView{ArticleEventJSON: e, Anchor: fmt.Sprintf("m-%d", i)}
		if selected != nil && selected(e) {
			ev.Selected = true
			v.Selected++
			selSent[e.Sentence] = true
			marks = append(marks, evMarks(e, "sel")...)
		}
		if selectLink != nil {
			ev.Select = selectLink(i, e)
		}
		if e.EventID > 0 {
			ev.Events = fmt.Sprintf("/api/v1/events/%d", e.EventID)
		}
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			s := a.Sentences[e.Sentence]
			ev.Evidence = ui.Highlight(a.Text, []ui.Sentence{{Start: s.Start, End: s.End}}, evMarks(e, ""))
		}
		v.Events = append(v.Events, ev)
	}
	sents := make([]ui.Sentence, len(a.Sentences))
	for i, s := range a.Sentences {
		sents[i] = ui.Sentence{Start: s.Start, End: s.End, Para: s.Para, ID: fmt.Sprintf("s-%d", i)}
		if selSent[i] {
			sents[i].Class = "sel"
		}
	}
	v.Body = ui.Highlight(a.Text, sents, marks)
	return v
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), "event")
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	id, aerr := pathID(r)
	if aerr != nil {
		s.pageError(w, r, aerr)
		return
	}
	sel, err := p.integer("event", 0, 1, 1<<62, "")
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	a, err := s.storedArticle(ctx, id)
	if err != nil {
		s.pageError(w, r, storeError(ctx, err))
		return
	}
	view := articleView(a, func(e ArticleEventJSON) bool { return sel > 0 && e.EventID == int64(sel) },
		func(i int, e ArticleEventJSON) string {
			return fmt.Sprintf("/articles/%d?event=%d#m-%d", id, e.EventID, i)
		})
	title := a.Title
	if title == "" {
		title = a.DocID
	}
	s.render(w, r, http.StatusOK, "article", &ui.Page{Title: title, Nav: "events", Data: view})
}

// SearchPage is the data of the search page.
type SearchPage struct {
	Q    string
	Hits []HitJSON
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	p, err := newParams(r.URL.Query(), "q", "n")
	if err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	q, _ := p.one("q")
	data := SearchPage{Q: q}
	if q != "" {
		ctx, cancel := s.queryCtx(r)
		defer cancel()
		hits, aerr := s.search(ctx, p)
		if aerr != nil {
			s.pageError(w, r, aerr)
			return
		}
		data.Hits = hits
	}
	s.render(w, r, http.StatusOK, "search", &ui.Page{Title: "Search", Nav: "search", Data: data})
}

// CodePage is the data of the code page.
type CodePage struct {
	Req       CodeRequest
	View      *ArticleView
	Trace     []string
	Stored    bool
	ArticleID int64
}

func (s *Server) pageCode(w http.ResponseWriter, r *http.Request) {
	if _, err := newParams(r.URL.Query()); err != nil {
		s.pageError(w, r, badData("%v", err))
		return
	}
	data := CodePage{}
	if r.Method == http.MethodPost {
		req, aerr := s.readCodeRequest(w, r)
		if aerr != nil {
			s.pageError(w, r, aerr)
			return
		}
		doStore, err := wantStore(r.PostForm.Get("store"))
		if err != nil {
			s.pageError(w, r, badData("%v", err))
			return
		}
		if doStore && !s.opt.Writable {
			s.pageError(w, r, &apiError{errorReadOnly, fmt.Errorf("this server is read-only: start it with dyad serve --writable to store documents")})
			return
		}
		d, trace, aerr := s.code(r.Context(), req)
		if aerr != nil {
			s.pageError(w, r, aerr)
			return
		}
		a := codedArticle(d)
		view := articleView(a, func(ArticleEventJSON) bool { return false }, nil)
		data = CodePage{Req: *req, View: &view, Trace: trace}
		if doStore {
			ctx, cancel := context.WithTimeout(r.Context(), s.opt.QueryTimeout)
			defer cancel()
			id, err := s.storeDoc(ctx, d)
			if err != nil {
				s.pageError(w, r, storeError(ctx, err))
				return
			}
			data.Stored, data.ArticleID = true, id
		}
	}
	s.render(w, r, http.StatusOK, "code", &ui.Page{Title: "Code a document", Nav: "code", Data: data})
}
