// Package layers encodes an article's annotation layers (sentences, actor
// mentions, quotes, places) as the JSON columns both stores write (SQLite
// and PostgreSQL; see docs/format/schema.md).
package layers

import (
	"math"
	"strconv"
	"strings"

	"dyad/doc"
	"dyad/sink"
)

// An article's annotation layers (sentences, actor mentions, quotes,
// places) are stored with the article as JSON arrays and read through the
// views sentences, actors, quotes and places (see the stores' schema.go). One column
// per layer costs a fraction of one indexed row per item, and an article's
// layers are read together anyway.

// Sentences encodes the sentence spans as [[start,end,para],…].
func Sentences(buf []byte, ss []doc.Sentence) []byte {
	buf = append(buf[:0], '[')
	for i, s := range ss {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(s.Start), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.End), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(s.Para), 10)
		buf = append(buf, ']')
	}
	return append(buf, ']')
}

// The layers are written by hand rather than with encoding/json: this runs
// once per article on the ingest's single writer goroutine.

// jsonString appends s as a JSON string, as the JSON Lines output writes it.
func jsonString(buf []byte, s string) []byte { return sink.AppendString(buf, s) }

func jsonInt(buf []byte, key string, v int) []byte {
	buf = append(buf, key...)
	return strconv.AppendInt(buf, int64(v), 10)
}

func jsonStr(buf []byte, key, v string) []byte {
	return jsonString(append(buf, key...), v)
}

func jsonOpt(buf []byte, key, v string) []byte {
	if v == "" {
		return append(buf, key+"null"...)
	}
	return jsonStr(buf, key, v)
}

func jsonFloat(buf []byte, key string, v float64) []byte {
	buf = append(buf, key...)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(buf, "null"...)
	}
	return strconv.AppendFloat(buf, v, 'g', -1, 64)
}

// Layers encodes the actor, quote and place layers of a converted
// document, appending them to buf; it returns the three encodings (which
// share buf's memory).
func Layers(buf []byte, d *doc.Doc, out *sink.Document) (all, actors, quotes, places []byte) {
	buf = append(buf[:0], '[')
	for i, a := range out.Actors {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = jsonInt(buf, `{"sentence":`, a.Sentence)
		buf = jsonInt(buf, `,"start":`, a.Start)
		buf = jsonInt(buf, `,"end":`, a.End)
		buf = jsonStr(buf, `,"text":`, a.Text)
		buf = jsonStr(buf, `,"code":`, a.Code)
		buf = jsonStr(buf, `,"country":`, a.Country)
		buf = jsonStr(buf, `,"sectors":`, strings.Join(a.Sectors, " "))
		buf = jsonStr(buf, `,"rule":`, a.Rule)
		buf = append(buf, '}')
	}
	buf = append(buf, ']')
	na := len(buf)
	buf = append(buf, '[')
	for i, q := range out.Quotes {
		if i > 0 {
			buf = append(buf, ',')
		}
		span := d.Quotes[i].Span
		buf = jsonInt(buf, `{"sentence":`, q.Sentence)
		buf = jsonInt(buf, `,"start":`, int(span.Start))
		buf = jsonInt(buf, `,"end":`, int(span.End))
		buf = jsonStr(buf, `,"text":`, q.Text)
		buf = append(buf, `,"direct":`...)
		buf = strconv.AppendBool(buf, q.Direct)
		if sp := q.Speaker; sp != nil {
			buf = jsonStr(buf, `,"speaker_text":`, sp.Text)
			buf = jsonOpt(buf, `,"speaker_code":`, sp.Code)
			buf = jsonOpt(buf, `,"speaker_country":`, sp.Country)
			buf = jsonOpt(buf, `,"speaker_sectors":`, strings.Join(sp.Sectors, " "))
		}
		buf = append(buf, '}')
	}
	buf = append(buf, ']')
	nq := len(buf)
	buf = append(buf, '[')
	for i, p := range out.Places {
		if i > 0 {
			buf = append(buf, ',')
		}
		span := d.Places[i].Span
		buf = jsonInt(buf, `{"sentence":`, p.Sentence)
		buf = jsonInt(buf, `,"start":`, int(span.Start))
		buf = jsonInt(buf, `,"end":`, int(span.End))
		buf = jsonStr(buf, `,"text":`, p.Text)
		buf = jsonStr(buf, `,"name":`, p.Name)
		buf = jsonStr(buf, `,"country":`, p.Country)
		buf = jsonFloat(buf, `,"lat":`, p.Lat)
		buf = jsonFloat(buf, `,"lon":`, p.Lon)
		buf = jsonStr(buf, `,"kind":`, p.Kind)
		buf = append(buf, '}')
	}
	buf = append(buf, ']')
	return buf, buf[:na], buf[na:nq], buf[nq:]
}
