package ui

import (
	"html/template"
	"sort"
	"strings"
)

// Sentence is a sentence of a highlighted text: its byte span, paragraph,
// extra classes ("sel" for the sentence of the selected event) and element
// id ("" for none).
type Sentence struct {
	Start, End, Para int
	Class, ID        string
}

// Mark is an annotated byte span of a highlighted text: its classes (the
// article view uses "actor", "verb", "quote", "place", and "ev-src",
// "ev-verb", "ev-tgt" for the selected event's evidence) and a tooltip.
type Mark struct {
	Start, End int
	Class      string
	Title      string
}

// Highlight renders text as paragraphs of sentences (<span class="sent">),
// with every stretch covered by marks wrapped in one <span>
// carrying the classes and tooltips of all marks that cover it, so that
// overlapping marks (an actor inside a quote) need no nesting. Marks are
// clipped to their sentences; text outside every sentence is left out.
func Highlight(text string, sents []Sentence, marks []Mark) template.HTML {
	var sb strings.Builder
	para := -1
	prevEnd := -1
	for _, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			continue
		}
		if s.Para != para {
			if para >= 0 {
				sb.WriteString("</p>\n")
			}
			sb.WriteString(`<p>`)
			para = s.Para
		} else if prevEnd >= 0 && prevEnd <= s.Start {
			sb.WriteString(template.HTMLEscapeString(text[prevEnd:s.Start]))
		}
		prevEnd = s.End
		cls := "sent"
		if s.Class != "" {
			cls += " " + s.Class
		}
		sb.WriteString(`<span class="` + template.HTMLEscapeString(cls) + `"`)
		if s.ID != "" {
			sb.WriteString(` id="` + template.HTMLEscapeString(s.ID) + `"`)
		}
		sb.WriteString(`>`)
		// the marks of this sentence, clipped
		var ms []Mark
		for _, m := range marks {
			st, en := max(m.Start, s.Start), min(m.End, s.End)
			if st < en {
				m.Start, m.End = st, en
				ms = append(ms, m)
			}
		}
		cuts := []int{s.Start, s.End}
		for _, m := range ms {
			cuts = append(cuts, m.Start, m.End)
		}
		sort.Ints(cuts)
		for j := 0; j+1 < len(cuts); j++ {
			a, b := cuts[j], cuts[j+1]
			if a == b {
				continue
			}
			var classes, titles []string
			for _, m := range ms {
				if m.Start <= a && b <= m.End {
					for _, c := range strings.Fields(m.Class) {
						if !contains(classes, c) {
							classes = append(classes, c)
						}
					}
					if m.Title != "" && !contains(titles, m.Title) {
						titles = append(titles, m.Title)
					}
				}
			}
			seg := template.HTMLEscapeString(text[a:b])
			if len(classes) == 0 {
				sb.WriteString(seg)
				continue
			}
			sb.WriteString(`<span class="` + template.HTMLEscapeString(strings.Join(classes, " ")) + `"`)
			if len(titles) > 0 {
				sb.WriteString(` title="` + template.HTMLEscapeString(strings.Join(titles, "\n")) + `"`)
			}
			sb.WriteString(`>` + seg + `</span>`)
		}
		sb.WriteString(`</span>`)
	}
	if para >= 0 {
		sb.WriteString("</p>\n")
	}
	return template.HTML(sb.String())
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
