package pipeline

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"dyad/dict/petrarch"
	"dyad/dict/tabari"
)

// LoadSpecs loads the resources for dictionary specs as the command line
// gives them (--dict, repeatable): a directory of dyad dictionary files
// extends or replaces the embedded ones; "petrarch:DIR" and "tabari:FILE"
// load PETRARCH or TABARI dictionaries, converted, which then replace the
// embedded ones (the directories extend them). Lines that could not be
// read or converted are reported on warn; a missing file or directory is an
// error.
func LoadSpecs(specs []string, warn io.Writer) (*Resources, error) {
	var ovs []fs.FS
	var legacy *petrarch.Set
	for _, d := range specs {
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
		return Load(ovs...)
	}
	for _, o := range ovs {
		if err := legacy.Dict.Add(o); err != nil {
			return nil, err
		}
	}
	return FromDict(legacy.Dict)
}
