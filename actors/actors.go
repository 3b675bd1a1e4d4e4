// Package actors finds actor mentions and codes them, bounded by the
// article's date.
//
// Reads: doc.tokens, token.tag, token.lemma, doc.chunks, doc.date.
// Writes: doc.actors.
//
// A mention is built from atoms found in the dictionaries: names of
// countries, capitals and seats of government, places, named people and
// organisations (matched case-sensitively on the words as written), and
// agents, the role nouns of agents.txt (matched on lemmas). Atoms inside one
// noun phrase combine: a named person or organisation gives its own code for
// the article's date ("Vladimir Putin" → RUSGOV in 2018, RUSELI outside his
// terms); otherwise a country atom gives the country and the head agent the
// sector ("Russian warplanes" → RUSMIL, "Syria's president" → SYRGOV,
// "rebels in Syria" → SYRREB). A capital or seat of government alone is that
// country's government ("Moscow" → RUSGOV); a place alone is its country.
// An agent with no country takes the article's main country ("government
// warplanes" in an article about Syria → SYRMIL). Mentions joined by commas
// and "and" form a compound ("Iran, Russia and Turkey") whose members are
// listed in Members. "he", "she", "it" and "they" take the code of the
// nearest earlier mention of the right kind (person; country or
// organisation) within two sentences.
//
//	Russia's President Vladimir Putin said Moscow opposed a truce.
//	→ [Russia's President Vladimir Putin] RUSGOV, [Moscow] RUSGOV
package actors

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/segment"
)

type kind uint8

const (
	kindCountry kind = iota + 1 // a country's name
	kindAdj                     // a demonym or adjective
	kindCapital                 // a capital or seat of government: the government
	kindPlace                   // a region or city: a location in the country
	kindActor                   // a named person or organisation
	kindAgent                   // a role noun
	kindNot                     // a phrase that contains a name but is not one
)

func (k kind) String() string {
	return [...]string{"", "country", "adjective", "capital", "place", "actor", "agent", "not a name"}[k]
}

type entry struct {
	kind    kind
	country string
	actor   *dict.Actor
	sector  string
	name    string // as written in the dictionary
	coord   dict.Coord
	file    string
	line    int
}

// Dictionary is the compiled actor dictionary. It is immutable after
// Compile and safe for concurrent use.
type Dictionary struct {
	names     trie
	agents    trie
	countries map[string]*dict.Country
}

// Compile builds the matcher from the dictionaries.
func Compile(d *dict.Dictionaries) *Dictionary {
	m := &Dictionary{countries: map[string]*dict.Country{}}
	words := func(s string) []string {
		toks := segment.Tokenize(s, nil)
		out := make([]string, len(toks))
		for i, t := range toks {
			out[i] = normQuote(s[t.Start:t.End])
		}
		return out
	}
	for i := range d.Countries {
		c := &d.Countries[i]
		m.countries[c.Code] = c
		add := func(name string, k kind, coord dict.Coord) {
			m.names.insert(words(name), &entry{kind: k, country: c.Code, name: name, coord: coord, file: dict.CountriesFile, line: c.Line})
		}
		for _, n := range c.Names {
			add(n, kindCountry, c.Center)
		}
		for _, n := range c.Adjs {
			add(n, kindAdj, dict.Coord{})
		}
		for _, n := range c.Capitals {
			add(n.Name, kindCapital, n.Coord)
		}
		for _, n := range c.Metonyms {
			add(n, kindCapital, dict.Coord{})
		}
		for _, n := range c.Places {
			add(n.Name, kindPlace, n.Coord)
		}
		for _, n := range c.Not {
			m.names.insert(words(n), &entry{kind: kindNot, name: n, file: dict.CountriesFile, line: c.Line})
		}
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			m.names.insert(words(n), &entry{kind: kindActor, actor: a, name: a.Name, file: a.File, line: a.Line})
		}
	}
	for _, ag := range d.Agents {
		m.agents.insert(strings.Fields(ag.Phrase), &entry{kind: kindAgent, sector: ag.Sector, name: ag.Phrase, file: dict.AgentsFile, line: ag.Line})
	}
	return m
}

func normQuote(s string) string { return strings.ReplaceAll(s, "’", "'") }

// Country returns the dictionary block of a country code.
func (m *Dictionary) Country(code string) (*dict.Country, bool) {
	c, ok := m.countries[code]
	return c, ok
}

// Stage is the actors stage.
type Stage struct{ dict *Dictionary }

// New returns the actors stage for a compiled dictionary.
func New(d *Dictionary) *Stage { return &Stage{dict: d} }

// Name implements pipeline.Component.
func (*Stage) Name() string { return "actors.v1" }

// Reads implements pipeline.Component.
func (*Stage) Reads() []string {
	return []string{"doc.tokens", "token.tag", "token.lemma", "doc.chunks", "doc.date"}
}

// Writes implements pipeline.Component.
func (*Stage) Writes() []string { return []string{"doc.actors"} }

// atom is one dictionary match.
type atom struct {
	first, last int // token range
	e           *entry
	cands       []*entry
}

// Process finds and codes every actor mention of d.
func (s *Stage) Process(d *doc.Doc) error {
	d.Actors = d.Actors[:0]
	all := make([][]atom, len(d.Sentences))
	for si, sent := range d.Sentences {
		all[si] = s.atoms(d, sent)
	}
	ctx := contextCountry(all)
	for si, sent := range d.Sentences {
		s.phrases(d, si, sent, all[si], ctx)
	}
	return nil
}

// atoms finds the dictionary matches of one sentence: names first (longest
// match), then agents on the words names left.
func (s *Stage) atoms(d *doc.Doc, sent doc.Sentence) []atom {
	var out []atom
	covered := make([]bool, sent.Last-sent.First)
	surface := func(k int) string { return normQuote(d.TokenText(k)) }
	for i := sent.First; i < sent.Last; {
		es, n := s.dict.names.longest(i, sent.Last, surface)
		if n == 0 {
			i++
			continue
		}
		if e := pick(es, d); e.kind != kindNot {
			out = append(out, atom{first: i, last: i + n, e: e, cands: es})
		}
		for k := i; k < i+n; k++ {
			covered[k-sent.First] = true
		}
		i += n
	}
	lemma := func(k int) string { return d.Tokens[k].Lemma }
	for i := sent.First; i < sent.Last; {
		if covered[i-sent.First] {
			i++
			continue
		}
		es, n := s.dict.agents.longest(i, sent.Last, lemma)
		if n == 0 {
			// "Vietnamese-led forces", "US-led war": the country in control
			if w := d.TokenText(i); strings.Contains(w, "-") {
				pre, post, _ := strings.Cut(w, "-")
				if heldSuffix[strings.ToLower(post)] {
					if es2, n2 := s.dict.names.longest(0, 1, func(int) string { return pre }); n2 == 1 && es2[0].country != "" {
						out = append(out, atom{first: i, last: i + 1, e: es2[0]})
						i++
						continue
					}
				}
			}
			// "rebel-held", "government-controlled": the agent before the hyphen
			if w := d.Tokens[i].Lemma; strings.Contains(w, "-") {
				pre, post, _ := strings.Cut(w, "-")
				if heldSuffix[post] {
					if es2, n2 := s.dict.agents.longest(0, 1, func(int) string { return pre }); n2 == 1 {
						out = append(out, atom{first: i, last: i + 1, e: es2[0]})
					}
				}
			}
			i++
			continue
		}
		last := i + n - 1
		tg := d.Tokens[last].Tag
		next := ""
		if last+1 < sent.Last {
			next = d.Tokens[last+1].Tag
		}
		// a noun, or an adjective standing for one ("the military said");
		// not an adjective before a noun ("an official protest")
		if strings.HasPrefix(tg, "NN") || tg == "JJ" && !strings.HasPrefix(next, "NN") && (i == sent.First || d.Tokens[i-1].Lemma != "in") {
			out = append(out, atom{first: i, last: i + n, e: es[0]})
		}
		i += n
	}
	sort.Slice(out, func(a, b int) bool { return out[a].first < out[b].first })
	return out
}

var heldSuffix = map[string]bool{"held": true, "controlled": true, "run": true, "dominated": true, "led": true, "occupied": true}

// pick chooses among entries that share a name: a named actor before a
// country name before a capital before an adjective before a place.
func pick(es []*entry, d *doc.Doc) *entry {
	best := es[0]
	for _, e := range es[1:] {
		if e.kind == kindActor && best.kind != kindActor {
			best = e
		}
	}
	return best
}

// contextCountry returns the article's main country: the most mentioned by
// name, place or adjective (capitals count half); ties go to the country
// named more often by name or place, then to the earliest mentioned.
func contextCountry(all [][]atom) string {
	score := map[string]int{}
	named := map[string]int{} // score from names and places alone, to break ties
	first := map[string]int{}
	n := 0
	for _, as := range all {
		for _, a := range as {
			c := a.e.country
			if c == "" {
				continue
			}
			w := 2 // names of countries and places, adjectives
			if a.e.kind == kindCapital {
				w = 1 // "Tehran" is often a metonym, not a location
			}
			score[c] += w
			if a.e.kind == kindCountry || a.e.kind == kindPlace {
				named[c] += w
			}
			if _, ok := first[c]; !ok {
				first[c] = n
			}
			n++
		}
	}
	best := ""
	for c, v := range score {
		switch {
		case best == "" || v > score[best]:
		case v == score[best] && named[c] > named[best]:
		case v == score[best] && named[c] == named[best] && first[c] < first[best]:
		default:
			continue
		}
		best = c
	}
	return best
}

// personNouns are agents that name one person ("the president").
var personNouns = map[string]bool{
	"president": true, "prime minister": true, "minister": true, "foreign minister": true, "leader": true,
	"king": true, "queen": true, "emir": true, "premier": true, "chancellor": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "secretary": true, "secretary-general": true, "envoy": true, "ambassador": true,
	"general": true, "commander": true, "official": true, "defence minister": true, "defense minister": true,
	"interior minister": true, "vice president": true, "governor": true, "mayor": true, "sheikh": true, "prince": true,
	"professor": true, "judge": true, "prosecutor": true, "cleric": true, "head": true, "chief": true, "dictator": true,
}

// phrase groups the atoms of one sentence into coded mentions.
func (s *Stage) phrases(d *doc.Doc, si int, sent doc.Sentence, atoms []atom, ctx string) {
	if len(atoms) == 0 {
		s.pronouns(d, si, sent)
		return
	}
	// chunk of each token
	npOf := make([]int, sent.Last-sent.First)
	for i := range npOf {
		npOf[i] = -1
	}
	for ci, c := range d.Chunks {
		if c.Kind != doc.NP || c.First < sent.First || c.Last > sent.Last {
			continue
		}
		for k := c.First; k < c.Last; k++ {
			npOf[k-sent.First] = ci
		}
	}
	group := func(a atom) int {
		if c := npOf[a.first-sent.First]; c >= 0 {
			return c
		}
		return -1000 - a.first
	}
	// group atoms by NP chunk; consecutive atoms in one chunk form a phrase
	type phrase struct {
		atoms       []atom
		first, last int
	}
	var ps []phrase
	for _, a := range atoms {
		if n := len(ps); n > 0 {
			p := &ps[n-1]
			prev := p.atoms[len(p.atoms)-1]
			if group(prev) == group(a) && !splitBetween(d, prev.last, a.first) {
				p.atoms = append(p.atoms, a)
				p.last = a.last
				continue
			}
			// "rebels in Syria", "the president of Armenia": an agent
			// without a country takes a following "of/in X" location
			end := prev.last
			if c := npOf[prev.first-sent.First]; c >= 0 && d.Chunks[c].Last > end {
				end = d.Chunks[c].Last
			}
			group := prev.e.kind == kindAdj && len(p.atoms) == 1 && (d.Tokens[prev.last-1].Tag == "NNPS" || d.Tokens[prev.last-1].Tag == "NNS")
			if (prev.e.kind == kindAgent && !hasCountry(p.atoms) || group) && a.e.country != "" && a.e.kind != kindActor &&
				!(p.first > sent.First && d.Tokens[p.first-1].Tag == "PRP$") &&
				end < a.first && isLocal(d.Tokens[end].Lemma) && onlyModifiers(d, end+1, a.first) {
				p.atoms = append(p.atoms, a)
				p.last = a.last
				continue
			}
		}
		ps = append(ps, phrase{atoms: []atom{a}, first: a.first, last: a.last})
	}
	base := len(d.Actors)
	for _, p := range ps {
		act := s.code(d, si, p.atoms, ctx)
		// widen to the noun phrase's head noun: "Russian warplanes"
		if c := npOf[p.atoms[0].first-sent.First]; c >= 0 {
			ch := d.Chunks[c]
			last := ch.Last
			for last > p.last && !strings.HasPrefix(d.Tokens[last-1].Tag, "NN") {
				last--
			}
			if last > act.Last && act.Last >= ch.First {
				act.Last = last
			}
		}
		act.Span = doc.Span{Start: d.Tokens[act.First].Start, End: d.Tokens[act.Last-1].End}
		d.Actors = append(d.Actors, act)
	}
	s.appositions(d, base)
	s.compounds(d, base, sent)
	s.pronouns(d, si, sent)
	sort.SliceStable(d.Actors[base:], func(i, j int) bool { return d.Actors[base+i].First < d.Actors[base+j].First })
	// Members indexes stay valid: compounds are appended after their members
	// and the sort is stable on First, but a compound shares First with its
	// first member; re-link them.
	relink(d, base)
}

func relink(d *doc.Doc, base int) {
	for i := base; i < len(d.Actors); i++ {
		a := &d.Actors[i]
		if len(a.Members) == 0 {
			continue
		}
		// members are the simple mentions inside the compound's range
		a.Members = a.Members[:0]
		for j := base; j < len(d.Actors); j++ {
			b := &d.Actors[j]
			if j != i && len(b.Members) == 0 && b.First >= a.First && b.Last <= a.Last {
				a.Members = append(a.Members, j)
			}
		}
	}
}

// onlyModifiers reports whether tokens [a, b) are at most three
// determiners, adjectives or numbers ("of the northern West Bank city").
func onlyModifiers(d *doc.Doc, a, b int) bool {
	if b-a > 3 {
		return false
	}
	for k := a; k < b; k++ {
		switch d.Tokens[k].Tag {
		case "DT", "JJ", "JJS", "JJR", "CD", "PRP$":
		default:
			return false
		}
	}
	return true
}

func hasCountry(as []atom) bool {
	for _, a := range as {
		if a.e.country != "" || a.e.kind == kindActor {
			return true
		}
	}
	return false
}

func isLocal(lemma string) bool { return lemma == "of" || lemma == "in" }

// splitBetween reports whether tokens between two atoms of one chunk
// separate them into two mentions (a coordination).
func splitBetween(d *doc.Doc, a, b int) bool {
	for k := a; k < b; k++ {
		switch d.Tokens[k].Lemma {
		case "and", "or", ",", "&":
			return true
		}
	}
	return false
}

// code computes the code of one phrase.
func (s *Stage) code(d *doc.Doc, si int, as []atom, ctx string) doc.Actor {
	act := doc.Actor{Sentence: si, First: as[0].first, Last: as[len(as)-1].last}
	var rules []string
	// a named actor decides, unless a possessive makes it the owner of a
	// following agent ("al-Assad's forces")
	named := -1
	for i, a := range as {
		if a.e.kind == kindActor {
			named = i
		}
	}
	if named >= 0 {
		a := as[named].e
		dc, ok := a.actor.CodeOn(d.Date)
		code := ""
		if ok {
			code = dc.Code
			rules = append(rules, fmt.Sprintf("%s:%d %s → %s (%s)", a.file, a.line, a.name, dc.Code, dc.Range()))
		}
		// possessor + agent: "Assad's forces" → SYR + MIL
		if named < len(as)-1 && as[len(as)-1].e.kind == kindAgent && hasPossessive(d, as[named].last, as[len(as)-1].first) {
			ag := as[len(as)-1].e
			country, _ := codes.SplitActor(code)
			if country != "" {
				code = country + ag.sector
				rules = append(rules, fmt.Sprintf("%s:%d agent %q → %s", ag.file, ag.line, ag.name, ag.sector))
			}
		}
		act.ActorRef = ref(code)
		act.Rule = strings.Join(rules, "; ")
		act.Person = isNamedPerson(a.actor) && named == len(as)-1
		return act
	}
	country := ""
	var sectors []string
	cap := false
	if len(as) >= 2 && as[0].e.kind == kindAdj && (as[1].e.kind == kindPlace || as[1].e.kind == kindCountry) && as[1].e.country != as[0].e.country &&
		(d.Tokens[as[0].last-1].Tag == "NNPS" || d.Tokens[as[0].last-1].Tag == "NNS") {
		// "the Albanians of southern Serbia": a group living in Serbia
		country = as[1].e.country
		sectors = []string{"CVL"}
		rules = append(rules, fmt.Sprintf("%q in %q: a group living in %s", as[0].e.name, as[1].e.name, country))
		as = as[2:]
	}
	for _, a := range as {
		switch a.e.kind {
		case kindCountry, kindAdj, kindCapital, kindPlace:
			if a.e.kind == kindAdj && a.first > 0 && d.Tokens[a.first-1].Lemma == "ethnic" && ctx != "" && ctx != a.e.country {
				// "ethnic Albanians" in Serbia are a group in Serbia, not Albania
				if country == "" {
					country = ctx
					rules = append(rules, fmt.Sprintf("ethnic %q: a group in the article's country %s", a.e.name, ctx))
					if len(sectors) == 0 {
						sectors = []string{"CVL"}
					}
				}
				continue
			}
			if country == "" {
				country = a.e.country
				cap = a.e.kind == kindCapital
				rules = append(rules, fmt.Sprintf("%s:%d %s %q → %s", a.e.file, a.e.line, a.e.kind, a.e.name, a.e.country))
			}
		case kindAgent:
			sectors = []string{a.e.sector}
			rules = append(rules, fmt.Sprintf("%s:%d agent %q → %s", a.e.file, a.e.line, a.e.name, a.e.sector))
		}
	}
	if len(sectors) == 0 && cap {
		k := act.First - 1
		for n := 0; n < 3 && k > 0 && (d.Tokens[k].Tag == "DT" || d.Tokens[k].Tag == "JJ" || d.Tokens[k].Tag == "NN"); n++ {
			k-- // "in the capital Kabul"
		}
		if k >= 0 && locativePrep[d.Tokens[k].Lemma] && d.Tokens[k].Tag == "IN" {
			rules = append(rules, fmt.Sprintf("after %q: a place, not the government", d.TokenText(k)))
		} else {
			sectors = []string{"GOV"}
			rules = append(rules, "capital as metonym → GOV")
		}
	}
	// "the three presidents", "the leaders": several office holders of
	// unnamed countries are not the article's own government
	plural := false
	for _, a := range as {
		if a.e.kind == kindAgent && personNouns[a.e.name] && d.Tokens[a.last-1].Tag == "NNS" {
			plural = true
		}
	}
	if country == "" && len(sectors) > 0 && ctx != "" && !plural {
		country = ctx
		rules = append(rules, "country from the article's context → "+ctx)
	}
	act.ActorRef = doc.ActorRef{Code: country + strings.Join(sectors, ""), Country: country, Sectors: sectors}
	act.Rule = strings.Join(rules, "; ")
	if len(as) == 0 {
		return act
	}
	if last := as[len(as)-1]; last.e.kind == kindAgent && personNouns[last.e.name] && d.Tokens[last.last-1].Tag != "NNS" {
		act.Person = true // "the Turkish president"
	}
	return act
}

// isNamedPerson reports whether a dictionary actor is a person: one with
// a term of office (organisations have undated codes only).
func isNamedPerson(a *dict.Actor) bool {
	for _, c := range a.Codes {
		if !c.Undated {
			return true
		}
	}
	return false
}

func hasPossessive(d *doc.Doc, a, b int) bool {
	for k := a; k < b; k++ {
		if d.Tokens[k].Tag == "POS" {
			return true
		}
	}
	return false
}

func ref(code string) doc.ActorRef {
	c, s := codes.SplitActor(code)
	return doc.ActorRef{Code: code, Country: c, Sectors: s}
}

// appositions merges "Iranian leader, Hassan Rouhani" into one mention.
func (s *Stage) appositions(d *doc.Doc, base int) {
	for i := base; i+1 < len(d.Actors); i++ {
		a, b := &d.Actors[i], &d.Actors[i+1]
		if b.First != a.Last+1 || d.TokenText(a.Last) != "," {
			continue
		}
		if a.Country == "" || a.Country != b.Country {
			continue
		}
		// merge a role with a named actor: "Iranian leader, Hassan Rouhani"
		named := func(x *doc.Actor) bool { return strings.HasPrefix(x.Rule, dict.ActorsFile) }
		role := func(x *doc.Actor) bool { return strings.Contains(x.Rule, "agent") }
		if named(a) && role(b) || role(a) && named(b) {
			keep := *b
			if !strings.Contains(b.Rule, "actors") && strings.Contains(a.Rule, "actors") {
				keep = *a
			}
			keep.First, keep.Last = a.First, b.Last
			keep.Span = doc.Span{Start: a.Start, End: b.End}
			d.Actors[i] = keep
			d.Actors = append(d.Actors[:i+1], d.Actors[i+2:]...)
			i--
		}
	}
}

// compounds joins mentions separated by ",", "and", "or" into compounds.
func (s *Stage) compounds(d *doc.Doc, base int, sent doc.Sentence) {
	n := len(d.Actors)
	i := base
	for i < n {
		j := i
		sawAnd := false
		for j+1 < n {
			a, b := d.Actors[j], d.Actors[j+1]
			ok := true
			and := false
			for k := a.Last; k < b.First; k++ {
				switch d.Tokens[k].Lemma {
				case "and", "or", "&":
					and = true
				case ",":
				case "the":
					// "Brazil and the United States"
				default:
					ok = false
				}
			}
			if !ok || b.First == a.Last {
				break
			}
			// "in Tehran, Russian and government warplanes": a bare
			// adjective after a comma starts a new phrase
			if !and && b.Last-b.First == 1 && d.Tokens[b.First].Tag != "NNS" && len(b.Sectors) == 0 && strings.Contains(b.Rule, "adjective") {
				break
			}
			if and {
				sawAnd = true
			}
			j++
			if and {
				// "X and Y" ends the list unless more commas follow
				break
			}
		}
		if j > i && sawAnd {
			// "Russian and government warplanes": a bare adjective takes the
			// sector of the following mention
			for k := i; k < j; k++ {
				m := &d.Actors[k]
				last := d.Actors[j]
				// only a role's sector is shared, not a named actor's code:
				// "Israeli and Hamas negotiators" are not both Hamas
				if len(m.Sectors) == 0 && m.Last-m.First == 1 && strings.Contains(m.Rule, "adjective") && len(last.Sectors) > 0 &&
					strings.Contains(last.Rule, "agent") && !strings.HasPrefix(last.Rule, dict.ActorsFile) {
					m.Sectors = last.Sectors
					m.Code = m.Country + strings.Join(last.Sectors, "")
					m.Rule += "; sector shared with " + d.TokenText(last.Last-1)
				}
			}
			c := doc.Actor{Sentence: d.Actors[i].Sentence, First: d.Actors[i].First, Last: d.Actors[j].Last, Rule: "compound"}
			c.Span = doc.Span{Start: d.Tokens[c.First].Start, End: d.Tokens[c.Last-1].End}
			for k := i; k <= j; k++ {
				c.Members = append(c.Members, k)
			}
			d.Actors = append(d.Actors, c)
		}
		i = j + 1
	}
}

// pronouns resolves he/she/it/they to the nearest earlier mention of the
// right kind within the previous two sentences.
func (s *Stage) pronouns(d *doc.Doc, si int, sent doc.Sentence) {
	for i := sent.First; i < sent.Last; i++ {
		if d.Tokens[i].Tag != "PRP" && d.Tokens[i].Tag != "PRP$" {
			continue
		}
		w := strings.ToLower(d.TokenText(i))
		var want func(a *doc.Actor) bool
		switch w {
		case "he", "she", "him", "her", "his":
			want = func(a *doc.Actor) bool { return isPerson(a) }
		case "it", "its":
			want = func(a *doc.Actor) bool {
				return !isPerson(a) && len(a.Members) == 0 && a.Country != "" || strings.HasPrefix(a.Code, "IGO")
			}
		case "they", "them", "their":
			want = func(a *doc.Actor) bool {
				plural := a.Last > a.First && d.Tokens[a.Last-1].Tag == "NNS" || d.Tokens[a.Last-1].Tag == "NNPS"
				return len(a.Members) > 0 || plural && a.Country != "" || !isPerson(a) && len(a.Sectors) > 0
			}
		default:
			continue
		}
		if w == "his" || w == "her" || w == "its" || w == "their" || w == "him" || w == "them" {
			continue // possessives and objects are resolved only when needed
		}
		if w == "it" && expletive(d, i, sent) {
			continue // "It would be good", "it seems clear": no referent
		}
		for k := len(d.Actors) - 1; k >= 0; k-- {
			a := &d.Actors[k]
			if a.Sentence < si-2 || a.First >= i {
				if a.Sentence < si-2 {
					break
				}
				continue
			}
			if a.Code == "" && len(a.Members) == 0 {
				continue
			}
			if want(a) {
				p := *a
				p.Sentence = si
				p.First, p.Last = i, i+1
				p.Span = d.Tokens[i].Span
				p.Rule = fmt.Sprintf("pronoun %q → %q (%s)", d.TokenText(i), d.Slice(a.Span), a.Code)
				if len(a.Members) > 0 {
					// a pronoun for a compound stands for its members' codes;
					// keep the first member's code as the pronoun's
					p.Members = nil
					m := d.Actors[a.Members[0]]
					p.ActorRef = m.ActorRef
				}
				d.Actors = append(d.Actors, p)
				break
			}
		}
	}
}

// prepositions after which a capital is a place ("summit in Tehran")
var locativePrep = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true,
	"around": true, "across": true, "throughout": true}

// evaluative adjectives after an expletive "it is …"
var evaluative = map[string]bool{"good": true, "clear": true, "likely": true, "unlikely": true, "possible": true,
	"impossible": true, "important": true, "necessary": true, "unclear": true, "time": true, "true": true,
	"hard": true, "difficult": true, "easy": true, "obvious": true, "essential": true, "vital": true,
	"crucial": true, "better": true, "worth": true, "wrong": true, "right": true, "bad": true, "too": true}

// expletive reports whether "it" at token i has no referent: "it seems",
// "it is clear that", "it would be good".
func expletive(d *doc.Doc, i int, sent doc.Sentence) bool {
	k := i + 1
	if k < sent.Last && (d.Tokens[k].Lemma == "seem" || d.Tokens[k].Lemma == "appear") {
		return true
	}
	if k < sent.Last && d.Tokens[k].Tag == "MD" {
		k++
	}
	for k < sent.Last && d.Tokens[k].Tag == "RB" {
		k++
	}
	if k >= sent.Last || d.Tokens[k].Lemma != "be" {
		return false
	}
	k++
	for k < sent.Last && d.Tokens[k].Tag == "RB" {
		k++
	}
	return k < sent.Last && evaluative[d.Tokens[k].Lemma]
}

// isPerson reports whether a mention names one person.
func isPerson(a *doc.Actor) bool { return a.Person && len(a.Members) == 0 }

// Code returns the code of a named actor on date t, for tests and explain.
func (m *Dictionary) Code(name string, t time.Time) (string, bool) {
	toks := segment.Tokenize(name, nil)
	es, n := m.names.longest(0, len(toks), func(k int) string { return normQuote(name[toks[k].Start:toks[k].End]) })
	if n != len(toks) || len(es) == 0 {
		return "", false
	}
	e := es[0]
	for _, x := range es {
		if x.kind == kindActor {
			e = x
		}
	}
	switch e.kind {
	case kindActor:
		dc, ok := e.actor.CodeOn(t)
		return dc.Code, ok
	case kindCapital:
		return e.country + "GOV", true
	default:
		return e.country, true
	}
}
