package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"dyad/eval"
	"dyad/pipeline"
	"dyad/read"
)

func cmdEval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	gold := fs.String("gold", "", "gold file: a seed gold.json, PLOVER records (JSON array) or PETRARCH validation XML")
	kind := fs.String("kind", "", "seed, plover, petrxml, polnear or geo (default: from the gold file; a PolNeAR split or a geo directory by its contents)")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("%w: --gold is required", errUsage)
	}
	k := *kind
	if k == "" {
		k = guessKind(*gold)
	}
	if k == "polnear" {
		r, err := evalPolnear(&c, *gold)
		if err != nil {
			return err
		}
		return writeReport(stdout, r, *asJSON)
	}
	if k == "geo" {
		res, err := c.resources()
		if err != nil {
			return err
		}
		p, err := pipeline.Default(res, nil)
		if err != nil {
			return err
		}
		reps, err := eval.GeoBenchmark(*gold, eval.GeoCoder(p))
		if err != nil {
			return err
		}
		return writeReport(stdout, reps, *asJSON)
	}
	g, err := os.ReadFile(*gold)
	if err != nil {
		return err
	}
	var out []eval.OutDoc
	if len(pos) > 0 {
		// score an existing output
		for _, p := range pos {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			docs, err := eval.ReadOutput(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			out = append(out, docs...)
		}
	} else {
		// code the gold's own texts
		input, format, err := goldInput(k, *gold, g)
		if err != nil {
			return err
		}
		res, err := c.resources()
		if err != nil {
			return err
		}
		p, err := pipeline.Default(res, nil)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		_, err = codeAll(p, []string{input}, read.Options{Format: format}, runtime.GOMAXPROCS(0), &buf, func(e error) {
			fmt.Fprintf(stderr, "dyad eval: %v\n", e)
		})
		if err != nil {
			return err
		}
		if out, err = eval.ReadOutput(&buf); err != nil {
			return err
		}
	}
	var report interface{ WriteText(io.Writer) }
	switch k {
	case "seed":
		report, err = eval.Seed(bytes.NewReader(g), out)
	case "plover":
		report, err = eval.Plover(bytes.NewReader(g), nil, out)
	case "petrxml":
		report, err = eval.PetrXML(bytes.NewReader(g), out)
	default:
		return fmt.Errorf("%w: --kind %q: want seed, plover, petrxml, polnear or geo", errUsage, k)
	}
	if err != nil {
		return err
	}
	return writeReport(stdout, report, *asJSON)
}

// writeReport writes an evaluation report as text or, with asJSON, as
// indented JSON.
func writeReport(w io.Writer, report interface{ WriteText(io.Writer) }, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	report.WriteText(w)
	return nil
}

func guessKind(path string) string {
	if st, err := os.Stat(filepath.Join(path, "attributions")); err == nil && st.IsDir() {
		return "polnear"
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "geo"
	}
	switch {
	case strings.HasSuffix(path, ".xml"):
		return "petrxml"
	case strings.Contains(filepath.Base(path), "plover"):
		return "plover"
	}
	return "seed"
}

// goldInput returns the input to code for a gold file: the seed's article
// (named by the gold's "document" field), or the gold file itself.
func goldInput(kind, path string, g []byte) (string, read.Format, error) {
	switch kind {
	case "seed":
		var meta struct {
			Document string `json:"document"`
		}
		if err := json.Unmarshal(g, &meta); err != nil || meta.Document == "" {
			return "", "", fmt.Errorf("%s: no \"document\" field naming the article", path)
		}
		return filepath.Join(filepath.Dir(path), meta.Document), read.FormatAuto, nil
	case "plover":
		return path, read.FormatJSON, nil
	case "petrxml":
		return path, read.FormatPetrXML, nil
	}
	return "", "", fmt.Errorf("%w: --kind %q", errUsage, kind)
}
