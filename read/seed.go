package read

import (
	"bytes"
	"fmt"
	"time"

	"dyad/doc"
)

// seedHead is the result of matching a seed header.
type seedHead struct {
	value string // the word after "date"
	body  int    // offset of the body in the input
	line  int    // line on which the body starts (1 or 2)
}

// seedHeader matches the start of data against the seed header: optional
// blanks, "date" in any case, blanks, a value. It reports ok when the input
// looks like a seed file, that is when the value starts with a digit (with
// loose, any value will do); the value may still be a bad date.
func seedHeader(data []byte, loose bool) (h seedHead, ok bool) {
	i := skipBlanks(data, 0)
	if len(data)-i < 5 || !bytes.EqualFold(data[i:i+4], []byte("date")) {
		return h, false
	}
	i += 4
	j := skipBlanks(data, i)
	if j == i || j >= len(data) || isSpace(data[j]) || !loose && (data[j] < '0' || data[j] > '9') {
		return h, false
	}
	k := j
	for k < len(data) && !isSpace(data[k]) {
		k++
	}
	h.value = string(data[j:k])
	h.body = skipBlanks(data, k)
	h.line = 1
	if h.body < len(data) && data[h.body] == '\r' && h.body+1 < len(data) && data[h.body+1] == '\n' {
		h.body += 2
		h.line = 2
	} else if h.body < len(data) && data[h.body] == '\n' {
		h.body++
		h.line = 2
	}
	return h, true
}

func skipBlanks(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return i
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func readSeed(data []byte, name string, emit func(*doc.Doc) error, rep func(*Error)) error {
	h, ok := seedHeader(data, true)
	if !ok {
		first := data
		if i := bytes.IndexByte(first, '\n'); i >= 0 {
			first = first[:i]
		}
		rep(&Error{File: name, Line: 1, Err: fmt.Errorf("%w: want a \" date YYYY-MM-DD \" header, found %s",
			ErrFormat, quote(string(bytes.TrimSpace(first))))})
		return nil
	}
	date, err := time.Parse("2006-01-02", h.value)
	if err != nil || len(h.value) != len("2006-01-02") {
		rep(&Error{File: name, Line: 1, Err: fmt.Errorf("%w %s in seed header (want YYYY-MM-DD)", ErrBadDate, quote(h.value))})
		return nil
	}
	body := data[h.body:]
	if len(bytes.TrimSpace(body)) == 0 {
		rep(&Error{File: name, Line: 1, Err: ErrNoText})
		return nil
	}
	return emit(&doc.Doc{
		ID:     baseName(name),
		Date:   date,
		Source: name,
		Line:   h.line,
		Text:   string(body),
	})
}
