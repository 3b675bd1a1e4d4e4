package dict

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseCountries(t *testing.T) {
	src := `# comment
RUS  Russia
  iso2: RU
  name: Russian Federation   # official
  adj: Russian; Russians
  capital: Moscow @ 55.7558, 37.6173
  metonym: Kremlin
  place: Chechnya @ 43.40, 45.72; Grozny
  center: 61.52, 105.32
`
	cs, err := ParseCountries("countries.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("got %d countries", len(cs))
	}
	c := cs[0]
	if c.Code != "RUS" || c.ISO2 != "RU" || strings.Join(c.Names, "|") != "Russia|Russian Federation" ||
		strings.Join(c.Adjs, "|") != "Russian|Russians" || c.Capitals[0].Name != "Moscow" || !c.Capitals[0].OK ||
		c.Metonyms[0] != "Kremlin" || len(c.Places) != 2 || c.Places[1].OK || c.Center.Lat != 61.52 {
		t.Errorf("parsed %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		parse           func(string, string) error
		want            error
		line            string
	}{
		{"bad code", "countries.txt", "russia Russia\n", func(f, s string) error { _, e := ParseCountries(f, s); return e }, ErrCode, "countries.txt:1"},
		{"bad coord", "countries.txt", "RUS Russia\n  capital: Moscow @ 155, 37\n", func(f, s string) error { _, e := ParseCountries(f, s); return e }, ErrCoord, "countries.txt:2"},
		{"unknown key", "countries.txt", "RUS Russia\n  nmae: X\n", func(f, s string) error { _, e := ParseCountries(f, s); return e }, ErrSyntax, "countries.txt:2"},
		{"bad range", "actors.txt", "Putin\n  code: RUSGOV 2012-05-07..2008-01-01\n", func(f, s string) error { _, e := ParseActors(f, s); return e }, ErrDate, "actors.txt:2"},
		{"bad date", "actors.txt", "Putin\n  code: RUSGOV 2012-13-07..\n", func(f, s string) error { _, e := ParseActors(f, s); return e }, ErrDate, "actors.txt:2"},
		{"no code", "actors.txt", "Putin\n  alias: Vlad\n", func(f, s string) error { _, e := ParseActors(f, s); return e }, ErrCode, "actors.txt:1"},
		{"agent syntax", "agents.txt", "soldier\n", func(f, s string) error { _, e := ParseAgents(f, s); return e }, ErrSyntax, "agents.txt:1"},
		{"verb syntax", "verbs.txt", "19 attack\n", func(f, s string) error { _, e := ParseVerbs(f, s); return e }, nil, ""},
		{"verb no code", "verbs.txt", "attack\n", func(f, s string) error { _, e := ParseVerbs(f, s); return e }, ErrSyntax, "verbs.txt:1"},
		{"lemma", "lemmas.txt", "went\n", func(f, s string) error { return ParseLemmas(f, s, map[string]string{}) }, ErrSyntax, "lemmas.txt:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.file, tt.src)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.line) {
				t.Fatalf("err = %v, want %v at %s", err, tt.want, tt.line)
			}
		})
	}
}

func TestCodeOn(t *testing.T) {
	as, err := ParseActors("actors.txt", `Vladimir Putin
  alias: Putin
  code: RUSGOV 1999-12-31..2008-05-07
  code: RUSGOV 2008-05-08..2012-05-07   # prime minister
  code: RUSGOV 2012-05-07..
  code: RUSELI
Recep Tayyip Erdogan
  code: TURGOV 2003-03-14..
  code: TURELI
`)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		actor int
		date  time.Time
		want  string
	}{
		{0, day("2018-09-07"), "RUSGOV"},
		{0, day("1995-01-01"), "RUSELI"},
		{0, day("2008-05-07"), "RUSELI"}, // the one day between two terms
		{0, time.Time{}, "RUSGOV"},       // unknown date: the latest term
		{1, day("2001-01-01"), "TURELI"},
		{1, day("2003-03-14"), "TURGOV"},
	}
	for _, tt := range tests {
		dc, ok := as[tt.actor].CodeOn(tt.date)
		if !ok || dc.Code != tt.want {
			t.Errorf("%s on %v = %q, want %q", as[tt.actor].Name, tt.date.Format("2006-01-02"), dc.Code, tt.want)
		}
	}
}

func TestParseVerbs(t *testing.T) {
	ps, err := ParseVerbs("verbs.txt", "0256 call_for ceasefire|truce  # appeal\n040  @meeting|talks between\nSAY say|tell\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 {
		t.Fatalf("got %d patterns", len(ps))
	}
	p := ps[0]
	if p.Code != "0256" || len(p.Slots) != 3 || !p.Slots[1].Adjacent || p.Slots[2].Adjacent || strings.Join(p.Slots[2].Alts, "|") != "ceasefire|truce" {
		t.Errorf("pattern 0: %+v", p)
	}
	if !ps[1].Noun || ps[1].Slots[0].Alts[1] != "talks" {
		t.Errorf("pattern 1: %+v", ps[1])
	}
	if ps[2].Code != "SAY" || len(ps[2].Slots[0].Alts) != 2 {
		t.Errorf("pattern 2: %+v", ps[2])
	}
}

func FuzzParse(f *testing.F) {
	f.Add("RUS Russia\n  capital: Moscow @ 55, 37\n")
	f.Add("Putin\n  code: RUSGOV 2012-05-07..\n")
	f.Add("0256 call_for ceasefire|truce\n")
	f.Fuzz(func(t *testing.T, s string) {
		ParseCountries("c", s)
		ParseActors("a", s)
		ParseAgents("g", s)
		ps, _ := ParseVerbs("v", s)
		for _, p := range ps {
			if len(p.Slots) == 0 || len(p.Slots[0].Alts) == 0 {
				t.Fatalf("empty pattern from %q", s)
			}
		}
		ParseLemmas("l", s, map[string]string{})
	})
}
