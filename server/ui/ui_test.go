package ui

import (
	"html/template"
	"strings"
	"testing"
)

func TestHighlight(t *testing.T) {
	text := `Putin said "Russia will hit Idlib." Then he left.`
	at := func(sub string) (int, int) {
		i := strings.Index(text, sub)
		return i, i + len(sub)
	}
	mark := func(sub, class, title string) Mark {
		s, e := at(sub)
		return Mark{Start: s, End: e, Class: class, Title: title}
	}
	s1, e1 := at(`Putin said "Russia will hit Idlib."`)
	s2, e2 := at("Then he left.")
	sents := []Sentence{{Start: s1, End: e1, Para: 0, ID: "s-0"}, {Start: s2, End: e2, Para: 0}}
	heStart, _ := at("he left")
	marks := []Mark{
		mark("Putin", "actor", "RUSGOV"),
		mark("Russia will hit Idlib.", "quote", "quote by Putin"),
		mark("Russia", "actor", "RUS"),
		mark("hit", "verb", "190"),
		mark("Idlib", "place", ""),
		{Start: heStart, End: 100, Class: "actor"}, // clipped to its sentence
	}
	got := string(Highlight(text, sents, marks))
	want := `<p><span class="sent" id="s-0"><span class="actor" title="RUSGOV">Putin</span> said &#34;` +
		`<span class="quote actor" title="quote by Putin` + "\n" + `RUS">Russia</span><span class="quote" title="quote by Putin"> will </span>` +
		`<span class="quote verb" title="quote by Putin` + "\n" + `190">hit</span><span class="quote" title="quote by Putin"> </span>` +
		`<span class="quote place" title="quote by Putin">Idlib</span><span class="quote" title="quote by Putin">.</span>&#34;</span> ` +
		`<span class="sent">Then <span class="actor">he left.</span></span></p>` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// bad sentences are skipped, not a panic
	if got := Highlight("abc", []Sentence{{Start: 2, End: 9}}, nil); got != "" {
		t.Errorf("out of range: %q", got)
	}
}

func TestCountries(t *testing.T) {
	cs, err := countries()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 170 {
		t.Fatalf("%d countries", len(cs))
	}
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = true
		if !strings.HasPrefix(c.Path, "M") || !strings.HasSuffix(c.Path, "Z") {
			t.Errorf("%s: path %.40q", c.Name, c.Path)
		}
	}
	for _, n := range []string{"Turkey", "Iran", "Syria", "Russia", "Fiji"} {
		if !names[n] {
			t.Errorf("no %s", n)
		}
	}
	// Ankara is inside the map, in the right place
	x, y := project(39.93, 32.85)
	if x < 560 || x > 580 || y < 115 || y > 125 {
		t.Errorf("Ankara at %.1f, %.1f", x, y)
	}
}

func TestDecodeCountriesErrors(t *testing.T) {
	for _, in := range []string{
		`not json`,
		`{"arcs": [], "objects": {}}`,
		`{"arcs": [[[0,0],[1,1]]], "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[5]]}]}}}`,
	} {
		if _, err := decodeCountries([]byte(in)); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
}

func TestCharts(t *testing.T) {
	tl := string(Timeline("c", []Bucket{{Period: "2018-09-07", Quad: [5]int{0, 1, 2, 1, 0}, Href: "/events?a=1&b=2"}, {Period: "2018-09-08"}}))
	for _, w := range []string{`class="bar" href="/events?a=1&amp;b=2" data-period="2018-09-07" data-coop="3" data-conflict="1"`, `class="q3"`} {
		if !strings.Contains(tl, w) {
			t.Errorf("timeline: no %q in %s", w, tl)
		}
	}
	if strings.Count(tl, `class="bar"`) != 1 {
		t.Error("timeline: an empty period has a bar")
	}
	nw := string(Network([]Node{{Code: "RUS", Events: 3}, {Code: "<b>", Events: 1}},
		[]Edge{{Source: "RUS", Target: "<b>", Events: 2, Goldstein: -10}, {Source: "RUS", Target: "XXX", Events: 1}}))
	if strings.Contains(nw, "<b>") || strings.Count(nw, `class="edge"`) != 1 || !strings.Contains(nw, GoldsteinColor(-10)) {
		t.Errorf("network: %s", nw)
	}
	m, err := WorldMap([]Point{{Name: "Ankara", Country: "TUR", Lat: 39.9, Lon: 32.9, Events: 2}}, false)
	if err != nil || !strings.Contains(string(m), `data-name="Ankara"`) || strings.Contains(string(m), `viewBox="0 0 `) {
		t.Errorf("map: %v %.200s", err, m)
	}
	var _ template.HTML = m
}

func TestGoldsteinColor(t *testing.T) {
	for _, c := range []struct {
		g    float64
		want string
	}{{-10, "#d7301f"}, {-20, "#d7301f"}, {0, "#969696"}, {10, "#2b6ebe"}} {
		if got := GoldsteinColor(c.g); got != c.want {
			t.Errorf("GoldsteinColor(%v) = %s, want %s", c.g, got, c.want)
		}
	}
}

func TestTemplates(t *testing.T) {
	names := Names()
	for _, n := range []string{"index", "events", "timeline", "network", "map", "article", "search", "code", "error"} {
		if !contains(names, n) {
			t.Errorf("no template %s in %v", n, names)
		}
	}
}
