package petrarch

import (
	"errors"

	"dyad/dict"
)

// conv collects the output, errors and notes of one file's conversion.
type conv struct {
	file string
	opts *Options
	set  *Set
	errs []error
}

func newConv(file string, opts *Options) *conv {
	return &conv{file: file, opts: opts, set: newSet()}
}

// bad records a malformed line: an error (with the details), and a
// skipped note (with a stable reason).
func (c *conv) bad(line int, err error, msg, text string) {
	c.errs = append(c.errs, &dict.Error{File: c.file, Line: line, Err: err, Msg: msg})
	reason := "malformed line"
	switch {
	case errors.Is(err, dict.ErrDate):
		reason = "malformed date restriction"
	case errors.Is(err, dict.ErrCode):
		reason = "malformed code"
	}
	c.set.Report.add(Skipped, c.file, line, reason+" (see the error list)", text)
}

func (c *conv) skip(line int, reason, text string) {
	c.set.Report.add(Skipped, c.file, line, reason, text)
}

func (c *conv) approx(line int, reason, text string) {
	c.set.Report.add(Approximated, c.file, line, reason, text)
}

func (c *conv) result() (*Set, error) { return c.set, errors.Join(c.errs...) }

// OnlyLineErrors reports whether err (as returned by Load, LoadDir,
// LoadFiles or a Parse function) holds nothing but *dict.Error values:
// malformed lines that were skipped, which leave the Set usable and are
// worth showing as warnings. It is false for nil and for any other error,
// such as a missing directory or file or ErrNoDictionaries.
func OnlyLineErrors(err error) bool {
	if err == nil {
		return false
	}
	var walk func(error) bool
	walk = func(e error) bool {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				if !walk(x) {
					return false
				}
			}
			return true
		}
		var de *dict.Error
		return errors.As(e, &de)
	}
	return walk(err)
}
