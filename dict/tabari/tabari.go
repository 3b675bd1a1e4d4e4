package tabari

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dyad/dict"
	"dyad/dict/petrarch"
)

// line is one line of a TABARI file without its comment.
type line struct {
	n    int
	text string
}

// readLines drops blank lines and comments: ';' and '#' outside [...].
func readLines(src string) []line {
	var out []line
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimRight(l, "\r")
		depth := 0
		for k := 0; k < len(l); k++ {
			switch l[k] {
			case '[':
				depth++
			case ']':
				if depth > 0 {
					depth--
				}
			case ';', '#':
				if depth == 0 {
					l = l[:k]
				}
			}
		}
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, line{i + 1, t})
		}
	}
	return out
}

func withDialect(opts *petrarch.Options) *petrarch.Options {
	o := petrarch.Options{Dialect: petrarch.TABARI}
	if opts != nil {
		o = *opts
		o.Dialect = petrarch.TABARI
	}
	return &o
}

// ParseActors reads a TABARI .actors file (petrarch.ParseActors with
// Dialect TABARI).
func ParseActors(file, src string, opts *petrarch.Options) (*petrarch.Set, error) {
	return petrarch.ParseActors(file, src, withDialect(opts))
}

// ParseAgents reads a TABARI .agents file (petrarch.ParseAgents with
// Dialect TABARI).
func ParseAgents(file, src string, opts *petrarch.Options) (*petrarch.Set, error) {
	return petrarch.ParseAgents(file, src, withDialect(opts))
}

// ParseVerbs reads a TABARI .verbs file and converts its roots and
// patterns. See the package documentation.
func ParseVerbs(file, src string, opts *petrarch.Options) (*petrarch.Set, error) {
	v := petrarch.NewConverter(file, withDialect(opts))
	lines := readLines(src)
	var cur *petrarch.Block
	flush := func() {
		if cur != nil {
			v.AddBlock(*cur)
			cur = nil
		}
	}
	section := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := l.text
		u := strings.ToUpper(t)
		switch {
		case strings.HasPrefix(t, "~~"):
			// end-of-file marker and the like
			continue
		case strings.HasPrefix(u, "</"):
			section = ""
			continue
		case strings.HasPrefix(t, "<"):
			flush()
			section = strings.Trim(u, "<> ")
			if section != "SYNSETS" {
				v.Skip(l.n, "TABARI <"+section+"> section (no dyad counterpart)", t)
			}
			continue
		}
		if section != "" && section != "SYNSETS" {
			continue
		}
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
		case t[0] == '+':
			v.Bad(l.n, "synset member outside a synset", t)
		case t[0] == '{':
			if cur == nil || len(cur.Verbs) == 0 {
				v.Bad(l.n, "verb forms before any root", t)
				continue
			}
			end := strings.IndexByte(t, '}')
			if end < 0 {
				v.Bad(l.n, "missing '}'", t)
				continue
			}
			cur.Verbs[0].Forms = append(cur.Verbs[0].Forms, strings.Fields(t[1:end])...)
		case t[0] == '-':
			if cur == nil {
				v.Bad(l.n, "pattern before any root", t)
				continue
			}
			code, body, ok := lastBracket(t[1:])
			if !ok {
				v.Bad(l.n, "pattern without a [code]", t)
				continue
			}
			cur.Patterns = append(cur.Patterns, petrarch.BlockPattern{Body: body, Code: code, Line: l.n, Text: t})
		default:
			flush()
			code, root, ok := lastBracket(t)
			if !ok {
				v.Bad(l.n, "root without a [code]", t)
				continue
			}
			root = strings.TrimSpace(root)
			if root == "" {
				v.Bad(l.n, "empty root", t)
				continue
			}
			if strings.TrimSpace(code) == "###" {
				v.Discard(root, l.n)
				// patterns that follow belong to no root
				cur = &petrarch.Block{Name: root, Code: "---", Line: l.n}
				continue
			}
			bv := petrarch.BlockVerb{Spec: root, Line: l.n, Text: t}
			if f := stemForm(root); f != "" {
				bv.Forms = append(bv.Forms, f)
			}
			cur = &petrarch.Block{Name: root, Code: code, Verbs: []petrarch.BlockVerb{bv}, Line: l.n}
		}
	}
	flush()
	return v.Finish()
}

// stemForm returns the "-e" form of a TABARI stem ("CONTRIBUT" →
// "CONTRIBUTE") when the root's verb is a stem: no final '_', '=' or '+',
// ending in a consonant.
func stemForm(root string) string {
	f := strings.Fields(root)
	if len(f) == 0 {
		return ""
	}
	w := f[0]
	if strings.ContainsAny(w, "_=+") || len(w) < 4 {
		return ""
	}
	last := w[len(w)-1]
	if last < 'A' || last > 'Z' || strings.IndexByte("AEIOUYW", last) >= 0 {
		return ""
	}
	for _, suf := range []string{"ED", "ING", "SS"} {
		if strings.HasSuffix(w, suf) {
			return ""
		}
	}
	return w + "E"
}

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

// Project is what a TABARI .project file names.
type Project struct {
	Actors, Verbs, Agents, Options []string
	OptionsLines                   []int // the line of each Options entry
}

// ParseProject reads the <actorsfile>, <verbsfile>, <agentsfile> and
// <optionsfile> lines of a .project file.
func ParseProject(src string) Project {
	var p Project
	for _, l := range readLines(src) {
		t := l.text
		if !strings.HasPrefix(t, "<") {
			continue
		}
		end := strings.IndexByte(t, '>')
		if end < 0 {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(t[1:end]))
		val := strings.TrimSpace(t[end+1:])
		if val == "" {
			continue
		}
		switch key {
		case "actorsfile":
			p.Actors = append(p.Actors, val)
		case "verbsfile":
			p.Verbs = append(p.Verbs, val)
		case "agentsfile":
			p.Agents = append(p.Agents, val)
		case "optionsfile":
			p.Options = append(p.Options, val)
			p.OptionsLines = append(p.OptionsLines, l.n)
		}
	}
	return p
}

// ErrUnknownFile is returned by Load for a file that is not a .project,
// .verbs, .actors or .agents file.
var ErrUnknownFile = errors.New("tabari: want a .project, .verbs, .actors or .agents file")

// Load reads a TABARI .project file and the dictionaries it names
// (relative to its directory), or a single .verbs, .actors or .agents
// file, and converts them. Like petrarch.Load, the result holds everything
// readable even when err is not nil, and its Lemmas start from opts.Lemmas
// (dyad's own table by default).
func Load(path string, opts *petrarch.Options) (*petrarch.Set, error) {
	o := withDialect(opts)
	base := o.Lemmas
	if base == nil {
		base = petrarch.DefaultLemmas()
	}
	o.Lemmas = base
	set := &petrarch.Set{Dict: &dict.Dictionaries{Lemmas: map[string]string{}}}
	var errs []error
	read := func(name string, parse func(string, string, *petrarch.Options) (*petrarch.Set, error)) {
		b, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		s, err := parse(filepath.Base(name), string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), o)
		set.Add(s)
		if err != nil {
			errs = append(errs, err)
		}
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".project":
		b, err := os.ReadFile(path)
		if err != nil {
			return set, err
		}
		p := ParseProject(string(b))
		dir := filepath.Dir(path)
		for _, f := range p.Verbs {
			read(filepath.Join(dir, f), ParseVerbs)
		}
		for _, f := range p.Actors {
			read(filepath.Join(dir, f), ParseActors)
		}
		for _, f := range p.Agents {
			read(filepath.Join(dir, f), ParseAgents)
		}
		for i, f := range p.Options {
			set.Report.Notes = append(set.Report.Notes, petrarch.Note{File: filepath.Base(path), Line: p.OptionsLines[i], Kind: petrarch.Skipped,
				Reason: "TABARI options file (parser and output settings; no dyad counterpart)", Text: f})
		}
		if len(p.Verbs)+len(p.Actors)+len(p.Agents) == 0 {
			errs = append(errs, fmt.Errorf("tabari: %s names no dictionary files", path))
		}
	case ".verbs":
		read(path, ParseVerbs)
	case ".actors":
		read(path, ParseActors)
	case ".agents":
		read(path, ParseAgents)
	default:
		return set, fmt.Errorf("%w: %s", ErrUnknownFile, path)
	}
	set.AddLemmas(base)
	return set, errors.Join(errs...)
}
