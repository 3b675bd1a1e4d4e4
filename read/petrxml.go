package read

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/doc"
)

// PetrSentence is one <Sentence> record of a PETRARCH XML file with its gold
// codings.
type PetrSentence struct {
	// Doc is the article: ID, Date, Source (the file), Line (of the
	// <Sentence> tag) and Text, as From returns it.
	Doc *doc.Doc
	// Category is the "category" attribute (AFP, DEMO, VERB, …).
	Category string
	// Attrs holds every attribute of the <Sentence> tag, keyed by its
	// lower-case name, with entities decoded.
	Attrs map[string]string
	// Codings are the record's <EventCoding> elements, in order.
	Codings []PetrCoding
}

// PetrCoding is one gold <EventCoding> element. Values are kept as written:
// PETRARCH unit tests quote some codes, as in targetcode='"THE MINISTRY"'.
type PetrCoding struct {
	EventCode, SourceCode, TargetCode string
	// NoEvents is set by noevents="True": no event should be coded.
	NoEvents bool
	// Error is the error="…" attribute: the coder should reject the
	// record for this reason ("dateline", "storydiscard", …).
	Error string
	// Line is the line of the element.
	Line int
}

// ReadPetrXML reads every sentence of a PETRARCH XML input (see the package
// documentation for what is accepted). Sentences with a bad date or without
// text are left out and reported in the returned error, an ErrorList; a
// sentence without a date has a zero Doc.Date.
func ReadPetrXML(r io.Reader, name string) ([]PetrSentence, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	data = bytes.TrimPrefix(data, bom)
	var out []PetrSentence
	var errs ErrorList
	_ = readPetr(data, name, time.Time{}, func(s PetrSentence) error {
		out = append(out, s)
		return nil
	}, func(e *Error) { errs = append(errs, e) })
	return out, errs.Err()
}

// petrTag is one scanned tag.
type petrTag struct {
	name      string // without "/"
	closing   bool   // </name>
	selfClose bool   // <name … />
	attrs     map[string]string
	end       int // offset after '>'
}

// readPetr scans PETRARCH XML tolerantly and calls each for every good
// sentence; it returns only each's errors.
func readPetr(data []byte, name string, date time.Time, each func(PetrSentence) error, rep func(*Error)) error {
	lines := newLineIndex(data)
	base := baseName(name)
	var (
		cur     *PetrSentence
		text    []byte
		hasText bool
		n       int // sentences seen
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		s := cur
		cur = nil
		d := s.Doc
		if v, ok := s.Attrs["id"]; ok && strings.TrimSpace(v) != "" {
			d.ID = strings.TrimSpace(v)
		} else {
			d.ID = base + "#" + strconv.Itoa(n)
		}
		if v := strings.TrimSpace(s.Attrs["date"]); v != "" {
			t, err := parseDate(v, true)
			if err != nil {
				rep(&Error{File: name, Line: d.Line, Err: err})
				return nil
			}
			d.Date = t
		}
		d.Text = petrText(text)
		if !hasText || d.Text == "" {
			rep(&Error{File: name, Line: d.Line, Err: fmt.Errorf("%w: <Sentence id=%s> has no <Text>", ErrNoText, quote(d.ID))})
			return nil
		}
		return each(*s)
	}

	i := 0
	for i < len(data) {
		if i == 0 || data[i-1] == '\n' {
			// a comment line: first non-blank character '#'
			if j := skipBlanks(data, i); j < len(data) && data[j] == '#' {
				i = skipPast(data, j, "\n")
				continue
			}
		}
		if data[i] != '<' {
			i++
			continue
		}
		rest := data[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(data, i+4, "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(data, i+9, "]]>")
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i = skipPast(data, i+2, "?>")
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			i = skipPast(data, i+2, ">")
			continue
		}
		tag, ok := scanTag(data, i)
		if !ok {
			i++
			continue
		}
		start := i
		i = tag.end
		switch {
		case strings.EqualFold(tag.name, "Sentence") && !tag.closing:
			if err := finish(); err != nil {
				return err
			}
			n++
			cur = &PetrSentence{
				Doc:      &doc.Doc{Source: name, Line: lines.at(start), Date: date},
				Category: tag.attrs["category"],
				Attrs:    tag.attrs,
			}
			text, hasText = nil, false
		case strings.EqualFold(tag.name, "Sentence") || strings.EqualFold(tag.name, "Sentences"):
			if tag.closing {
				if err := finish(); err != nil {
					return err
				}
			}
		case strings.EqualFold(tag.name, "EventCoding") && !tag.closing:
			if cur != nil {
				c := PetrCoding{
					EventCode:  tag.attrs["eventcode"],
					SourceCode: tag.attrs["sourcecode"],
					TargetCode: tag.attrs["targetcode"],
					Error:      tag.attrs["error"],
					Line:       lines.at(start),
				}
				if v, ok := tag.attrs["noevents"]; ok {
					switch strings.ToLower(strings.TrimSpace(v)) {
					case "false", "0", "no":
					default:
						c.NoEvents = true
					}
				}
				cur.Codings = append(cur.Codings, c)
			}
		case (strings.EqualFold(tag.name, "Text") || strings.EqualFold(tag.name, "Parse")) && !tag.closing && !tag.selfClose:
			end, after := findClose(data, i, tag.name)
			if strings.EqualFold(tag.name, "Text") && cur != nil {
				if hasText {
					text = append(text, ' ')
				}
				text = append(text, data[i:end]...)
				hasText = true
			}
			i = after
		}
	}
	if err := finish(); err != nil {
		return err
	}
	if n == 0 {
		rep(&Error{File: name, Err: fmt.Errorf("%w: no <Sentence> elements", ErrFormat)})
	}
	return nil
}

// skipPast returns the offset just after the first sep at or after i, or
// len(data) when there is none.
func skipPast(data []byte, i int, sep string) int {
	if i > len(data) {
		return len(data)
	}
	j := bytes.Index(data[i:], []byte(sep))
	if j < 0 {
		return len(data)
	}
	return i + j + len(sep)
}

// findClose finds the end of the content of element name that starts at i:
// its </name> tag or, when that is missing, the next <Sentence or
// </Sentence tag or the end of the input. It returns the end of the content
// and the offset after the closing tag.
func findClose(data []byte, i int, name string) (end, after int) {
	for j := i; j < len(data); j++ {
		if data[j] != '<' {
			continue
		}
		rest := data[j+1:]
		closing := len(rest) > 0 && rest[0] == '/'
		if closing {
			rest = rest[1:]
		}
		word := tagWord(rest)
		switch {
		case closing && strings.EqualFold(word, name):
			return j, skipPast(data, j, ">")
		case strings.EqualFold(word, "Sentence") || strings.EqualFold(word, "Sentences"):
			return j, j
		}
	}
	return len(data), len(data)
}

// tagWord returns the tag name at the start of b.
func tagWord(b []byte) string {
	k := 0
	for k < len(b) && isNameByte(b[k]) {
		k++
	}
	return string(b[:k])
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == ':' || c == '.' || c >= 0x80
}

// scanTag reads the tag starting at data[i] == '<'. Attribute values may be
// quoted with " or ' or not at all; a quote left open ends at the tag's '>'.
func scanTag(data []byte, i int) (t petrTag, ok bool) {
	j := i + 1
	if j < len(data) && data[j] == '/' {
		t.closing = true
		j++
	}
	t.name = tagWord(data[j:])
	if t.name == "" {
		return t, false
	}
	j += len(t.name)
	gt := bytes.IndexByte(data[j:], '>')
	if gt < 0 {
		return t, false
	}
	limit := j + gt // the first '>', used when quotes do not close
	for {
		for j < len(data) && isSpace(data[j]) {
			j++
		}
		if j >= len(data) {
			return t, false
		}
		switch data[j] {
		case '>':
			t.end = j + 1
			return t, true
		case '/':
			if j+1 < len(data) && data[j+1] == '>' {
				t.selfClose = true
				t.end = j + 2
				return t, true
			}
			j++
			continue
		}
		k := j
		for k < len(data) && data[k] != '=' && data[k] != '>' && data[k] != '/' && !isSpace(data[k]) {
			k++
		}
		if k == j { // a stray character such as '=' or a quote
			j++
			continue
		}
		key := strings.ToLower(string(data[j:k]))
		j = k
		for j < len(data) && isSpace(data[j]) {
			j++
		}
		val := ""
		if j < len(data) && data[j] == '=' {
			j++
			for j < len(data) && isSpace(data[j]) {
				j++
			}
			if j < len(data) && (data[j] == '"' || data[j] == '\'') {
				q := data[j]
				e := bytes.IndexByte(data[j+1:], q)
				if e < 0 || j+1+e > limit && bytes.IndexByte(data[j+1:j+1+e], '<') >= 0 {
					// an open quote: the value runs to the first '>'
					if limit < j+1 {
						return t, false
					}
					val = string(data[j+1 : limit])
					j = limit
				} else {
					val = string(data[j+1 : j+1+e])
					j = j + 2 + e
				}
			} else {
				k := j
				for k < len(data) && data[k] != '>' && !isSpace(data[k]) {
					k++
				}
				val = string(data[j:k])
				j = k
			}
		}
		if t.attrs == nil {
			t.attrs = make(map[string]string)
		}
		if _, dup := t.attrs[key]; !dup {
			t.attrs[key] = unescape(val)
		}
	}
}

// petrText turns the raw content of a <Text> element into an article body:
// comments dropped, CDATA kept, entities decoded, each run of white space
// holding a line break made one space, the ends trimmed.
func petrText(raw []byte) string {
	var b strings.Builder
	for i := 0; i < len(raw); {
		switch {
		case bytes.HasPrefix(raw[i:], []byte("<!--")):
			i = skipPast(raw, i+4, "-->")
		case bytes.HasPrefix(raw[i:], []byte("<![CDATA[")):
			j := bytes.Index(raw[i+9:], []byte("]]>"))
			if j < 0 {
				b.Write(raw[i+9:])
				i = len(raw)
			} else {
				b.Write(raw[i+9 : i+9+j])
				i += 9 + j + 3
			}
		case raw[i] == '&':
			s, n := entity(raw[i:])
			b.WriteString(s)
			i += n
		default:
			b.WriteByte(raw[i])
			i++
		}
	}
	return foldBreaks(b.String())
}

// foldBreaks makes each run of white space holding a line break one space
// and trims the ends.
func foldBreaks(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		brk := false
		for j < len(s) && isSpace(s[j]) {
			brk = brk || s[j] == '\n' || s[j] == '\r'
			j++
		}
		if brk {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// unescape decodes the entities of an attribute value.
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			r, n := entity([]byte(s[i:]))
			b.WriteString(r)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// entity decodes the entity at the start of b (b[0] == '&'). It returns the
// text and the number of bytes used; an unknown or malformed entity stands
// for itself ("&" and one byte).
func entity(b []byte) (string, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 12 {
		return "&", 1
	}
	name := string(b[1:end])
	switch name {
	case "amp":
		return "&", end + 1
	case "lt":
		return "<", end + 1
	case "gt":
		return ">", end + 1
	case "quot":
		return `"`, end + 1
	case "apos":
		return "'", end + 1
	}
	if name[0] == '#' {
		var v uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			v, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err == nil && v > 0 && v <= utf8.MaxRune && utf8.ValidRune(rune(v)) {
			return string(rune(v)), end + 1
		}
	}
	return "&", 1
}
