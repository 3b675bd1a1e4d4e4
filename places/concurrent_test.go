package places_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"dyad/doc"
	"dyad/places"
)

// TestConcurrentProcess runs one Stage on several goroutines at once: each
// document must get the places and locations it gets alone.
func TestConcurrentProcess(t *testing.T) {
	p := testPipeline(t)
	texts := []string{
		benchText,
		"BEIRUT (Reuters) - Lebanese troops clashed with gunmen in Tripoli on Sunday.",
		"Officials in Gainesville, Georgia, said the storm hit Duluth and Atlanta.",
		strings.Repeat(benchText+"\n\n", 3),
	}
	var docs []*doc.Doc
	for _, text := range texts {
		d := &doc.Doc{Text: text}
		if err := p.Run(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	st := places.New()
	want := make([][]doc.Place, len(docs))
	for i, d := range docs {
		if err := st.Process(d); err != nil {
			t.Fatal(err)
		}
		want[i] = append([]doc.Place(nil), d.Places...)
	}
	if len(want[0]) == 0 || len(want[1]) == 0 {
		t.Fatalf("no places found: %v", want)
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				for i, src := range docs {
					d := *src
					d.Places = nil
					d.Events = append([]doc.Event(nil), src.Events...)
					if err := st.Process(&d); err != nil {
						t.Error(err)
						return
					}
					if !reflect.DeepEqual(d.Places, want[i]) {
						t.Errorf("document %d: places %v, want %v", i, d.Places, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
