package gazetteer

import (
	"slices"
	"strings"
	"testing"
)

// allKeys returns g's keys, in order.
func allKeys(g *Gazetteer) []string {
	keys := make([]string, g.Keys())
	for i := range keys {
		keys[i] = g.key(i)
	}
	return keys
}

func TestNarrow(t *testing.T) {
	g := embeddedT(t)
	keys := allKeys(g)
	for _, name := range []string{"Bosnia and Herzegovina", "New York City", "Idlib", "Rapides Parish", "Tripoli", "Xyzzy Plugh", "Saint", "San", "Washington Post"} {
		r := g.AllKeys()
		var key []byte
		for i, w := range strings.Fields(name) {
			if i > 0 {
				key = append(key, ' ')
			}
			key = AppendKey(key, w)
			var exact bool
			r, exact = g.Narrow(r, key)
			if exact != g.Has(string(key)) {
				t.Errorf("Narrow(%q) exact = %v, Has = %v", key, exact, !exact)
			}
			n := 0
			for _, k := range keys {
				if strings.HasPrefix(k, string(key)) {
					n++
				}
			}
			if r.hi-r.lo != n {
				t.Errorf("Narrow(%q) holds %d keys, want %d", key, r.hi-r.lo, n)
			}
			if exact {
				k, got := g.Exact(r)
				want := g.LookupKey(string(key))
				if k != string(key) {
					t.Errorf("Exact(%q) key = %q", key, k)
				}
				if len(got) != len(want) || len(got) == 0 || got[0] != want[0] {
					t.Errorf("Exact(%q) = %v, want %v", key, got, want)
				}
			}
		}
	}
	// every prefix of some keys, narrowed at once from every key
	for i := 0; i < len(keys); i += 997 {
		k := keys[i]
		for n := 1; n <= len(k)+1; n++ {
			p := k[:min(n, len(k))]
			if n > len(k) {
				p += "q"
			}
			r, exact := g.Narrow(g.AllKeys(), []byte(p))
			lo, _ := slices.BinarySearch(keys, p)
			hi := lo
			for hi < len(keys) && strings.HasPrefix(keys[hi], p) {
				hi++
			}
			if r.hi-r.lo != hi-lo || (hi > lo && r.lo != lo) || exact != (hi > lo && keys[lo] == p) {
				t.Fatalf("Narrow(%q) = %v %v, want [%d, %d)", p, r, exact, lo, hi)
			}
		}
	}
	long := []byte(strings.Repeat("saint ", 12))
	if a := testing.AllocsPerRun(100, func() { g.Narrow(g.AllKeys(), long) }); a != 0 {
		t.Errorf("Narrow allocates %v times", a)
	}
}

func TestAppendKey(t *testing.T) {
	for _, s := range []string{"Idlib", "IDLIB", "Ḩamāh", "Dar‘ā", "U.S.", "  São   Paulo ", "Łódź", "Москва", "plain", "ÆRØ", "Ĳssel", "a\xffb", "", "..."} {
		if got, want := string(AppendKey([]byte("x "), s)), "x "+Key(s); got != want {
			t.Errorf("AppendKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestNarrowSmall(t *testing.T) {
	const recs = "C\tSY\tSYR\tSY\t34.8\t38.9\t100\tSyria|Syrian Arab Republic\nP\tSY\t12\t\tPPLA\t169389\t35.9306\t36.6339\t128840\tIdlib|Idleb\n#index\n"
	for _, index := range []string{
		"i\t1\nidleb\t1\nidlib\t1\nsyria\t0\nsyrian arab republic\t0\n",
		"a\x00b\t0\nidleb\t1\nidlib\t1\nidlib\x00\t1\nsyria\t0\n",
	} {
		g, err := Load(strings.NewReader(recs + index))
		if err != nil {
			t.Fatal(err)
		}
		keys := allKeys(g)
		for _, p := range []string{"i", "id", "idl", "idli", "idlib", "idlibx", "idlib\x00", "s", "syria", "syrian", "syrian arab republic", "a", "a\x00", "a\x00b", "b", "zzzz", "\x00"} {
			r, exact := g.Narrow(g.AllKeys(), []byte(p))
			lo, _ := slices.BinarySearch(keys, p)
			hi := lo
			for hi < len(keys) && strings.HasPrefix(keys[hi], p) {
				hi++
			}
			if r.hi-r.lo != hi-lo || (hi > lo && r.lo != lo) || exact != (hi > lo && keys[lo] == p) {
				t.Errorf("keys %q: Narrow(%q) = %v %v, want [%d, %d)", keys, p, r, exact, lo, hi)
			}
		}
	}
}
