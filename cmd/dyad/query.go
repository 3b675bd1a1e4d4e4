package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"dyad/store"
)

const queryUsage = `dyad query [--db FILE] WHAT [flags] [filters]

  stats                      what the database holds
  dyads [-n 10]              the most frequent source → target pairs
  counts [--by date] …       events per date, month, year, root, code, quad, source, target or country
                             (e.g. counts per day for an actor: dyad query counts --actor RUS --by date)
  events [-n 20]             the events themselves, newest id last
  search [-n 20] WORDS…      full-text search over the articles (FTS5: "a phrase", OR, NOT, prefix*)
  failures                   the bad documents ingest skipped

Filters: --from, --to, --actor, --source, --target, --code, --root, --quad, --place, --min-mentions.
--json writes JSON instead of a table.
`

// cmdQuery answers quick questions about the store in the terminal.
func cmdQuery(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, queryUsage); fs.PrintDefaults() }
	dbPath := fs.String("db", defaultDB, "database file")
	n := fs.Int("n", 0, "rows to show (dyads: 10, events and search: 20; 0: the default)")
	asJSON := fs.Bool("json", false, "write JSON")
	var by listFlag
	fs.Var(&by, "by", "counts: dimension (date, month, year, root, code, quad, source, target, country; repeatable)")
	var ff filterFlags
	ff.register(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		fmt.Fprint(stderr, queryUsage)
		return fmt.Errorf("%w: say what to query", errUsage)
	}
	what, rest := rest[0], rest[1:]
	f, err := ff.filter()
	if err != nil {
		return err
	}
	if what != "search" && len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	db, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	out := func(v any, table func(*tabwriter.Writer)) error {
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		table(tw)
		return tw.Flush()
	}
	rows := func(def int) int {
		if *n > 0 {
			return *n
		}
		return def
	}
	switch what {
	case "stats":
		st, err := db.Stats(ctx)
		if err != nil {
			return err
		}
		return out(st, func(tw *tabwriter.Writer) {
			fmt.Fprintf(tw, "articles\t%d\nsentences\t%d\nactor mentions\t%d\nquotes\t%d\nplaces\t%d\n", st.Articles, st.Sentences, st.Actors, st.Quotes, st.Places)
			fmt.Fprintf(tw, "events\t%d\nevent mentions\t%d\ninput files finished\t%d\nbad documents\t%d\n", st.Events, st.Mentions, st.Inputs, st.Failures)
		})
	case "dyads":
		gs, err := db.Count(ctx, f, store.BySource, store.ByTarget)
		if err != nil {
			return filterErr(err)
		}
		sort.SliceStable(gs, func(i, j int) bool {
			if gs[i].Events != gs[j].Events {
				return gs[i].Events > gs[j].Events
			}
			return gs[i].Mentions > gs[j].Mentions
		})
		gs = gs[:min(len(gs), rows(10))]
		type dyad struct {
			Source, Target   string
			Events, Mentions int
		}
		var ds []dyad
		for _, g := range gs {
			ds = append(ds, dyad{g.Keys[0], g.Keys[1], g.Events, g.Mentions})
		}
		return out(ds, func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "source\ttarget\tevents\tmentions")
			for _, d := range ds {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", dash(d.Source), dash(d.Target), d.Events, d.Mentions)
			}
		})
	case "counts":
		if len(by) == 0 {
			by = listFlag{"date"}
		}
		dims := make([]store.Dim, len(by))
		for i, b := range by {
			dims[i] = store.Dim(b)
		}
		gs, err := db.Count(ctx, f, dims...)
		if err != nil {
			return filterErr(err)
		}
		return out(gs, func(tw *tabwriter.Writer) {
			fmt.Fprintf(tw, "%s\tevents\tmentions\n", strings.Join(by, "\t"))
			for _, g := range gs {
				keys := make([]string, len(g.Keys))
				for i, k := range g.Keys {
					keys[i] = dash(k)
				}
				fmt.Fprintf(tw, "%s\t%d\t%d\n", strings.Join(keys, "\t"), g.Events, g.Mentions)
			}
		})
	case "events":
		// the last n events of the filter, in id order
		var evs []*store.Event
		max := rows(20)
		if f.Limit == 0 {
			err = db.Events(ctx, f, func(e *store.Event) error {
				evs = append(evs, e)
				if len(evs) > max {
					evs = evs[1:]
				}
				return nil
			})
		} else {
			err = db.Events(ctx, f, func(e *store.Event) error { evs = append(evs, e); return nil })
		}
		if err != nil {
			return filterErr(err)
		}
		return out(evs, func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "id\tdate\tsource\tcode\ttarget\tmentions\tarticles\tsources\tfirst seen in")
			for _, e := range evs {
				src, tgt := "-", "-"
				if e.Source != nil {
					src = e.Source.Code
				}
				if e.Target != nil {
					tgt = e.Target.Code
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", e.ID, dash(e.Date), src, e.CAMEO, tgt,
					e.NumMentions, e.NumArticles, e.NumSources, e.URL)
			}
		})
	case "search":
		if len(rest) == 0 {
			return fmt.Errorf("%w: search what?", errUsage)
		}
		hits, err := db.Search(ctx, strings.Join(rest, " "), rows(20))
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		return out(hits, func(tw *tabwriter.Writer) {
			fmt.Fprintln(tw, "doc\tdate\ttitle\tsnippet")
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.DocID, dash(h.Date), dash(h.Title), oneLine(h.Snippet))
			}
		})
	case "failures":
		var fs []store.Failure
		if err := db.Failures(ctx, func(f store.Failure) error { fs = append(fs, f); return nil }); err != nil {
			return err
		}
		if *asJSON {
			return out(fs, nil)
		}
		for _, f := range fs {
			if f.Line > 0 {
				fmt.Fprintf(stdout, "%s:%d: %s\n", f.File, f.Line, f.Reason)
			} else {
				fmt.Fprintf(stdout, "%s: %s\n", f.File, f.Reason)
			}
		}
		return nil
	}
	fmt.Fprint(stderr, queryUsage)
	return fmt.Errorf("%w: unknown query %q", errUsage, what)
}

func filterErr(err error) error {
	if errors.Is(err, store.ErrFilter) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
