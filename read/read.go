// Package read turns article files into *doc.Doc values: the first stage of
// the dyad pipeline.
//
// Reads: nothing (it is the first stage). Writes: Doc.ID, Doc.Date,
// Doc.Title, Doc.Source, Doc.Line and Doc.Text. Every other field of the
// Doc is left empty for later stages. Doc.Text holds the article body as
// read; later stages point into it by byte offset, so read never edits the
// inside of a body (the one exception is PETRARCH XML, below).
//
// # Entry points
//
// [Paths] reads files, directories (every regular, non-hidden file below
// them, recursively, in lexical order) and "-" (standard input, or
// Options.Stdin). [From] reads one stream. Both call emit once for each
// document, in input order, with a fresh *doc.Doc that the callee owns. A
// bad input (a missing file, a malformed line or record) is reported as an
// [*Error] through report and skipped; reading goes on with the next record
// or file. Only an error returned by emit stops reading early; Paths and From
// then return that error unchanged. When report is nil the read errors are
// collected and returned as an [ErrorList]. Neither function panics or exits.
//
// [ReadPetrXML] reads a PETRARCH XML file together with its gold
// <EventCoding> records, for evaluation.
//
// # Formats
//
// Options.Format picks the format; [FormatAuto] (or "") chooses one per file:
// by extension first (.jsonl and .ndjson: jsonl; .xml: petrxml; .json: json,
// or jsonl when the first line is a complete JSON value; .txt: seed when the
// file starts with a date header, else text), then, for other names and for
// standard input, by content: "<" followed somewhere in the first 64 KiB by
// "<Sentence" or "<?xml" is petrxml, "[" followed by "{" or "]" is json, "{"
// followed by a quote or "}" is jsonl or json as for .json, a date header
// (whose date starts with a digit) is seed, anything else is text. A leading
// UTF-8 byte order mark is dropped in every format.
//
// seed: the file begins with a header " date YYYY-MM-DD " (any leading blanks
// optional, "date" in any case) and the body's first sentence follows on the
// same line. Text is everything after the date and the blanks that follow it,
// byte for byte to the end of the file; when the body starts on the next line
// that line break is dropped as well and Line is 2. ID is the file's base
// name. A header whose date is not a valid YYYY-MM-DD is an [ErrBadDate]
// naming the file, line 1 and the bad value; a forced seed file without a
// header is an [ErrFormat].
//
// text: the whole file is the body. ID is the file's base name, Date is
// Options.Date (zero: unknown), Line is 1.
//
// jsonl: JSON Lines, one object per line:
//
//	{"id": "…", "date": "2018-09-07", "title": "…", "text": "…"}
//
// "doc_id" and then "url" stand in for a missing "id"; an id may be a string
// or a number. "date" is YYYY-MM-DD, YYYYMMDD (a string or a number) or
// RFC 3339 ("2018-09-07T10:00:00+02:00", kept with its offset); a missing or
// empty date means Options.Date. Dates without a time are midnight UTC. "text" is required and kept exactly. "title" is optional.
// Other keys (PLOVER's "source" actor lists, "event", …) are ignored, as is
// any key of an unexpected type other than "text" and "date". Blank lines are
// skipped; a line may be of any length. A line that is not a JSON object, has
// no text or has a bad date is reported with its file and line number and
// skipped. Line is the line number; an article without an id gets the ID
// "base#line".
//
// json: a JSON array of such objects (PLOVER gold files are read this way),
// or a stream of objects one after another. Line is the line of the object's
// "{"; an object without an id gets the ID "base#n", n counting objects from
// 1. A bad object is reported and skipped; a syntax error ends the file.
//
// petrxml: PETRARCH XML, read tolerantly: each <Sentence date="YYYYMMDD"
// id="…"> opens an article, whether or not the tag is self-closed, and it
// runs to </Sentence>, the next <Sentence> or the end of the file. Its <Text>
// is the body; <Parse>, XML comments and, outside <Text>, lines whose first
// non-blank character is "#" are skipped. Text is the sentence with each run
// of white space that holds a line break turned into one space, entities
// decoded and the ends trimmed. Six-digit YYMMDD dates are read as TABARI
// and PETRARCH did (00–30 → 20YY, else 19YY). Line is the line of the
// <Sentence> tag; a sentence without an id gets "base#n". The gold
// <EventCoding> attributes and the "category" attribute are returned by
// ReadPetrXML only.
//
// In every format Source is the file name as given ("<stdin>" for standard
// input), so that Source and Line locate the article in its file.
//
// # Example
//
// The JSON Lines input (file feed.jsonl)
//
//	{"id": "a1", "date": "2018-09-07", "text": "Iran and Russia met in Tehran."}
//	{"date": "2018-13-01", "text": "A bad date."}
//	{"date": "20180908", "title": "Idlib", "text": "Warplanes hit Idlib."}
//
// gives two documents and one error:
//
//	Doc{ID: "a1", Date: 2018-09-07, Source: "feed.jsonl", Line: 1, Text: "Iran and Russia met in Tehran."}
//	error: feed.jsonl:2: read: bad date "2018-13-01"
//	Doc{ID: "feed.jsonl#3", Date: 2018-09-08, Title: "Idlib", Source: "feed.jsonl", Line: 3, Text: "Warplanes hit Idlib."}
package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dyad/doc"
)

// Format names an input format.
type Format string

// The formats. The zero Format is FormatAuto.
const (
	FormatAuto    Format = "auto"
	FormatSeed    Format = "seed"
	FormatText    Format = "text"
	FormatJSONL   Format = "jsonl"
	FormatJSON    Format = "json"
	FormatPetrXML Format = "petrxml"
)

// formats lists the formats ParseFormat accepts, FormatAuto first.
var formats = []Format{FormatAuto, FormatSeed, FormatText, FormatJSONL, FormatJSON, FormatPetrXML}

// ParseFormat returns the Format named s ("" is FormatAuto), or an error
// wrapping ErrFormat.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return FormatAuto, nil
	}
	for _, f := range formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (want one of auto, seed, text, jsonl, json, petrxml)", ErrFormat, s)
}

// Options control reading. The zero Options reads every format
// automatically and leaves dates unknown where the input gives none.
type Options struct {
	// Format forces one format for every input; "" or FormatAuto chooses
	// one per input (see the package documentation).
	Format Format
	// Date is the date of articles whose input gives none: plain text,
	// and JSON records or PETRARCH sentences without a date. Zero means
	// unknown.
	Date time.Time
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

// Sentinel errors. Read errors wrap one of these (or an error from the
// operating system) inside an *Error.
var (
	ErrBadDate = errors.New("read: bad date")
	ErrNoText  = errors.New("read: no text")
	ErrFormat  = errors.New("read: bad format")
)

// Error is a positioned read error: the file, the 1-based line (0 when the
// error concerns the whole file) and the cause.
type Error struct {
	File string
	Line int
	Err  error
}

// Error returns "file:line: cause", or "file: cause" when Line is 0.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the cause, so that errors.Is(err, ErrBadDate) works.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is a list of read errors in the order they were found, in the
// manner of go/scanner.ErrorList.
type ErrorList []*Error

// Error returns the first error and a count of the others.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors of the list, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// stdinName is the Source and error file name of standard input.
const stdinName = "<stdin>"

// sniffLen is how much of an input is looked at to detect its format.
const sniffLen = 64 << 10

// Paths reads every path in order: a regular file, a directory (every
// regular file below it whose name does not start with ".", recursively, in
// lexical order; symbolic links to files are followed, to directories not)
// or "-" for Options.Stdin. It calls emit for each document. Read errors are
// passed to report as *Error values and the bad input is skipped; when report
// is nil they are collected and returned as an ErrorList. If emit returns an
// error, reading stops and Paths returns that error.
func Paths(paths []string, opt Options, emit func(*doc.Doc) error, report func(error)) error {
	if _, err := ParseFormat(string(opt.Format)); err != nil {
		return err
	}
	var errs ErrorList
	rep := func(e *Error) {
		if report != nil {
			report(e)
		} else {
			errs = append(errs, e)
		}
	}
	for _, p := range paths {
		if err := readPath(p, opt, emit, rep); err != nil {
			return err
		}
	}
	return errs.Err()
}

// readPath reads one argument of Paths; it returns only emit's errors.
func readPath(p string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	if p == "-" {
		in := opt.Stdin
		if in == nil {
			in = os.Stdin
		}
		return from(in, stdinName, opt, emit, rep)
	}
	fi, err := os.Stat(p)
	if err != nil {
		rep(&Error{File: p, Err: err})
		return nil
	}
	if !fi.IsDir() {
		return readFile(p, opt, emit, rep)
	}
	return walkFiles(p, rep, func(path string) error { return readFile(path, opt, emit, rep) })
}

// walkFiles calls visit for every regular file below the directory root, in
// lexical order, skipping names that start with "." and following links to
// files (not to directories). Unreadable entries are reported and skipped;
// an error from visit stops the walk and is returned.
func walkFiles(root string, rep func(*Error), visit func(path string) error) error {
	var stop error
	walkErr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			rep(&Error{File: path, Err: err})
			if d != nil && d.IsDir() && path != root {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			if d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				return nil // dangling link or link to a directory
			}
		}
		if err := visit(path); err != nil {
			stop = err
			return fs.SkipAll
		}
		return nil
	})
	if stop != nil {
		return stop
	}
	if walkErr != nil {
		rep(&Error{File: root, Err: walkErr})
	}
	return nil
}

func readFile(path string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	f, err := os.Open(path)
	if err != nil {
		rep(&Error{File: path, Err: err})
		return nil
	}
	defer f.Close()
	return from(f, path, opt, emit, rep)
}

// From reads the documents of one input. name is the input's file name: it
// chooses the format under FormatAuto, becomes Doc.Source and names the
// input in errors; "-" stands for standard input. Errors are handled as by
// Paths.
func From(r io.Reader, name string, opt Options, emit func(*doc.Doc) error, report func(error)) error {
	if _, err := ParseFormat(string(opt.Format)); err != nil {
		return err
	}
	if name == "-" {
		name = stdinName
	}
	var errs ErrorList
	rep := func(e *Error) {
		if report != nil {
			report(e)
		} else {
			errs = append(errs, e)
		}
	}
	if err := from(r, name, opt, emit, rep); err != nil {
		return err
	}
	return errs.Err()
}

// from reads one input; it returns only emit's errors.
func from(r io.Reader, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	br := bufio.NewReaderSize(r, sniffLen)
	f := opt.Format
	if f == "" || f == FormatAuto {
		f = detect(name, br)
	}
	if f == FormatJSONL {
		return readJSONL(br, name, opt, emit, rep)
	}
	data, err := io.ReadAll(br)
	if err != nil {
		rep(&Error{File: name, Err: err})
		return nil
	}
	data = bytes.TrimPrefix(data, bom)
	switch f {
	case FormatSeed:
		return readSeed(data, name, emit, rep)
	case FormatJSON:
		return readJSON(data, name, opt, emit, rep)
	case FormatPetrXML:
		return readPetr(data, name, opt.Date, func(s PetrSentence) error { return emit(s.Doc) }, rep)
	}
	return readText(data, name, opt, emit, rep)
}

var bom = []byte("\ufeff")

// detect chooses the format of an input from its name and first bytes.
func detect(name string, br *bufio.Reader) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".xml":
		return FormatPetrXML
	}
	head, _ := br.Peek(sniffLen)
	head = bytes.TrimPrefix(head, bom)
	switch ext {
	case ".json":
		if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			return objectsFormat(t)
		}
		return FormatJSON
	case ".txt":
		if _, ok := seedHeader(head, false); ok {
			return FormatSeed
		}
		return FormatText
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 {
		return FormatText
	}
	switch t[0] {
	case '<':
		if bytes.Contains(t, []byte("<Sentence")) || bytes.Contains(t, []byte("<?xml")) {
			return FormatPetrXML
		}
	case '[':
		if u := bytes.TrimLeft(t[1:], " \t\r\n"); len(u) > 0 && (u[0] == '{' || u[0] == ']') {
			return FormatJSON
		}
	case '{':
		if u := bytes.TrimLeft(t[1:], " \t\r\n"); len(u) > 0 && (u[0] == '"' || u[0] == '}') {
			return objectsFormat(t)
		}
	}
	if _, ok := seedHeader(head, false); ok {
		return FormatSeed
	}
	return FormatText
}

// objectsFormat tells JSON Lines from pretty-printed JSON objects: the
// input t starts with "{", and it is JSON Lines when its first line is a
// complete JSON value (or too long to tell).
func objectsFormat(t []byte) Format {
	i := bytes.IndexByte(t, '\n')
	if i < 0 {
		if len(t) >= sniffLen-len(bom) {
			return FormatJSONL
		}
		i = len(t)
	}
	if isJSON(t[:i]) {
		return FormatJSONL
	}
	return FormatJSON
}

// baseName is the base of an input name for IDs.
func baseName(name string) string {
	if name == stdinName {
		return "stdin"
	}
	return filepath.Base(name)
}

func readText(data []byte, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	if len(bytes.TrimSpace(data)) == 0 {
		rep(&Error{File: name, Err: ErrNoText})
		return nil
	}
	return emit(&doc.Doc{
		ID:     baseName(name),
		Date:   opt.Date,
		Source: name,
		Line:   1,
		Text:   string(data),
	})
}

// quote quotes a bad value for an error message, shortening long ones.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		s = s[:cut] + "…"
	}
	return fmt.Sprintf("%q", s)
}
