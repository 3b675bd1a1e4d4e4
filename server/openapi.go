package server

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The OpenAPI 3 description of the API is built from this table, so that
// it names exactly the parameters the handlers accept (a test checks both
// ways).

type apiParam struct {
	name, in, typ, desc string
	required, array     bool
}

type apiOp struct {
	method, path, summary string
	params                []apiParam
	body                  bool
}

var filterDocs = []apiParam{
	{name: "from", typ: "date", desc: "first date, YYYY-MM-DD (inclusive)"},
	{name: "to", typ: "date", desc: "last date, YYYY-MM-DD (inclusive)"},
	{name: "actor", array: true, desc: "source or target actor-code prefix (RUS matches RUSGOV)"},
	{name: "source", array: true, desc: "source actor-code prefix"},
	{name: "target", array: true, desc: "target actor-code prefix"},
	{name: "dyad", array: true, desc: "two actor-code prefixes joined by '-': events between them in either direction (IRN-TUR)"},
	{name: "code", array: true, desc: "CAMEO event code, exactly (010 is not 10)"},
	{name: "root", array: true, desc: "CAMEO root, 01 to 20"},
	{name: "quad", array: true, typ: "integer", desc: "quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"},
	{name: "place", array: true, desc: "event location: country code (SYR) or place name (Idlib)"},
	{name: "q", desc: "full-text query (SQLite FTS5: words, \"phrases\", AND, OR, NOT, prefix*) over the articles that mention the event"},
	{name: "min_mentions", typ: "integer", desc: "events with at least this many mentions"},
}

func (s *Server) apiOps() []apiOp {
	id := apiParam{name: "id", in: "path", typ: "integer", required: true, desc: "store id"}
	return []apiOp{
		{method: "get", path: "/api/v1/events", summary: "Events that pass the filters, in id order, one page at a time",
			params: append(filterDocs[:len(filterDocs):len(filterDocs)],
				apiParam{name: "limit", typ: "integer", desc: "page size (default " + itoa(s.opt.DefaultPageSize) + ", at most " + itoa(s.opt.MaxPageSize) + ")"},
				apiParam{name: "after", typ: "integer", desc: "cursor: the next value of the previous page"})},
		{method: "get", path: "/api/v1/events/{id}", summary: "One event with every mention and its evidence", params: []apiParam{id}},
		{method: "get", path: "/api/v1/counts", summary: "Events per day, week or month and quad class",
			params: append(filterDocs[:len(filterDocs):len(filterDocs)], apiParam{name: "interval", desc: "day (default), week (from Monday) or month"})},
		{method: "get", path: "/api/v1/actors", summary: "The actors in most events, as source or target",
			params: append(filterDocs[:len(filterDocs):len(filterDocs)], apiParam{name: "n", typ: "integer", desc: "how many (default 10)"})},
		{method: "get", path: "/api/v1/dyads", summary: "The directed source-target pairs with most events, with their mean Goldstein score",
			params: append(filterDocs[:len(filterDocs):len(filterDocs)], apiParam{name: "n", typ: "integer", desc: "how many (default 10)"})},
		{method: "get", path: "/api/v1/places", summary: "Event locations with their events and mean Goldstein score", params: filterDocs},
		{method: "get", path: "/api/v1/articles/{id}", summary: "One article: text, sentences, actors, quotes, places and each event's evidence", params: []apiParam{id}},
		{method: "get", path: "/api/v1/search", summary: "Full-text search over the articles, best first",
			params: []apiParam{{name: "q", required: true, desc: "FTS5 query"}, {name: "n", typ: "integer", desc: "how many (default 20)"}}},
		{method: "get", path: "/api/v1/stats", summary: "What the store holds"},
		{method: "post", path: "/api/v1/code", summary: "Code a document (JSON {text, date, title, id} or a form) and explain every code; nothing is stored unless the server is writable and store=true",
			params: []apiParam{{name: "store", typ: "boolean", desc: "also store the document (writable servers only; read-only ones answer 403)"}}, body: true},
		{method: "get", path: "/api/v1/openapi.json", summary: "This description"},
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func schemaOf(p apiParam) map[string]any {
	var item map[string]any
	switch p.typ {
	case "date":
		item = map[string]any{"type": "string", "format": "date"}
	case "integer", "boolean":
		item = map[string]any{"type": p.typ}
	default:
		item = map[string]any{"type": "string"}
	}
	if p.array {
		return map[string]any{"type": "array", "items": item}
	}
	return item
}

var (
	openAPIOnce sync.Once
	openAPIDoc  map[string]any
)

// OpenAPI returns the OpenAPI 3.0 description of the API.
func (s *Server) OpenAPI() map[string]any {
	openAPIOnce.Do(func() { openAPIDoc = s.buildOpenAPI() })
	return openAPIDoc
}

func (s *Server) buildOpenAPI() map[string]any {
	var errTypes []string
	for t := range errorStatus {
		errTypes = append(errTypes, string(t))
	}
	sort.Strings(errTypes)
	envelope := map[string]any{
		"type":     "object",
		"required": []string{"status"},
		"properties": map[string]any{
			"status":    map[string]any{"type": "string", "enum": []string{"success", "error"}},
			"data":      map[string]any{"description": "the answer; its shape depends on the endpoint"},
			"warnings":  map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			"error":     map[string]any{"type": "string"},
			"errorType": map[string]any{"type": "string", "enum": errTypes},
		},
	}
	paths := map[string]any{}
	for _, op := range s.apiOps() {
		var ps []any
		for _, p := range op.params {
			in := p.in
			if in == "" {
				in = "query"
			}
			m := map[string]any{"name": p.name, "in": in, "description": p.desc, "schema": schemaOf(p), "required": p.required || in == "path"}
			if p.array {
				m["style"], m["explode"] = "form", true
			}
			ps = append(ps, m)
		}
		responses := map[string]any{
			"200": map[string]any{"description": "success", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Response"}}}},
		}
		for t, code := range errorStatus {
			c := itoa(code)
			if _, ok := responses[c]; !ok {
				responses[c] = map[string]any{"description": "error " + string(t), "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Response"}}}}
			} else {
				r := responses[c].(map[string]any)
				r["description"] = r["description"].(string) + ", " + string(t)
			}
		}
		o := map[string]any{"summary": op.summary, "operationId": strings.Trim(strings.NewReplacer("/api/v1/", "", "/", "_", "{", "", "}", "", ".", "_").Replace(op.method+"_"+op.path), "_"), "responses": responses}
		if ps != nil {
			o["parameters"] = ps
		}
		if op.body {
			props := map[string]any{
				"text":  map[string]any{"type": "string", "description": "the article, at most " + itoa(s.opt.MaxCodeBytes) + " bytes"},
				"date":  map[string]any{"type": "string", "format": "date"},
				"title": map[string]any{"type": "string"},
				"id":    map[string]any{"type": "string"},
			}
			schema := map[string]any{"type": "object", "required": []string{"text"}, "properties": props}
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json":                  map[string]any{"schema": schema},
				"application/x-www-form-urlencoded": map[string]any{"schema": schema},
			}}
		}
		pi, _ := paths[op.path].(map[string]any)
		if pi == nil {
			pi = map[string]any{}
			paths[op.path] = pi
		}
		pi[op.method] = o
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "dyad API",
			"version":     "1",
			"description": "Coded political events (CAMEO) from the dyad store. Every answer is the envelope Response; errors carry errorType and one HTTP status per type.",
		},
		"paths":      paths,
		"components": map[string]any{"schemas": map[string]any{"Response": envelope}},
	}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.OpenAPI())
}
