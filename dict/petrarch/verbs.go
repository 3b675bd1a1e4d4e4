package petrarch

import (
	"errors"
	"fmt"
	"strings"

	"dyad/dict"
)

// Block is one block of a verb dictionary: verbs that share their patterns.
// ParseVerbs builds blocks from PETRARCH's "--- NAME [CODE] ---" sections;
// package tabari builds one per TABARI root.
type Block struct {
	Name     string
	Code     string // default code of the block's verbs; "" or "---" for none
	Verbs    []BlockVerb
	Patterns []BlockPattern
	Line     int
}

// BlockVerb is one verb line: "SAY {SAYS SAID SAYING} [010]",
// "+BREAK_DOWN", "WIRE_+TAP", "CALLED_ON", "BRUSH ASIDE REPORTS".
type BlockVerb struct {
	Spec  string   // the verb phrase as written, without forms and code
	Forms []string // the irregular forms inside {…}, as written
	Code  string   // the verb's own code, "" to use the block's
	Line  int
	Text  string // the line as written
}

// BlockPattern is one pattern line, "- WORDS * WORDS [CODE]".
type BlockPattern struct {
	Body string // the text between '-' and the [code]
	Code string
	Line int
	Text string
}

// Converter turns verb blocks and synonym sets into dyad patterns. Feed it
// with AddSynset, AddBlock and SayVerb, then call Finish. ParseVerbs and
// package tabari use it; it is not safe for concurrent use.
type Converter struct {
	c       *conv
	synsets map[string]*synset
	blocks  []Block
	says    []sayRef
	lemmas  map[string]string // irregular forms: the options' and the file's
	formOf  map[string]string // forms listed in {…} → their verb's lemma
	literal map[string]bool   // inflected forms listed as verbs of their own
	entries map[string]bool   // the verb words of every block
	sayLem  map[string]bool

	expanded  map[string][][]dict.Slot // synset expansions, by name
	expanding map[string]bool          // synsets being expanded (cycles)
}

type synset struct {
	members  []string
	noPlural bool
	line     int
}

type sayRef struct {
	verb string
	line int
	text string
}

// NewConverter returns a converter whose notes and errors name file.
func NewConverter(file string, opts *Options) *Converter {
	return &Converter{c: newConv(file, opts), synsets: map[string]*synset{}, lemmas: opts.lemmas(),
		formOf: map[string]string{}, literal: map[string]bool{}, sayLem: opts.sayVerbs()}
}

// AddSynset defines the synonym set name ("&CURRENCY"; a final '_' stops
// plurals) with its members as written ("DOLLAR", "SWISS_FRANC",
// "&TIETYPES_MEMOS").
func (v *Converter) AddSynset(name string, members []string, line int) {
	name = strings.ToUpper(strings.TrimSpace(name))
	s := &synset{members: members, line: line}
	if strings.HasSuffix(name, "_") {
		s.noPlural = true
		name = strings.TrimRight(name, "_")
	}
	if !strings.HasPrefix(name, "&") || len(name) < 2 {
		v.c.bad(line, dict.ErrSyntax, "a synset name starts with '&'", name)
		return
	}
	v.synsets[name] = s
}

// AddBlock adds a block of verbs and patterns.
func (v *Converter) AddBlock(b Block) { v.blocks = append(v.blocks, b) }

// SayVerb makes the verb word (and every verb sharing its code) a verb of
// saying, dyad's SAY: its complement clause is coded instead of the verb.
func (v *Converter) SayVerb(word string, line int, text string) {
	v.says = append(v.says, sayRef{strings.ToUpper(strings.TrimSpace(word)), line, text})
}

// Skip records an entry of the file that is not converted.
func (v *Converter) Skip(line int, reason, text string) { v.c.skip(line, reason, text) }

// Approx records an entry converted with a loss of meaning.
func (v *Converter) Approx(line int, reason, text string) { v.c.approx(line, reason, text) }

// Bad records a malformed line.
func (v *Converter) Bad(line int, msg, text string) { v.c.bad(line, dict.ErrSyntax, msg, text) }

// Discard adds a discard phrase (TABARI's [###] verbs).
func (v *Converter) Discard(phrase string, line int) {
	if w := phraseWords(phrase); len(w) > 0 {
		v.c.set.Dict.Discards = append(v.c.set.Dict.Discards, dict.Discard{Phrase: strings.ToLower(strings.Join(w, " ")), Line: line})
	}
}

// verbHead is the dyad form of one verb: its slots (the lemma alternatives
// and fixed words after it).
type verbHead struct {
	slots  []dict.Slot
	code   string // effective code of the bare verb
	line   int
	text   string
	single bool // one word: may share a slot with the block's other verbs
}

// Finish converts everything added and returns the result. The Lemmas of
// the result hold only the irregular forms found in the file.
func (v *Converter) Finish() (*Set, error) {
	out := v.c.set
	// irregular forms first, so that every verb finds its lemma
	for _, b := range v.blocks {
		for _, bv := range b.Verbs {
			base, _, _, ok := v.splitVerb(bv.Spec)
			if !ok || len(bv.Forms) == 0 {
				continue
			}
			lemma := v.lemma(base)
			for _, f := range bv.Forms {
				w, _, _, ok := v.splitVerb(f)
				if !ok || w == lemma || w == "" {
					continue
				}
				v.formOf[w] = lemma
				if _, exists := v.lemmas[w]; !exists {
					v.lemmas[w] = lemma
					out.Dict.Lemmas[w] = lemma
				}
			}
		}
	}
	v.entries = map[string]bool{}
	for _, b := range v.blocks {
		for _, bv := range b.Verbs {
			if w, _, _, ok := v.splitVerb(bv.Spec); ok {
				v.entries[w] = true
			}
		}
	}
	// an inflected form listed as a verb of its own ("LEFT" besides
	// "LEAVE", "SAID") is matched as written, as PETRARCH does: keep it out
	// of the lemma table so that the tagger does not turn it into its lemma
	for _, b := range v.blocks {
		for _, bv := range b.Verbs {
			w, _, _, ok := v.splitVerb(bv.Spec)
			if !ok {
				continue
			}
			if _, isForm := v.formOf[w]; isForm {
				continue
			}
			if l, ok := v.lemmas[w]; ok && l != w {
				v.literal[w] = true
			}
		}
	}
	out.literal = v.literal
	// codes of the verbs of saying
	sayCodes := map[string]bool{}
	for _, s := range v.says {
		found := false
		for _, b := range v.blocks {
			for _, bv := range b.Verbs {
				w, _, _, ok := v.splitVerb(bv.Spec)
				if !ok || strings.ToUpper(w) != s.verb {
					continue
				}
				code := v.effectiveCode(b, bv)
				if code != "" && code != "---" {
					sayCodes[code] = true
					found = true
				}
			}
		}
		if !found {
			v.c.skip(s.line, "transformation names a verb with no code in the dictionary", s.text)
		}
	}
	for _, b := range v.blocks {
		v.convertBlock(b, sayCodes)
	}
	return v.c.result()
}

func (v *Converter) effectiveCode(b Block, bv BlockVerb) string {
	raw := bv.Code
	if raw == "" {
		raw = b.Code
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "---"
	}
	a, _, _ := strings.Cut(raw, ":")
	return strings.TrimRight(strings.TrimSpace(a), "!")
}

// lemma returns the lemma of a lower-case verb word.
func (v *Converter) lemma(w string) string {
	if l, ok := v.lemmas[w]; ok && !v.literal[w] {
		return l
	}
	return w
}

// regularBase returns the verb of another entry of which w is a regular
// inflection ("called" → "call", "denied" → "deny", "banned" → "ban"), or
// "".
func (v *Converter) regularBase(w string) string {
	var cands []string
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ied") && n > 4:
		cands = append(cands, w[:n-3]+"y")
	case strings.HasSuffix(w, "ed") && n > 3:
		st := w[:n-2]
		cands = append(cands, st, w[:n-1], undouble(st))
	case strings.HasSuffix(w, "ing") && n > 4:
		st := w[:n-3]
		cands = append(cands, st, st+"e", undouble(st))
	case strings.HasSuffix(w, "ies") && n > 4:
		cands = append(cands, w[:n-3]+"y")
	case strings.HasSuffix(w, "es") && n > 3:
		cands = append(cands, w[:n-2], w[:n-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && n > 3:
		cands = append(cands, w[:n-1])
	}
	for _, c := range cands {
		if c != w && v.entries[c] {
			return c
		}
	}
	return ""
}

func undouble(st string) string {
	n := len(st)
	if n >= 3 && st[n-1] == st[n-2] && strings.IndexByte("bdgmnprt", st[n-1]) >= 0 {
		return st[:n-1]
	}
	return st
}

// isSay reports whether a verb word is one of the verbs of saying.
func (v *Converter) isSay(w string) bool {
	if v.sayLem[w] {
		return true
	}
	if l, ok := v.lemmas[w]; ok {
		return v.sayLem[l]
	}
	return false
}

// splitVerb reads a verb phrase: "+BREAK_DOWN" → "break", after ["down"];
// "WIRE_+TAP" → "tap", before ["wire"]; "CALLED_ON" → "called", ["on"].
// Words after a blank ("BRUSH ASIDE REPORTS") are returned in after too,
// marked by a leading blank.
func (v *Converter) splitVerb(spec string) (verb string, before, after []string, ok bool) {
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		return "", nil, nil, false
	}
	parts := strings.FieldsFunc(fields[0], func(r rune) bool { return r == '_' })
	vi := 0
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			vi = i
			break
		}
	}
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, "+=~!")) }
	for i, p := range parts {
		w := clean(p)
		if w == "" {
			continue
		}
		switch {
		case i < vi:
			before = append(before, w)
		case i == vi:
			verb = w
		default:
			after = append(after, w)
		}
	}
	for _, f := range fields[1:] {
		for j, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '_' }) {
			if w := clean(p); w != "" {
				if j == 0 {
					w = " " + w
				}
				after = append(after, w)
			}
		}
	}
	return verb, before, after, verb != ""
}

// head builds the slots of one verb of a block.
func (v *Converter) head(b Block, bv BlockVerb) (verbHead, bool) {
	w, before, after, ok := v.splitVerb(bv.Spec)
	if !ok {
		v.c.bad(bv.Line, dict.ErrSyntax, "empty verb", bv.Text)
		return verbHead{}, false
	}
	if len(before) > 0 {
		v.c.approx(bv.Line, "words before the verb of a multi-word verb dropped", bv.Text)
	}
	if base := v.regularBase(w); base != "" {
		// "CALLED_ON" beside "CALL": dyad's tagger turns "called" into
		// "call", so the multi-word verb must start from "call" too
		w = base
	}
	h := verbHead{code: v.effectiveCode(b, bv), line: bv.Line, text: bv.Text, single: len(after) == 0}
	h.slots = append(h.slots, dict.Slot{Alts: dedupe([]string{w, v.lemma(w)})})
	for _, a := range after {
		adj := !strings.HasPrefix(a, " ")
		h.slots = append(h.slots, dict.Slot{Alts: []string{strings.TrimSpace(a)}, Adjacent: adj})
	}
	return h, true
}

func (v *Converter) convertBlock(b Block, sayCodes map[string]bool) {
	var heads []verbHead
	for _, bv := range b.Verbs {
		if h, ok := v.head(b, bv); ok {
			heads = append(heads, h)
		}
	}
	if len(heads) == 0 {
		for _, p := range b.Patterns {
			v.c.skip(p.Line, "pattern in a block without verbs", p.Text)
		}
		return
	}
	// the verbs that head the block's patterns: the one-word verbs share
	// a slot, multi-word verbs head their own copies
	var pheads [][]dict.Slot
	var shared dict.Slot
	for _, h := range heads {
		if h.single {
			shared.Alts = append(shared.Alts, h.slots[0].Alts...)
		} else {
			pheads = append(pheads, h.slots)
		}
	}
	if len(shared.Alts) > 0 {
		shared.Alts = dedupe(shared.Alts)
		pheads = append([][]dict.Slot{{shared}}, pheads...)
	}
	for _, p := range b.Patterns {
		code, ok := v.code(p.Code, p.Line, p.Text)
		if !ok {
			continue
		}
		tails, ok := v.pattern(p)
		if !ok {
			continue
		}
		for _, hs := range pheads {
			for _, tail := range tails {
				slots := make([]dict.Slot, 0, len(hs)+len(tail))
				slots = append(slots, cloneSlots(hs)...)
				slots = append(slots, tail...)
				v.c.set.Dict.Verbs = append(v.c.set.Dict.Verbs, dict.Pattern{Code: code, Slots: slots, Text: p.Text, Line: p.Line, File: v.c.file})
			}
		}
	}
	// the bare verbs, one pattern per code for one-word verbs
	type group struct {
		slot dict.Slot
		line int
		text string
	}
	var order []string
	groups := map[string]*group{}
	for i, h := range heads {
		bv := b.Verbs[i]
		raw := bv.Code
		if raw == "" {
			raw = b.Code
		}
		if strings.TrimSpace(raw) == "" {
			continue
		}
		code, ok := v.code(raw, h.line, h.text)
		if !ok {
			continue
		}
		say := sayCodes[code] || v.isSay(h.slots[0].Alts[0])
		if code == "---" && !say {
			continue
		}
		if say {
			switch {
			case !h.single:
				v.c.approx(h.line, "multi-word verb of saying kept as an event verb", h.text)
				if code == "---" {
					continue
				}
			default:
				if code != "---" && !sayCodes[code] {
					v.c.approx(h.line, "verb of saying: its own code is dropped, dyad codes the reported clause (SAY)", h.text)
				}
				code = "SAY"
			}
		}
		if !h.single {
			v.c.set.Dict.Verbs = append(v.c.set.Dict.Verbs, dict.Pattern{Code: code, Slots: cloneSlots(h.slots), Text: h.text, Line: h.line, File: v.c.file})
			continue
		}
		g, ok := groups[code]
		if !ok {
			g = &group{line: h.line, text: h.text}
			groups[code] = g
			order = append(order, code)
		}
		g.slot.Alts = dedupe(append(g.slot.Alts, h.slots[0].Alts...))
	}
	for _, code := range order {
		g := groups[code]
		v.c.set.Dict.Verbs = append(v.c.set.Dict.Verbs, dict.Pattern{Code: code, Slots: []dict.Slot{g.slot}, Text: g.text, Line: g.line, File: v.c.file})
	}
}

func cloneSlots(s []dict.Slot) []dict.Slot {
	out := make([]dict.Slot, len(s))
	for i, x := range s {
		out[i] = dict.Slot{Alts: append([]string(nil), x.Alts...), Adjacent: x.Adjacent}
	}
	return out
}

// code reads a verb or pattern code: "042", "032:033" (the reverse event
// is lost), ":110" (reverse only: skipped), "---", legacy "+++" and "###"
// (no event), TABARI's "031!".
func (v *Converter) code(raw string, line int, text string) (string, bool) {
	raw = strings.TrimRight(strings.TrimSpace(raw), "!")
	a, rev, hasRev := strings.Cut(raw, ":")
	a, rev = strings.TrimSpace(a), strings.TrimSpace(rev)
	if hasRev && a == "" {
		v.c.skip(line, "code with only a reverse event (target to source)", text)
		return "", false
	}
	if hasRev && rev != "" {
		v.c.approx(line, "reverse event of a CODE:CODE pair (target to source) dropped", text)
	}
	switch a {
	case "---", "***":
		return "---", true
	case "+++":
		// TABARI's "complex" code: PETRARCH's tests expect the shorter
		// patterns to apply, so the pattern is left out rather than
		// blocking them
		v.c.skip(line, "code +++ (TABARI's complex marker) is no event code", text)
		return "", false
	case "###":
		v.c.approx(line, "code ### (discard) read as no event", text)
		return "---", true
	}
	if len(a) < 2 || strings.ContainsAny(a, " \t[]") {
		v.c.bad(line, dict.ErrCode, fmt.Sprintf("bad event code [%s]", raw), text)
		return "", false
	}
	return a, true
}

// ptok is one token of a pattern.
type ptok struct {
	s      string // a word, "&SYNSET", or one of * + $ % ^ ( ) { } |
	joined bool   // joined to the previous token by '_'
}

func isSpecial(r rune) bool { return strings.ContainsRune("*+$%^(){}|", r) }

// tokenize splits a pattern body. '_' joins the words around it (a '_'
// before a blank or at the end is TABARI's end-of-word mark, dropped).
func tokenize(body string) []ptok {
	var out []ptok
	var cur strings.Builder
	pending := false
	flush := func() {
		if cur.Len() > 0 {
			w := strings.Trim(cur.String(), "=~")
			if w != "" {
				out = append(out, ptok{s: w, joined: pending})
				pending = false
			}
			cur.Reset()
		}
	}
	rs := []rune(body)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			flush()
			pending = false
		case r == '_':
			flush()
			pending = i+1 < len(rs) && rs[i+1] != ' ' && rs[i+1] != '\t' && rs[i+1] != '_'
		case isSpecial(r):
			flush()
			out = append(out, ptok{s: string(r), joined: pending})
			pending = false
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// pattern converts the body of a pattern into the slot sequences that
// follow the verb: one per expansion of its synsets and disjunctions.
func (v *Converter) pattern(p BlockPattern) ([][]dict.Slot, bool) {
	toks := tokenize(p.Body)
	star := -1
	for i, t := range toks {
		if t.s == "*" {
			if star >= 0 {
				v.c.bad(p.Line, dict.ErrSyntax, "more than one '*'", p.Text)
				return nil, false
			}
			star = i
		}
	}
	if star < 0 {
		v.c.bad(p.Line, dict.ErrSyntax, "pattern without the verb marker '*'", p.Text)
		return nil, false
	}
	roles := false
	for _, t := range toks[:star] {
		switch t.s {
		case "+", "$", "%":
			roles = true
		case "^":
		default:
			v.c.skip(p.Line, "words before the verb (dyad's patterns start at the verb)", p.Text)
			return nil, false
		}
	}
	post := toks[star+1:]
	// elements: each is a list of alternative slot sequences
	var elems [][][]dict.Slot
	adjacent := false // the next element must follow directly
	if len(post) > 0 && post[0].joined {
		adjacent = true
	}
	inNP := false
	for i := 0; i < len(post); i++ {
		t := post[i]
		if i > 0 {
			adjacent = t.joined
		}
		switch t.s {
		case "+", "$", "%":
			roles = true
			continue
		case "^", "(", ")":
			continue
		case "}":
			if inNP {
				inNP = false
				continue
			}
			v.c.bad(p.Line, dict.ErrSyntax, "unexpected '}'", p.Text)
			return nil, false
		case "*", "|":
			v.c.bad(p.Line, dict.ErrSyntax, "unexpected '"+t.s+"'", p.Text)
			return nil, false
		case "{":
			end := -1
			disj := false
			for j := i + 1; j < len(post); j++ {
				if post[j].s == "}" {
					end = j
					break
				}
				if post[j].s == "{" {
					break
				}
				if post[j].s == "|" {
					disj = true
				}
			}
			if end < 0 {
				v.c.bad(p.Line, dict.ErrSyntax, "unclosed '{'", p.Text)
				return nil, false
			}
			if !disj {
				// a PETRARCH noun phrase: its words in order
				if i+1 < end {
					post[i+1].joined = post[i+1].joined || t.joined
				}
				inNP = true
				continue
			}
			// a TABARI disjunction { A | B_C | &SYN }
			var alts [][]dict.Slot
			start := i + 1
			for j := i + 1; j <= end; j++ {
				if post[j].s != "|" && post[j].s != "}" {
					continue
				}
				seqs, ok := v.sequence(post[start:j], p)
				if !ok {
					return nil, false
				}
				alts = append(alts, seqs...)
				start = j + 1
			}
			if len(alts) == 0 {
				v.c.bad(p.Line, dict.ErrSyntax, "empty disjunction", p.Text)
				return nil, false
			}
			if t.joined || adjacent {
				for _, a := range alts {
					a[0].Adjacent = true
				}
			}
			elems = append(elems, mergeSingles(alts))
			i = end
			continue
		}
		seqs, ok := v.word(t.s, p)
		if !ok {
			return nil, false
		}
		for _, s := range seqs {
			s[0].Adjacent = adjacent
		}
		elems = append(elems, seqs)
	}
	if len(elems) == 0 {
		v.c.skip(p.Line, "pattern with no words after the verb (only role markers)", p.Text)
		return nil, false
	}
	if roles {
		v.c.approx(p.Line, "source/target markers ignored: dyad takes the subject as source and the first actor after the verb as target", p.Text)
	}
	// the cartesian product of the elements' alternatives
	max := v.c.opts.maxExpansions()
	out := [][]dict.Slot{nil}
	truncated := false
	for _, alts := range elems {
		var next [][]dict.Slot
		for _, prefix := range out {
			for _, a := range alts {
				if len(next) >= max {
					truncated = true
					break
				}
				s := make([]dict.Slot, 0, len(prefix)+len(a))
				s = append(s, prefix...)
				s = append(s, cloneSlots(a)...)
				next = append(next, s)
			}
		}
		out = next
	}
	if truncated {
		v.c.approx(p.Line, fmt.Sprintf("synset expansion cut at %d patterns", max), p.Text)
	}
	return out, true
}

// sequence converts the tokens of one disjunct ("B_C", "&SYN") into its
// alternative slot sequences.
func (v *Converter) sequence(toks []ptok, p BlockPattern) ([][]dict.Slot, bool) {
	out := [][]dict.Slot{nil}
	for i, t := range toks {
		switch t.s {
		case "+", "$", "%", "^", "(", ")", "{":
			continue
		}
		seqs, ok := v.word(t.s, p)
		if !ok {
			return nil, false
		}
		var next [][]dict.Slot
		for _, prefix := range out {
			for _, s := range seqs {
				c := cloneSlots(s)
				c[0].Adjacent = i > 0 && t.joined
				next = append(next, append(append([]dict.Slot(nil), prefix...), c...))
			}
		}
		out = next
	}
	if len(out) == 1 && len(out[0]) == 0 {
		v.c.bad(p.Line, dict.ErrSyntax, "empty alternative", p.Text)
		return nil, false
	}
	return out, true
}

// word converts one pattern word or synset reference into its
// alternatives: a single slot, or for a synset, one slot holding its
// one-word members and a sequence per multi-word member.
func (v *Converter) word(w string, p BlockPattern) ([][]dict.Slot, bool) {
	if strings.HasPrefix(w, "&") {
		seqs, err := v.expand(strings.ToUpper(w))
		if err != nil {
			reason := err.Error()
			for _, e := range []error{errUndefinedSynset, errSynsetCycle, errSynsetTooBig, errEmptySynset} {
				if errors.Is(err, e) {
					reason = e.Error()
				}
			}
			v.c.skip(p.Line, reason, p.Text)
			return nil, false
		}
		// the expansion is shared (memoized): hand out copies
		cp := make([][]dict.Slot, len(seqs))
		for i, s := range seqs {
			cp[i] = cloneSlots(s)
		}
		return mergeSingles(cp), true
	}
	w = strings.ToLower(strings.Trim(w, "_=~"))
	if w == "" {
		v.c.bad(p.Line, dict.ErrSyntax, "empty word", p.Text)
		return nil, false
	}
	return [][]dict.Slot{{{Alts: []string{w}}}}, true
}

// maxSynsetPhrases bounds the phrases one synset may expand into.
const maxSynsetPhrases = 4096

// reasons a synset cannot be expanded (the reasons of skipped patterns)
var (
	errUndefinedSynset = errors.New("undefined synset")
	errSynsetCycle     = errors.New("synset contains itself")
	errSynsetTooBig    = errors.New("synset expands into too many phrases")
	errEmptySynset     = errors.New("empty synset")
)

// expand returns the slot sequences of a synset's members: multi-word
// members are consecutive words; plurals are added to the last word unless
// the synset or the member ends in '_'. Expansions are memoized; a synset
// that contains itself is an error.
func (v *Converter) expand(name string) ([][]dict.Slot, error) {
	key := strings.TrimRight(name, "_")
	if r, ok := v.expanded[key]; ok {
		return r, nil
	}
	s, ok := v.synsets[key]
	if !ok {
		return nil, fmt.Errorf("%w %s", errUndefinedSynset, name)
	}
	if v.expanding[key] {
		return nil, fmt.Errorf("%w: %s", errSynsetCycle, name)
	}
	if v.expanding == nil {
		v.expanding, v.expanded = map[string]bool{}, map[string][][]dict.Slot{}
	}
	v.expanding[key] = true
	defer delete(v.expanding, key)
	var out [][]dict.Slot
	for _, m := range s.members {
		noPlural := s.noPlural || strings.HasSuffix(strings.TrimSpace(m), "_")
		seqs := [][]dict.Slot{nil}
		toks := tokenize(strings.ReplaceAll(m, " ", "_"))
		for ti, t := range toks {
			var alts [][]dict.Slot
			switch {
			case strings.HasPrefix(t.s, "&"):
				sub, err := v.expand(strings.ToUpper(t.s))
				if err != nil {
					return nil, err
				}
				alts = sub
			case isSpecial([]rune(t.s)[0]):
				continue
			default:
				w := strings.ToLower(t.s)
				a := []string{w}
				if ti == len(toks)-1 && !noPlural {
					a = append(a, plural(w))
				}
				alts = [][]dict.Slot{{{Alts: a}}}
			}
			var next [][]dict.Slot
			for _, prefix := range seqs {
				for _, a := range alts {
					if len(next)+len(out) >= maxSynsetPhrases {
						return nil, fmt.Errorf("%w: %s", errSynsetTooBig, name)
					}
					c := cloneSlots(a)
					c[0].Adjacent = len(prefix) > 0
					next = append(next, append(append([]dict.Slot(nil), prefix...), c...))
				}
			}
			seqs = next
		}
		for _, sq := range seqs {
			if len(sq) > 0 {
				out = append(out, sq)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w %s", errEmptySynset, name)
	}
	v.expanded[key] = out
	return out, nil
}

// mergeSingles puts the one-slot alternatives into one slot and keeps the
// longer ones as they are.
func mergeSingles(alts [][]dict.Slot) [][]dict.Slot {
	var single dict.Slot
	var out [][]dict.Slot
	n := 0
	for _, a := range alts {
		if len(a) == 1 {
			single.Alts = append(single.Alts, a[0].Alts...)
			single.Adjacent = a[0].Adjacent
			n++
			continue
		}
		out = append(out, a)
	}
	if n > 0 {
		single.Alts = dedupe(single.Alts)
		out = append([][]dict.Slot{{single}}, out...)
	}
	return out
}

// ParseVerbs reads a PETRARCH-2 verb dictionary (CAMEO.2.0.txt,
// PETR.Validate.verbs.txt) and converts its patterns. See the package
// documentation for what is kept and what is lost.
func ParseVerbs(file, src string, opts *Options) (*Set, error) {
	v := NewConverter(file, opts)
	lines := readLines(src)
	var cur *Block
	flush := func() {
		if cur != nil {
			v.AddBlock(*cur)
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := l.text
		switch {
		case strings.HasPrefix(t, "&"):
			name := strings.Fields(t)[0]
			var members []string
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1].text, "+") {
				i++
				if m := strings.TrimSpace(lines[i].text[1:]); m != "" {
					members = append(members, m)
				}
			}
			if len(members) == 0 {
				v.Bad(l.n, "synset without members", t)
				continue
			}
			v.AddSynset(name, members, l.n)
		case strings.HasPrefix(t, "---"):
			flush()
			inside, outside, _ := brackets(t)
			code := "---"
			if len(inside) > 0 && inside[0] != "" {
				code = inside[0]
			}
			if len(inside) > 1 {
				v.Approx(l.n, "second block code ignored", t)
			}
			cur = &Block{Name: strings.TrimSpace(strings.Trim(outside, "- ")), Code: code, Line: l.n}
		case t[0] == '-':
			if cur == nil {
				v.Bad(l.n, "pattern outside a verb block", t)
				continue
			}
			code, body, ok := lastBracket(t[1:])
			if !ok {
				v.Bad(l.n, "pattern without a [code]", t)
				continue
			}
			cur.Patterns = append(cur.Patterns, BlockPattern{Body: body, Code: code, Line: l.n, Text: t})
		case t[0] == '~':
			if verb, ok := sayTransformation(t[1:]); ok {
				v.SayVerb(verb, l.n, t)
			} else {
				v.Skip(l.n, "verb transformation (dyad applies its own rules to reported and intended events)", t)
			}
		default:
			if cur == nil {
				v.Bad(l.n, "verb outside a block (want a \"--- NAME [CODE] ---\" line first)", t)
				continue
			}
			bv, ok := parseVerbLine(t)
			if !ok {
				v.Bad(l.n, "malformed verb line", t)
				continue
			}
			bv.Line, bv.Text = l.n, t
			cur.Verbs = append(cur.Verbs, bv)
		}
	}
	flush()
	return v.Finish()
}

// lastBracket returns the inside of the last [...] of s and the text
// before it.
func lastBracket(s string) (inside, before string, ok bool) {
	a := strings.LastIndexByte(s, '[')
	if a < 0 {
		return "", s, false
	}
	b := strings.IndexByte(s[a:], ']')
	if b < 0 {
		return "", s, false
	}
	return strings.TrimSpace(s[a+1 : a+b]), s[:a], true
}

// parseVerbLine reads "WORD {FORMS} [CODE]".
func parseVerbLine(t string) (BlockVerb, bool) {
	var bv BlockVerb
	if code, before, ok := lastBracket(t); ok {
		bv.Code, t = code, before+" "+t[strings.LastIndexByte(t, ']')+1:]
	} else if strings.ContainsAny(t, "[]") {
		return bv, false
	}
	if a := strings.IndexByte(t, '{'); a >= 0 {
		b := strings.IndexByte(t[a:], '}')
		if b < 0 {
			return bv, false
		}
		bv.Forms = strings.Fields(t[a+1 : a+b])
		t = t[:a] + " " + t[a+b+1:]
	}
	bv.Spec = strings.Join(strings.Fields(t), " ")
	return bv, bv.Spec != ""
}

// sayTransformation recognises "a (a b Q) VERB = a b Q": the event reported
// by VERB is kept as it is, which is what dyad's SAY does.
func sayTransformation(s string) (string, bool) {
	lhs, rhs, ok := strings.Cut(s, "=")
	if !ok {
		return "", false
	}
	l := strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(lhs))
	r := strings.Fields(rhs)
	if len(l) != 5 || len(r) != 3 {
		return "", false
	}
	if l[3] != "Q" || r[2] != "Q" || r[0] != l[1] || r[1] != l[2] || l[0] != l[1] {
		return "", false
	}
	return l[4], true
}
