package main

import (
	"context"

	"dyad/doc"
	"dyad/eval"
	"dyad/pipeline"
)

// evalPolnear codes the PolNeAR articles of dir and scores the quotes.
func evalPolnear(c *common, dir string) (*eval.PolnearReport, error) {
	arts, err := eval.ReadPolNeAR(dir)
	if err != nil {
		return nil, err
	}
	res, err := c.resources()
	if err != nil {
		return nil, err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	return eval.PolNeAR(arts, func(a *eval.PolnearArticle) ([]eval.PolnearQuote, error) {
		d := &doc.Doc{ID: a.ID, Date: a.Date, Text: a.Text}
		if err := p.Run(ctx, d); err != nil {
			return nil, err
		}
		var out []eval.PolnearQuote
		for _, q := range res.Quotes.Find(d) {
			out = append(out, eval.PolnearQuote{Content: q.Parts, Source: q.Source, Cue: q.Cue, Direct: q.Direct})
		}
		return out, nil
	})
}
