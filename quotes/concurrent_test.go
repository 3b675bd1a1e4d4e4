package quotes_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"dyad/doc"
)

// render writes the quotes of d, speakers included, one per line.
func render(d *doc.Doc) string {
	var b strings.Builder
	for _, q := range d.Quotes {
		fmt.Fprintf(&b, "%d %v %q %v %q", q.Sentence, q.Span, d.Slice(q.Span), q.Direct, q.SpeakerText)
		if q.Speaker != nil {
			fmt.Fprintf(&b, " %+v", *q.Speaker)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestConcurrentProcess runs one stage on several documents from several
// goroutines at once (run it with -race): each result must be the one a
// lone run gives, and the same as what Find's candidates give.
func TestConcurrentProcess(t *testing.T) {
	p, s := setup(t)
	texts := []string{
		"“We agree,” Putin said. He added that Russia opposed a truce.",
		"Hilal Khashan, a political science professor at the American University of Beirut, said the talks would fail. “They will not agree,” Khashan said.",
		"“As for the deal,” Trump said, “it is a disaster.” The minister said, adding: “We will respond.”",
		"According to officials, the talks ended. The deal was a “disaster,” Trump said.",
	}
	if text, err := os.ReadFile(seedDir + "article.txt"); err == nil {
		texts = append(texts, string(text))
	}
	var docs []*doc.Doc
	var want []string
	for i, text := range texts {
		d := &doc.Doc{ID: fmt.Sprint(i), Text: text}
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		want = append(want, render(d))
		if want[i] == "" {
			t.Errorf("text %d: no quotes", i)
		}
		// Process writes what Find's candidates give
		n := 0
		for _, c := range s.Find(d) {
			n += len(c.Parts)
		}
		if n != len(d.Quotes) {
			t.Errorf("text %d: Find gives %d parts, Process %d quotes", i, n, len(d.Quotes))
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				for i, src := range docs {
					d := *src
					d.Quotes = nil
					if err := s.Process(&d); err != nil {
						errs <- err.Error()
						return
					}
					if got := render(&d); got != want[i] {
						errs <- fmt.Sprintf("text %d:\n got %s\nwant %s", i, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
