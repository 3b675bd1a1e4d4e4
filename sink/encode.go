package sink

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The functions below append the JSON encoding of the output types to a
// byte slice. They write exactly what encoding/json writes for the same
// values with SetEscapeHTML(false), as JSONL has always used: the fields
// in declaration order with their tags' names, omitempty fields left out
// when empty, nil pointers and slices as null, embedded Geo fields inline,
// strings escaped as appendString does it and floats formatted as
// floatEncoder does it. TestEncodeSameAsEncodingJSON and
// FuzzEncodeSameAsEncodingJSON check this against encoding/json.
//
// A float that JSON cannot represent (NaN, ±Inf) makes the append
// functions report ok == false; the caller then lets encoding/json report
// its error.

// appendDocument appends the JSON object of doc to b.
func appendDocument(b []byte, doc *Document) (_ []byte, ok bool) {
	ok = true
	b = append(b, `{"doc_id":`...)
	b = AppendString(b, doc.DocID)
	b = append(b, `,"date":`...)
	b = appendStringPtr(b, doc.Date)
	b = append(b, `,"title":`...)
	b = appendStringPtr(b, doc.Title)
	if doc.Source != "" {
		b = append(b, `,"source":`...)
		b = AppendString(b, doc.Source)
	}
	b = append(b, `,"events":`...)
	if doc.Events == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range doc.Events {
			if i > 0 {
				b = append(b, ',')
			}
			var eok bool
			b, eok = appendEvent(b, &doc.Events[i])
			ok = ok && eok
		}
		b = append(b, ']')
	}
	b = append(b, `,"quotes":`...)
	if doc.Quotes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range doc.Quotes {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendQuote(b, &doc.Quotes[i])
		}
		b = append(b, ']')
	}
	b = append(b, `,"actors":`...)
	if doc.Actors == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range doc.Actors {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendMention(b, &doc.Actors[i])
		}
		b = append(b, ']')
	}
	b = append(b, `,"places":`...)
	if doc.Places == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range doc.Places {
			if i > 0 {
				b = append(b, ',')
			}
			var pok bool
			b, pok = appendPlace(b, &doc.Places[i])
			ok = ok && pok
		}
		b = append(b, ']')
	}
	if len(doc.Diagnostics) > 0 {
		b = append(b, `,"diagnostics":[`...)
		for i := range doc.Diagnostics {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendDiagnostic(b, &doc.Diagnostics[i])
		}
		b = append(b, ']')
	}
	return append(b, '}'), ok
}

// appendEvent appends the JSON object of e to b.
func appendEvent(b []byte, e *Event) (_ []byte, ok bool) {
	b = append(b, `{"id":`...)
	b = AppendString(b, e.ID)
	b = append(b, `,"sentence":`...)
	b = strconv.AppendInt(b, int64(e.Sentence), 10)
	b = append(b, `,"source":`...)
	b = appendActor(b, e.Source)
	b = append(b, `,"target":`...)
	b = appendActor(b, e.Target)
	b = append(b, `,"cameo":`...)
	b = AppendString(b, e.CAMEO)
	b = append(b, `,"cameo_root":`...)
	b = AppendString(b, e.Root)
	b = append(b, `,"quad_class":`...)
	b = strconv.AppendInt(b, int64(e.Quad), 10)
	b = append(b, `,"goldstein":`...)
	b, ok = appendFloat(b, e.Goldstein)
	b = append(b, `,"plover":{"event":`...)
	b = AppendString(b, e.Plover.Event)
	b = append(b, `,"mode":`...)
	b = AppendString(b, e.Plover.Mode)
	b = append(b, `},"location":`...)
	if l := e.Location; l == nil {
		b = append(b, "null"...)
	} else {
		var lok bool
		b, lok = appendLocation(b, l)
		ok = ok && lok
	}
	if e.Mood != "" {
		b = append(b, `,"mood":`...)
		b = AppendString(b, e.Mood)
	}
	b = append(b, `,"evidence":{"text":`...)
	b = AppendString(b, e.Evidence.Text)
	b = append(b, `,"verb":`...)
	b = AppendString(b, e.Evidence.Verb)
	b = append(b, `,"rule":`...)
	b = AppendString(b, e.Evidence.Rule)
	b = append(b, `,"source_span":`...)
	b = appendSpan(b, &e.Evidence.SourceSpan)
	b = append(b, `,"verb_span":`...)
	b = appendSpan(b, &e.Evidence.VerbSpan)
	b = append(b, `,"target_span":`...)
	if e.Evidence.TargetSpan == nil {
		b = append(b, "null"...)
	} else {
		b = appendSpan(b, e.Evidence.TargetSpan)
	}
	return append(b, "}}"...), ok
}

// appendActor appends the JSON object of a, or null, to b.
func appendActor(b []byte, a *Actor) []byte {
	if a == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"text":`...)
	b = AppendString(b, a.Text)
	b = append(b, `,"code":`...)
	b = AppendString(b, a.Code)
	b = append(b, `,"country":`...)
	b = AppendString(b, a.Country)
	b = append(b, `,"sectors":`...)
	b = appendStrings(b, a.Sectors)
	if a.Rule != "" {
		b = append(b, `,"rule":`...)
		b = AppendString(b, a.Rule)
	}
	return append(b, '}')
}

// appendLocation appends the JSON object of l to b.
func appendLocation(b []byte, l *Location) (_ []byte, ok bool) {
	b = append(b, `{"name":`...)
	b = AppendString(b, l.Name)
	b = append(b, `,"country":`...)
	b = AppendString(b, l.Country)
	b = append(b, `,"lat":`...)
	b, ok = appendFloat(b, l.Lat)
	b = append(b, `,"lon":`...)
	var lok bool
	b, lok = appendFloat(b, l.Lon)
	if l.Precision != "" {
		b = append(b, `,"precision":`...)
		b = AppendString(b, l.Precision)
	}
	b = appendGeo(b, &l.Geo)
	return append(b, '}'), ok && lok
}

// appendGeo appends the fields of g that are not empty, each preceded by a
// comma, to b: Geo is embedded, so its fields are the enclosing object's.
func appendGeo(b []byte, g *Geo) []byte {
	if g.GeoType != 0 {
		b = append(b, `,"geo_type":`...)
		b = strconv.AppendInt(b, int64(g.GeoType), 10)
	}
	if g.FIPS != "" {
		b = append(b, `,"fips":`...)
		b = AppendString(b, g.FIPS)
	}
	if g.ADM1 != "" {
		b = append(b, `,"adm1":`...)
		b = AppendString(b, g.ADM1)
	}
	if g.FeatureID != "" {
		b = append(b, `,"feature_id":`...)
		b = AppendString(b, g.FeatureID)
	}
	return b
}

// appendQuote appends the JSON object of q to b.
func appendQuote(b []byte, q *Quote) []byte {
	b = append(b, `{"sentence":`...)
	b = strconv.AppendInt(b, int64(q.Sentence), 10)
	b = append(b, `,"speaker":`...)
	b = appendActor(b, q.Speaker)
	b = append(b, `,"text":`...)
	b = AppendString(b, q.Text)
	b = append(b, `,"direct":`...)
	b = strconv.AppendBool(b, q.Direct)
	return append(b, '}')
}

// appendMention appends the JSON object of m to b.
func appendMention(b []byte, m *Mention) []byte {
	b = append(b, `{"sentence":`...)
	b = strconv.AppendInt(b, int64(m.Sentence), 10)
	b = append(b, `,"text":`...)
	b = AppendString(b, m.Text)
	b = append(b, `,"code":`...)
	b = AppendString(b, m.Code)
	b = append(b, `,"country":`...)
	b = AppendString(b, m.Country)
	b = append(b, `,"sectors":`...)
	b = appendStrings(b, m.Sectors)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(m.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(m.End), 10)
	b = append(b, `,"rule":`...)
	b = AppendString(b, m.Rule)
	return append(b, '}')
}

// appendPlace appends the JSON object of p to b.
func appendPlace(b []byte, p *Place) (_ []byte, ok bool) {
	b = append(b, `{"sentence":`...)
	b = strconv.AppendInt(b, int64(p.Sentence), 10)
	b = append(b, `,"text":`...)
	b = AppendString(b, p.Text)
	b = append(b, `,"name":`...)
	b = AppendString(b, p.Name)
	b = append(b, `,"country":`...)
	b = AppendString(b, p.Country)
	b = append(b, `,"lat":`...)
	b, ok = appendFloat(b, p.Lat)
	b = append(b, `,"lon":`...)
	var lok bool
	b, lok = appendFloat(b, p.Lon)
	if p.Kind != "" {
		b = append(b, `,"kind":`...)
		b = AppendString(b, p.Kind)
	}
	b = appendGeo(b, &p.Geo)
	return append(b, '}'), ok && lok
}

// appendDiagnostic appends the JSON object of g to b.
func appendDiagnostic(b []byte, g *Diagnostic) []byte {
	b = append(b, `{"stage":`...)
	b = AppendString(b, g.Stage)
	b = append(b, `,"code":`...)
	b = AppendString(b, g.Code)
	b = append(b, `,"severity":`...)
	b = AppendString(b, g.Severity)
	b = append(b, `,"message":`...)
	b = AppendString(b, g.Message)
	if g.Position != "" {
		b = append(b, `,"position":`...)
		b = AppendString(b, g.Position)
	}
	return append(b, '}')
}

// appendSpan appends a two-element array of integers to b.
func appendSpan(b []byte, s *[2]int) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(s[0]), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s[1]), 10)
	return append(b, ']')
}

// appendStrings appends a JSON array of strings, or null for a nil slice.
func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendString(b, s)
	}
	return append(b, ']')
}

// appendStringPtr appends *s as a JSON string, or null for a nil pointer.
func appendStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return AppendString(b, *s)
}

// appendFloat appends f as encoding/json formats a float64: like
// strconv's 'f' format with the shortest precision, but with an exponent
// ('e', "1e-7" not "1e-07") below 1e-6 and from 1e21 on. It reports false,
// appending nothing, for NaN and ±Inf, which JSON cannot represent.
func appendFloat(b []byte, f float64) (_ []byte, ok bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// hexDigits are the digits of \u escapes, lower-case as encoding/json's.
const hexDigits = "0123456789abcdef"

// plainASCII[c] is true for the ASCII bytes a JSON string holds as they
// are: all but the control characters, '"' and '\\' ('<', '>' and '&'
// included: HTML escaping is off).
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString appends s as a JSON string, as encoding/json writes it
// without HTML escaping: '"' and '\\' escaped with a backslash, \b \f \n
// \r \t by name, other control characters as \u00XX, each byte of
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029,
// everything else as it is.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
