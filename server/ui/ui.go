// Package ui is the web explorer of dyad serve: HTML templates, a style
// sheet and the charts, all embedded in the binary (go:embed), so that the
// pages work without network access (no CDN, no web fonts, no script
// library).
//
// The charts are SVG drawn here, on the server: Timeline (cooperation above
// the axis, conflict below, per day, week or month), Network (actors on a
// circle, directed edges coloured by mean Goldstein score) and WorldMap
// (event locations over country outlines from the npm package world-atlas,
// ISC licence, Natural Earth data; see gen_atlas.go and
// assets/world-atlas/LICENSE). Every mark is a link to the events behind
// it. Highlight renders an article with its actors, verbs, quotes and
// places marked. The pages use no JavaScript.
package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"sync"
)

//go:embed templates/*.html static assets/world-atlas
var files embed.FS

// AtlasLicense is the licence of the world-atlas outlines.
func AtlasLicense() []byte {
	b, err := files.ReadFile("assets/world-atlas/LICENSE")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return b
}

// Static is the file system served under /static/: the style sheet.
func Static() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

var (
	tmplOnce sync.Once
	tmpls    map[string]*template.Template
	tmplErr  error
)

var funcs = template.FuncMap{
	"query": func(v url.Values, kv ...string) string {
		q := url.Values{}
		for k, vs := range v {
			q[k] = append([]string(nil), vs...)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				q.Del(kv[i])
			} else {
				q.Set(kv[i], kv[i+1])
			}
		}
		return q.Encode()
	},
	"join":  strings.Join,
	"dash":  func(s string) string { return orDash(s) },
	"gold":  func(g float64) string { return fmt.Sprintf("%+.1f", g) },
	"color": GoldsteinColor,
	"quadName": func(q int) string {
		if q >= 1 && q <= 4 {
			return quadNames[q]
		}
		return "?"
	},
	"add": func(a, b int) int { return a + b },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

var quadNames = [5]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func load() {
	base, err := template.New("base").Funcs(funcs).ParseFS(files, "templates/base.html", "templates/_*.html")
	if err != nil {
		tmplErr = err
		return
	}
	pages, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		tmplErr = err
		return
	}
	tmpls = map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "base" || strings.HasPrefix(name, "_") {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(files, p)
		if err != nil {
			tmplErr = err
			return
		}
		tmpls[name] = t
	}
}

// Page is what every page template gets.
type Page struct {
	Title string
	Nav   string     // the active tab
	Query url.Values // the request's query, for links that keep the filters
	// Writable reports whether the server may store coded documents.
	Writable bool
	Warnings []string
	Data     any
}

// Render writes the page template name (templates/NAME.html) with p. It
// renders into memory first, so that a template error leaves w untouched.
func Render(w io.Writer, name string, p *Page) error {
	tmplOnce.Do(load)
	if tmplErr != nil {
		return tmplErr
	}
	t, ok := tmpls[name]
	if !ok {
		return fmt.Errorf("ui: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", p); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Names lists the page templates, for tests.
func Names() []string {
	tmplOnce.Do(load)
	var out []string
	for n := range tmpls {
		out = append(out, n)
	}
	return out
}
