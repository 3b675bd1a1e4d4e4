package places_test

import (
	"sync"
	"testing"

	"dyad/gazetteer"
	"dyad/pipeline"
	"dyad/places"
)

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// testPipeline is dyad's default pipeline with the places stage appended.
func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() {
		res, err := pipeline.Load()
		if err != nil {
			pipeErr = err
			return
		}
		p, err := pipeline.Default(res, nil)
		if err != nil {
			pipeErr = err
			return
		}
		// as pipeline.Default wires it: the dictionaries' country codes
		codes := map[string]string{}
		for _, c := range res.Dict.Countries {
			if c.ISO2 != "" {
				codes[c.ISO2] = c.Code
			}
		}
		pipe, pipeErr = pipeline.New(append(p.Stages(), places.New(places.WithCountryCodes(codes)))...)
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

func distance(lat1, lon1, lat2, lon2 float64) float64 {
	return gazetteer.Distance(lat1, lon1, lat2, lon2)
}
