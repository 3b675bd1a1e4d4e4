package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"dyad/store"
	"dyad/store/sqlite"
)

// defaultDB is the database used when --db is not given.
const defaultDB = "dyad.db"

// listFlag collects comma-separated values of a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// filterFlags are the event filters of export and query.
type filterFlags struct {
	from, to                                  string
	actor, source, target, code, root, places listFlag
	quad                                      listFlag
	minMentions, limit                        int
}

func (ff *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.from, "from", "", "first date, YYYY-MM-DD")
	fs.StringVar(&ff.to, "to", "", "last date, YYYY-MM-DD")
	fs.Var(&ff.actor, "actor", "source or target actor code prefix, e.g. RUS or SYRREB (repeatable, comma-separated)")
	fs.Var(&ff.source, "source", "source actor code prefix (repeatable)")
	fs.Var(&ff.target, "target", "target actor code prefix (repeatable)")
	fs.Var(&ff.code, "code", "CAMEO event code, exactly: 010 is not 10 (repeatable)")
	fs.Var(&ff.root, "root", "CAMEO root code, 01 to 20 (repeatable)")
	fs.Var(&ff.quad, "quad", "quad class 1-4 (repeatable)")
	fs.Var(&ff.places, "place", "location country code or place name (repeatable)")
	fs.IntVar(&ff.minMentions, "min-mentions", 0, "keep events with at least this many mentions")
	fs.IntVar(&ff.limit, "limit", 0, "at most this many events (0: all)")
}

func (ff *filterFlags) filter() (store.Filter, error) {
	f := store.Filter{From: ff.from, To: ff.to, Actor: ff.actor, Source: ff.source, Target: ff.target,
		Code: ff.code, Root: ff.root, Place: ff.places, MinMentions: ff.minMentions, Limit: ff.limit}
	for _, q := range ff.quad {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return f, fmt.Errorf("%w: --quad %q: want 1, 2, 3 or 4", errUsage, q)
		}
		f.Quad = append(f.Quad, n)
	}
	for _, d := range []struct{ name, v string }{{"from", ff.from}, {"to", ff.to}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return f, fmt.Errorf("%w: --%s %q: want YYYY-MM-DD", errUsage, d.name, d.v)
		}
	}
	for _, r := range ff.root {
		if len(r) != 2 || r < "01" || r > "20" {
			return f, fmt.Errorf("%w: --root %q: want a two-digit root, 01 to 20", errUsage, r)
		}
	}
	return f, nil
}

// openStore opens an existing database for reading.
func openStore(path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(path, &sqlite.Options{MustExist: true})
	if err != nil {
		return nil, fmt.Errorf("%v (run dyad ingest --db %s first)", err, path)
	}
	return db, nil
}
