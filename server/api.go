package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"dyad/codes"
	"dyad/sink"
	"dyad/store"
	"dyad/store/sqlite"
)

// ErrorType is the kind of an API error; each has one HTTP status
// (errorStatus).
type ErrorType string

// The error types.
const (
	errorBadData     ErrorType = "bad_data"
	errorReadOnly    ErrorType = "read_only"
	errorNotFound    ErrorType = "not_found"
	errorMethod      ErrorType = "method_not_allowed"
	errorTooLarge    ErrorType = "too_large"
	errorTimeout     ErrorType = "timeout"
	errorCanceled    ErrorType = "canceled"
	errorUnavailable ErrorType = "unavailable"
	errorInternal    ErrorType = "internal"
)

// errorStatus maps every error type to its HTTP status: the one table.
var errorStatus = map[ErrorType]int{
	errorBadData:     http.StatusBadRequest,
	errorReadOnly:    http.StatusForbidden,
	errorNotFound:    http.StatusNotFound,
	errorMethod:      http.StatusMethodNotAllowed,
	errorTooLarge:    http.StatusRequestEntityTooLarge,
	errorTimeout:     http.StatusServiceUnavailable,
	errorCanceled:    499, // client closed request, as nginx and Prometheus say
	errorUnavailable: http.StatusServiceUnavailable,
	errorInternal:    http.StatusInternalServerError,
}

type apiError struct {
	typ ErrorType
	err error
}

func (e *apiError) Error() string { return fmt.Sprintf("%s: %v", e.typ, e.err) }

func badData(format string, args ...any) *apiError {
	return &apiError{errorBadData, fmt.Errorf(format, args...)}
}

// Response is the envelope of every API answer.
type Response struct {
	Status    string    `json:"status"` // "success" or "error"
	Data      any       `json:"data,omitempty"`
	Warnings  []string  `json:"warnings,omitempty"`
	Error     string    `json:"error,omitempty"`
	ErrorType ErrorType `json:"errorType,omitempty"`
}

type apiFunc func(r *http.Request) (data any, warnings []string, err *apiError)

func (s *Server) wrap(fn apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, warnings, err := fn(r)
		if err != nil {
			if err.typ == errorInternal {
				s.opt.Logf("dyad serve: %s %s: %v", r.Method, r.URL, err.err)
			}
			writeError(w, err, warnings)
			return
		}
		writeJSON(w, http.StatusOK, &Response{Status: "success", Data: data, Warnings: warnings})
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(&Response{Status: "error", ErrorType: errorInternal, Error: err.Error()})
		code = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
	w.Write([]byte("\n"))
}

func writeError(w http.ResponseWriter, e *apiError, warnings []string) {
	code, ok := errorStatus[e.typ]
	if !ok {
		code = http.StatusInternalServerError
	}
	writeJSON(w, code, &Response{Status: "error", ErrorType: e.typ, Error: e.err.Error(), Warnings: warnings})
}

// storeError classifies an error of a store query.
func storeError(ctx context.Context, err error) *apiError {
	switch {
	case errors.Is(err, store.ErrFilter):
		return &apiError{errorBadData, err}
	case errors.Is(err, sqlite.ErrNotFound):
		return &apiError{errorNotFound, err}
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded):
		return &apiError{errorTimeout, fmt.Errorf("the query took longer than the server's limit: narrow the filters")}
	case errors.Is(ctx.Err(), context.Canceled) || errors.Is(err, context.Canceled):
		return &apiError{errorCanceled, err}
	}
	return &apiError{errorInternal, err}
}

// ActorJSON is an event's source or target.
type ActorJSON struct {
	Code    string   `json:"code"`
	Country string   `json:"country"`
	Sectors []string `json:"sectors"`
	Name    string   `json:"name,omitempty"`
}

// EventJSON is a stored event as the API gives it.
type EventJSON struct {
	ID          int64          `json:"id"`
	Date        *string        `json:"date"`
	Source      *ActorJSON     `json:"source"`
	Target      *ActorJSON     `json:"target"`
	CAMEO       string         `json:"cameo"`
	Root        string         `json:"cameo_root"`
	Label       string         `json:"label"`
	Quad        int            `json:"quad_class"`
	Goldstein   float64        `json:"goldstein"`
	Plover      sink.Plover    `json:"plover"`
	Location    *sink.Location `json:"location"`
	NumMentions int            `json:"num_mentions"`
	NumArticles int            `json:"num_articles"`
	NumSources  int            `json:"num_sources"`
	IsRoot      bool           `json:"is_root"`
	Added       time.Time      `json:"added"`
	ArticleID   int64          `json:"article_id"`
	DocID       string         `json:"doc_id"`
	URL         string         `json:"url"`
	Sentence    int            `json:"sentence"`
}

func actorJSON(a *store.Actor) *ActorJSON {
	if a == nil {
		return nil
	}
	sec := a.Sectors
	if sec == nil {
		sec = []string{}
	}
	return &ActorJSON{Code: a.Code, Country: a.Country, Sectors: sec, Name: a.Name}
}

func eventJSON(e *store.Event) EventJSON {
	j := EventJSON{ID: e.ID, Source: actorJSON(e.Source), Target: actorJSON(e.Target), CAMEO: e.CAMEO, Root: e.Root,
		Quad: e.Quad, Goldstein: e.Goldstein, Plover: e.Plover, Location: e.Location, NumMentions: e.NumMentions,
		NumArticles: e.NumArticles, NumSources: e.NumSources, IsRoot: e.IsRoot, Added: e.Added, ArticleID: e.ArticleID,
		DocID: e.DocID, URL: e.URL, Sentence: e.Sentence}
	if e.Date != "" {
		d := e.Date
		j.Date = &d
	}
	if c, ok := codes.Lookup(e.CAMEO); ok {
		j.Label = c.Label
	}
	return j
}

// EventPage is the data of /api/v1/events.
type EventPage struct {
	Events []EventJSON `json:"events"`
	// Next is the cursor of the next page (pass it as after), 0 on the
	// last page.
	Next int64 `json:"next"`
}

// eventPage reads one page of events.
func (s *Server) eventPage(ctx context.Context, q sqlite.Query, limit int) (*EventPage, error) {
	q.Limit = limit + 1
	page := &EventPage{Events: []EventJSON{}}
	err := s.st.Select(ctx, q, func(e *store.Event) error {
		page.Events = append(page.Events, eventJSON(e))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(page.Events) > limit {
		page.Events = page.Events[:limit]
		page.Next = page.Events[limit-1].ID
	}
	return page, nil
}

// pageParams reads limit and after.
func (s *Server) pageParams(p *params) (limit int, after int64, err error) {
	limit, err = p.integer("limit", s.opt.DefaultPageSize, 1, s.opt.MaxPageSize,
		fmt.Sprintf("is above the largest page, %d: page with after", s.opt.MaxPageSize))
	if err != nil {
		if n, e := strconv.Atoi(strings.TrimSpace(p.v.Get("limit"))); e == nil && n < 1 {
			err = fmt.Errorf("parameter \"limit\": %d: want at least 1", n)
		}
		return 0, 0, err
	}
	a, err := p.integer("after", 0, 0, 1<<62, "")
	return limit, int64(a), err
}

func (s *Server) apiEvents(r *http.Request) (any, []string, *apiError) {
	p, err := newParams(r.URL.Query(), withFilters("limit", "after")...)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	q, err := p.query()
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	limit, after, err := s.pageParams(p)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	q.After = after
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	page, err := s.eventPage(ctx, q, limit)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return page, nil, nil
}

func pathID(r *http.Request) (int64, *apiError) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, badData("id %q: want a positive whole number", s)
	}
	return id, nil
}

// MentionJSON is one article's report of an event.
type MentionJSON struct {
	EventID   int64         `json:"event_id"`
	ArticleID int64         `json:"article_id"`
	DocID     string        `json:"doc_id"`
	Ref       string        `json:"ref"`
	URL       string        `json:"url,omitempty"`
	Outlet    string        `json:"outlet"`
	Date      string        `json:"date,omitempty"`
	Sentence  int           `json:"sentence"`
	Para      int           `json:"para"`
	Source    string        `json:"source_text,omitempty"`
	Target    string        `json:"target_text,omitempty"`
	Mood      string        `json:"mood,omitempty"`
	Evidence  sink.Evidence `json:"evidence"`
}

func mentionJSON(m *store.Mention) MentionJSON {
	ev := m.Evidence
	if m.SourceText == "" {
		ev.SourceSpan = [2]int{}
	}
	return MentionJSON{EventID: m.EventID, ArticleID: m.ArticleID, DocID: m.DocID, Ref: m.Ref, URL: m.URL, Outlet: m.Outlet,
		Date: m.Date, Sentence: m.Sentence, Para: m.Para, Source: m.SourceText, Target: m.TargetText, Mood: m.Mood, Evidence: ev}
}

// EventDetail is the data of /api/v1/events/{id}.
type EventDetail struct {
	EventJSON
	Explain  string        `json:"explain"`
	Mentions []MentionJSON `json:"mentions"`
}

func (s *Server) apiEvent(r *http.Request) (any, []string, *apiError) {
	if _, err := newParams(r.URL.Query()); err != nil {
		return nil, nil, badData("%v", err)
	}
	id, aerr := pathID(r)
	if aerr != nil {
		return nil, nil, aerr
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	d, err := s.eventDetail(ctx, id)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return d, nil, nil
}

func (s *Server) eventDetail(ctx context.Context, id int64) (*EventDetail, error) {
	var d *EventDetail
	err := s.st.Select(ctx, sqlite.Query{IDs: []int64{id}}, func(e *store.Event) error {
		d = &EventDetail{EventJSON: eventJSON(e), Explain: codes.Explain(e.CAMEO)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("%w: event %d", sqlite.ErrNotFound, id)
	}
	ms, err := s.st.EventMentions(ctx, id)
	if err != nil {
		return nil, err
	}
	d.Mentions = []MentionJSON{}
	for _, m := range ms {
		d.Mentions = append(d.Mentions, mentionJSON(m))
	}
	return d, nil
}

// CountJSON is one period of /api/v1/counts.
type CountJSON struct {
	Period string `json:"period"` // the period's first day, YYYY-MM-DD
	Events int    `json:"events"`
	// Quad holds the events per quad class, "1" to "4".
	Quad          map[string]int `json:"quad"`
	Mentions      int            `json:"mentions"`
	MeanGoldstein float64        `json:"mean_goldstein"`
}

// periodStart returns the first day of the day, ISO week (Monday) or month
// of a date.
func periodStart(date, interval string) string {
	switch interval {
	case "week":
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			return date
		}
		off := (int(t.Weekday()) + 6) % 7
		return t.AddDate(0, 0, -off).Format("2006-01-02")
	case "month":
		if len(date) >= 7 {
			return date[:7] + "-01"
		}
	}
	return date
}

// counts returns the events per period and quad class (dated events only).
func (s *Server) counts(ctx context.Context, q sqlite.Query, interval string) ([]CountJSON, error) {
	ts, err := s.st.Aggregate(ctx, q, store.ByDate, store.ByQuad)
	if err != nil {
		return nil, err
	}
	var out []CountJSON
	var gsum []float64
	for _, t := range ts {
		if t.Keys[0] == "" {
			continue
		}
		p := periodStart(t.Keys[0], interval)
		if len(out) == 0 || out[len(out)-1].Period != p {
			out = append(out, CountJSON{Period: p, Quad: map[string]int{"1": 0, "2": 0, "3": 0, "4": 0}})
			gsum = append(gsum, 0)
		}
		c := &out[len(out)-1]
		c.Events += t.Events
		c.Mentions += t.Mentions
		c.Quad[t.Keys[1]] += t.Events
		gsum[len(gsum)-1] += t.Goldstein
	}
	for i := range out {
		out[i].MeanGoldstein = round2(gsum[i] / float64(out[i].Events))
	}
	if out == nil {
		out = []CountJSON{}
	}
	return out, nil
}

// round2 rounds to two decimals, for scores in JSON.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

func (s *Server) apiCounts(r *http.Request) (any, []string, *apiError) {
	p, err := newParams(r.URL.Query(), withFilters("interval")...)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	q, err := p.query()
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	interval, err := interval(p)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	cs, err := s.counts(ctx, q, interval)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return map[string]any{"interval": interval, "counts": cs}, nil, nil
}

func interval(p *params) (string, error) {
	iv, err := p.one("interval")
	if err != nil {
		return "", err
	}
	switch iv {
	case "":
		return "day", nil
	case "day", "week", "month":
		return iv, nil
	}
	return "", fmt.Errorf("parameter \"interval\": %q: want day, week or month", iv)
}

// ActorCount is one row of /api/v1/actors.
type ActorCount struct {
	Code          string  `json:"code"`
	Events        int     `json:"events"`
	AsSource      int     `json:"as_source"`
	AsTarget      int     `json:"as_target"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// topActors returns the n actors in most events (as source or target).
func (s *Server) topActors(ctx context.Context, q sqlite.Query, n int) ([]ActorCount, error) {
	src, err := s.st.Aggregate(ctx, q, store.BySource)
	if err != nil {
		return nil, err
	}
	tgt, err := s.st.Aggregate(ctx, q, store.ByTarget)
	if err != nil {
		return nil, err
	}
	m := map[string]*ActorCount{}
	gs := map[string]float64{}
	get := func(c string) *ActorCount {
		a, ok := m[c]
		if !ok {
			a = &ActorCount{Code: c}
			m[c] = a
		}
		return a
	}
	for _, t := range src {
		if t.Keys[0] == "" {
			continue
		}
		a := get(t.Keys[0])
		a.AsSource += t.Events
		gs[a.Code] += t.Goldstein
	}
	for _, t := range tgt {
		if t.Keys[0] == "" {
			continue
		}
		a := get(t.Keys[0])
		a.AsTarget += t.Events
		gs[a.Code] += t.Goldstein
	}
	out := make([]ActorCount, 0, len(m))
	for _, a := range m {
		a.Events = a.AsSource + a.AsTarget
		a.MeanGoldstein = round2(gs[a.Code] / float64(a.Events))
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Code < out[j].Code
	})
	return out[:min(n, len(out))], nil
}

// DyadCount is one row of /api/v1/dyads: a directed pair of actors.
type DyadCount struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Events        int     `json:"events"`
	Mentions      int     `json:"mentions"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// topDyads returns the n directed pairs with the most events (both actors
// known).
func (s *Server) topDyads(ctx context.Context, q sqlite.Query, n int) ([]DyadCount, error) {
	ts, err := s.st.Aggregate(ctx, q, store.BySource, store.ByTarget)
	if err != nil {
		return nil, err
	}
	out := []DyadCount{}
	for _, t := range ts {
		if t.Keys[0] == "" || t.Keys[1] == "" {
			continue
		}
		out = append(out, DyadCount{Source: t.Keys[0], Target: t.Keys[1], Events: t.Events, Mentions: t.Mentions, MeanGoldstein: round2(t.MeanGoldstein())})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Mentions > out[j].Mentions
	})
	return out[:min(n, len(out))], nil
}

func (s *Server) apiActors(r *http.Request) (any, []string, *apiError) {
	return topN(s, r, s.topActors)
}

func (s *Server) apiDyads(r *http.Request) (any, []string, *apiError) {
	return topN(s, r, s.topDyads)
}

// topN answers /actors and /dyads: the filters, then the n first rows of top.
func topN[T any](s *Server, r *http.Request, top func(context.Context, sqlite.Query, int) ([]T, error)) (any, []string, *apiError) {
	p, err := newParams(r.URL.Query(), withFilters("n")...)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	q, err := p.query()
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	n, err := p.integer("n", 10, 1, s.opt.MaxPageSize, "")
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	rows, err := top(ctx, q, n)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return rows, nil, nil
}

// PlaceCount is one row of /api/v1/places: an event location.
type PlaceCount struct {
	Name          string  `json:"name"`
	Country       string  `json:"country"`
	Lat           float64 `json:"lat"`
	Lon           float64 `json:"lon"`
	Events        int     `json:"events"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

func (s *Server) places(ctx context.Context, q sqlite.Query) ([]PlaceCount, error) {
	ts, err := s.st.Aggregate(ctx, q, sqlite.ByLocation)
	if err != nil {
		return nil, err
	}
	out := []PlaceCount{}
	for _, t := range ts {
		f := strings.Split(t.Keys[0], "|")
		if len(f) != 4 || f[2] == "" || f[3] == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, PlaceCount{Name: f[0], Country: f[1], Lat: lat, Lon: lon, Events: t.Events, MeanGoldstein: round2(t.MeanGoldstein())})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Events > out[j].Events })
	return out, nil
}

func (s *Server) apiPlaces(r *http.Request) (any, []string, *apiError) {
	p, err := newParams(r.URL.Query(), withFilters()...)
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	q, err := p.query()
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	ps, err := s.places(ctx, q)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return ps, nil, nil
}

func (s *Server) apiArticle(r *http.Request) (any, []string, *apiError) {
	if _, err := newParams(r.URL.Query()); err != nil {
		return nil, nil, badData("%v", err)
	}
	id, aerr := pathID(r)
	if aerr != nil {
		return nil, nil, aerr
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	a, err := s.storedArticle(ctx, id)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return a, nil, nil
}

// HitJSON is one result of /api/v1/search.
type HitJSON struct {
	ArticleID int64   `json:"article_id"`
	DocID     string  `json:"doc_id"`
	Date      string  `json:"date,omitempty"`
	Title     string  `json:"title,omitempty"`
	Source    string  `json:"source"`
	Snippet   string  `json:"snippet"`
	Rank      float64 `json:"rank"`
}

func (s *Server) search(ctx context.Context, p *params) ([]HitJSON, *apiError) {
	q, err := p.one("q")
	if err != nil {
		return nil, badData("%v", err)
	}
	if q == "" {
		return nil, badData("parameter \"q\": give the words to search for")
	}
	n, err := p.integer("n", 20, 1, s.opt.MaxPageSize, "")
	if err != nil {
		return nil, badData("%v", err)
	}
	hits, err := s.st.Search(ctx, q, n)
	if err != nil {
		if ctx.Err() != nil {
			return nil, storeError(ctx, err)
		}
		return nil, badData("parameter \"q\": %v", err)
	}
	out := []HitJSON{}
	for _, h := range hits {
		out = append(out, HitJSON{ArticleID: h.ArticleID, DocID: h.DocID, Date: h.Date, Title: h.Title, Source: h.Source, Snippet: h.Snippet, Rank: h.Rank})
	}
	return out, nil
}

func (s *Server) apiSearch(r *http.Request) (any, []string, *apiError) {
	p, err := newParams(r.URL.Query(), "q", "n")
	if err != nil {
		return nil, nil, badData("%v", err)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	hits, aerr := s.search(ctx, p)
	if aerr != nil {
		return nil, nil, aerr
	}
	return hits, nil, nil
}

// StatsJSON is the data of /api/v1/stats.
type StatsJSON struct {
	Articles  int  `json:"articles"`
	Sentences int  `json:"sentences"`
	Actors    int  `json:"actor_mentions"`
	Quotes    int  `json:"quotes"`
	Places    int  `json:"places"`
	Events    int  `json:"events"`
	Mentions  int  `json:"event_mentions"`
	Inputs    int  `json:"inputs"`
	Failures  int  `json:"failures"`
	Writable  bool `json:"writable"`
}

func (s *Server) apiStats(r *http.Request) (any, []string, *apiError) {
	if _, err := newParams(r.URL.Query()); err != nil {
		return nil, nil, badData("%v", err)
	}
	ctx, cancel := s.queryCtx(r)
	defer cancel()
	st, err := s.st.Stats(ctx)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	return StatsJSON{st.Articles, st.Sentences, st.Actors, st.Quotes, st.Places, st.Events, st.Mentions, st.Inputs, st.Failures, s.opt.Writable}, nil, nil
}
