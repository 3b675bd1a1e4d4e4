package eval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// PetrSentence is one <Sentence> of a PETRARCH validation file.
type PetrSentence struct {
	ID       string       `json:"id"`
	Category string       `json:"category"`
	Date     string       `json:"date"`
	Evaluate string       `json:"evaluate,omitempty"` // the attribute as written
	NoEvents bool         `json:"noevents"`           // <EventCoding noevents="True"/>
	Codings  []PetrCoding `json:"codings"`
	Text     string       `json:"text"` // <Text> with white space collapsed
}

// PetrCoding is one gold <EventCoding>.
type PetrCoding struct {
	Event  string `json:"event"`  // eventcode, e.g. "042"
	Source string `json:"source"` // sourcecode, e.g. "USAGOV"
	Target string `json:"target"` // targetcode; "" when absent
}

// ReadPetrGold reads a PETRARCH validation file tolerantly, line by line.
// A sentence starts at a <Sentence …> tag, self-closed or not, and runs up
// to </Sentence> or the next <Sentence>; its <EventCoding> tags give the
// gold codings (noevents="True" marks a sentence with none) and <Text> its
// text. <!-- --> comments (also over several lines), lines starting with #
// outside <Text>, and <Parse> contents are skipped; other tags are ignored.
// Attribute values may be quoted with " or ' and have the five predefined
// XML entities and numeric character references decoded.
func ReadPetrGold(r io.Reader) ([]PetrSentence, error) {
	br := bufio.NewReader(r)
	var (
		out                        []PetrSentence
		cur                        *PetrSentence
		text                       strings.Builder
		inComment, inText, inParse bool
		pending                    string // a tag continued on the next line
		lineNo                     int
	)
	finish := func() {
		if cur != nil {
			cur.Text = strings.Join(strings.Fields(unescapeXML(text.String())), " ")
			out = append(out, *cur)
			cur = nil
		}
		text.Reset()
		inText = false
	}
	for {
		raw, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("eval: petrarch xml line %d: %w", lineNo+1, err)
		}
		if raw == "" && err != nil {
			break
		}
		lineNo++
		line := strings.TrimRight(raw, "\r\n")
		if pending != "" {
			line = pending + " " + line
			pending = ""
		} else if !inComment && !inText && !inParse && strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for line != "" {
			switch {
			case inComment:
				i := strings.Index(line, "-->")
				if i < 0 {
					line = ""
					continue
				}
				line, inComment = line[i+3:], false
			case inParse:
				i := strings.Index(line, "</Parse>")
				if i < 0 {
					line = ""
					continue
				}
				line, inParse = line[i+len("</Parse>"):], false
			case inText:
				i := strings.Index(line, "</Text>")
				if i < 0 {
					text.WriteString(line)
					text.WriteByte('\n')
					line = ""
					continue
				}
				text.WriteString(line[:i])
				line, inText = line[i+len("</Text>"):], false
			default:
				i := strings.IndexByte(line, '<')
				if i < 0 {
					line = ""
					continue
				}
				line = line[i:]
				if strings.HasPrefix(line, "<!--") {
					line, inComment = line[4:], true
					continue
				}
				j := strings.IndexByte(line, '>')
				if j < 0 {
					pending = line
					line = ""
					continue
				}
				tag := line[1:j]
				line = line[j+1:]
				name, attrs, selfClosed := parseTag(tag)
				switch name {
				case "Sentence":
					finish()
					cur = &PetrSentence{ID: attrs["id"], Category: attrs["category"], Date: attrs["date"],
						Evaluate: attrs["evaluate"]}
				case "/Sentence":
					finish()
				case "EventCoding":
					if cur == nil {
						break
					}
					if strings.EqualFold(attrs["noevents"], "true") {
						cur.NoEvents = true
						break
					}
					cur.Codings = append(cur.Codings, PetrCoding{Event: attrs["eventcode"],
						Source: attrs["sourcecode"], Target: attrs["targetcode"]})
				case "Text":
					inText = cur != nil && !selfClosed
				case "Parse":
					inParse = !selfClosed
				}
			}
		}
		if err != nil {
			break
		}
	}
	finish()
	return out, nil
}

// parseTag splits the inside of <…> into its name, attributes and whether
// it ends in "/".
func parseTag(tag string) (name string, attrs map[string]string, selfClosed bool) {
	tag = strings.TrimSpace(tag)
	if strings.HasSuffix(tag, "/") {
		selfClosed = true
		tag = strings.TrimSpace(tag[:len(tag)-1])
	}
	end := strings.IndexAny(tag, " \t\r\n")
	if end < 0 {
		return tag, nil, selfClosed
	}
	name, rest := tag[:end], tag[end:]
	attrs = map[string]string{}
	for {
		rest = strings.TrimLeft(rest, " \t\r\n")
		eq := strings.IndexByte(rest, '=')
		if rest == "" || eq < 0 {
			return name, attrs, selfClosed
		}
		key := strings.TrimSpace(rest[:eq])
		rest = strings.TrimLeft(rest[eq+1:], " \t\r\n")
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			q := rest[0]
			k := strings.IndexByte(rest[1:], q)
			if k < 0 {
				val, rest = rest[1:], ""
			} else {
				val, rest = rest[1:1+k], rest[2+k:]
			}
		} else {
			k := strings.IndexAny(rest, " \t\r\n")
			if k < 0 {
				k = len(rest)
			}
			val, rest = rest[:k], rest[k:]
		}
		if f := strings.Fields(key); len(f) > 0 {
			attrs[f[len(f)-1]] = unescapeXML(val)
		}
	}
}

// unescapeXML decodes the predefined entities and numeric references; an
// unknown entity is left as written.
func unescapeXML(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexByte(s, ';')
		if j < 0 || j > 12 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		ent := s[1:j]
		var r rune = -1
		switch {
		case ent == "amp":
			r = '&'
		case ent == "lt":
			r = '<'
		case ent == "gt":
			r = '>'
		case ent == "quot":
			r = '"'
		case ent == "apos":
			r = '\''
		case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
			var v int
			if _, err := fmt.Sscanf(ent[2:], "%x", &v); err == nil {
				r = rune(v)
			}
		case strings.HasPrefix(ent, "#"):
			var v int
			if _, err := fmt.Sscanf(ent[1:], "%d", &v); err == nil {
				r = rune(v)
			}
		}
		if r < 0 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		b.WriteRune(r)
		s = s[j+1:]
	}
	return b.String()
}

// petrPrefix matches an emitted actor against the 3-letter prefix of a gold
// PETRARCH code; see the package comment.
func petrPrefix(gold string, a *OutActor) bool {
	p := strings.ToUpper(runeSlice(strings.TrimSpace(gold), 0, 3))
	if p == "" {
		return true
	}
	if p == "---" {
		if a == nil {
			return true
		}
		code, country := strings.ToUpper(a.Code), strings.ToUpper(a.Country)
		if strings.HasPrefix(code, "---") {
			return true
		}
		if country != "" && country != "---" {
			return false
		}
		switch runeSlice(code, 0, 3) {
		case "IGO", "NGO", "IMG":
			return false
		}
		return true
	}
	if a == nil {
		return false
	}
	return strings.ToUpper(runeSlice(a.Code, 0, 3)) == p || strings.ToUpper(a.Country) == p
}

func petrDyad(c PetrCoding, e *OutEvent) bool {
	return petrPrefix(c.Source, e.Source) && petrPrefix(c.Target, e.Target)
}

func petrRoot(c PetrCoding, e *OutEvent) bool {
	r := runeSlice(strings.TrimSpace(c.Event), 0, 2)
	return r != "" && e.Root() == r
}

// PetrCounts are the figures for a set of gold sentences.
type PetrCounts struct {
	Sentences   int     `json:"sentences"`
	NoEvents    int     `json:"noevents"` // sentences marked noevents
	Codings     int     `json:"codings"`  // gold codings
	EventDyad   int     `json:"event_dyad"`
	Dyad        int     `json:"dyad"`
	Root        int     `json:"root"`
	Exact       int     `json:"exact"`
	Emitted     int     `json:"emitted"` // events emitted for these sentences
	Correct     int     `json:"correct"` // of those, event+dyad matches of a coding
	Recall      float64 `json:"recall"`  // EventDyad / Codings
	DyadRecall  float64 `json:"dyad_recall"`
	RootRecall  float64 `json:"root_recall"`
	ExactRecall float64 `json:"exact_recall"`
	Precision   float64 `json:"precision"` // Correct / Emitted
	F1          float64 `json:"f1"`
	// NoEventsFP counts events emitted for noevents sentences; NoEventsClean
	// counts noevents sentences for which nothing was emitted.
	NoEventsFP    int `json:"noevents_fp"`
	NoEventsClean int `json:"noevents_clean"`
}

func (c *PetrCounts) finish() {
	c.Recall = ratio(c.EventDyad, c.Codings)
	c.DyadRecall = ratio(c.Dyad, c.Codings)
	c.RootRecall = ratio(c.Root, c.Codings)
	c.ExactRecall = ratio(c.Exact, c.Codings)
	c.Precision = ratio(c.Correct, c.Emitted)
	c.F1 = f1(c.Precision, c.Recall)
}

// PetrReport is the score of an output against a PETRARCH validation file.
type PetrReport struct {
	PetrCounts
	// NoOutput lists the scored sentence ids with no output document.
	NoOutput   []string       `json:"no_output"`
	Categories []PetrCategory `json:"categories"` // by category, sorted
	// Misses lists every gold coding without an event+dyad match.
	Misses []PetrMiss `json:"misses"`
	// FalsePositives lists every emitted event matching no coding of its
	// sentence, including every event emitted for a noevents sentence.
	FalsePositives []PetrFalsePositive `json:"false_positives"`
}

// PetrCategory holds the figures for the sentences of one category.
type PetrCategory struct {
	Category string `json:"category"`
	PetrCounts
}

// PetrMiss is a gold coding that no emitted event matched.
type PetrMiss struct {
	SentenceID string     `json:"sentence_id"`
	Category   string     `json:"category"`
	Gold       PetrCoding `json:"gold"`
	DyadOK     bool       `json:"dyad_ok"` // an event had the right actors
	RootOK     bool       `json:"root_ok"` // an event had the right root
	Text       string     `json:"text"`
	Produced   []EventRef `json:"produced"`
}

// PetrFalsePositive is an emitted event that matches no gold coding.
type PetrFalsePositive struct {
	Category string   `json:"category"`
	NoEvents bool     `json:"noevents"` // emitted for a noevents sentence
	Event    EventRef `json:"event"`
}

// PetrXML scores out against the PETRARCH validation file read from gold
// (see ReadPetrGold and the package comment). Sentences with
// evaluate="false" are skipped; output documents whose doc_id is no
// sentence id are ignored, and for a repeated doc_id the last one counts.
func PetrXML(gold io.Reader, out []OutDoc) (*PetrReport, error) {
	sents, err := ReadPetrGold(gold)
	if err != nil {
		return nil, err
	}
	docs := map[string]*OutDoc{}
	for i := range out {
		docs[out[i].DocID] = &out[i]
	}
	rep := &PetrReport{}
	cats := map[string]*PetrCategory{}
	for si := range sents {
		s := &sents[si]
		if strings.EqualFold(s.Evaluate, "false") {
			continue
		}
		c := cats[s.Category]
		if c == nil {
			c = &PetrCategory{Category: s.Category}
			cats[s.Category] = c
		}
		var evs []OutEvent
		if d := docs[s.ID]; d != nil {
			evs = d.Events
		} else {
			rep.NoOutput = append(rep.NoOutput, s.ID)
		}
		add := func(f func(*PetrCounts)) { f(&rep.PetrCounts); f(&c.PetrCounts) }
		add(func(p *PetrCounts) {
			p.Sentences++
			p.Codings += len(s.Codings)
			p.Emitted += len(evs)
			if s.NoEvents {
				p.NoEvents++
				p.NoEventsFP += len(evs)
				if len(evs) == 0 {
					p.NoEventsClean++
				}
			}
		})
		for _, g := range s.Codings {
			var ed, dy, rt, ex bool
			for i := range evs {
				e := &evs[i]
				d, r := petrDyad(g, e), petrRoot(g, e)
				ed = ed || (d && r)
				dy = dy || d
				rt = rt || r
				ex = ex || (d && e.Cameo == strings.TrimSpace(g.Event))
			}
			add(func(p *PetrCounts) {
				p.EventDyad += b2i(ed)
				p.Dyad += b2i(dy)
				p.Root += b2i(rt)
				p.Exact += b2i(ex)
			})
			if !ed {
				m := PetrMiss{SentenceID: s.ID, Category: s.Category, Gold: g, DyadOK: dy, RootOK: rt, Text: s.Text}
				for i := range evs {
					m.Produced = append(m.Produced, refOf(s.ID, &evs[i]))
				}
				rep.Misses = append(rep.Misses, m)
			}
		}
		for i := range evs {
			e := &evs[i]
			ok := false
			if !s.NoEvents {
				for _, g := range s.Codings {
					if petrDyad(g, e) && petrRoot(g, e) {
						ok = true
						break
					}
				}
			}
			if ok {
				add(func(p *PetrCounts) { p.Correct++ })
			} else {
				rep.FalsePositives = append(rep.FalsePositives,
					PetrFalsePositive{Category: s.Category, NoEvents: s.NoEvents, Event: refOf(s.ID, e)})
			}
		}
	}
	rep.finish()
	for _, c := range cats {
		c.finish()
		rep.Categories = append(rep.Categories, *c)
	}
	sort.Slice(rep.Categories, func(i, j int) bool { return rep.Categories[i].Category < rep.Categories[j].Category })
	return rep, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WriteText prints the overall figures, a table per category, then every
// missed coding (with what dyad produced) and every false positive.
func (r *PetrReport) WriteText(w io.Writer) {
	ew := &textWriter{w: w}
	ew.printf("petrxml: event+dyad recall %d/%d = %.2f; dyad recall %.2f; root recall %.2f; exact recall %.2f; precision %.2f (%d/%d); F1 %.2f\n",
		r.EventDyad, r.Codings, r.Recall, r.DyadRecall, r.RootRecall, r.ExactRecall, r.Precision, r.Correct, r.Emitted, r.F1)
	ew.printf("sentences %d (noevents %d: %d clean, %d events emitted), without output %d\n",
		r.Sentences, r.NoEvents, r.NoEventsClean, r.NoEventsFP, len(r.NoOutput))
	ew.printf("\n  %-10s %5s %7s %5s %6s %6s %6s %6s %7s %7s %5s\n", "category", "sents", "codings", "e+d", "recall", "dyadR", "rootR", "exactR", "emitted", "correct", "prec")
	for _, c := range r.Categories {
		ew.printf("  %-10s %5d %7d %5d %6.2f %6.2f %6.2f %6.2f %7d %7d %5.2f\n", orDash(c.Category), c.Sentences, c.Codings,
			c.EventDyad, c.Recall, c.DyadRecall, c.RootRecall, c.ExactRecall, c.Emitted, c.Correct, c.Precision)
	}
	if len(r.Misses) > 0 {
		ew.printf("\nmissed codings (%d):\n", len(r.Misses))
		for _, m := range r.Misses {
			var why []string
			if m.DyadOK {
				why = append(why, "dyad ok")
			}
			if m.RootOK {
				why = append(why, "root ok")
			}
			note := ""
			if len(why) > 0 {
				note = "  (" + strings.Join(why, ", ") + ")"
			}
			ew.printf("  %s [%s]  %s %s -> %s%s  %q\n", m.SentenceID, m.Category, m.Gold.Event, orDash(m.Gold.Source),
				orDash(m.Gold.Target), note, clip(m.Text, 100))
			if len(m.Produced) == 0 {
				ew.printf("      produced: nothing\n")
			}
			for _, e := range m.Produced {
				ew.printf("      produced: %s  %q\n", e.short(), e.Verb)
			}
		}
	}
	if len(r.FalsePositives) > 0 {
		ew.printf("\nfalse positives (%d):\n", len(r.FalsePositives))
		for _, f := range r.FalsePositives {
			tag := ""
			if f.NoEvents {
				tag = "  (noevents sentence)"
			}
			ew.printf("  %s [%s]  %s%s  %q\n", f.Event.DocID, f.Category, f.Event.short(), tag, f.Event.Verb)
		}
	}
	if len(r.NoOutput) > 0 {
		ew.printf("\nsentences without output (%d): %s\n", len(r.NoOutput), strings.Join(r.NoOutput, " "))
	}
}
