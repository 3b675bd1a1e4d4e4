package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"dyad/doc"
)

// record is one JSON article. Fields are raw so that a key of an unexpected
// type (PLOVER's "source" is a list of actors) does not spoil the record.
type record struct {
	ID    json.RawMessage `json:"id"`
	DocID json.RawMessage `json:"doc_id"`
	URL   json.RawMessage `json:"url"`
	Date  json.RawMessage `json:"date"`
	Title json.RawMessage `json:"title"`
	Text  json.RawMessage `json:"text"`
}

// decodeRecord turns one JSON value into a Doc. fallbackID is used when the
// record has no id.
func decodeRecord(raw []byte, name, fallbackID string, line int, opt Options) (*doc.Doc, error) {
	var r record
	if err := json.Unmarshal(raw, &r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, fmt.Errorf("%w: want a JSON object, found %s", ErrFormat, kindOf(raw))
		}
		return nil, fmt.Errorf("%w: invalid JSON: %v", ErrFormat, err)
	}
	d := &doc.Doc{Source: name, Line: line, Date: opt.Date}
	switch {
	case isNull(r.Text):
		return nil, fmt.Errorf("%w: missing \"text\"", ErrNoText)
	case r.Text[0] != '"':
		return nil, fmt.Errorf("%w: \"text\" is %s, not a string", ErrFormat, kindOf(r.Text))
	}
	if err := json.Unmarshal(r.Text, &d.Text); err != nil {
		return nil, fmt.Errorf("%w: \"text\": %v", ErrFormat, err)
	}
	if len(bytes.TrimSpace([]byte(d.Text))) == 0 {
		return nil, fmt.Errorf("%w: empty \"text\"", ErrNoText)
	}
	if !isNull(r.Date) {
		var s string
		switch r.Date[0] {
		case '"':
			if err := json.Unmarshal(r.Date, &s); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrBadDate, err)
			}
		default:
			s = string(bytes.TrimSpace(r.Date))
		}
		if s != "" {
			t, err := parseDate(s, false)
			if err != nil {
				return nil, err
			}
			d.Date = t
		}
	}
	d.Title, _ = jsonString(r.Title, false)
	for _, raw := range []json.RawMessage{r.ID, r.DocID, r.URL} {
		if id, ok := jsonString(raw, true); ok && id != "" {
			d.ID = id
			break
		}
	}
	if d.ID == "" {
		d.ID = fallbackID
	}
	return d, nil
}

// jsonString returns the string value of raw; with numbers, a number's
// literal text. Other kinds give ok == false.
func jsonString(raw json.RawMessage, numbers bool) (s string, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	if raw[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	}
	if numbers && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		return string(raw), true
	}
	return "", false
}

func isNull(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// kindOf names the kind of a JSON value for messages.
func kindOf(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// parseDate reads YYYY-MM-DD, YYYYMMDD and RFC 3339 dates; with yymmdd also
// six-digit YYMMDD dates, 00–30 being 20YY as in TABARI and PETRARCH.
func parseDate(s string, yymmdd bool) (time.Time, error) {
	switch {
	case len(s) == 10:
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t, nil
		}
	case len(s) == 8 && allDigits(s):
		if t, err := time.Parse("20060102", s); err == nil {
			return t, nil
		}
	case len(s) == 6 && yymmdd && allDigits(s):
		yy, _ := strconv.Atoi(s[:2])
		century := "19"
		if yy <= 30 {
			century = "20"
		}
		if t, err := time.Parse("20060102", century+s); err == nil {
			return t, nil
		}
	case len(s) > 10:
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w %s", ErrBadDate, quote(s))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isJSON(b []byte) bool { return json.Valid(b) }

// readJSONL reads JSON Lines line by line, with no limit on line length.
func readJSONL(br *bufio.Reader, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	base := baseName(name)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			if line == 1 {
				b = bytes.TrimPrefix(b, bom)
			}
			if t := bytes.TrimSpace(b); len(t) > 0 {
				d, derr := decodeRecord(t, name, base+"#"+strconv.Itoa(line), line, opt)
				if derr != nil {
					rep(&Error{File: name, Line: line, Err: derr})
				} else if eerr := emit(d); eerr != nil {
					return eerr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rep(&Error{File: name, Line: line, Err: err})
			return nil
		}
	}
}

// lineIndex maps byte offsets of an input to 1-based line numbers.
type lineIndex []int // offsets of the '\n' bytes

func newLineIndex(data []byte) lineIndex {
	var idx lineIndex
	for i, c := range data {
		if c == '\n' {
			idx = append(idx, i)
		}
	}
	return idx
}

// at returns the line holding byte offset off.
func (idx lineIndex) at(off int) int {
	lo, hi := 0, len(idx)
	for lo < hi { // count the line breaks before off
		m := int(uint(lo+hi) >> 1)
		if idx[m] < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo + 1
}

// readJSON reads a JSON array of records, or a stream of JSON values.
func readJSON(data []byte, name string, opt Options, emit func(*doc.Doc) error, rep func(*Error)) error {
	lines := newLineIndex(data)
	base := baseName(name)
	start := skipJSONSpace(data, 0, false)
	if start == len(data) {
		rep(&Error{File: name, Err: fmt.Errorf("%w: no JSON records", ErrNoText)})
		return nil
	}
	inArray := data[start] == '['
	off := start
	if inArray {
		off++
	}
	n := 0
	for {
		off = skipJSONSpace(data, off, inArray && n > 0)
		if off == len(data) {
			if inArray {
				rep(&Error{File: name, Line: lines.at(len(data) - 1), Err: fmt.Errorf("%w: unexpected end of JSON input", ErrFormat)})
			}
			return nil
		}
		if inArray && data[off] == ']' {
			if rest := skipJSONSpace(data, off+1, false); rest < len(data) {
				rep(&Error{File: name, Line: lines.at(rest), Err: fmt.Errorf("%w: data after the JSON array", ErrFormat)})
			}
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(data[off:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			at := off
			var se *json.SyntaxError
			if errors.As(err, &se) && se.Offset > 0 {
				at = off + int(se.Offset) - 1
			}
			if at >= len(data) {
				at = len(data) - 1
			}
			if err == io.ErrUnexpectedEOF {
				err = errors.New("unexpected end of JSON input")
				at = len(data) - 1
			}
			rep(&Error{File: name, Line: lines.at(at), Err: fmt.Errorf("%w: invalid JSON: %v", ErrFormat, err)})
			return nil
		}
		n++
		line := lines.at(off)
		d, err := decodeRecord(raw, name, base+"#"+strconv.Itoa(n), line, opt)
		if err != nil {
			rep(&Error{File: name, Line: line, Err: err})
		} else if err := emit(d); err != nil {
			return err
		}
		off += int(dec.InputOffset())
		if inArray {
			// a value must be followed by "," or "]"
			next := skipJSONSpace(data, off, false)
			if next < len(data) && data[next] != ',' && data[next] != ']' {
				rep(&Error{File: name, Line: lines.at(next), Err: fmt.Errorf("%w: invalid JSON: want \",\" or \"]\" after array element, found %s", ErrFormat, quote(string(data[next:next+1])))})
				return nil
			}
		}
	}
}

// skipJSONSpace returns the offset of the first byte at or after off that
// is not JSON white space (nor, with comma, one separating comma).
func skipJSONSpace(data []byte, off int, comma bool) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\r', '\n':
			off++
		case ',':
			if !comma {
				return off
			}
			comma = false
			off++
		default:
			return off
		}
	}
	return off
}
