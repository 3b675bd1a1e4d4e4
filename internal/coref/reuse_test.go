package coref_test

import (
	"fmt"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/internal/coref"
)

// describeChains renders the entities and mentions of c, one per line.
func describeChains(d *doc.Doc, c *coref.Chains) string {
	var b strings.Builder
	for _, e := range c.Entities {
		fmt.Fprintf(&b, "entity %s person=%v roles=%v source=%q\n", name(d, e), e.Person, e.Roles, e.Source())
	}
	for _, m := range c.Mentions {
		fmt.Fprintf(&b, "mention %d-%d s%d → %s\n", m.First, m.Last, m.Sentence, name(d, m.Entity))
	}
	return b.String()
}

// TestBuildInto checks that chains built into reused memory are those a
// fresh Build gives, whatever the memory held before.
func TestBuildInto(t *testing.T) {
	long := "Iranian Foreign Minister Mohammad Zarif met Turkish President Tayyip Erdogan in Tehran. " +
		"The Turkish president spoke. Zarif left. The minister said Iran and Turkey agreed. A spokesman said officials met."
	short := "Zarif met Erdogan. The president agreed."
	dl, ix := coded(t, long)
	ds, _ := coded(t, short)
	wantLong := describeChains(dl, ix.Build(dl, nil))
	wantShort := describeChains(ds, ix.Build(ds, nil))
	if !strings.Contains(wantLong, "source=") {
		t.Fatalf("no entities:\n%s", wantLong)
	}
	var c coref.Chains
	for i, d := range []*doc.Doc{dl, ds, dl, ds, ds, dl} {
		want := wantLong
		if d == ds {
			want = wantShort
		}
		if got := describeChains(d, ix.BuildInto(&c, d, nil)); got != want {
			t.Errorf("build %d:\n got %s\nwant %s", i, got, want)
		}
		if i%2 == 1 {
			c.Clear()
		}
	}
}
