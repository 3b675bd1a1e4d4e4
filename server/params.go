package server

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"dyad/store/sqlite"
)

// The event filters every event endpoint accepts.
var filterParams = []string{"from", "to", "actor", "source", "target", "dyad", "code", "root", "quad", "place", "q", "min_mentions"}

// params reads a request's query strictly: every parameter must be known,
// empty values count as absent (forms send them), and a list is given by
// repeating the parameter or by separating values with commas.
type params struct {
	v url.Values
}

// newParams checks that v holds only the known parameters.
func newParams(v url.Values, known ...string) (*params, error) {
	ok := map[string]bool{}
	for _, k := range known {
		ok[k] = true
	}
	var unknown []string
	for k := range v {
		if !ok[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		sort.Strings(known)
		return nil, fmt.Errorf("unknown parameter %q (this endpoint takes %s)", unknown[0], strings.Join(known, ", "))
	}
	return &params{v: v}, nil
}

// list returns the non-empty values of k, split at commas.
func (p *params) list(k string) []string {
	var out []string
	for _, v := range p.v[k] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// one returns the single value of k ("" when absent).
func (p *params) one(k string) (string, error) {
	var vs []string
	for _, v := range p.v[k] {
		if v = strings.TrimSpace(v); v != "" {
			vs = append(vs, v)
		}
	}
	switch len(vs) {
	case 0:
		return "", nil
	case 1:
		return vs[0], nil
	}
	return "", fmt.Errorf("parameter %q: given %d times, want once", k, len(vs))
}

// integer returns the integer k in [lo, hi], def when absent.
func (p *params) integer(k string, def, lo, hi int, hint string) (int, error) {
	s, err := p.one(k)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("parameter %q: %q is not a whole number", k, s)
	}
	if n < lo || n > hi {
		if hint != "" {
			return 0, fmt.Errorf("parameter %q: %d %s", k, n, hint)
		}
		return 0, fmt.Errorf("parameter %q: %d is out of range %d to %d", k, n, lo, hi)
	}
	return n, nil
}

var (
	actorRx = regexp.MustCompile(`^[A-Z0-9]{3,40}$`)
	codeRx  = regexp.MustCompile(`^[0-9]{2,4}$`)
)

func actorCode(k, s string) (string, error) {
	u := strings.ToUpper(s)
	if !actorRx.MatchString(u) {
		return "", fmt.Errorf("parameter %q: %q is not an actor code (3 or more letters or digits, such as RUS or SYRREB)", k, s)
	}
	return u, nil
}

// query reads the event filters.
func (p *params) query() (sqlite.Query, error) {
	var q sqlite.Query
	var err error
	for _, d := range []struct {
		k   string
		dst *string
	}{{"from", &q.From}, {"to", &q.To}} {
		s, err := p.one(d.k)
		if err != nil {
			return q, err
		}
		if s == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return q, fmt.Errorf("parameter %q: %q is not a date YYYY-MM-DD", d.k, s)
		}
		*d.dst = s
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return q, fmt.Errorf("parameters \"from\" and \"to\": %s is after %s", q.From, q.To)
	}
	for _, d := range []struct {
		k   string
		dst *[]string
	}{{"actor", &q.Actor}, {"source", &q.Source}, {"target", &q.Target}} {
		for _, s := range p.list(d.k) {
			c, err := actorCode(d.k, s)
			if err != nil {
				return q, err
			}
			*d.dst = append(*d.dst, c)
		}
	}
	for _, s := range p.list("dyad") {
		a, b, ok := strings.Cut(s, "-")
		if !ok {
			return q, fmt.Errorf("parameter \"dyad\": %q: want two actor codes joined by \"-\", such as IRN-TUR", s)
		}
		if a, err = actorCode("dyad", a); err != nil {
			return q, err
		}
		if b, err = actorCode("dyad", b); err != nil {
			return q, err
		}
		q.Dyads = append(q.Dyads, [2]string{a, b})
	}
	for _, s := range p.list("code") {
		if !codeRx.MatchString(s) {
			return q, fmt.Errorf("parameter \"code\": %q is not a CAMEO event code (2 to 4 digits, such as 190 or 0256)", s)
		}
		q.Code = append(q.Code, s)
	}
	for _, s := range p.list("root") {
		if len(s) != 2 || s < "01" || s > "20" || !codeRx.MatchString(s) {
			return q, fmt.Errorf("parameter \"root\": %q: want a two-digit CAMEO root, 01 to 20", s)
		}
		q.Root = append(q.Root, s)
	}
	for _, s := range p.list("quad") {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 4 {
			return q, fmt.Errorf("parameter \"quad\": %q: want 1, 2, 3 or 4", s)
		}
		q.Quad = append(q.Quad, n)
	}
	for _, s := range p.list("place") {
		if len(s) > 200 {
			return q, fmt.Errorf("parameter \"place\": longer than 200 bytes")
		}
		q.Place = append(q.Place, s)
	}
	if q.Text, err = p.one("q"); err != nil {
		return q, err
	}
	if len(q.Text) > 1000 {
		return q, fmt.Errorf("parameter \"q\": longer than 1000 bytes")
	}
	if q.MinMentions, err = p.integer("min_mentions", 0, 0, 1<<30, ""); err != nil {
		return q, err
	}
	return q, nil
}

// withFilters returns the known parameters of an event endpoint.
func withFilters(extra ...string) []string {
	return append(append([]string(nil), filterParams...), extra...)
}
