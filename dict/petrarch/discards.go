package petrarch

import (
	"strings"

	"dyad/dict"
)

// ParseDiscards reads a PETRARCH discard file: one phrase a line, '+' in
// front marking a phrase that discards the whole story. PETRARCH matches a
// phrase without a final '_' as a stem of the text ("BASEBALL" in
// "baseballs"); dyad matches whole words, by lemma or as written.
func ParseDiscards(file, src string, opts *Options) (*Set, error) {
	c := newConv(file, opts)
	for _, l := range readLines(src) {
		t := l.text
		story := false
		if strings.HasPrefix(t, "+") {
			story, t = true, t[1:]
		}
		w := phraseWords(t)
		if len(w) == 0 {
			c.bad(l.n, dict.ErrSyntax, "empty discard phrase", l.text)
			continue
		}
		c.set.Dict.Discards = append(c.set.Dict.Discards, dict.Discard{Phrase: strings.ToLower(strings.Join(w, " ")), Story: story, Line: l.n})
	}
	return c.result()
}
