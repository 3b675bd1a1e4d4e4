package compat

import (
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/dict/petrarch"
	"dyad/dict/tabari"
	"dyad/pipeline"
)

// resources is the wiring proposed for cmd/dyad's common.resources():
// "--dict petrarch:DIR" and "--dict tabari:FILE" load legacy dictionaries
// that replace dyad's embedded ones (dyad's lemma table excepted), several
// of them are merged, and plain directories extend the result. Malformed
// lines are warnings; a missing file or directory is an error.
func resources(dicts []string, warn io.Writer) (*pipeline.Resources, error) {
	var ovs []iofs.FS
	var legacy *petrarch.Set
	for _, d := range dicts {
		var set *petrarch.Set
		var err error
		switch {
		case strings.HasPrefix(d, "petrarch:"):
			set, err = petrarch.LoadDir(strings.TrimPrefix(d, "petrarch:"), nil)
		case strings.HasPrefix(d, "tabari:"):
			set, err = tabari.Load(strings.TrimPrefix(d, "tabari:"), nil)
		default:
			st, err := os.Stat(d)
			if err != nil {
				return nil, err
			}
			if !st.IsDir() {
				return nil, fmt.Errorf("--dict %s: not a directory", d)
			}
			ovs = append(ovs, os.DirFS(d))
			continue
		}
		if err != nil && !petrarch.OnlyLineErrors(err) {
			return nil, fmt.Errorf("--dict %s: %w", d, err)
		}
		if err != nil {
			fmt.Fprintf(warn, "dyad: --dict %s: %d malformed lines skipped:\n%v\n", d, strings.Count(err.Error(), "\n")+1, err)
		}
		if n := set.Report.Count(petrarch.Skipped) + set.Report.Count(petrarch.Approximated); n > 0 {
			fmt.Fprintf(warn, "dyad: --dict %s: converted with losses: %s", d, set.Report.Summary())
		}
		if legacy == nil {
			legacy = set
		} else {
			legacy.Add(set)
		}
	}
	if legacy == nil {
		return pipeline.Load(ovs...)
	}
	for _, o := range ovs {
		if err := legacy.Dict.Add(o); err != nil {
			return nil, err
		}
	}
	return pipeline.FromDict(legacy.Dict)
}

func TestWiring(t *testing.T) {
	if _, err := os.Stat(petrDir); err != nil {
		t.Skipf("skipping: %v (../shared is absent)", err)
	}
	var warn strings.Builder
	res, err := resources([]string{"petrarch:" + petrDir, "tabari:" + filepath.Join(tabariDir, "Validate.project")}, &warn)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Dict.Verbs) < 10000 || !strings.Contains(warn.String(), "malformed lines skipped") {
		t.Errorf("%d patterns; warnings:\n%.500s", len(res.Dict.Verbs), warn.String())
	}
	if _, err := resources([]string{"petrarch:/nonexistent"}, io.Discard); err == nil {
		t.Error("a missing directory must fail")
	}
	if _, err := resources([]string{"tabari:" + filepath.Join(tabariDir, "Validate.text")}, io.Discard); err == nil {
		t.Error("a file of unknown kind must fail")
	}
}
