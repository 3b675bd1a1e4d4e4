package actors

import (
	"fmt"
	"strings"
	"testing"

	"dyad/data"
	"dyad/dict"
)

// TestHeldSuffixes checks that heldSuffixes lists the keys of heldSuffix
// and that isHeldSuffixFold agrees with looking up the lower-cased word.
func TestHeldSuffixes(t *testing.T) {
	if len(heldSuffixes) != len(heldSuffix) {
		t.Fatalf("heldSuffixes has %d words, heldSuffix %d", len(heldSuffixes), len(heldSuffix))
	}
	for _, k := range heldSuffixes {
		if !heldSuffix[k] {
			t.Errorf("%q is not in heldSuffix", k)
		}
	}
	for _, w := range []string{"held", "Held", "HELD", "led", "Led", "lead", "run", "RUN", "Runs", "", "controlled", "ControLLed",
		"dominated", "occupied", "Occupied", "x", "İed", "Ied", "ḽed", "rün", "held\u0130"} {
		if got, want := isHeldSuffixFold(w), heldSuffix[strings.ToLower(w)]; got != want {
			t.Errorf("isHeldSuffixFold(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestPronounRule checks pronounRule against the format it replaces.
func TestPronounRule(t *testing.T) {
	for _, c := range [][3]string{{"he", "Vladimir Putin", "RUSGOV"}, {"It", `the "Quartet"`, "IGO"}, {"they", "Iran\xff, ü", ""}} {
		if got, want := pronounRule(c[0], c[1], c[2]), fmt.Sprintf("pronoun %q → %q (%s)", c[0], c[1], c[2]); got != want {
			t.Errorf("pronounRule(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, want)
		}
	}
}

// TestTrieIndex checks that longest finds keys with and without the
// root's index.
func TestTrieIndex(t *testing.T) {
	var tr trie
	keys := [][]string{{"Vladimir", "Putin"}, {"Putin"}, {"the", "Hague"}, {"a"}, {"é"}, {"United", "States", "of", "America"},
		{"Abdul-Rahman-Mohammed-bin-Abdullah-al-Saud", "Foundation"}}
	for i, k := range keys {
		tr.insert(k, &entry{kind: kindActor, line: i})
	}
	for _, indexed := range []bool{false, true} {
		if indexed {
			tr.index()
		}
		for i, k := range keys {
			es, n := tr.longest(0, len(k), func(j int) string { return k[j] })
			if n != len(k) || len(es) != 1 || es[0].line != i {
				t.Errorf("indexed %v: longest(%q) = %v, %d", indexed, k, es, n)
			}
			if _, n := tr.longest(0, 1, func(int) string { return k[0] + "x" }); n != 0 {
				t.Errorf("indexed %v: %q matched", indexed, k[0]+"x")
			}
		}
	}
	var empty trie
	empty.index()
	if _, n := empty.longest(0, 1, func(int) string { return "x" }); n != 0 {
		t.Errorf("empty trie matched")
	}
}

// TestFirstIndex checks that the first-word index of the compiled
// dictionary finds what the root's map holds, for every first word and
// for variants of them that are mostly not first words.
func TestFirstIndex(t *testing.T) {
	d, err := dict.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	m := Compile(d)
	for _, tr := range []*trie{&m.names, &m.agents} {
		if tr.first == nil {
			t.Fatal("no index")
		}
		for w := range tr.kids {
			for _, v := range []string{w, w + "s", strings.ToLower(w), strings.ToUpper(w), w[:len(w)/2], "x" + w} {
				var got *trie
				if s := tr.first.find(v); s != nil {
					got = s.node
					if s.mask != got.mask || len(s.entries) != len(got.entries) {
						t.Errorf("slot of %q differs from its node", v)
					}
				}
				if want := tr.kids[v]; got != want {
					t.Errorf("find(%q) = %p, want %p", v, got, want)
				}
			}
		}
	}
}
