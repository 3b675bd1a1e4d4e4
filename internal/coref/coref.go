// Package coref links the mentions of an article that refer to the same
// actor, so that a later "Zarif", "the minister" or "he" can be traced back
// to "Iranian Foreign Minister Mohammad Zarif" and its code.
//
// It reads what the actors stage wrote (doc.actors, with token tags and
// lemmas) and never changes the Doc: Build returns a Chains value that
// answers questions about positions in the text. Any stage may use it; the
// quotes stage resolves speakers with it, and the actors and events stages
// could resolve pronouns with it in the same way.
//
// Entities are built in text order from:
//
//   - Dictionary names. A mention holding a name or alias of actors.txt
//     belongs to that actor's entity, whatever name it uses: "Mohammad
//     Zarif", later "Zarif". The entity's Name is the longest name seen
//     (the earliest on a tie), e.g. "Mohammad Zarif" inside "Iranian
//     Foreign Minister Mohammad Zarif". An actor with a dated term in the
//     dictionary is a person.
//   - Names not in the dictionary, added with AddName (the quotes stage adds
//     the speakers it finds, "Hilal Khashan, a political science professor
//     at …"); a later bare surname ("Khashan") joins that entity.
//   - Role mentions ("the Turkish president", "a spokesman"): a definite one
//     is resolved with Title; an indefinite one starts a new entity.
//   - Other coded mentions (countries, organisations, groups): one entity
//     per code, for "it" and "they".
//
// Pronouns resolve as in Hobbs' "naive" algorithm, reduced to what tags
// give: the current sentence left of the pronoun is searched first, then
// earlier sentences one by one, most recent first; within a sentence the
// leftmost fitting mention (the subject, usually) wins. Mentions the caller
// marks as skipped (the words inside a direct quote) are never antecedents:
// in “… the Turkish president is right,” he said, "he" is not Erdogan.
package coref

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"dyad/dict"
	"dyad/doc"
)

// MaxSentences is how far back (in sentences) a pronoun or title looks for
// its antecedent.
const MaxSentences = 8

// PersonRoles are role nouns (lemmas) that name one person.
var PersonRoles = map[string]bool{
	"president": true, "minister": true, "leader": true, "king": true, "queen": true, "emir": true,
	"premier": true, "chancellor": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"secretary": true, "secretary-general": true, "envoy": true, "ambassador": true, "general": true,
	"commander": true, "official": true, "governor": true, "mayor": true, "sheikh": true, "prince": true,
	"professor": true, "judge": true, "prosecutor": true, "cleric": true, "chief": true, "dictator": true,
	"analyst": true, "expert": true, "researcher": true, "scholar": true, "lawyer": true, "diplomat": true,
	"senator": true, "lawmaker": true, "legislator": true, "congressman": true, "congresswoman": true,
	"candidate": true, "nominee": true, "director": true, "adviser": true, "advisor": true, "aide": true,
	"journalist": true, "reporter": true, "editor": true, "economist": true, "activist": true,
	"colonel": true, "captain": true, "lieutenant": true, "sergeant": true, "officer": true,
	"chairman": true, "chairwoman": true, "chair": true, "ceo": true, "founder": true, "head": true,
	"representative": true, "deputy": true, "vice-president": true, "negotiator": true,
	"witness": true, "resident": true, "spokesmen": true, "fellow": true, "lecturer": true, "historian": true,
}

// roleSectors gives a sector to role nouns the dictionary's agents.txt may
// lack. Agents in the dictionary take precedence.
var roleSectors = map[string]string{
	"president": "GOV", "minister": "GOV", "premier": "GOV", "chancellor": "GOV", "spokesman": "GOV",
	"spokeswoman": "GOV", "spokesperson": "GOV", "secretary": "GOV", "envoy": "GOV", "ambassador": "GOV",
	"diplomat": "GOV", "governor": "GOV", "mayor": "GOV", "official": "GOV", "king": "GOV", "emir": "GOV",
	"general": "MIL", "commander": "MIL", "colonel": "MIL", "officer": "MIL", "soldier": "MIL",
	"professor": "EDU", "analyst": "EDU", "expert": "EDU", "researcher": "EDU", "scholar": "EDU",
	"academic": "EDU", "lecturer": "EDU", "historian": "EDU", "economist": "EDU", "fellow": "EDU",
	"journalist": "MED", "reporter": "MED", "editor": "MED", "correspondent": "MED",
	"judge": "JUD", "prosecutor": "JUD", "lawyer": "JUD", "cleric": "REL", "imam": "REL", "priest": "REL",
	"bishop": "REL", "activist": "CVL", "resident": "CVL", "witness": "CVL", "senator": "LEG",
	"lawmaker": "LEG", "legislator": "LEG", "congressman": "LEG", "congresswoman": "LEG",
	"candidate": "ELI", "nominee": "ELI", "ceo": "BUS", "chairman": "BUS", "executive": "BUS",
}

// Index is what coref needs to know from the dictionaries: the names of
// actors.txt, the words of countries.txt and the role nouns of agents.txt.
// It is immutable after NewIndex and safe for concurrent use.
type Index struct {
	names     map[string][]nameEntry // first word → names starting with it
	countries map[string]string      // name, adjective or capital → country code
	roles     map[string]string      // role noun lemma (phrase) → sector
}

type nameEntry struct {
	words []string
	actor *dict.Actor
}

// NewIndex builds the index. d may be nil (no dictionary: only the
// built-in role nouns are known).
func NewIndex(d *dict.Dictionaries) *Index {
	ix := &Index{names: map[string][]nameEntry{}, countries: map[string]string{}, roles: map[string]string{}}
	for k, v := range roleSectors {
		ix.roles[k] = v
	}
	if d == nil {
		return ix
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			w := strings.Fields(norm(n))
			if len(w) == 0 {
				continue
			}
			ix.names[w[0]] = append(ix.names[w[0]], nameEntry{words: w, actor: a})
		}
	}
	for _, es := range ix.names {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
	}
	for i := range d.Countries {
		c := &d.Countries[i]
		add := func(s string) {
			if w := strings.Fields(norm(s)); len(w) == 1 {
				ix.countries[w[0]] = c.Code
			}
		}
		for _, n := range c.Names {
			add(n)
		}
		for _, n := range c.Adjs {
			add(n)
		}
		for _, n := range c.Capitals {
			add(n.Name)
		}
	}
	for _, ag := range d.Agents {
		ix.roles[ag.Phrase] = ag.Sector
	}
	return ix
}

func norm(s string) string { return strings.ReplaceAll(s, "’", "'") }

// RoleSector returns the sector of a role noun lemma ("professor" → EDU).
func (ix *Index) RoleSector(lemma string) (string, bool) {
	s, ok := ix.roles[lemma]
	return s, ok
}

// Country returns the country code of a country name, adjective or capital
// written as one word ("Turkish" → TUR).
func (ix *Index) Country(word string) (string, bool) {
	c, ok := ix.countries[norm(word)]
	return c, ok
}

// IsPersonRole reports whether lemma names one person ("president").
func IsPersonRole(lemma string) bool { return PersonRoles[lemma] }

// findName returns the longest dictionary name inside tokens [first, last).
func (ix *Index) findName(d *doc.Doc, first, last int) (int, int, *dict.Actor) {
	bf, bl := -1, -1
	var best *dict.Actor
	for i := first; i < last; i++ {
		for _, e := range ix.names[norm(d.TokenText(i))] {
			n := len(e.words)
			if i+n > last || n <= bl-bf {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if norm(d.TokenText(i+k)) != e.words[k] {
					ok = false
					break
				}
			}
			if ok {
				bf, bl, best = i, i+n, e.actor
			}
		}
	}
	return bf, bl, best
}

// isPersonActor reports whether a dictionary actor is a person: one with a
// dated term.
func isPersonActor(a *dict.Actor) bool {
	for _, c := range a.Codes {
		if !c.Undated {
			return true
		}
	}
	return false
}

// Entity is one actor of the article.
type Entity struct {
	// Name is the span of the fullest name seen ("Mohammad Zarif"); zero for
	// an entity known only by a role ("a spokesman").
	Name doc.Span
	// NameFirst and NameLast are Name's token range.
	NameFirst, NameLast int
	// Actor is the mention that gave the entity its code, as a copy; its
	// Span is Name when the entity has one.
	Actor doc.Actor
	// Person reports whether the entity is one person.
	Person bool
	// Roles are the role nouns seen with the entity ("foreign minister").
	Roles []string

	dictActor *dict.Actor
	surname   string
	kind      entityKind // where the entity came from, for Source
	nRoles    int        // for a role entity, how many Roles it started with
}

// entityKind says where an entity came from.
type entityKind uint8

const (
	fromDict entityKind = iota // a dictionary name
	fromRole                   // a role mention
	fromCode                   // another coded mention: one entity per code
	fromName                   // a name not in the dictionary (AddName)
)

// Source says where the entity came from, e.g. "actors.txt:6 Mohammad
// Javad Zarif", "role foreign minister, minister", "code IRN" or "name not
// in the dictionary".
func (e *Entity) Source() string {
	switch e.kind {
	case fromDict:
		return e.dictActor.File + ":" + strconv.Itoa(e.dictActor.Line) + " " + e.dictActor.Name
	case fromRole:
		return "role " + strings.Join(e.Roles[:e.nRoles], ", ")
	case fromCode:
		return "code " + e.Actor.Code
	}
	return "name not in the dictionary"
}

// Mention is one mention of an entity.
type Mention struct {
	First, Last int // token range
	Sentence    int
	Entity      *Entity
}

// Chains are the entities of one article and their mentions in text order.
type Chains struct {
	ix       *Index
	d        *doc.Doc
	skip     func(tok int) bool
	Entities []*Entity
	Mentions []Mention
	arena    []Entity // room for the entities Build makes, allocated at once
	order    []int    // Build's scratch: the mentions to link, in text order
	rolesBuf []string // roles' scratch
	// byDict and byCode index the dictionary and code entities once there
	// are indexFrom entities; before, a scan is quicker than maps.
	byDict map[*dict.Actor]*Entity
	byCode map[string]*Entity
}

// indexFrom is the number of entities from which Chains indexes them.
const indexFrom = 32

// addEntity appends e to the entities, indexing it when they are many.
func (c *Chains) addEntity(e *Entity) {
	c.Entities = append(c.Entities, e)
	switch {
	case c.byDict != nil:
		c.index(e)
	case len(c.Entities) >= indexFrom:
		c.byDict, c.byCode = map[*dict.Actor]*Entity{}, map[string]*Entity{}
		for _, x := range c.Entities {
			c.index(x)
		}
	}
}

// index records e in byDict or byCode, unless an earlier entity is there.
func (c *Chains) index(e *Entity) {
	switch e.kind {
	case fromDict:
		if c.byDict[e.dictActor] == nil {
			c.byDict[e.dictActor] = e
		}
	case fromCode:
		if c.byCode[e.Actor.Code] == nil {
			c.byCode[e.Actor.Code] = e
		}
	}
}

// newEntity returns a pointer to a new zero Entity, from the arena while it
// has room. The arena never grows, so the pointers stay valid.
func (c *Chains) newEntity() *Entity {
	if n := len(c.arena); n < cap(c.arena) {
		c.arena = c.arena[:n+1]
		return &c.arena[n]
	}
	return new(Entity)
}

// dictEntity returns the entity of dictionary actor da, or nil.
func (c *Chains) dictEntity(da *dict.Actor) *Entity {
	if c.byDict != nil {
		return c.byDict[da]
	}
	for _, e := range c.Entities {
		if e.dictActor == da {
			return e
		}
	}
	return nil
}

// codeEntity returns the entity of the coded mentions with code code that
// are neither names nor roles, or nil.
func (c *Chains) codeEntity(code string) *Entity {
	if c.byCode != nil {
		return c.byCode[code]
	}
	for _, e := range c.Entities {
		if e.kind == fromCode && e.Actor.Code == code {
			return e
		}
	}
	return nil
}

// Build links the actor mentions of d. skip, when non-nil, marks tokens
// whose mentions are never antecedents (the words inside a direct quote).
func (ix *Index) Build(d *doc.Doc, skip func(tok int) bool) *Chains {
	return ix.BuildInto(new(Chains), d, skip)
}

// BuildInto is Build, reusing the memory of c, which it returns: the
// entities and mentions c held before are no longer valid.
func (ix *Index) BuildInto(c *Chains, d *doc.Doc, skip func(tok int) bool) *Chains {
	idx := c.order[:0]
	for i, a := range d.Actors {
		if len(a.Members) > 0 || a.Last <= a.First {
			continue
		}
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(d.Actors[i].First, d.Actors[j].First) })
	c.Clear()
	arena := c.arena
	if cap(arena) < len(idx) {
		arena = make([]Entity, 0, len(idx))
	}
	*c = Chains{ix: ix, d: d, skip: skip, order: idx, arena: arena[:0], Entities: c.Entities[:0], Mentions: c.Mentions[:0], rolesBuf: c.rolesBuf[:0]}
	if c.skip == nil {
		c.skip = func(int) bool { return false }
	}
	for _, i := range idx {
		a := d.Actors[i]
		if a.Last-a.First == 1 && isPronounTag(d.Tokens[a.First].Tag) {
			continue // pronouns are resolved on demand
		}
		c.addActor(a)
	}
	return c
}

// Clear drops what c holds of its document, keeping its memory for
// BuildInto.
func (c *Chains) Clear() {
	clear(c.arena)
	clear(c.Entities)
	clear(c.Mentions)
	clear(c.rolesBuf)
	*c = Chains{order: c.order[:0], arena: c.arena[:0], Entities: c.Entities[:0], Mentions: c.Mentions[:0], rolesBuf: c.rolesBuf[:0]}
}

func isPronounTag(t string) bool { return t == "PRP" || t == "PRP$" || t == "WP" }

// roles returns the role nouns of tokens [first, last) ("foreign
// minister", "minister"), nil when there are none. The slice is c's scratch:
// valid until the next call; copy it to keep it.
func (c *Chains) roles(first, last int) []string {
	rs := c.rolesBuf[:0]
	for k := first; k < last; k++ {
		l := c.d.Tokens[k].Lemma
		if l == "" {
			l = strings.ToLower(c.d.TokenText(k))
		}
		if PersonRoles[l] {
			// "foreign minister": keep the modifier that makes it a role
			if k > first {
				if p := strings.ToLower(c.d.TokenText(k - 1)); c.ix.roles[p+" "+l] != "" {
					rs = append(rs, p+" "+l)
				}
			}
			rs = append(rs, l)
		}
	}
	c.rolesBuf = rs
	if len(rs) == 0 {
		return nil
	}
	return rs
}

func (c *Chains) addActor(a doc.Actor) {
	d := c.d
	m := Mention{First: a.First, Last: a.Last, Sentence: a.Sentence}
	roles := c.roles(a.First, a.Last)
	if nf, nl, da := c.ix.findName(d, a.First, a.Last); da != nil {
		e := c.dictEntity(da)
		if e == nil {
			e = c.newEntity()
			*e = Entity{Actor: a, Person: isPersonActor(da), dictActor: da, kind: fromDict}
			c.setName(e, nf, nl)
			c.addEntity(e)
		} else if nl-nf > e.NameLast-e.NameFirst {
			c.setName(e, nf, nl)
		}
		e.Roles = appendNew(e.Roles, roles...)
		m.Entity = e
		c.Mentions = append(c.Mentions, m)
		return
	}
	if a.Code == "" {
		return
	}
	if len(roles) > 0 {
		// a role: a definite one refers back, an indefinite one is new
		if c.definite(a.First) {
			if e := c.title(a.First, a.Last, roles); e != nil {
				m.Entity = e
				c.Mentions = append(c.Mentions, m)
				return
			}
		}
		// "officials" are not one person
		single := !strings.HasSuffix(d.Tokens[a.Last-1].Tag, "S")
		e := c.newEntity()
		*e = Entity{Actor: a, Person: single, Roles: slices.Clone(roles), kind: fromRole, nRoles: len(roles)}
		c.addEntity(e)
		m.Entity = e
		c.Mentions = append(c.Mentions, m)
		return
	}
	e := c.codeEntity(a.Code)
	if e == nil {
		e = c.newEntity()
		*e = Entity{Actor: a, kind: fromCode}
		c.addEntity(e)
	}
	m.Entity = e
	c.Mentions = append(c.Mentions, m)
}

func (c *Chains) setName(e *Entity, first, last int) {
	e.NameFirst, e.NameLast = first, last
	e.Name = doc.Span{Start: c.d.Tokens[first].Start, End: c.d.Tokens[last-1].End}
	e.surname = norm(c.d.TokenText(last - 1))
}

func appendNew(dst []string, xs ...string) []string {
	for _, x := range xs {
		found := false
		for _, y := range dst {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			dst = append(dst, x)
		}
	}
	return dst
}

// definite reports whether the phrase starting at token first opens with
// "the", "this" or "that".
func (c *Chains) definite(first int) bool {
	switch strings.ToLower(c.d.TokenText(first)) {
	case "the", "this", "that":
		return true
	}
	if first > 0 {
		switch strings.ToLower(c.d.TokenText(first - 1)) {
		case "the", "this", "that":
			return true
		}
	}
	return false
}

// AddName records a name that is not in the dictionary ("Hilal Khashan")
// as a new entity with the given code, unless an entity already has it.
// It returns the entity.
func (c *Chains) AddName(first, last int, ref doc.ActorRef, person bool, roles []string, rule string) *Entity {
	if e, _ := c.Name(first, last); e != nil {
		e.Roles = appendNew(e.Roles, roles...)
		return e
	}
	a := doc.Actor{Sentence: c.d.SentenceOf(first), ActorRef: ref, Rule: rule, First: first, Last: last}
	e := &Entity{Actor: a, Person: person, Roles: roles, kind: fromName}
	c.setName(e, first, last)
	e.Actor.Span = e.Name
	c.addEntity(e)
	c.insert(Mention{First: first, Last: last, Sentence: a.Sentence, Entity: e})
	return e
}

func (c *Chains) insert(m Mention) {
	i := sort.Search(len(c.Mentions), func(i int) bool { return c.Mentions[i].First > m.First })
	c.Mentions = append(c.Mentions, Mention{})
	copy(c.Mentions[i+1:], c.Mentions[i:])
	c.Mentions[i] = m
}

// At returns the entity of the mention that holds token tok, or nil.
func (c *Chains) At(tok int) *Entity {
	for _, m := range c.Mentions {
		if m.First <= tok && tok < m.Last {
			return m.Entity
		}
		if m.First > tok {
			break
		}
	}
	return nil
}

// Name returns the entity a proper name at tokens [first, last) refers to:
// the dictionary actor it names, or an earlier entity whose name ends with
// the same word ("Khashan" after "Hilal Khashan").
func (c *Chains) Name(first, last int) (*Entity, string) {
	if _, _, da := c.ix.findName(c.d, first, last); da != nil {
		if e := c.dictEntity(da); e != nil {
			return e, "same dictionary actor as " + quoteSpan(c.d, e.Name)
		}
	}
	sur := norm(c.d.TokenText(last - 1))
	for i := len(c.Entities) - 1; i >= 0; i-- {
		e := c.Entities[i]
		if e.surname == sur && e.Person && e.NameFirst <= first {
			return e, "surname of " + quoteSpan(c.d, e.Name)
		}
	}
	return nil, ""
}

func quoteSpan(d *doc.Doc, s doc.Span) string { return strconv.Quote(d.Slice(s)) }

// before calls fn for the mentions before token tok, sentence by sentence
// from tok's backwards (at most MaxSentences), each sentence's mentions left
// to right; fn returns true to stop.
func (c *Chains) before(tok int, fn func(m Mention) bool) {
	si := c.d.SentenceOf(tok)
	if si < 0 {
		return
	}
	// mentions grouped by sentence, in order
	end := sort.Search(len(c.Mentions), func(i int) bool { return c.Mentions[i].First >= tok })
	for s := si; s >= 0 && s > si-MaxSentences; s-- {
		lo := end
		for lo > 0 && c.Mentions[lo-1].Sentence >= s {
			lo--
		}
		for _, m := range c.Mentions[lo:end] {
			if m.Sentence != s || c.skip(m.First) {
				continue
			}
			if fn(m) {
				return
			}
		}
		end = lo
	}
}

// Pronoun resolves the pronoun at token tok: "he", "she", "him", "her",
// "his" to a person; "it", "its" to a country or organisation; "they",
// "them", "their" to a group or organisation. It returns nil when nothing
// fits.
func (c *Chains) Pronoun(tok int) (*Entity, string) {
	w := strings.ToLower(c.d.TokenText(tok))
	var want func(e *Entity) bool
	switch w {
	case "he", "she", "him", "her", "his", "hers", "himself", "herself":
		want = func(e *Entity) bool { return e.Person }
	case "it", "its", "itself":
		want = func(e *Entity) bool { return !e.Person && len(e.Actor.Sectors) <= 1 }
	case "they", "them", "their", "themselves":
		want = func(e *Entity) bool { return !e.Person }
	default:
		return nil, ""
	}
	var found *Entity
	c.before(tok, func(m Mention) bool {
		if want(m.Entity) {
			found = m.Entity
			return true
		}
		return false
	})
	if found == nil {
		return nil, ""
	}
	return found, "pronoun " + strconv.Quote(c.d.TokenText(tok)) + " → " + c.describe(found)
}

func (c *Chains) describe(e *Entity) string {
	if e.Name.Len() > 0 {
		return quoteSpan(c.d, e.Name)
	}
	return quoteSpan(c.d, e.Actor.Span)
}

// Title resolves a definite role phrase at tokens [first, last) ("the
// Turkish president", "the minister") to the nearest earlier person with
// that role (and, when the phrase names a country, that country). It
// returns nil when none fits.
func (c *Chains) Title(first, last int) (*Entity, string) {
	found := c.title(first, last, c.roles(first, last))
	if found == nil {
		return nil, ""
	}
	return found, "title " + strconv.Quote(c.d.Slice(doc.Span{Start: c.d.Tokens[first].Start, End: c.d.Tokens[last-1].End})) + " → " + c.describe(found)
}

// title is Title without the explanation; roles are those of the phrase.
func (c *Chains) title(first, last int, roles []string) *Entity {
	if len(roles) == 0 {
		return nil
	}
	country := ""
	for k := first; k < last; k++ {
		if cc, ok := c.ix.Country(c.d.TokenText(k)); ok {
			country = cc
		}
	}
	var found *Entity
	c.before(first, func(m Mention) bool {
		e := m.Entity
		if !e.Person || m.First >= first {
			return false
		}
		if country != "" && e.Actor.Country != country {
			return false
		}
		for _, r := range roles {
			for _, er := range e.Roles {
				if er == r || strings.HasSuffix(er, " "+r) {
					found = e
					return true
				}
			}
		}
		return false
	})
	return found
}
