// Package compat holds dyad's compatibility suites: the unit-test records of
// PETRARCH-2 (PETR.UnitTest.records.xml with its PETR.Validate.*
// dictionaries) and TABARI's Validate.text (with the dictionaries
// Validate.project names), run through dyad's pipeline with those
// dictionaries converted by packages dict/petrarch and dict/tabari. A record
// passes when dyad's set of (source, target, code) equals the expected set.
// The suites read ../shared and skip when it is absent.
//
//	go test ./compat -run Compat -v                   # the figures, per category
//	COMPAT_MISSES=1 go test ./compat -run Compat -v   # and every miss
package compat
