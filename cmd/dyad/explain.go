package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"dyad/codes"
	"dyad/doc"
	"dyad/events"
	"dyad/pipeline"
)

func cmdExplain(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	date := fs.String("date", "", "the article's date (YYYY-MM-DD); codes of office holders depend on it")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: give the sentence to explain", errUsage)
	}
	d := &doc.Doc{ID: "explain", Text: strings.Join(pos, " ")}
	if d.Date, err = parseDate(*date); err != nil {
		return err
	}
	res, err := c.resources()
	if err != nil {
		return err
	}
	var trace []string
	ev := events.New(res.Verbs, res.Codes, events.WithDiscards(res.Dict.Discards))
	ev.Trace = func(format string, a ...any) { trace = append(trace, fmt.Sprintf(format, a...)) }
	p, err := pipeline.Default(res, ev)
	if err != nil {
		return err
	}
	if err := p.Run(context.Background(), d); err != nil {
		return err
	}
	explain(stdout, d, trace)
	return nil
}

// explain writes a readable trace of every decision made on d.
func explain(w io.Writer, d *doc.Doc, trace []string) {
	if d.HasDate() {
		fmt.Fprintf(w, "date: %s\n", d.Date.Format("2006-01-02"))
	} else {
		fmt.Fprintln(w, "date: unknown (office holders take their latest term)")
	}
	for si, s := range d.Sentences {
		fmt.Fprintf(w, "\nsentence %d: %s\n", si, d.Slice(s.Span))
		fmt.Fprint(w, "  tokens:")
		for i := s.First; i < s.Last; i++ {
			t := d.Tokens[i]
			fmt.Fprintf(w, " %s/%s", d.Slice(t.Span), t.Tag)
			if t.Lemma != strings.ToLower(d.Slice(t.Span)) {
				fmt.Fprintf(w, "(%s)", t.Lemma)
			}
		}
		fmt.Fprintln(w)
		fmt.Fprint(w, "  chunks:")
		for _, c := range d.Chunks {
			if c.First >= s.First && c.Last <= s.Last {
				fmt.Fprintf(w, " [%s %s]", c.Kind, d.Slice(doc.Span{Start: d.Tokens[c.First].Start, End: d.Tokens[c.Last-1].End}))
			}
		}
		fmt.Fprintln(w)
		for _, a := range d.Actors {
			if a.Sentence != si {
				continue
			}
			if len(a.Members) > 0 {
				var ms []string
				for _, m := range a.Members {
					ms = append(ms, d.Actors[m].Code)
				}
				fmt.Fprintf(w, "  compound: %q = %s\n", d.Slice(a.Span), strings.Join(ms, " + "))
				continue
			}
			fmt.Fprintf(w, "  actor: %q → %s  [%s]\n", d.Slice(a.Span), orDash(a.Code), a.Rule)
		}
		for _, pl := range d.Places {
			if pl.Sentence == si {
				fmt.Fprintf(w, "  place: %q → %s, %s (%.2f, %.2f)\n", d.Slice(pl.Span), pl.Name, pl.Country, pl.Lat, pl.Lon)
			}
		}
		for _, q := range d.Quotes {
			if q.Sentence != si {
				continue
			}
			who := q.SpeakerText
			if q.Speaker != nil {
				who = fmt.Sprintf("%s (%s)", d.Slice(q.Speaker.Span), orDash(q.Speaker.Code))
			}
			kind := "reported"
			if q.Direct {
				kind = "direct"
			}
			fmt.Fprintf(w, "  quote (%s) by %s: %q\n", kind, who, d.Slice(q.Span))
		}
		for _, e := range d.Events {
			if e.Sentence != si {
				continue
			}
			fmt.Fprintf(w, "  EVENT %s → %s  %s  %q\n", actorCode(e.Source), actorCode(e.Target), e.CAMEO, d.Slice(e.Verb))
			fmt.Fprintf(w, "        %s\n", codes.Explain(e.CAMEO))
			fmt.Fprintf(w, "        why: %s\n", e.Rule)
			if l := e.Location; l != nil {
				fmt.Fprintf(w, "        where: %s, %s (%.2f, %.2f; %s)\n", l.Name, l.Country, l.Lat, l.Lon, l.Precision)
			}
		}
	}
	if len(trace) > 0 {
		fmt.Fprintln(w, "\ndecisions:")
		for _, t := range trace {
			fmt.Fprintf(w, "  %s\n", t)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "---"
	}
	return s
}

func actorCode(a *doc.Actor) string {
	if a == nil {
		return "---"
	}
	return orDash(a.Code)
}

func cmdPipeline(args []string, stdout, stderr io.Writer) error {
	res, err := pipeline.Load()
	if err != nil {
		return err
	}
	p, err := pipeline.Default(res, nil)
	if err != nil {
		return err
	}
	return p.Describe(stdout)
}

func cmdCodes(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		for _, e := range codes.All() {
			fmt.Fprintln(stdout, codes.Explain(e.Code))
		}
		return nil
	}
	for _, a := range args {
		fmt.Fprintln(stdout, codes.Explain(a))
	}
	return nil
}
