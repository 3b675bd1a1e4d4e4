package read

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"dyad/doc"
)

// Web formats, read by [File] and [All] (not by Paths and From, whose
// format detection is unchanged).
const (
	// FormatHTML is a web page. The article is what readability (a port of
	// Mozilla's Readability) finds as the page's main content, rendered as
	// plain text with a blank line between blocks. Title is the page's
	// title, Date its published time (from its metadata) or Options.Date,
	// ID the file's base name, Line 1.
	FormatHTML Format = "html"
	// FormatFeed is an RSS (0.9x, 1.0, 2.0) or Atom feed: one article per
	// item or entry. Text is the item's content, else its description,
	// turned from HTML into plain text; Title its title; Date its published
	// (else updated) time, else Options.Date; ID its GUID, else its link,
	// else "base#n" (n counting items from 1); Line the line of the item's
	// opening tag. An item without text is reported and skipped.
	FormatFeed Format = "feed"
)

// ParseFormatAll is ParseFormat, also accepting "html" and "feed".
func ParseFormatAll(s string) (Format, error) {
	switch Format(s) {
	case FormatHTML, FormatFeed:
		return Format(s), nil
	}
	f, err := ParseFormat(s)
	if err != nil {
		return "", fmt.Errorf("%w %q (want one of auto, seed, text, jsonl, json, petrxml, html, feed)", ErrFormat, s)
	}
	return f, nil
}

// Files lists the files that Paths would read for paths, in the same order
// and by the same rules (directories recursively in lexical order, names
// starting with "." skipped, links to files followed); "-" is kept as it
// is. A path that cannot be read is reported as an *Error and left out.
func Files(paths []string, report func(error)) []string {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			report(&Error{File: p, Err: err})
			continue
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		walkFiles(p, func(e *Error) { report(e) }, func(path string) error {
			out = append(out, path)
			return nil
		})
	}
	return out
}

// All is Paths that also reads web pages and RSS/Atom feeds (see [File]).
func All(paths []string, opt Options, emit func(*doc.Doc) error, report func(error)) error {
	if _, err := ParseFormatAll(string(opt.Format)); err != nil {
		return err
	}
	var errs ErrorList
	rep := func(err error) {
		if report != nil {
			report(err)
		} else if e, ok := err.(*Error); ok {
			errs = append(errs, e)
		} else {
			errs = append(errs, &Error{Err: err})
		}
	}
	for _, p := range Files(paths, rep) {
		if err := File(p, opt, emit, rep); err != nil {
			return err
		}
	}
	return errs.Err()
}

// File reads one file, or standard input for "-", as Paths reads it, with
// two more formats: under FormatAuto a file named *.html, *.htm or *.xhtml,
// or one whose content starts with an HTML document type or <html> tag, is
// FormatHTML; a file named *.rss or *.atom, or one (named *.xml or without a
// known extension) whose first 64 KiB hold an <rss>, <feed> or <rdf:RDF>
// element and no <Sentence>, is FormatFeed. Anything else is read as by
// Paths. Errors are reported as by Paths; only emit's error is returned.
func File(path string, opt Options, emit func(*doc.Doc) error, report func(error)) error {
	if _, err := ParseFormatAll(string(opt.Format)); err != nil {
		return err
	}
	rep := func(e *Error) {
		if report != nil {
			report(e)
		}
	}
	var r io.Reader
	name := path
	if path == "-" {
		r, name = opt.Stdin, stdinName
		if r == nil {
			r = os.Stdin
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			rep(&Error{File: path, Err: err})
			return nil
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, sniffLen)
	f := opt.Format
	if f == "" || f == FormatAuto {
		head, _ := br.Peek(sniffLen)
		f = detectWeb(name, bytes.TrimPrefix(head, bom))
	}
	switch f {
	case FormatHTML, FormatFeed:
		data, err := io.ReadAll(br)
		if err != nil {
			rep(&Error{File: name, Err: err})
			return nil
		}
		data = bytes.TrimPrefix(data, bom)
		if f == FormatHTML {
			return readHTML(data, name, opt, emit, rep)
		}
		return readFeed(data, name, opt, emit, rep)
	}
	o := opt
	if f == "" {
		o.Format = FormatAuto
	}
	return from(br, name, o, emit, rep)
}

// detectWeb returns FormatHTML or FormatFeed when the input is one, else "".
func detectWeb(name string, head []byte) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".rss", ".atom":
		return FormatFeed
	case ".jsonl", ".ndjson", ".json", ".txt":
		return ""
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 || t[0] != '<' {
		return ""
	}
	low := bytes.ToLower(t)
	if bytes.Contains(low, []byte("<sentence")) {
		return ""
	}
	if hasElement(low, "rss") || hasElement(low, "feed") || hasElement(low, "rdf:rdf") {
		return FormatFeed
	}
	if ext == ".xml" {
		return ""
	}
	start := low[:min(len(low), 1024)]
	if bytes.HasPrefix(start, []byte("<!doctype html")) || hasElement(start, "html") {
		return FormatHTML
	}
	return ""
}

// hasElement reports whether low (lower-cased) holds a start tag <name.
func hasElement(low []byte, name string) bool {
	tag := []byte("<" + name)
	for i := 0; ; {
		j := bytes.Index(low[i:], tag)
		if j < 0 {
			return false
		}
		k := i + j + len(tag)
		if k == len(low) || low[k] == '>' || low[k] == ' ' || low[k] == '\t' || low[k] == '\n' || low[k] == '\r' || low[k] == '/' {
			return true
		}
		i = k
	}
}

func readHTML(data []byte, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	art, err := readability.FromReader(bytes.NewReader(data), nil)
	if err != nil {
		rep(&Error{File: name, Err: fmt.Errorf("%w: html: %v", ErrFormat, err)})
		return nil
	}
	var text string
	if art.Node != nil {
		text = strings.TrimSpace(render.InnerText(art.Node))
	}
	if text == "" {
		rep(&Error{File: name, Err: ErrNoText})
		return nil
	}
	date := opt.Date
	if t, err := art.PublishedTime(); err == nil {
		date = t
	}
	return emit(&doc.Doc{
		ID:     baseName(name),
		Date:   date,
		Title:  strings.TrimSpace(art.Title()),
		Source: name,
		Line:   1,
		Text:   text,
	})
}

// htmlText turns an HTML fragment (or plain text with entities) into plain
// text, blocks separated by blank lines.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(render.InnerText(n))
}

func readFeed(data []byte, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		rep(&Error{File: name, Err: fmt.Errorf("%w: feed: %v", ErrFormat, err)})
		return nil
	}
	lines := itemLines(data)
	idx := newLineIndex(data)
	for i, it := range feed.Items {
		line := 0
		if i < len(lines) {
			line = idx.at(lines[i])
		}
		text := htmlText(it.Content)
		if text == "" {
			text = htmlText(it.Description)
		}
		if text == "" {
			rep(&Error{File: name, Line: line, Err: fmt.Errorf("%w (item %d)", ErrNoText, i+1)})
			continue
		}
		id := strings.TrimSpace(it.GUID)
		if id == "" {
			id = strings.TrimSpace(it.Link)
		}
		if id == "" {
			id = fmt.Sprintf("%s#%d", baseName(name), i+1)
		}
		date := opt.Date
		switch {
		case it.PublishedParsed != nil:
			date = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			date = *it.UpdatedParsed
		}
		if date.Location() == time.Local && !date.IsZero() {
			date = date.UTC()
		}
		if err := emit(&doc.Doc{
			ID:     id,
			Date:   date,
			Title:  htmlText(it.Title),
			Source: name,
			Line:   line,
			Text:   text,
		}); err != nil {
			return err
		}
	}
	return nil
}

// itemLines returns the byte offsets of the <item> and <entry> start tags
// of a feed, in order.
func itemLines(data []byte) []int {
	var offs []int
	low := bytes.ToLower(data)
	for i := 0; i < len(low); {
		j := bytes.IndexByte(low[i:], '<')
		if j < 0 {
			break
		}
		k := i + j + 1
		for _, name := range []string{"item", "entry"} {
			if bytes.HasPrefix(low[k:], []byte(name)) {
				e := k + len(name)
				if e < len(low) && (low[e] == '>' || low[e] == ' ' || low[e] == '\n' || low[e] == '\t' || low[e] == '\r') {
					offs = append(offs, k-1)
				}
			}
		}
		i = k
	}
	return offs
}
