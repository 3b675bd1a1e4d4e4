package events_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"dyad/codes"
	"dyad/data"
	"dyad/dict"
)

// rarelyExpressed lists the CAMEO codes that no verb pattern has to reach,
// each with the reason news rarely expresses it in a sentence a pattern can
// code. Keep it short: a code belongs here only when every phrasing that
// could be written would misfire more often than it would code the event.
// An entry that a pattern does reach is reported as stale.
var rarelyExpressed = map[string]string{
	// (none: every event code of codes.All() is reached by the embedded
	// verb files; two-digit roots are reached through their subtree, see
	// TestVerbCoverage)
}

// minPhrasings is the number of pattern lines a code should have; codes
// with fewer are listed (not failed) so that they can be filled in.
const minPhrasings = 2

// TestVerbCoverage checks that the embedded verb dictionaries reach every
// CAMEO event code in codes.All() (less the rarelyExpressed ones), that
// every pattern's code is a CAMEO code, and lists the codes with fewer than
// minPhrasings patterns. A two-digit root is never written in a pattern (an
// event is coded at least at its residual code, "190" for root 19): it
// counts as reached by every pattern of its subtree.
func TestVerbCoverage(t *testing.T) {
	d, err := dict.Load(data.FS)
	if err != nil {
		t.Fatalf("loading the embedded dictionaries: %v", err)
	}
	direct := map[string]int{} // code -> pattern lines written with it
	for _, p := range d.Verbs {
		if p.Code == "SAY" {
			continue
		}
		if !codes.Valid(p.Code) {
			t.Errorf("%s:%d: %q is not a CAMEO event code", p.File, p.Line, p.Code)
			continue
		}
		direct[p.Code]++
	}

	all := codes.All()
	reach := func(e codes.Event) int {
		if !e.IsRoot() {
			return direct[e.Code]
		}
		n := 0
		for c, k := range direct {
			if strings.HasPrefix(c, e.Code) {
				n += k
			}
		}
		return n
	}

	var unreached, thin []string
	exempt := 0
	for _, e := range all {
		n := reach(e)
		why, rare := rarelyExpressed[e.Code]
		switch {
		case n == 0 && rare:
			exempt++
			t.Logf("unreached, rarely expressed: %s %s (%s)", e.Code, e.Label, why)
		case n == 0:
			unreached = append(unreached, fmt.Sprintf("%s %s", e.Code, e.Label))
		case rare:
			t.Errorf("%s is reached by %d pattern(s): remove it from rarelyExpressed", e.Code, n)
		case n < minPhrasings:
			thin = append(thin, fmt.Sprintf("%s (%d) %s", e.Code, n, e.Label))
		}
	}
	for c := range rarelyExpressed {
		if !codes.Valid(c) {
			t.Errorf("rarelyExpressed: %q is not a CAMEO event code", c)
		}
	}
	slices.Sort(thin)
	if len(thin) > 0 {
		t.Logf("%d codes reached by fewer than %d patterns:\n  %s", len(thin), minPhrasings, strings.Join(thin, "\n  "))
	}
	t.Logf("%d of %d codes reached (%d unreached, %d of them exempt as rarely expressed)",
		len(all)-len(unreached)-exempt, len(all), len(unreached)+exempt, exempt)
	if len(unreached) > 0 {
		t.Errorf("%d codes reached by no pattern and not listed in rarelyExpressed:\n  %s",
			len(unreached), strings.Join(unreached, "\n  "))
	}
}
