// Command code codes articles with dyad's default pipeline followed by the
// quotes stage and writes the JSON Lines contract to stdout, until cmd/dyad
// wires the stage in. For checking the seed:
//
//	go run ./quotes/testdata/code ../shared/eval/seed/article.txt > /tmp/out.jsonl
//	python3 ../shared/eval/score.py seed-quotes ../shared/eval/seed/gold.json /tmp/out.jsonl
package main

import (
	"context"
	"fmt"
	"os"

	"dyad/doc"
	"dyad/pipeline"
	"dyad/quotes"
	"dyad/read"
	"dyad/sink"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "code:", err)
		os.Exit(1)
	}
}

func run(paths []string) error {
	res, err := pipeline.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "code: dictionaries:", err)
	}
	if res == nil {
		return err
	}
	base, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	stages := base.Stages()
	has := false
	for _, s := range stages {
		has = has || s.Name() == "quotes.v1"
	}
	if !has { // until pipeline/default.go lists the stage
		stages = append(stages, quotes.New(res.Dict))
	}
	p, err := pipeline.New(stages...)
	if err != nil {
		return err
	}
	w := sink.NewJSONL(os.Stdout)
	err = read.Paths(paths, read.Options{}, func(d *doc.Doc) error {
		if err := p.Run(context.Background(), d); err != nil {
			fmt.Fprintf(os.Stderr, "code: %s: %v\n", d.ID, err)
		}
		return w.Write(d)
	}, func(e error) { fmt.Fprintln(os.Stderr, "code:", e) })
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}
