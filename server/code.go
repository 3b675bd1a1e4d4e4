package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/doc"
	"dyad/events"
	"dyad/pipeline"
	"dyad/sink"
	"dyad/store"
)

// CodeRequest is the body of POST /api/v1/code (JSON, or a form with the
// same fields).
type CodeRequest struct {
	Text  string `json:"text"`
	Date  string `json:"date"` // YYYY-MM-DD; office holders' codes depend on it
	Title string `json:"title"`
	ID    string `json:"id"`
}

// CodeResult is the data of POST /api/v1/code.
type CodeResult struct {
	// Document is the coded document in dyad's JSON Lines form.
	Document sink.Document `json:"document"`
	// Article is the same document as the article view shows it, with
	// each event's evidence and explanation.
	Article *ArticleJSON `json:"article"`
	// Trace lists every decision of the events stage, as dyad explain
	// prints it.
	Trace []string `json:"trace"`
	// Stored reports whether the document was stored (writable servers,
	// store=true), and ArticleID is its id in the store.
	Stored    bool  `json:"stored"`
	ArticleID int64 `json:"article_id,omitempty"`
}

// readCodeRequest reads a JSON or form body, within the size limit.
func (s *Server) readCodeRequest(w http.ResponseWriter, r *http.Request) (*CodeRequest, *apiError) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(s.opt.MaxCodeBytes)*2+4096)
	tooLarge := func() *apiError {
		return &apiError{errorTooLarge, fmt.Errorf("the document is larger than the server's limit of %d bytes", s.opt.MaxCodeBytes)}
	}
	var req CodeRequest
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, tooLarge()
			}
			return nil, badData("body: %v (want {\"text\": …, \"date\": \"YYYY-MM-DD\", \"title\": …})", err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, badData("body: more than one JSON value")
		}
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if err := r.ParseMultipartForm(int64(s.opt.MaxCodeBytes) * 2); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, tooLarge()
			}
			return nil, badData("body: %v", err)
		}
		for k := range r.PostForm {
			switch k {
			case "text", "date", "title", "id", "store":
			default:
				return nil, badData("body: unknown field %q (want text, date, title, id, store)", k)
			}
		}
		req = CodeRequest{Text: r.PostForm.Get("text"), Date: r.PostForm.Get("date"), Title: r.PostForm.Get("title"), ID: r.PostForm.Get("id")}
	default:
		return nil, badData("Content-Type %q: send application/json or a form", r.Header.Get("Content-Type"))
	}
	if len(req.Text) > s.opt.MaxCodeBytes {
		return nil, tooLarge()
	}
	req.Text = strings.ReplaceAll(req.Text, "\r\n", "\n")
	if strings.TrimSpace(req.Text) == "" {
		return nil, badData("text: empty; give the article to code")
	}
	if !utf8.ValidString(req.Text) {
		return nil, badData("text: not valid UTF-8")
	}
	req.Date = strings.TrimSpace(req.Date)
	if req.Date != "" {
		if _, err := time.Parse("2006-01-02", req.Date); err != nil {
			return nil, badData("date %q: want YYYY-MM-DD", req.Date)
		}
	}
	return &req, nil
}

// code codes one document with an events stage that records its decisions.
func (s *Server) code(ctx context.Context, req *CodeRequest) (*doc.Doc, []string, *apiError) {
	wait, cancel := context.WithTimeout(ctx, s.opt.QueryTimeout)
	defer cancel()
	select {
	case s.coders <- struct{}{}:
		defer func() { <-s.coders }()
	case <-wait.Done():
		return nil, nil, &apiError{errorUnavailable, errors.New("every coder is busy: try again")}
	}
	res, err := s.resources()
	if err != nil {
		return nil, nil, &apiError{errorUnavailable, fmt.Errorf("cannot load the coder: %v", err)}
	}
	var trace []string
	ev := events.New(res.Verbs, res.Codes, events.WithDiscards(res.Dict.Discards))
	ev.Trace = func(format string, a ...any) { trace = append(trace, fmt.Sprintf(format, a...)) }
	p, err := pipeline.Default(res, ev)
	if err != nil {
		return nil, nil, &apiError{errorInternal, err}
	}
	id := req.ID
	if id == "" {
		id = "pasted"
	}
	d := &doc.Doc{ID: id, Title: req.Title, Source: "dyad serve", Text: req.Text}
	if req.Date != "" {
		d.Date, _ = time.Parse("2006-01-02", req.Date)
	}
	if err := p.Run(ctx, d); err != nil {
		if ctx.Err() != nil {
			return nil, nil, &apiError{errorCanceled, ctx.Err()}
		}
		// a stage error is a diagnostic on d: the partial result is shown
	}
	if trace == nil {
		trace = []string{}
	}
	return d, trace, nil
}

// storeDoc appends a coded document to the store and returns its id.
func (s *Server) storeDoc(ctx context.Context, d *doc.Doc) (int64, error) {
	w, err := s.st.(store.Appendable).Writer(ctx)
	if err != nil {
		return 0, err
	}
	defer w.Rollback()
	if _, err := w.Append(d); err != nil {
		return 0, err
	}
	if err := w.Commit(); err != nil {
		return 0, err
	}
	return s.st.ArticleID(ctx, store.Key(d))
}

// wantStore reads a boolean parameter (store, world).
func wantStore(v string) (bool, error) {
	switch v {
	case "", "false", "0", "no", "off":
		return false, nil
	case "true", "1", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("parameter \"store\": %q: want true or false", v)
}

// codeHandler serves POST /api/v1/code.
func (s *Server) codeHandler(w http.ResponseWriter, r *http.Request) {
	s.wrap(func(r *http.Request) (any, []string, *apiError) {
		p, err := newParams(r.URL.Query(), "store")
		if err != nil {
			return nil, nil, badData("%v", err)
		}
		st, err := p.one("store")
		if err != nil {
			return nil, nil, badData("%v", err)
		}
		doStore, err := wantStore(st)
		if err != nil {
			return nil, nil, badData("%v", err)
		}
		if doStore && !s.opt.Writable {
			return nil, nil, &apiError{errorReadOnly, errors.New("this server is read-only: start it with dyad serve --writable to store documents")}
		}
		req, aerr := s.readCodeRequest(w, r)
		if aerr != nil {
			return nil, nil, aerr
		}
		d, trace, aerr := s.code(r.Context(), req)
		if aerr != nil {
			return nil, nil, aerr
		}
		res := &CodeResult{Document: sink.Convert(d), Article: codedArticle(d), Trace: trace}
		if doStore {
			ctx, cancel := s.queryCtx(r)
			defer cancel()
			id, err := s.storeDoc(ctx, d)
			if err != nil {
				return nil, nil, storeError(ctx, err)
			}
			res.Stored, res.ArticleID = true, id
		}
		return res, nil, nil
	}).ServeHTTP(w, r)
}
