package doc

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stopped part of the work.
type Severity uint8

const (
	Warning Severity = iota // the stage finished; something was skipped or guessed
	Error                   // part of the input could not be processed
)

// Diagnostic is one positioned message from a stage. Code is a stable
// identifier such as "read.date" that logs and the UI can be searched by.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Stage    string
	Code     string
	Msg      string
}

// Diagnostics is a list of diagnostics, modelled on go/scanner.ErrorList.
type Diagnostics []Diagnostic

// Add appends a diagnostic.
func (l *Diagnostics) Add(pos Pos, sev Severity, stage, code, msg string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Stage: stage, Code: code, Msg: msg})
}

// Sort orders the list by position.
func (l Diagnostics) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos < l[j].Pos })
}

// Errors returns only the diagnostics of Error severity.
func (l Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Err returns an error listing the Error diagnostics, or nil when there are none.
func (l Diagnostics) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	var b strings.Builder
	for i, d := range errs {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", d.Code, d.Msg)
	}
	return fmt.Errorf("%s", b.String())
}
