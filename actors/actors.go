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
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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

	// agentRule and sectors are, for an agent, its rule text and its
	// one-element sector list, made at Compile time; lazy holds the texts
	// of the other kinds, made on first use. They are shared by every
	// mention coded from the entry and must not be modified.
	agentRule string
	sectors   []string
	person    bool // an agent that names one person: personNouns
	lazy      lazyRules
}

// lazyRules holds the rule texts of an entry that are made on first use,
// once, so that Compile does not format them all: for a country,
// adjective, capital or place, its rule; for a named actor, the rule and
// ActorRef of each of its dated codes (parallel to actor.Codes).
type lazyRules struct {
	once  sync.Once
	rule  string
	codes []codedRule
}

// codedRule is the rule text and the ActorRef of one dated code of a named
// actor.
type codedRule struct {
	rule string
	ref  doc.ActorRef
}

// rules returns the lazily made rule texts of e.
func (e *entry) rules() *lazyRules {
	l := &e.lazy
	l.once.Do(func() {
		switch e.kind {
		case kindCountry, kindAdj, kindCapital, kindPlace:
			l.rule = fmt.Sprintf("%s:%d %s %q → %s", e.file, e.line, e.kind, e.name, e.country)
		}
		if e.actor == nil {
			return
		}
		l.codes = make([]codedRule, len(e.actor.Codes))
		for i, dc := range e.actor.Codes {
			r := ref(dc.Code)
			r.Sectors = slices.Clip(r.Sectors)
			l.codes[i] = codedRule{rule: actorRule(e, dc), ref: r}
		}
	})
	return l
}

// actorRule is the rule text of a named actor's entry coded with dc:
// "FILE:LINE NAME → CODE (RANGE)".
func actorRule(e *entry, dc dict.DatedCode) string {
	return e.file + ":" + strconv.Itoa(e.line) + " " + e.name + " → " + dc.Code + " (" + dc.Range() + ")"
}

// Dictionary is the compiled actor dictionary. It is immutable after
// Compile (but for the rule texts of its entries, made once on first use)
// and safe for concurrent use.
type Dictionary struct {
	names     trie
	agents    trie
	countries map[string]*dict.Country
	// gov and cvl are the sector lists ["GOV"] and ["CVL"], shared by the
	// mentions coded with them; they must not be modified.
	gov, cvl []string
}

// Compile builds the matcher from the dictionaries.
func Compile(d *dict.Dictionaries) *Dictionary {
	m := &Dictionary{countries: map[string]*dict.Country{}, gov: []string{"GOV"}, cvl: []string{"CVL"}}
	insert := func(t *trie, words []string, e *entry) {
		if e.kind == kindAgent {
			e.agentRule = fmt.Sprintf("%s:%d agent %q → %s", e.file, e.line, e.name, e.sector)
			e.sectors = []string{e.sector}
			e.person = personNouns[e.name]
		}
		t.insert(words, e)
	}
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
			insert(&m.names, words(name), &entry{kind: k, country: c.Code, name: name, coord: coord, file: dict.CountriesFile, line: c.Line})
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
			insert(&m.names, words(n), &entry{kind: kindNot, name: n, file: dict.CountriesFile, line: c.Line})
		}
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			insert(&m.names, words(n), &entry{kind: kindActor, actor: a, name: a.Name, file: a.File, line: a.Line})
		}
	}
	for _, ag := range d.Agents {
		insert(&m.agents, strings.Fields(ag.Phrase), &entry{kind: kindAgent, sector: ag.Sector, name: ag.Phrase, file: dict.AgentsFile, line: ag.Line})
	}
	m.names.index()
	m.agents.index()
	return m
}

// normQuote replaces the typographic apostrophe ’ by '.
func normQuote(s string) string {
	if strings.IndexByte(s, "’"[0]) < 0 {
		return s // fast path: no byte of ’ at all
	}
	return strings.ReplaceAll(s, "’", "'")
}

// Country returns the dictionary block of a country code.
func (m *Dictionary) Country(code string) (*dict.Country, bool) {
	c, ok := m.countries[code]
	return c, ok
}

// Stage is the actors stage.
type Stage struct {
	dict *Dictionary
	pool sync.Pool // of *scratch
}

// scratch is the working memory of one Process call, reused through the
// stage's pool: its slices hold nothing that outlives the call; its string
// caches are kept from call to call.
type scratch struct {
	atoms   []atom   // the atoms of the document, sentence after sentence
	ends    []int    // ends[si] is the end in atoms of sentence si's atoms
	covered []bool   // per token of a sentence: inside a name
	npOf    []int    // per token of a sentence: its NP chunk, or -1
	ps      []phrase // the phrases of a sentence
	scores  []countryScore

	// Caches of strings made by coding, kept from call to call: they
	// depend only on their keys. Each is emptied when it reaches
	// maxCached entries.
	codes    map[[2]string]string // country, sector → code
	joined   map[[2]string]string // two rules → their join
	ctxRules map[string]string    // article's country → rule
}

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
}

// phrase is a run of atoms of one sentence that form one mention:
// atoms[lo:hi] of the sentence's atoms, covering tokens [first, last).
type phrase struct {
	lo, hi      int
	first, last int
}

// Process finds and codes every actor mention of d.
func (s *Stage) Process(d *doc.Doc) error {
	d.Actors = d.Actors[:0]
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	sc.atoms, sc.ends = sc.atoms[:0], sc.ends[:0]
	for _, sent := range d.Sentences {
		sc.atoms = s.atoms(d, sent, sc, sc.atoms)
		sc.ends = append(sc.ends, len(sc.atoms))
	}
	ctx := contextCountry(sc.atoms, sc)
	// most atoms become one mention each; pronouns and compounds add a few
	d.Actors = slices.Grow(d.Actors, len(sc.atoms)+len(sc.atoms)/4)
	start := 0
	for si, sent := range d.Sentences {
		end := sc.ends[si]
		s.phrases(d, si, sent, sc.atoms[start:end], ctx, sc)
		start = end
	}
	clear(sc.atoms) // drop the entry pointers; the dictionary outlives them anyway
	s.pool.Put(sc)
	return nil
}

// atoms appends to all the dictionary matches of one sentence, in token
// order: names first (longest match), then agents on the words names left.
func (s *Stage) atoms(d *doc.Doc, sent doc.Sentence, sc *scratch, all []atom) []atom {
	base := len(all)
	out := all
	covered := resize(sc.covered, sent.Last-sent.First)
	clear(covered)
	sc.covered = covered
	surface := func(k int) string { return normQuote(d.TokenText(k)) }
	for i := sent.First; i < sent.Last; {
		es, n := s.dict.names.longest(i, sent.Last, surface)
		if n == 0 {
			i++
			continue
		}
		if e := pick(es, d); e.kind != kindNot {
			out = append(out, atom{first: i, last: i + n, e: e})
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
				if isHeldSuffixFold(post) {
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
	// names and agents start on different tokens: the order is total; an
	// insertion sort, as the names and the agents are each in order
	as := out[base:]
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].first < as[j-1].first; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
	return out
}

// resize returns a slice of length n, reusing buf's memory when it can.
// Its contents are unspecified.
func resize[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n, n+n/2)
	}
	return buf[:n]
}

var heldSuffix = map[string]bool{"held": true, "controlled": true, "run": true, "dominated": true, "led": true, "occupied": true}

// isHeldSuffixFold reports whether heldSuffix holds strings.ToLower(w),
// without lower-casing an ASCII w.
func isHeldSuffixFold(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return heldSuffix[strings.ToLower(w)]
		}
	}
	for _, k := range heldSuffixes {
		if len(k) == len(w) && strings.EqualFold(k, w) {
			return true
		}
	}
	return false
}

// heldSuffixes lists the keys of heldSuffix.
var heldSuffixes = [...]string{"held", "controlled", "run", "dominated", "led", "occupied"}

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
func contextCountry(all []atom, sc *scratch) string {
	// countries in order of first mention; few per article
	scores := sc.scores[:0]
	for _, a := range all {
		c := a.e.country
		if c == "" {
			continue
		}
		w := 2 // names of countries and places, adjectives
		if a.e.kind == kindCapital {
			w = 1 // "Tehran" is often a metonym, not a location
		}
		k := 0
		for k < len(scores) && scores[k].country != c {
			k++
		}
		if k == len(scores) {
			scores = append(scores, countryScore{country: c})
		}
		scores[k].score += w
		if a.e.kind == kindCountry || a.e.kind == kindPlace {
			scores[k].named += w
		}
	}
	sc.scores = scores
	// the first maximum of (score, named) is the earliest mentioned
	best := -1
	for k, x := range scores {
		if best < 0 || x.score > scores[best].score || x.score == scores[best].score && x.named > scores[best].named {
			best = k
		}
	}
	if best < 0 {
		return ""
	}
	return scores[best].country
}

// countryScore is the weight of one country's mentions in an article.
type countryScore struct {
	country string
	score   int // from names, places, adjectives and capitals
	named   int // from names and places alone, to break ties
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
func (s *Stage) phrases(d *doc.Doc, si int, sent doc.Sentence, atoms []atom, ctx string, sc *scratch) {
	if len(atoms) == 0 {
		s.pronouns(d, si, sent)
		return
	}
	// chunk of each token
	npOf := resize(sc.npOf, sent.Last-sent.First)
	sc.npOf = npOf
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
	ps := sc.ps[:0]
	for ai, a := range atoms {
		if n := len(ps); n > 0 {
			p := &ps[n-1]
			prev := atoms[p.hi-1]
			if group(prev) == group(a) && !splitBetween(d, prev.last, a.first) {
				p.hi = ai + 1
				p.last = a.last
				continue
			}
			// "rebels in Syria", "the president of Armenia": an agent
			// without a country takes a following "of/in X" location
			end := prev.last
			if c := npOf[prev.first-sent.First]; c >= 0 && d.Chunks[c].Last > end {
				end = d.Chunks[c].Last
			}
			group := prev.e.kind == kindAdj && p.hi-p.lo == 1 && (d.Tokens[prev.last-1].Tag == "NNPS" || d.Tokens[prev.last-1].Tag == "NNS")
			if (prev.e.kind == kindAgent && !hasCountry(atoms[p.lo:p.hi]) || group) && a.e.country != "" && a.e.kind != kindActor &&
				!(p.first > sent.First && d.Tokens[p.first-1].Tag == "PRP$") &&
				end < a.first && isLocal(d.Tokens[end].Lemma) && onlyModifiers(d, end+1, a.first) {
				p.hi = ai + 1
				p.last = a.last
				continue
			}
		}
		ps = append(ps, phrase{lo: ai, hi: ai + 1, first: a.first, last: a.last})
	}
	sc.ps = ps
	base := len(d.Actors)
	for _, p := range ps {
		d.Actors = append(d.Actors, doc.Actor{})
		act := &d.Actors[len(d.Actors)-1]
		s.code(d, si, atoms[p.lo:p.hi], ctx, sc, act)
		// widen to the noun phrase's head noun: "Russian warplanes"
		if c := npOf[atoms[p.lo].first-sent.First]; c >= 0 {
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
	}
	s.appositions(d, base)
	s.compounds(d, base, sent)
	s.pronouns(d, si, sent)
	sortByFirst(d.Actors[base:])
	// Members indexes stay valid: compounds are appended after their members
	// and the sort is stable on First, but a compound shares First with its
	// first member; re-link them.
	relink(d, base)
}

// sortByFirst sorts mentions by their first token, keeping the order of
// mentions that start on the same token (a stable insertion sort: the
// mentions are nearly sorted already, compounds and pronouns at the end).
func sortByFirst(as []doc.Actor) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].First < as[j-1].First; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
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

// code computes the code of one phrase into act.
func (s *Stage) code(d *doc.Doc, si int, as []atom, ctx string, sc *scratch, act *doc.Actor) {
	*act = doc.Actor{Sentence: si, First: as[0].first, Last: as[len(as)-1].last}
	rules := make([]string, 0, 4)
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
		ci := -1
		lr := a.rules()
		if ok {
			code = dc.Code
			if ci = codeIndex(a.actor, dc); ci >= 0 {
				rules = append(rules, lr.codes[ci].rule)
			} else {
				rules = append(rules, actorRule(a, dc))
			}
		}
		// possessor + agent: "Assad's forces" → SYR + MIL
		if named < len(as)-1 && as[len(as)-1].e.kind == kindAgent && hasPossessive(d, as[named].last, as[len(as)-1].first) {
			ag := as[len(as)-1].e
			var country string
			if ci >= 0 {
				country = lr.codes[ci].ref.Country
			} else {
				country, _ = codes.SplitActor(code)
			}
			if country != "" {
				code = country + ag.sector
				ci = -1
				rules = append(rules, ag.agentRule)
			}
		}
		if ci >= 0 {
			act.ActorRef = lr.codes[ci].ref
		} else {
			act.ActorRef = ref(code)
		}
		act.Rule = sc.join(rules)
		act.Person = isNamedPerson(a.actor) && named == len(as)-1
		return
	}
	country := ""
	var sectors []string
	cap := false
	if len(as) >= 2 && as[0].e.kind == kindAdj && (as[1].e.kind == kindPlace || as[1].e.kind == kindCountry) && as[1].e.country != as[0].e.country &&
		(d.Tokens[as[0].last-1].Tag == "NNPS" || d.Tokens[as[0].last-1].Tag == "NNS") {
		// "the Albanians of southern Serbia": a group living in Serbia
		country = as[1].e.country
		sectors = s.dict.cvl
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
						sectors = s.dict.cvl
					}
				}
				continue
			}
			if country == "" {
				country = a.e.country
				cap = a.e.kind == kindCapital
				rules = append(rules, a.e.rules().rule)
			}
		case kindAgent:
			sectors = a.e.sectors
			rules = append(rules, a.e.agentRule)
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
			sectors = s.dict.gov
			rules = append(rules, "capital as metonym → GOV")
		}
	}
	// "the three presidents", "the leaders": several office holders of
	// unnamed countries are not the article's own government
	plural := false
	for _, a := range as {
		if a.e.kind == kindAgent && a.e.person && d.Tokens[a.last-1].Tag == "NNS" {
			plural = true
		}
	}
	if country == "" && len(sectors) > 0 && ctx != "" && !plural {
		country = ctx
		rules = append(rules, sc.ctxRule(ctx))
	}
	act.ActorRef = doc.ActorRef{Code: sc.code(country, sectors), Country: country, Sectors: sectors}
	act.Rule = sc.join(rules)
	if len(as) == 0 {
		return
	}
	if last := as[len(as)-1]; last.e.kind == kindAgent && last.e.person && d.Tokens[last.last-1].Tag != "NNS" {
		act.Person = true // "the Turkish president"
	}
}

// maxCached bounds the size of each string cache of a scratch.
const maxCached = 4096

// code returns country followed by the sectors: the code of a mention.
// Codes with one sector are made once per scratch and reused.
func (sc *scratch) code(country string, sectors []string) string {
	if len(sectors) != 1 {
		return country + strings.Join(sectors, "")
	}
	k := [2]string{country, sectors[0]}
	c, ok := sc.codes[k]
	if !ok {
		if sc.codes == nil || len(sc.codes) >= maxCached {
			sc.codes = map[[2]string]string{}
		}
		c = country + sectors[0]
		sc.codes[k] = c
	}
	return c
}

// join returns the rule texts joined by "; ", as strings.Join does. Joins
// of two texts are made once per scratch and reused.
func (sc *scratch) join(rules []string) string {
	if len(rules) != 2 {
		return strings.Join(rules, "; ")
	}
	k := [2]string{rules[0], rules[1]}
	r, ok := sc.joined[k]
	if !ok {
		if sc.joined == nil || len(sc.joined) >= maxCached {
			sc.joined = map[[2]string]string{}
		}
		r = rules[0] + "; " + rules[1]
		sc.joined[k] = r
	}
	return r
}

// ctxRule returns the rule text of a mention given the article's country
// ctx.
func (sc *scratch) ctxRule(ctx string) string {
	r, ok := sc.ctxRules[ctx]
	if !ok {
		if sc.ctxRules == nil || len(sc.ctxRules) >= maxCached {
			sc.ctxRules = map[string]string{}
		}
		r = "country from the article's context → " + ctx
		sc.ctxRules[ctx] = r
	}
	return r
}

// codeIndex returns the index in a.Codes of dc, a code returned by
// a.CodeOn.
func codeIndex(a *dict.Actor, dc dict.DatedCode) int {
	for i := range a.Codes {
		if a.Codes[i] == dc {
			return i
		}
	}
	return -1
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
			a, b := &d.Actors[j], &d.Actors[j+1]
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
				last := &d.Actors[j] // k < j: not m
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
				p.Rule = pronounRule(d.TokenText(i), d.Slice(a.Span), a.Code)
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

// pronounRule returns the rule text of pronoun w standing for the mention
// ant coded code: fmt.Sprintf("pronoun %q → %q (%s)", w, ant, code).
func pronounRule(w, ant, code string) string {
	b := make([]byte, 0, 128)
	b = append(b, "pronoun "...)
	b = strconv.AppendQuote(b, w)
	b = append(b, " → "...)
	b = strconv.AppendQuote(b, ant)
	b = append(b, " ("...)
	b = append(b, code...)
	b = append(b, ')')
	return string(b)
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
