package pipeline_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/doc"
	"dyad/pipeline"
)

var (
	resOnce sync.Once
	res     *pipeline.Resources
	resErr  error
)

func resources(t testing.TB) *pipeline.Resources {
	resOnce.Do(func() { res, resErr = pipeline.Load() })
	if resErr != nil {
		t.Fatal(resErr)
	}
	return res
}

func code(t testing.TB, date, text string) *doc.Doc {
	p, err := pipeline.Default(resources(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Doc{ID: "t", Text: text}
	if date != "" {
		d.Date, _ = time.Parse("2006-01-02", date)
	}
	if err := p.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

type want struct{ src, tgt, code string }

func (w want) String() string { return fmt.Sprintf("%s>%s:%s", w.src, w.tgt, w.code) }

func matches(w want, e doc.Event) bool {
	ac := func(a *doc.Actor) string {
		if a == nil {
			return "---"
		}
		return a.Code
	}
	if !strings.HasPrefix(ac(e.Source), w.src) {
		return false
	}
	if w.tgt == "---" {
		if e.Target != nil {
			return false
		}
	} else if !strings.HasPrefix(ac(e.Target), w.tgt) {
		return false
	}
	return strings.HasPrefix(e.CAMEO, w.code)
}

// TestGolden runs testdata/events.test.
func TestGolden(t *testing.T) {
	f, err := os.Open("../testdata/events.test")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			t.Fatalf("events.test:%d: want DATE | SENTENCE | EXPECTED", n)
		}
		date, text, exp := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[2])
		t.Run(fmt.Sprintf("line%d", n), func(t *testing.T) {
			d := code(t, date, text)
			var got []string
			for _, e := range d.Events {
				s, tg := "---", "---"
				if e.Source != nil {
					s = e.Source.Code
				}
				if e.Target != nil {
					tg = e.Target.Code
				}
				got = append(got, fmt.Sprintf("%s>%s:%s", s, tg, e.CAMEO))
			}
			if exp == "none" {
				if len(d.Events) > 0 {
					t.Errorf("%s\n  want no event, got %v", text, got)
				}
				return
			}
			only := false
			var wants []want
			for _, item := range strings.Split(exp, ";") {
				item = strings.TrimSpace(item)
				if item == "only" {
					only = true
					continue
				}
				st, c, _ := strings.Cut(item, ":")
				s, tg, _ := strings.Cut(st, ">")
				wants = append(wants, want{s, tg, c})
			}
			for _, w := range wants {
				ok := false
				for _, e := range d.Events {
					if matches(w, e) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s\n  missing %v; got %v", text, w, got)
				}
			}
			if only {
				for _, e := range d.Events {
					ok := false
					for _, w := range wants {
						if matches(w, e) {
							ok = true
						}
					}
					if !ok {
						t.Errorf("%s\n  unexpected event %s>%s:%s", text, e.Source.Code, codeOf(e.Target), e.CAMEO)
					}
				}
			}
		})
	}
}

func codeOf(a *doc.Actor) string {
	if a == nil {
		return "---"
	}
	return a.Code
}
