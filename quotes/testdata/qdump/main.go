package main

import (
	"context"
	"fmt"
	"os"

	"dyad/actors"
	"dyad/codes"
	"dyad/dict"
	"dyad/doc"
	"dyad/events"
	"dyad/internal/prosenlp"
	"dyad/pipeline"
	"dyad/read"
)

func main() {
	dd, err := dict.Load(os.DirFS(os.Args[1]))
	if err != nil {
		panic(err)
	}
	m, _ := prosenlp.Load()
	r := &pipeline.Resources{Dict: dd, Model: m, Actors: actors.Compile(dd), Verbs: events.CompileVerbs(dd.Verbs), Codes: codes.Default()}
	p, err := pipeline.Default(r, nil)
	if err != nil {
		panic(err)
	}
	read.Paths([]string{os.Args[2]}, read.Options{}, func(d *doc.Doc) error {
		p.Run(context.Background(), d)
		for si, s := range d.Sentences {
			fmt.Printf("[%d p%d] %s\n", si, s.Para, d.Slice(s.Span))
			for k := s.First; k < s.Last; k++ {
				fmt.Printf("%s/%s ", d.TokenText(k), d.Tokens[k].Tag)
			}
			fmt.Println()
			for _, a := range d.Actors {
				if a.Sentence == si {
					fmt.Printf("   A %q %s tok%d-%d  %s\n", d.Slice(a.Span), a.Code, a.First, a.Last, a.Rule)
				}
			}
			for _, e := range d.Events {
				if e.Sentence == si {
					s, t := "-", "-"
					if e.Source != nil { s = d.Slice(e.Source.Span)+"/"+e.Source.Code }
					if e.Target != nil { t = d.Slice(e.Target.Span)+"/"+e.Target.Code }
					fmt.Printf("   E %s %s > %s  %s\n", e.CAMEO, s, t, e.Rule)
				}
			}
		}
		return nil
	}, func(e error) { fmt.Println(e) })
}
