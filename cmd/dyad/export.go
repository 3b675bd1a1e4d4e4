package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dyad/data"
	"dyad/dict"
	"dyad/export"
	"dyad/store"
)

// cmdExport writes the stored events:
//
//	dyad export [--db FILE] --format gdelt|gdelt-mentions|icews|plover|csv|parquet [filters] [--header] [-o FILE]
//
// Filters: --from, --to, --actor, --source, --target, --code, --root,
// --quad, --place, --min-mentions, --limit (see storeflags.go).
func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	dbPath := fs.String("db", defaultDB, "database file")
	format := fs.String("format", "", "gdelt, gdelt-mentions, icews, plover, csv or parquet")
	out := fs.String("o", "", "write to this file instead of standard output")
	header := fs.Bool("header", false, "gdelt, gdelt-mentions: write a header line (GDELT's own files have none)")
	var ff filterFlags
	ff.register(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if *format == "" {
		return fmt.Errorf("%w: --format is required (gdelt, gdelt-mentions, icews, plover, csv, parquet)", errUsage)
	}
	fm, err := export.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	opt := export.Options{Header: *header}
	if fm == export.ICEWS {
		names, err := countryNames(c.dicts)
		if err != nil {
			return err
		}
		opt.CountryName = func(code string) string { return names[code] }
	}
	db, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	w := stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	res, err := export.Write(context.Background(), db, f, fm, w, opt)
	if errors.Is(err, store.ErrFilter) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
	}
	if res.Skipped > 0 {
		fmt.Fprintf(stderr, "dyad export: %d event(s) without a PLOVER type (statements, appeals) left out\n", res.Skipped)
	}
	return nil
}

// countryNames maps country codes to the canonical names of the
// dictionaries (the embedded ones, then --dict directories).
func countryNames(dirs []string) (map[string]string, error) {
	d, err := dict.Load(data.FS)
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		if err := d.Add(os.DirFS(dir)); err != nil {
			return nil, err
		}
	}
	names := map[string]string{}
	for _, c := range d.Countries {
		names[c.Code] = c.Name
	}
	return names, nil
}
