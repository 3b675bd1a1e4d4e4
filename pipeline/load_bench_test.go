package pipeline_test

// Start-up cost: loading every embedded dictionary (countries, actors,
// agents, verb patterns, lemmas), compiling the actor and verb matchers, and
// loading the part-of-speech tagger model. The budget (issue 3) is 200 ms
// and 150 MB for all of it; a benchmark rather than a timed unit test, so
// that a slow or shared machine reports a figure instead of failing:
//
//	go test -run '^$' -bench 'Load' -benchmem -count 3 ./pipeline
//
// Each benchmark reports ns/op and B/op (bytes allocated per load) and, as
// "heap-MB", the heap a loaded set of resources keeps live; the cold
// benchmark also reports "peak-heap-MB", the largest heap seen while loading.

import (
	"runtime"
	"testing"

	"dyad/actors"
	"dyad/data"
	"dyad/dict"
	"dyad/events"
	"dyad/internal/prosenlp"
	"dyad/pipeline"
)

// budget is issue 3's target for loading everything.
const (
	budgetNs    = 200e6
	budgetBytes = 150 << 20
)

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// keep holds the last load so that the live-heap figure counts it.
var keep any

// BenchmarkLoadCold is a process's first pipeline.Load: the tagger model
// is decoded (prosenlp.Load) as well as every dictionary parsed and
// compiled. This is the figure to hold against the 200 ms / 150 MB budget.
func BenchmarkLoadCold(b *testing.B) {
	b.ReportAllocs()
	keep = nil
	base := heapMB()
	alloc := totalAlloc()
	var peak uint64
	for b.Loop() {
		m, err := prosenlp.Load()
		if err != nil {
			b.Fatal(err)
		}
		d, err := dict.Load(data.FS)
		if err != nil {
			b.Fatal(err)
		}
		r, err := pipeline.FromDict(d)
		if err != nil {
			b.Fatal(err)
		}
		r.Model = m // what FromDict would hold had the model not been loaded before
		keep = r
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
	}
	b.StopTimer()
	b.ReportMetric(heapMB()-base, "heap-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	report(b, totalAlloc()-alloc)
}

// BenchmarkLoad is pipeline.Load as later calls in a process see it: the
// tagger model is shared (prosenlp.Default), the dictionaries are read and
// compiled anew.
func BenchmarkLoad(b *testing.B) {
	if _, err := prosenlp.Default(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	keep = nil
	base := heapMB()
	alloc := totalAlloc()
	for b.Loop() {
		r, err := pipeline.Load()
		if err != nil {
			b.Fatal(err)
		}
		keep = r
	}
	b.StopTimer()
	b.ReportMetric(heapMB()-base, "heap-MB")
	report(b, totalAlloc()-alloc)
}

// BenchmarkLoadModel decodes the tagger model only (prosenlp.Load).
func BenchmarkLoadModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m, err := prosenlp.Load()
		if err != nil {
			b.Fatal(err)
		}
		keep = m
	}
}

// BenchmarkLoadDictionaries parses the embedded dictionary files only.
func BenchmarkLoadDictionaries(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, err := dict.Load(data.FS)
		if err != nil {
			b.Fatal(err)
		}
		keep = d
	}
}

// BenchmarkCompileActors builds the actor matcher from parsed dictionaries.
func BenchmarkCompileActors(b *testing.B) {
	d, err := dict.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		keep = actors.Compile(d)
	}
}

// BenchmarkCompileVerbs builds the verb-pattern matcher.
func BenchmarkCompileVerbs(b *testing.B) {
	d, err := dict.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		keep = events.CompileVerbs(d.Verbs)
	}
}

// report logs the figures that exceed the budget; it does not fail, since
// timings depend on the machine. alloc is the bytes allocated by all b.N
// loads (the loop's own bookkeeping included, which is small).
func report(b *testing.B, alloc uint64) {
	if b.N == 0 {
		return
	}
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	perOp := alloc / uint64(b.N)
	if ns > budgetNs {
		b.Logf("over the time budget: %.0f ms per load, budget %.0f ms", ns/1e6, budgetNs/1e6)
	}
	if perOp > budgetBytes {
		b.Logf("over the memory budget: %d MB allocated per load, budget %d MB", perOp>>20, budgetBytes>>20)
	}
}
