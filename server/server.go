// Package server is dyad serve: a JSON API over a store and a web explorer
// (package server/ui) that shows the events as a timeline, an actor network
// and a map, and every article with the evidence behind each of its codes.
//
// # API
//
// Every endpoint answers GET under /api/v1/ (POST for /api/v1/code) with
// the envelope of Prometheus' HTTP API:
//
//	{"status": "success", "data": …, "warnings": […]}
//	{"status": "error", "errorType": "bad_data", "error": "parameter \"quad\": \"5\": want 1, 2, 3 or 4"}
//
// and one HTTP status per error type (see [ErrorType]): bad_data 400,
// read_only 403, not_found 404, method_not_allowed 405, too_large 413,
// timeout 503, unavailable 503, canceled 499, internal 500. The endpoints and their
// parameters are described in OpenAPI 3 at /api/v1/openapi.json.
//
// Event filters (all endpoints that select events): from, to (YYYY-MM-DD,
// inclusive), actor, source, target (actor-code prefixes: RUS matches
// RUSGOV), dyad (A-B: events between A and B in either direction), code
// (CAMEO code, exactly: 010 is not 10), root (01 to 20), quad (1 to 4),
// place (location country code or place name), q (full-text query over
// the articles that mention the event, FTS5 syntax) and min_mentions.
// Lists repeat the parameter or separate values by commas; the parameters
// combine with AND. Unknown parameters are refused, so that a typo is not
// silently ignored.
//
// # Limits
//
// A page of events holds at most Options.MaxPageSize events (a larger
// limit is refused with bad_data); every request's store queries run under
// Options.QueryTimeout (then: timeout, 503); a document to code is at most
// Options.MaxCodeBytes (then: too_large, 413), and at most
// Options.MaxCoders documents are coded at once.
//
// # Read-only by default
//
// The server only reads the store. With Options.Writable (dyad serve
// --writable) POST /api/v1/code?store=true and the code page also store
// the coded document.
package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"dyad/pipeline"
	"dyad/server/ui"
	"dyad/store"
	"dyad/store/sqlite"
)

// Store is what the server reads: a store.Reader and the explorer's
// queries of store/sqlite and store/postgres.
type Store interface {
	store.Reader
	Select(ctx context.Context, q sqlite.Query, fn func(*store.Event) error) error
	Aggregate(ctx context.Context, q sqlite.Query, by ...store.Dim) ([]sqlite.Tally, error)
	Article(ctx context.Context, id int64) (*sqlite.Article, error)
	ArticleMentions(ctx context.Context, id int64) ([]*store.Mention, error)
	EventMentions(ctx context.Context, id int64) ([]*store.Mention, error)
	ArticleID(ctx context.Context, key string) (int64, error)
}

var _ Store = (*sqlite.DB)(nil)

// Options configure a Server. The zero value takes the defaults.
type Options struct {
	// DefaultPageSize is the page size of /api/v1/events and /events
	// when no limit is given (default 50).
	DefaultPageSize int
	// MaxPageSize is the largest page (default 1000).
	MaxPageSize int
	// QueryTimeout bounds the store queries of one request (default 10s).
	QueryTimeout time.Duration
	// MaxCodeBytes bounds the text of a document to code (default 256 KiB).
	MaxCodeBytes int
	// MaxCoders bounds the documents coded at once (default 2).
	MaxCoders int
	// Writable lets /api/v1/code store what it codes; the store must then
	// implement store.Appendable.
	Writable bool
	// Resources loads the coder's dictionaries and models on the first
	// coding request (default pipeline.Load).
	Resources func() (*pipeline.Resources, error)
	// Logf logs server errors (default: none).
	Logf func(format string, args ...any)
}

func (o *Options) defaults() {
	if o.DefaultPageSize <= 0 {
		o.DefaultPageSize = 50
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = 1000
	}
	if o.DefaultPageSize > o.MaxPageSize {
		o.DefaultPageSize = o.MaxPageSize
	}
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = 10 * time.Second
	}
	if o.MaxCodeBytes <= 0 {
		o.MaxCodeBytes = 256 << 10
	}
	if o.MaxCoders <= 0 {
		o.MaxCoders = 2
	}
	if o.Resources == nil {
		o.Resources = func() (*pipeline.Resources, error) { return pipeline.Load() }
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
}

// Server serves the API and the explorer. It is an http.Handler.
type Server struct {
	st  Store
	opt Options
	mux *http.ServeMux

	coders chan struct{} // semaphore of documents being coded

	apiPatterns []string // the API's routes, "GET /api/v1/events" …

	resOnce sync.Once
	res     *pipeline.Resources
	resErr  error
}

// New returns a server over st.
func New(st Store, opt Options) (*Server, error) {
	opt.defaults()
	if opt.Writable {
		if _, ok := st.(store.Appendable); !ok {
			return nil, errors.New("server: writable, but the store cannot be written")
		}
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux(), coders: make(chan struct{}, opt.MaxCoders)}
	s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	api := map[string]apiFunc{
		"GET /api/v1/events":        s.apiEvents,
		"GET /api/v1/events/{id}":   s.apiEvent,
		"GET /api/v1/counts":        s.apiCounts,
		"GET /api/v1/actors":        s.apiActors,
		"GET /api/v1/dyads":         s.apiDyads,
		"GET /api/v1/places":        s.apiPlaces,
		"GET /api/v1/articles/{id}": s.apiArticle,
		"GET /api/v1/search":        s.apiSearch,
		"GET /api/v1/stats":         s.apiStats,
	}
	patterns := []string{"POST /api/v1/code", "GET /api/v1/openapi.json"}
	for pattern, fn := range api {
		s.mux.Handle(pattern, s.wrap(fn))
		patterns = append(patterns, pattern)
	}
	s.apiPatterns = patterns
	s.mux.HandleFunc("POST /api/v1/code", s.codeHandler)
	s.mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)
	// everything else under /api/: a JSON 404 or 405
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		for _, pattern := range patterns {
			var method, path string
			fmt.Sscan(pattern, &method, &path)
			if matchPath(path, r.URL.Path) {
				w.Header().Set("Allow", method)
				writeError(w, &apiError{errorMethod, fmt.Errorf("%s %s: method not allowed (use %s)", r.Method, r.URL.Path, method)}, nil)
				return
			}
		}
		writeError(w, &apiError{errorNotFound, fmt.Errorf("no endpoint %s (see /api/v1/openapi.json)", r.URL.Path)}, nil)
	})

	s.mux.HandleFunc("GET /{$}", s.pageIndex)
	s.mux.HandleFunc("GET /events", s.pageEvents)
	s.mux.HandleFunc("GET /timeline", s.pageTimeline)
	s.mux.HandleFunc("GET /network", s.pageNetwork)
	s.mux.HandleFunc("GET /map", s.pageMap)
	s.mux.HandleFunc("GET /articles/{id}", s.pageArticle)
	s.mux.HandleFunc("GET /search", s.pageSearch)
	s.mux.HandleFunc("GET /code", s.pageCode)
	s.mux.HandleFunc("POST /code", s.pageCode)
	static := http.FileServerFS(ui.Static())
	s.mux.HandleFunc("GET /licenses/world-atlas", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(ui.AtlasLicense())
	})
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(static, time.Hour)))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, &apiError{errorNotFound, fmt.Errorf("no page %s", r.URL.Path)})
	})
}

func cacheFor(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}

// matchPath reports whether path matches a mux pattern path with {wildcards}.
func matchPath(pattern, path string) bool {
	pp, xs := splitPath(pattern), splitPath(path)
	if len(pp) != len(xs) {
		return false
	}
	for i := range pp {
		if len(pp[i]) > 1 && pp[i][0] == '{' {
			continue
		}
		if pp[i] != xs[i] {
			return false
		}
	}
	return true
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			if i > start {
				out = append(out, p[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// resources loads the coder once.
func (s *Server) resources() (*pipeline.Resources, error) {
	s.resOnce.Do(func() { s.res, s.resErr = s.opt.Resources() })
	return s.res, s.resErr
}

// queryCtx bounds the store queries of a request.
func (s *Server) queryCtx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.opt.QueryTimeout)
}
