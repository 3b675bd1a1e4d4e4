// Package storetest builds coded documents by hand for the tests of stores,
// ingest and exports, so that they do not depend on the dictionaries the
// pipeline is built from.
package storetest

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"dyad/codes"
	"dyad/doc"
)

// E describes one event by the words of the text that express it: the
// source and target mentions (Tgt may be empty), the verb, the codes of the
// actors and the CAMEO code. Each word is looked up as the first occurrence
// at or after the previous one within the text. Place, when set, becomes
// the event's location in country PlaceCountry.
type E struct {
	Src, SrcCode string
	Verb         string
	Tgt, TgtCode string
	CAMEO        string
	Place        string
	PlaceCountry string
}

// Doc returns a coded document: sentences end at ". " (paragraphs at a
// blank line), and each E becomes actor mentions and one event. date is
// YYYY-MM-DD or "". It panics when a word is not found: tests only.
func Doc(id, source, date, text string, evs ...E) *doc.Doc {
	d := &doc.Doc{ID: id, Source: source, Line: 1, Text: text}
	if date != "" {
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			panic(err)
		}
		d.Date = t
	}
	// sentences
	start, para := 0, 0
	for i := 0; i <= len(text); i++ {
		end := i == len(text)
		if !end && !(text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n')) {
			continue
		}
		stop := i
		if !end {
			stop = i + 1
		}
		for start < stop && (text[start] == ' ' || text[start] == '\n') {
			if strings.HasPrefix(text[start:], "\n\n") && len(d.Sentences) > 0 {
				para++
			}
			start++
		}
		if start < stop {
			d.Sentences = append(d.Sentences, doc.Sentence{Span: doc.Span{Start: int32(start), End: int32(stop)}, Para: para})
		}
		start = stop
	}
	find := func(w string, from int) doc.Span {
		j := strings.Index(text[from:], w)
		if j < 0 {
			panic(fmt.Sprintf("storetest: %q not in text after %d", w, from))
		}
		return doc.Span{Start: int32(from + j), End: int32(from + j + len(w))}
	}
	sentenceOf := func(s doc.Span) int {
		for i, st := range d.Sentences {
			if st.Start <= s.Start && s.Start < st.End {
				return i
			}
		}
		return 0
	}
	actor := func(sp doc.Span, code string) *doc.Actor {
		country, sectors := codes.SplitActor(code)
		d.Actors = append(d.Actors, doc.Actor{Span: sp, Sentence: sentenceOf(sp),
			ActorRef: doc.ActorRef{Code: code, Country: country, Sectors: sectors}, Rule: "storetest"})
		return &d.Actors[len(d.Actors)-1]
	}
	// first place all actors (d.Actors may grow: take pointers afterwards)
	type idx struct{ src, tgt int }
	var ix []idx
	pos := 0
	var verbs []doc.Span
	for _, e := range evs {
		src := find(e.Src, pos)
		verb := find(e.Verb, int(src.End))
		actor(src, e.SrcCode)
		i := idx{len(d.Actors) - 1, -1}
		pos = int(verb.End)
		if e.Tgt != "" {
			tgt := find(e.Tgt, int(verb.End))
			actor(tgt, e.TgtCode)
			i.tgt = len(d.Actors) - 1
			pos = int(tgt.End)
		}
		ix = append(ix, i)
		verbs = append(verbs, verb)
	}
	for k, e := range evs {
		c, ok := codes.Lookup(e.CAMEO)
		if !ok {
			panic("storetest: unknown CAMEO code " + e.CAMEO)
		}
		ev := doc.Event{
			ID: fmt.Sprintf("%s-%d", id, k+1), Sentence: sentenceOf(verbs[k]), Source: &d.Actors[ix[k].src],
			Verb: verbs[k], CAMEO: c.Code, Root: c.Root, Quad: c.Quad, Goldstein: c.Goldstein,
			Plover: doc.PloverType{Event: c.PloverEvent, Mode: c.PloverMode}, Rule: "storetest " + e.Verb,
		}
		if ix[k].tgt >= 0 {
			ev.Target = &d.Actors[ix[k].tgt]
		}
		if e.Place != "" {
			ev.Location = &doc.Location{Name: e.Place, Country: e.PlaceCountry, Lat: 35.9, Lon: 36.6, Precision: "city"}
		}
		d.Events = append(d.Events, ev)
	}
	return d
}

// Snapshot lists what an SQLite store (store/sqlite's layout) holds,
// without row ids and times, sorted, so that stores filled by different
// runs can be compared row by row.
func Snapshot(db *sql.DB) ([]string, error) {
	var out []string
	for _, q := range []string{
		`SELECT 'article', key, doc_id, coalesce(date,''), source, line, sentences, events FROM articles`,
		`SELECT 'fts', count(*), '', '', '', '', '', '' FROM articles_fts WHERE articles_fts MATCH 'the OR attacked OR praised OR story OR text OR feed'`,
		`SELECT 'sentence', a.key, s.idx, s.byte_start, s.byte_end, s.para, '', '' FROM sentences s JOIN articles a ON a.id = s.article_id`,
		`SELECT 'actor', a.key, x.idx, x.byte_start, x.code, x.text, x.rule, '' FROM actors x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'quote', a.key, x.byte_start, x.text, coalesce(x.speaker_code,''), '', '', '' FROM quotes x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'place', a.key, x.byte_start, x.name, x.country, '', '', '' FROM places x JOIN articles a ON a.id = x.article_id`,
		`SELECT 'event', sig, num_mentions, num_articles, num_sources, is_root, cameo, coalesce(src_name,'') FROM events`,
		`SELECT 'mention', a.key, m.ord, e.sig, m.sentence, m.verb_start, m.evidence, m.outlet
		 FROM mentions m JOIN articles a ON a.id = m.article_id JOIN events e ON e.id = m.event_id`,
		`SELECT 'input', path, size, mtime, '', '', '', '' FROM ingest_inputs`,
		`SELECT 'failure', file, line, reason, '', '', '', '' FROM ingest_failures`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			v := make([]any, 8)
			p := make([]any, 8)
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprint(v...))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}

// Diff returns up to max lines saying how got differs from want ("-" for a
// missing row, "+" for an extra one), or nil when they are equal.
func Diff(got, want []string, max int) []string {
	if slices.Equal(got, want) {
		return nil
	}
	count := func(l []string) map[string]int {
		m := map[string]int{}
		for _, s := range l {
			m[s]++
		}
		return m
	}
	g, w := count(got), count(want)
	var out []string
	for _, s := range want {
		if g[s] < w[s] && len(out) < max {
			out = append(out, "- "+s)
			g[s]++
		}
	}
	for _, s := range got {
		if w[s] <= 0 && len(out) < max {
			out = append(out, "+ "+s)
		}
		w[s]--
	}
	return append(out, fmt.Sprintf("%d rows, want %d", len(got), len(want)))
}
