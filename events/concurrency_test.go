package events_test

import (
	"sync"
	"testing"
)

// TestConcurrent codes texts from several goroutines with one shared
// pipeline (and so one events stage and its scratch pool) and checks that
// every goroutine gets what coding them one at a time gives.
func TestConcurrent(t *testing.T) {
	texts := []string{
		"Russia attacked Turkey.",
		"Putin said Moscow opposed a truce.",
		"Iran, Russia and Turkey met in Tehran on Friday.",
		"Obama said he would not provide support to the rebels.",
		"Assad's forces, backed by Russia and Iran, shelled the town.",
		"A meeting between Iran, Russia and Turkey was held.",
		"The Assad government was not directly represented at the summit.",
		"Rouhani said Syria must regain control of Idlib.",
	}
	want := make([]string, len(texts))
	for i, x := range texts {
		want[i] = summary(code(t, "2018-09-07", x))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 20; r++ {
				for i, x := range texts {
					if got := summary(code(t, "2018-09-07", x)); got != want[i] {
						errs <- x + ": got " + got + ", want " + want[i]
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
