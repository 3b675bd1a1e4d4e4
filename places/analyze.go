package places

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/doc"
	"dyad/gazetteer"
	"dyad/internal/lower"
)

// Mention is one place mention with its gazetteer candidates and the one
// chosen.
type Mention struct {
	doc.Span
	Sentence    int
	First, Last int // token range [First, Last) of the name, without a region word
	Key         string
	Cands       []*gazetteer.Entry // shared with the gazetteer: not to be modified
	Entry       *gazetteer.Entry   // the chosen candidate; nil when none fits
	Score       float64            // the chosen candidate's score
	// RegionWord is set when "province", "governorate" (…) follows or
	// "the province of" precedes the name.
	RegionWord bool
	// Locative is set when a locative preposition governs the mention
	// ("in Idlib", "near the town of X", "parts of Idlib").
	Locative bool
	// Origin is set when "from" or "to" precedes the name.
	Origin bool
	// QualifiedBy is set when ", Region" or ", Country" follows the name.
	QualifiedBy bool
	Dateline    bool
	// Qualified is set when "Name, Region" or "Name, Country" qualified
	// the mention; Qualifier is set on the qualifying mention.
	Qualified, Qualifier bool
	Why                  string // why this candidate: the deciding evidence
}

// Rejected is a candidate name that was not taken as a place.
type Rejected struct {
	doc.Span
	Sentence int
	Why      string
}

// EventLocation is where one event was placed and by which rule.
type EventLocation struct {
	Mention *Mention // nil when the event could not be placed
	Rule    string   // "locative after verb", "in target", "locative before verb", "dateline", "salient"
}

// Result is what the stage computes for a document before committing it:
// mentions in text order, rejected names, and one location per event
// (indexed like Doc.Events).
type Result struct {
	Mentions  []*Mention
	Rejected  []Rejected
	Locations []EventLocation
	Salient   *Mention // the article's most salient place

	named []bool // tokens of every gazetteer name found, taken or not; nil when none was

	// what a Result reused for another document keeps: the array of named
	// and the latest array that Mentions point into
	namedBuf []bool
	slab     []Mention
}

// Analyze computes the places of d and the locations of its events without
// changing d.
func (s *Stage) Analyze(g *gazetteer.Gazetteer, d *doc.Doc) *Result {
	r := &Result{}
	s.analyze(g, d, r)
	return r
}

// analyze is Analyze into r, which may hold another document's result: r
// is emptied first, and its arrays reused.
func (s *Stage) analyze(g *gazetteer.Gazetteer, d *doc.Doc, r *Result) {
	clear(r.Mentions)
	r.Mentions, r.Rejected, r.Locations, r.Salient, r.named = r.Mentions[:0], r.Rejected[:0], r.Locations[:0], nil, nil
	s.recognize(g, d, r)
	s.resolve(g, d, r)
	r.locate(d)
}

// ---- recognition ----

// connectors may stand inside a multi-word name.
var connectors = wordSet{
	"of": true, "and": true, "de": true, "del": true, "la": true, "le": true, "les": true, "al": true, "el": true,
	"upon": true, "on": true, "the": true, "da": true, "do": true, "dos": true, "das": true, "di": true, "y": true,
	"en": true, "sur": true, "am": true, "an": true, "der": true, "des": true, "du": true, "ez": true, "ash": true,
	"as": true, "ad": true, "ar": true, "az": true, "bin": true, "ben": true, "&": true, "-": true,
}

// regionWords after a name make it a region.
var regionWords = wordSet{
	"province": true, "governorate": true, "region": true, "state": true, "county": true, "district": true,
	"oblast": true, "prefecture": true, "department": true, "parish": true, "territory": true, "provinces": true,
	"governate": true, "emirate": true, "canton": true, "municipality": true,
}

// orgHeads before "of"/"for" make the name part of an organisation's name.
var orgHeads = wordSet{
	"university": true, "bank": true, "institute": true, "college": true, "school": true, "academy": true,
	"hospital": true, "museum": true, "church": true, "cathedral": true, "council": true, "court": true,
	"department": true, "ministry": true, "office": true, "observatory": true, "association": true,
	"society": true, "foundation": true, "federation": true, "union": true, "party": true, "club": true,
	"board": true, "commission": true, "authority": true, "agency": true, "corporation": true, "company": true,
	"center": true, "centre": true, "chamber": true, "library": true, "archdiocese": true, "diocese": true,
	"times": true, "post": true, "journal": true, "news": true, "press": true, "gulf": true, "sea": true,
	"bay": true, "lake": true, "river": true, "port": true, "airport": true, "station": true, "stadium": true,
	"street": true, "avenue": true, "road": true, "square": true, "park": true, "hotel": true, "embassy": true,
	"consulate": true, "mosque": true, "temple": true, "synagogue": true, "front": true, "army": true,
	"forces": true, "brigade": true, "battalion": true, "police": true, "guard": true, "fund": true,
	"program": true, "programme": true, "project": true, "team": true, "league": true, "cup": true,
	"festival": true, "awards": true, "prize": true, "treaty": true, "accord": true, "convention": true,
	"protocol": true, "declaration": true,
}

// titles before a name do not make it part of a person's name ("Governor
// of Texas", "Mayor Bloomberg of New York").
var titles = wordSet{
	"president": true, "governor": true, "mayor": true, "king": true, "queen": true, "emir": true, "sultan": true,
	"prince": true, "princess": true, "duke": true, "bishop": true, "archbishop": true, "ambassador": true,
	"minister": true, "premier": true, "senator": true, "sen": true, "rep": true, "gov": true, "sheriff": true,
}

// directions may stand capitalised before a name without being part of it.
var directions = wordSet{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true, "northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"greater": true, "upper": true, "lower": true, "downtown": true, "rural": true, "coastal": true,
}

// notPlaces are capitalised words that name small places somewhere but are
// almost always something else in news text.
var notPlaces = wordSet{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"god": true, "allah": true, "police": true, "army": true, "government": true, "parliament": true,
	"president": true, "congress": true, "senate": true, "house": true, "state": true, "city": true,
	"university": true, "hospital": true, "union": true, "republic": true, "kingdom": true, "islamic": true,
	"democratic": true, "national": true, "liberal": true, "labour": true, "labor": true, "justice": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "is": true, "isis": true, "isil": true,
	"ap": true, "afp": true, "reuters": true, "bbc": true, "cnn": true, "un": true, "eu": true, "nato": true,
	"internet": true, "web": true, "twitter": true, "facebook": true, "google": true, "christmas": true,
	"easter": true, "ramadan": true, "eid": true, "new": true, "old": true, "best": true, "man": true,
	"young": true, "victoria": true, "hope": true, "liberty": true, "independence": true, "unity": true,
	"page": true, "mobile": true, "early": true, "street": true, "world": true, "media": true, "people": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "jesus": true, "christ": true, "white house": true, "english": true, "french": true, "german": true, "spanish": true, "arabic": true,
	"parks": true, "county": true, "district": true, "province": true, "region": true, "valley": true,
}

// locPreps make a following place the place of what the clause reports.
var locPreps = wordSet{
	"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "around": true,
	"throughout": true, "into": true, "within": true, "over": true, "nearby": true, "towards": true,
	"toward": true, "beyond": true,
}

// originPreps show a place but not where the clause's event happened ("a
// man from Alexandria", "flew to Moscow").
var originPreps = wordSet{"from": true, "to": true}

// honorifics before a name make it a person's ("Mr. Welch", "Gen. Lee").
var honorifics = wordSet{
	"mr": true, "mrs": true, "ms": true, "dr": true, "miss": true, "sir": true, "lady": true, "lord": true,
	"gen": true, "col": true, "capt": true, "lt": true, "sgt": true, "rev": true, "prof": true, "maj": true,
}

const (
	whyLonger = "inside a longer proper name"
	whyPerson = "part of a person's name"
)

// nameRun returns the length of the run of capitalised proper-noun tokens
// around [first, last).
func nameRun(d *doc.Doc, sent doc.Sentence, first, last int) int {
	for first > sent.First && capitalised(d.TokenText(first-1)) && isProper(d.Tokens[first-1].Tag) {
		first--
	}
	for last < sent.Last && (capitalised(d.TokenText(last)) && isProper(d.Tokens[last].Tag) || hyphenName(d.TokenText(last))) {
		last++
	}
	return last - first
}

// functionTags are the tags of words that are never names.
var functionTags = wordSet{
	"PRP": true, "PRP$": true, "DT": true, "IN": true, "CC": true, "MD": true, "WP": true, "WP$": true,
	"WDT": true, "WRB": true, "EX": true, "TO": true, "PDT": true, "UH": true,
}

// placeNouns may stand between a locative preposition and a place ("in the
// rebel-held region of Idlib", "on the outskirts of Aleppo").
var placeNouns = wordSet{
	"part": true, "parts": true, "area": true, "areas": true, "city": true, "town": true, "village": true,
	"province": true, "region": true, "outskirts": true, "suburb": true, "suburbs": true, "countryside": true,
	"border": true, "capital": true, "district": true, "governorate": true, "state": true, "county": true,
	"north": true, "south": true, "east": true, "west": true, "centre": true, "center": true, "heart": true,
	"streets": true, "territory": true, "enclave": true, "stronghold": true, "port": true, "coast": true,
	"neighbourhood": true, "neighborhood": true, "municipality": true, "rest": true, "battle": true,
	"siege": true, "shores": true, "island": true, "islands": true, "edge": true, "provinces": true,
	"resident": true, "residents": true, "native": true, "natives": true, "people": true, "citizens": true,
	"mayor": true, "governor": true, "sheriff": true,
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// hyphenName reports lower-case name parts like "ez-Zor", "al-Hasakah".
func hyphenName(s string) bool {
	pre, post, ok := strings.Cut(s, "-")
	return ok && len(pre) <= 3 && capitalised(post)
}

func isProper(tag string) bool { return tag == "NNP" || tag == "NNPS" }

// lemmaOrText returns token i's lemma, or its text when it has none.
func lemmaOrText(d *doc.Doc, i int) string {
	if d.Tokens[i].Lemma != "" {
		return d.Tokens[i].Lemma
	}
	return d.TokenText(i)
}

// sentenceStart reports whether token i begins its sentence, after any
// opening quote or bracket.
func sentenceStart(d *doc.Doc, sent doc.Sentence, i int) bool {
	for k := sent.First; k < i; k++ {
		switch d.TokenText(k) {
		case "“", "\"", "‘", "'", "(", "[", "``", "«", "-", "—", "–":
			continue
		}
		return false
	}
	return true
}

func (s *Stage) recognize(g *gazetteer.Gazetteer, d *doc.Doc, r *Result) {
	// the names of named actors: a place whose words are part of the name
	// ("Beirut" in "American University of Beirut") is not one
	var namedBuf [8]actorName
	named := namedBuf[:0]
	for _, a := range d.Actors {
		if len(a.Members) > 0 {
			continue
		}
		for seg := range strings.SplitSeq(a.Rule, "; ") {
			rest, ok := strings.CutPrefix(seg, "actors.txt:")
			if !ok {
				continue
			}
			_, name, _ := strings.Cut(rest, " ")
			name, _, _ = strings.Cut(name, " →")
			named = append(named, actorName{first: a.First, last: a.Last, name: name})
		}
	}
	dateline := datelineEnd(d)
	slab := r.slab[:0]
	for si, sent := range d.Sentences {
		for i := sent.First; i < sent.Last; {
			var m Mention
			n := s.match(g, d, sent, i, &m)
			if n == 0 {
				i++
				continue
			}
			m.Sentence = si
			if r.named == nil {
				r.named = sized(r.namedBuf, len(d.Tokens))
				r.namedBuf = r.named
			}
			for k := m.First; k < m.Last; k++ {
				r.named[k] = true
			}
			if why := s.reject(g, d, sent, &m, named, dateline); why != "" {
				if r.Rejected == nil {
					r.Rejected = make([]Rejected, 0, 4)
				}
				r.Rejected = append(r.Rejected, Rejected{Span: m.Span, Sentence: si, Why: why})
				i += n
				continue
			}
			// mentions are allocated a few at a time
			if len(slab) == cap(slab) {
				slab = make([]Mention, 0, min(len(r.Mentions)+2, 32))
				r.slab = slab
			}
			slab = append(slab, m)
			if r.Mentions == nil {
				r.Mentions = make([]*Mention, 0, 8)
			}
			r.Mentions = append(r.Mentions, &slab[len(slab)-1])
			i += n
		}
	}
	// a name seen as part of a person's name ("Abraham Lincoln", "Kevin
	// Cooper") is that person elsewhere in the article too ("Lincoln said")
	persons := map[string]bool{}
	for _, x := range r.Rejected {
		if x.Why == whyPerson {
			persons[gazetteer.Key(d.Slice(x.Span))] = true
		}
	}
	if len(persons) > 0 {
		kept := r.Mentions[:0]
		for _, m := range r.Mentions {
			if persons[m.Key] && !m.Locative && !m.Dateline && !hasKind(m.Cands, gazetteer.Country) && !hasKind(m.Cands, gazetteer.Region) {
				r.Rejected = append(r.Rejected, Rejected{Span: m.Span, Sentence: m.Sentence, Why: whyPerson + " elsewhere in the article"})
				continue
			}
			kept = append(kept, m)
		}
		r.Mentions = kept
	}
	// a town is named in a locative phrase ("in Welch", "from Welch",
	// "Welch, W.Va.") at least once in an article that means it; without
	// one, a minor place's name is more likely a person's ("killing Welch")
	corroborated := map[string]bool{}
	for _, m := range r.Mentions {
		if m.Locative || m.Origin || m.Dateline || m.RegionWord || m.QualifiedBy {
			corroborated[m.Key] = true
		}
	}
	kept := r.Mentions[:0]
	for _, m := range r.Mentions {
		if !corroborated[m.Key] && minor(m.Cands) {
			r.Rejected = append(r.Rejected, Rejected{Span: m.Span, Sentence: m.Sentence, Why: "minor place never named in a locative phrase"})
			continue
		}
		kept = append(kept, m)
	}
	r.Mentions = kept
	// "Tripoli, Lebanon", "Alexandria, La.": the second qualifies the first
	for k := 0; k+1 < len(r.Mentions); k++ {
		a, b := r.Mentions[k], r.Mentions[k+1]
		if a.Sentence != b.Sentence || b.First != a.Last+1 || d.TokenText(a.Last) != "," {
			continue
		}
		if qualifies(a, b) {
			a.Qualified, b.Qualifier = true, true
		}
	}
}

// actorName is the name of an actor matched in actors.txt and the
// actor's tokens [first, last).
type actorName struct {
	first, last int
	name        string
}

// datelineEnd returns the token index just past a dateline such as
// "BEIRUT (Reuters) -", "DAMASCUS, Syria —" or "WASHINGTON:", or -1.
func datelineEnd(d *doc.Doc) int {
	if len(d.Sentences) == 0 {
		return -1
	}
	s := d.Sentences[0]
	i := s.First
	for i < s.Last && i-s.First < 6 && (allCaps(d.TokenText(i)) || d.TokenText(i) == "," && i > s.First) {
		i++
	}
	if i == s.First || i >= s.Last {
		return -1
	}
	for k := i; k < s.Last && k-i < 6; k++ {
		switch d.TokenText(k) {
		case "(", "-", "—", "–", ":", "--":
			return i
		}
	}
	return -1
}

// match finds the longest gazetteer name starting at token i. It fills
// in m and returns the number of tokens the mention covers (with a region
// word), or 0 when there is none.
func (s *Stage) match(g *gazetteer.Gazetteer, d *doc.Doc, sent doc.Sentence, i int, m *Mention) int {
	t := d.TokenText(i)
	if !capitalised(t) {
		return 0
	}
	max := i + 6
	if max > sent.Last {
		max = sent.Last
	}
	// extend over name-like tokens
	end := i + 1
	for end < max {
		w := d.TokenText(end)
		if capitalised(w) || hyphenName(w) || classOf(w)&isConnector != 0 {
			end++
			continue
		}
		break
	}
	// the longest name [i, j) that is a key and ends in a name word; the
	// keys that begin with the words so far narrow as j grows, and none
	// left means no longer name is a key either
	var buf [64]byte
	keys, best := g.AllKeys(), -1
	var bestKeys gazetteer.KeyRange
	for j := i + 1; j <= end; j++ {
		if j > i+1 && d.Tokens[j-1].End < d.Tokens[j-2].End {
			keys = g.AllKeys() // the text does not grow: start over
		} else if keys.Empty() {
			continue
		}
		key := gazetteer.AppendKey(buf[:0], d.Slice(doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End}))
		if len(key) == 0 {
			continue
		}
		var exact bool
		keys, exact = g.Narrow(keys, key)
		if last := d.TokenText(j - 1); exact && (capitalised(last) || hyphenName(last)) {
			best, bestKeys = j, keys
		}
	}
	if best < 0 {
		return 0
	}
	j := best
	span := doc.Span{Start: d.Tokens[i].Start, End: d.Tokens[j-1].End}
	key, cands := g.Exact(bestKeys)
	*m = Mention{Span: span, First: i, Last: j, Key: key, Cands: cands}
	n := j - i
	// "Idlib province", "Rapides Parish" already matched whole
	if j < sent.Last && classOf(d.TokenText(j))&isRegionWord != 0 {
		m.RegionWord = true
		m.Span.End = d.Tokens[j].End
		n++
	}
	if i-2 >= sent.First && lower.Is(d.TokenText(i-1), "of") && classOf(d.TokenText(i-2))&isRegionWord != 0 {
		m.RegionWord = true
	}
	if kw := regionWordIn(key); kw {
		m.RegionWord = true
	}
	return n
}

func regionWordIn(key string) bool {
	i := strings.LastIndexByte(key, ' ')
	return i > 0 && classes[key[i+1:]]&isRegionWord != 0
}

// reject returns why m is not a place, or "".
func (s *Stage) reject(g *gazetteer.Gazetteer, d *doc.Doc, sent doc.Sentence, m *Mention, named []actorName, dateline int) string {
	if m.Last <= dateline && m.First == d.Sentences[0].First {
		m.Dateline = true
		return ""
	}
	var buf [64]byte
	for _, a := range named {
		if a.first <= m.First && m.First < a.last && containsWords(string(gazetteer.AppendKey(buf[:0], a.name)), m.Key) {
			return "inside a named actor"
		}
	}
	if classes[m.Key]&(isNotPlace|isDirection|isOrgHead) != 0 {
		return "common word"
	}
	for k := m.First; k < m.Last; k++ {
		if functionTags[d.Tokens[k].Tag] && !allCaps(d.TokenText(k)) && classOf(d.TokenText(k))&isConnector == 0 {
			return "function word"
		}
	}
	// a token before: part of a longer name?
	if p := m.First - 1; p >= sent.First {
		pw := d.TokenText(p)
		var buf [32]byte
		pl := lower.Append(buf[:0], strings.TrimSuffix(pw, "."))
		pc := classes[string(pl)]
		switch {
		case (string(pl) == "of" || string(pl) == "for" || string(pl) == "de") && p-1 >= sent.First && classOf(d.TokenText(p-1))&isOrgHead != 0 && capitalised(d.TokenText(p-1)):
			return "inside an organisation's name"
		case pc&isHonorific != 0:
			return whyPerson
		case capitalised(pw) && isProper(d.Tokens[p].Tag) && pc&(isTitle|isDirection) == 0:
			if pc&(isOrgHead|isNotPlace) != 0 {
				return "inside an organisation's name"
			}
			if m.Last-m.First == 1 && nameRun(d, sent, m.First, m.Last) == 2 {
				return whyPerson // "Andrew Trapani"
			}
			return whyLonger
		}
	}
	// a token after
	if n := m.Last; n < sent.Last && !m.RegionWord {
		nw := d.TokenText(n)
		var buf [32]byte
		nc := classes[string(lower.Append(buf[:0], strings.TrimSuffix(nw, ".")))]
		switch {
		case nc&isTitle != 0:
			// "Gainesville Mayor Myrtle Figueras", "Idlib Governor"
		case capitalised(nw) && nc&(isOrgHead|isNotPlace) != 0:
			if !hasKind(m.Cands, gazetteer.Country) {
				return "inside an organisation's name"
			}
		case (capitalised(nw) && isProper(d.Tokens[n].Tag) || hyphenName(nw)) && !hasKind(m.Cands, gazetteer.Country):
			// a country before a name is a modifier ("U.S. President
			// Donald Trump", "US Special Forces"); anything else is part of
			// the name ("Texas Rangers", "Washington Post", "Lincoln
			// Chafee")
			if m.Last-m.First == 1 && nameRun(d, sent, m.First, m.Last) == 2 {
				return whyPerson
			}
			return whyLonger
		}
	}
	if m.Last-m.First == 1 && !isProper(d.Tokens[m.First].Tag) && sentenceStart(d, sent, m.First) && !allCaps(d.TokenText(m.First)) && !prominent(m.Cands) {
		return "sentence-initial word not tagged as a proper noun"
	}
	m.Locative = locative(d, sent, m.First, isLocPrep)
	m.Origin = locative(d, sent, m.First, isOriginPrep)
	m.QualifiedBy = followedByQualifier(g, d, sent, m)
	if small(m.Cands) && !m.Locative && !m.Origin && !m.QualifiedBy {
		return "small place without a locative preposition"
	}
	return ""
}

func hasKind(cs []*gazetteer.Entry, k gazetteer.Kind) bool {
	for _, e := range cs {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// prominent reports whether some candidate is a country, a region or a
// city of 100,000 people or more.
func prominent(cs []*gazetteer.Entry) bool {
	for _, e := range cs {
		if e.Kind == gazetteer.Country || e.Kind == gazetteer.Region || e.Population >= 100000 {
			return true
		}
	}
	return false
}

// minor reports whether every candidate is a city or district of fewer
// than 100,000 people that is not a capital.
func minor(cs []*gazetteer.Entry) bool {
	for _, e := range cs {
		if e.Kind == gazetteer.Country || e.Kind == gazetteer.Region || e.Population >= 100000 || e.Feature == "PPLC" {
			return false
		}
	}
	return true
}

// small reports whether every candidate is a city of fewer than 10,000
// people that is not an administrative seat.
func small(cs []*gazetteer.Entry) bool {
	for _, e := range cs {
		if e.Kind != gazetteer.City || e.Population >= 10000 {
			return false
		}
		switch e.Feature {
		case "PPLC", "PPLA", "PPLA2":
			return false
		}
	}
	return true
}

// locative reports whether a locative preposition governs the name at
// token i: "in Idlib", "near the town of X", "parts of Idlib".
func locative(d *doc.Doc, sent doc.Sentence, i int, preps wordClass) bool {
	k := i - 1
	for k >= sent.First {
		var buf [32]byte
		tw := lower.Append(buf[:0], d.TokenText(k))
		tc := classes[string(tw)]
		tag := d.Tokens[k].Tag
		switch {
		case tc&preps != 0:
			return true
		case string(tw) == "of" && k-1 >= sent.First && classOf(d.TokenText(k-1))&isPlaceNoun != 0:
			return true
		case string(tw) == "of":
			return false
		case tag == "DT" || tag == "JJ" || tag == "CD" || tc&isDirection != 0 || classOf(lemmaOrText(d, k))&isPlaceNoun != 0 || tc&isPlaceNoun != 0 || tag == "POS" || string(tw) == ",":
			k--
			continue
		}
		return false
	}
	return false
}

// followedByQualifier reports "Name, Region".
func followedByQualifier(g *gazetteer.Gazetteer, d *doc.Doc, sent doc.Sentence, m *Mention) bool {
	n := m.Last
	if m.RegionWord {
		return false
	}
	if n+1 >= sent.Last || d.TokenText(n) != "," {
		return false
	}
	for j := min(n+4, sent.Last); j > n+1; j-- {
		span := doc.Span{Start: d.Tokens[n+1].Start, End: d.Tokens[j-1].End}
		var buf [64]byte
		keys, exact := g.Narrow(g.AllKeys(), gazetteer.AppendKey(buf[:0], d.Slice(span)))
		if !exact {
			continue
		}
		_, qs := g.Exact(keys)
		for _, q := range qs {
			for _, c := range m.Cands {
				if contains(q, c) {
					return true
				}
			}
		}
	}
	return false
}

// contains reports whether region or country q holds place c.
func contains(q, c *gazetteer.Entry) bool {
	if q == c || q.ISO2 != c.ISO2 {
		return false
	}
	switch q.Kind {
	case gazetteer.Country:
		return true
	case gazetteer.Region:
		return c.Kind != gazetteer.Country && c.Kind != gazetteer.Region && c.Admin1 == q.Admin1
	}
	return false
}

func qualifies(a, b *Mention) bool {
	for _, q := range b.Cands {
		for _, c := range a.Cands {
			if contains(q, c) {
				return true
			}
		}
	}
	return false
}

// ---- resolution ----

func prior(e *gazetteer.Entry) float64 {
	p := math.Log10(float64(e.Population) + 1)
	switch e.Kind {
	case gazetteer.Country:
		p += 4
	case gazetteer.Region:
		p += 1.5
	case gazetteer.District:
		p += 0.3
	case gazetteer.City:
		switch e.Feature {
		case "PPLC":
			p += 3.5
		case "PPLA":
			p += 1.5
		case "PPLA2":
			p += 0.5
		case "PPLX":
			p -= 1
		}
	}
	return p
}

func (s *Stage) iso2Of(g *gazetteer.Gazetteer, code string) string {
	if code == "" {
		return ""
	}
	if iso2, ok := s.back[code]; ok {
		return iso2
	}
	if len(code) >= 3 {
		if c, ok := g.Country(code[:3]); ok {
			return c.ISO2
		}
	}
	return ""
}

func (s *Stage) resolve(g *gazetteer.Gazetteer, d *doc.Doc, r *Result) {
	ms := r.Mentions
	scr, _ := s.scratch.Get().(*resolveScratch)
	if scr == nil {
		scr = new(resolveScratch)
	}
	defer s.scratch.Put(scr)
	// mentions of one name: same[i] is the first mention with mention i's
	// Key, next[i] the next one after i, or -1
	scr.ints = sized(scr.ints, 3*len(ms)+1)
	same, nextSame, at := scr.ints[:len(ms)], scr.ints[len(ms):2*len(ms)], scr.ints[2*len(ms):]
	for i, m := range ms {
		same[i], nextSame[i] = i, -1
		for j := i - 1; j >= 0; j-- {
			if ms[j].Key == m.Key {
				same[i], nextSame[j] = same[j], i
				break
			}
		}
	}
	// the candidates' priors, candidate k of mention i at priors[at[i]+k]
	n := 0
	for _, m := range ms {
		n += len(m.Cands)
	}
	scr.priors = sized(scr.priors, n)
	priors := scr.priors
	for i, m := range ms {
		at[i+1] = at[i] + len(m.Cands)
		for k, e := range m.Cands {
			priors[at[i]+k] = prior(e)
		}
	}
	// the article's countries: places whose country is clear, then the
	// actors that are not those places. own[i] is mention i's share, left
	// out when mention i is scored.
	var evBuf [8]countryWeight
	ev := countryWeights(evBuf[:0])
	total := 0.0
	scr.own = sized(scr.own, len(ms))
	own := scr.own
	for i, m := range ms {
		p := priors[at[i]:at[i+1]]
		best, second := bestTwo(p)
		if best < 0 {
			continue
		}
		w := 0.4
		if b := m.Cands[best]; b.Kind == gazetteer.Country || second < 0 || m.Cands[second].ISO2 == b.ISO2 || p[best]-p[second] >= 2 {
			w = 1
		}
		if m.Dateline {
			w = 2
		}
		iso2 := m.Cands[best].ISO2
		ev = ev.add(iso2, w)
		total += w
		own[i] = share{iso2, w}
	}
	placeTok := r.named // every gazetteer name, taken or not
actors:
	for _, a := range d.Actors {
		// only actors the dictionaries tie to a country by their own words
		// ("Lebanese troops"), not by the article's context or a pronoun,
		// which may come from the very name being resolved
		// (an actor without a country adds nothing)
		if a.Country == "" || len(a.Members) > 0 || !strings.Contains(a.Rule, "countries.txt:") || strings.Contains(a.Rule, "context") {
			continue
		}
		for k := a.First; k < a.Last && k < len(placeTok); k++ {
			if placeTok[k] {
				continue actors // the place's own name, counted above
			}
		}
		if iso2 := s.iso2Of(g, a.Country); iso2 != "" {
			ev = ev.add(iso2, 0.5)
			total += 0.5
		}
	}
	// score returns the score of candidate k of mention i, and why
	score := func(i, k int, chosen []*gazetteer.Entry) (float64, string) {
		m, e := ms[i], ms[i].Cands[k]
		sc := priors[at[i]+k]
		why := "population and kind"
		// leave out the mention's own name ("Georgia" is no evidence
		// for Georgia)
		v, t := ev.get(e.ISO2), total
		for j := same[i]; j >= 0; j = nextSame[j] {
			t -= own[j].w
			if own[j].iso2 == e.ISO2 {
				v -= own[j].w
			}
		}
		if t > 0 && v > 0 {
			sc += 4 * v / t
			if 4*v/t >= 1 {
				why = "the article's countries"
			}
		}
		if m.RegionWord {
			switch e.Kind {
			case gazetteer.Region, gazetteer.District:
				sc += 4
				why = "region word"
			case gazetteer.City:
				sc -= 2
			}
		}
		if e.Kind == gazetteer.Region && !m.RegionWord {
			// "Idlib", "Tehran", "New York": the city, not the region it is
			// the seat of
			for _, c := range m.Cands {
				if c.Kind == gazetteer.City && c.ISO2 == e.ISO2 && c.Admin1 == e.Admin1 &&
					(c.Feature == "PPLA" || c.Feature == "PPLC" || c.Population >= 1000000) {
					sc -= 2
					break
				}
			}
		}
		if m.Qualified && i+1 < len(ms) {
			// the next mention is its region or country
			for _, q := range ms[i+1].Cands {
				if contains(q, e) {
					sc += 10
					why = "qualified by " + q.Name
					break
				}
			}
		}
		for _, c := range chosen {
			if c == nil || c == e || c.Kind == gazetteer.Country {
				continue
			}
			if c.ISO2 == e.ISO2 && c.Admin1 == e.Admin1 && e.Kind != gazetteer.Country {
				sc += 2
				why = "near the article's other places"
				break
			}
		}
		return sc, why
	}
	scr.entries = sized(scr.entries, 3*len(ms))
	buf := scr.entries
	chosen, next, others := buf[:len(ms)], buf[len(ms):2*len(ms)], buf[2*len(ms):2*len(ms)]
	for pass := 0; pass < 2; pass++ {
		clear(next)
		for i, m := range ms {
			others = others[:0]
			if pass > 0 {
				for j, c := range chosen {
					if j != i && same[j] != same[i] {
						others = append(others, c)
					}
				}
			}
			bestScore := math.Inf(-1)
			for k, e := range m.Cands {
				sc, why := score(i, k, others)
				if sc > bestScore {
					bestScore, next[i], m.Score, m.Why = sc, e, sc, why
				}
			}
		}
		chosen, next = next, chosen
	}
	// a qualifier takes the region or country that contains its place
	for i, m := range ms {
		m.Entry = chosen[i]
		if m.Qualifier && i > 0 && ms[i-1].Entry != nil {
			for _, q := range m.Cands {
				if contains(q, ms[i-1].Entry) {
					m.Entry, m.Why = q, "qualifies "+ms[i-1].Entry.Name
					break
				}
			}
		}
	}
	// one name, one place within an article: byKey[same[i]] is the place
	// last given to mention i's name
	byKey := next // no longer needed
	clear(byKey)
	scr.seen = sized(scr.seen, len(ms))
	seen := scr.seen
	for i, m := range ms {
		if prev := byKey[same[i]]; seen[same[i]] && !m.RegionWord && !m.Qualified && !m.Qualifier && prev.Kind != gazetteer.Region {
			m.Entry = prev
			continue
		}
		if !m.RegionWord && !m.Qualifier {
			byKey[same[i]], seen[same[i]] = m.Entry, true
		}
	}
}

// resolveScratch holds the slices resolve needs for one document, kept
// in Stage.scratch for the next.
type resolveScratch struct {
	ints    []int
	priors  []float64
	own     []share
	entries []*gazetteer.Entry
	seen    []bool
}

// share is a mention's part in the article's countries: the ISO2 code of
// its most likely reading and that reading's weight.
type share struct {
	iso2 string
	w    float64
}

// sized returns s with length n and every element zero, reusing its array
// when it is large enough.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// countryWeights is the weight of each country, by ISO2 code, in the order
// the countries were first added.
type countryWeights []countryWeight

type countryWeight struct {
	iso2 string
	w    float64
}

// add adds w to the weight of iso2 and returns c, extended if need be.
func (c countryWeights) add(iso2 string, w float64) countryWeights {
	for i := range c {
		if c[i].iso2 == iso2 {
			c[i].w += w
			return c
		}
	}
	return append(c, countryWeight{iso2, w})
}

func (c countryWeights) get(iso2 string) float64 {
	for _, x := range c {
		if x.iso2 == iso2 {
			return x.w
		}
	}
	return 0
}

// bestTwo returns the indices of the highest and second-highest of ps
// (the earlier on a tie), -1 where there is none.
func bestTwo(ps []float64) (best, second int) {
	best, second = -1, -1
	for k, p := range ps {
		switch {
		case best < 0 || p > ps[best]:
			best, second = k, best
		case second < 0 || p > ps[second]:
			second = k
		}
	}
	return best, second
}

// ---- event locations ----

// clauseEnders end the clause of an event's verb.
var clauseEnders = wordSet{";": true, ":": true, "said": true, "says": true, "saying": true, "while": true, "according": true}

func (r *Result) locate(d *doc.Doc) {
	r.Salient = salient(r.Mentions)
	var dateline *Mention
	for _, m := range r.Mentions {
		if m.Dateline && m.Entry != nil {
			dateline = m
			break
		}
	}
	// the mentions of a sentence: mentions are in text order
	bySent := func(si int) []*Mention {
		lo := sort.Search(len(r.Mentions), func(k int) bool { return r.Mentions[k].Sentence >= si })
		hi := lo
		for hi < len(r.Mentions) && r.Mentions[hi].Sentence == si {
			hi++
		}
		return r.Mentions[lo:hi]
	}
	r.Locations = sized(r.Locations, len(d.Events))
	for i := range d.Events {
		e := &d.Events[i]
		if e.Sentence < 0 || e.Sentence >= len(d.Sentences) {
			continue
		}
		sent := d.Sentences[e.Sentence]
		verb := tokenAt(d, sent, e.Verb.Start)
		ms := bySent(e.Sentence) // those without an Entry skipped below
		actorSpan := func(m *Mention) bool {
			// the place is the event's actor itself ("Russia said"): not a location
			return e.Source != nil && e.Source.Span == m.Span || e.Target != nil && e.Target.Span == m.Span
		}
		loc := EventLocation{}
		if verb >= 0 {
			end := sent.Last
			for k := verb + 1; k < sent.Last; k++ {
				if classOf(d.TokenText(k))&isClauseEnder != 0 {
					end = k
					break
				}
			}
			for _, m := range ms {
				if m.Entry != nil && m.First > verb && m.First < end && m.Locative && !actorSpan(m) {
					loc = EventLocation{m, "locative after verb"}
					break
				}
			}
		}
		if loc.Mention == nil && e.Target != nil {
			for _, m := range ms {
				if m.Entry != nil && e.Target.Span.Contains(m.Span) && e.Target.Span != m.Span {
					loc = EventLocation{m, "in target"}
					break
				}
			}
		}
		if loc.Mention == nil && verb >= 0 {
			start := sent.First
			for k := verb - 1; k >= sent.First; k-- {
				// the clause begins after a comma or a relative pronoun ("a
				// war which has forced …")
				if w := d.TokenText(k); w == "," || w == ";" || d.Tokens[k].Tag == "WDT" || d.Tokens[k].Tag == "WP" {
					start = k
					break
				}
			}
			for j := len(ms) - 1; j >= 0; j-- {
				m := ms[j]
				if m.Entry != nil && m.First >= start && m.Last <= verb && m.Locative && !actorSpan(m) {
					loc = EventLocation{m, "locative before verb"}
					break
				}
			}
		}
		if loc.Mention == nil && dateline != nil {
			loc = EventLocation{dateline, "dateline"}
		}
		if loc.Mention == nil && r.Salient != nil {
			loc = EventLocation{r.Salient, "salient"}
		}
		r.Locations[i] = loc
	}
}

// tokenAt returns the index of the token of sent that starts at byte off,
// or -1.
func tokenAt(d *doc.Doc, sent doc.Sentence, off int32) int {
	k := sort.Search(sent.Last-sent.First, func(i int) bool { return d.Tokens[sent.First+i].Start >= off })
	if k < sent.Last-sent.First && d.Tokens[sent.First+k].Start == off {
		return sent.First + k
	}
	return -1
}

// salient returns the most mentioned place, cities and regions weighted
// 1.5 and 1.25 over countries, ties to the earliest.
func salient(ms []*Mention) *Mention {
	type tally struct {
		e     *gazetteer.Entry
		w     float64
		first *Mention
	}
	var buf [16]tally
	t := buf[:0] // in order of first mention
	for _, m := range ms {
		if m.Entry == nil || m.Qualifier {
			continue
		}
		k := 0
		for k < len(t) && t[k].e != m.Entry {
			k++
		}
		if k == len(t) {
			t = append(t, tally{e: m.Entry, first: m})
		}
		switch m.Entry.Kind {
		case gazetteer.City:
			t[k].w += 1.5
		case gazetteer.Region, gazetteer.District:
			t[k].w += 1.25
		default:
			t[k].w++
		}
	}
	best := -1
	for k := range t {
		if best < 0 || t[k].w > t[best].w {
			best = k
		}
	}
	if best < 0 {
		return nil
	}
	return t[best].first
}

// Explain writes every decision: each place with its candidates and the
// evidence that chose one, each rejected name with the reason, and each
// event's location with the rule that placed it.
func (r *Result) Explain(d *doc.Doc, w io.Writer) {
	for _, m := range r.Mentions {
		fmt.Fprintf(w, "%d: %q → %v: %s", m.Sentence, d.Slice(m.Span), m.Entry, m.Why)
		if len(m.Cands) > 1 {
			fmt.Fprintf(w, " (%d candidates)", len(m.Cands))
		}
		fmt.Fprintln(w)
	}
	for _, x := range r.Rejected {
		fmt.Fprintf(w, "%d: rejected %q: %s\n", x.Sentence, d.Slice(x.Span), x.Why)
	}
	for i, l := range r.Locations {
		if i >= len(d.Events) {
			break
		}
		e := d.Events[i]
		if l.Mention == nil {
			fmt.Fprintf(w, "event %s %q: no location\n", e.CAMEO, d.Slice(e.Verb))
			continue
		}
		fmt.Fprintf(w, "event %s %q: %s (%s)\n", e.CAMEO, d.Slice(e.Verb), l.Mention.Entry.Name, l.Rule)
	}
}
