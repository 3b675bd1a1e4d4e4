package eval_test

import (
	"context"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"dyad/doc"
	"dyad/eval"
	"dyad/pipeline"
	"dyad/quotes"
)

func TestParsePolnearAnn(t *testing.T) {
	// code point offsets: “ is one code point but three bytes
	text := "“We win,” he said. “Again.”"
	ann := "T1\tSource 10 12\the\n" +
		"T2\tCue 13 17\tsaid\n" +
		"T3\tContent 0 9;19 27\t“We win,” “Again.”\n" +
		"T4\tAttribution 13 17\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tDiscard 0 2\t“W\n"
	as, err := eval.ParsePolnearAnn(text, strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 {
		t.Fatalf("got %d attributions", len(as))
	}
	a := as[0]
	slice := func(s doc.Span) string { return text[s.Start:s.End] }
	if got := slice(a.Source[0]); got != "he" {
		t.Errorf("source %q", got)
	}
	if len(a.Content) != 2 || slice(a.Content[0]) != "“We win,”" || slice(a.Content[1]) != "“Again.”" {
		t.Errorf("content %v", a.Content)
	}
	if !a.Direct {
		t.Error("not direct")
	}
	if _, err := eval.ParsePolnearAnn(text, strings.NewReader("T1\tSource 10 99\tx\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad range: err = %v", err)
	}
}

func TestScorePolNeAR(t *testing.T) {
	text := `Putin said Moscow opposed a truce. "We will win," he said. Officials feared an attack.`
	at := func(s string) doc.Span {
		i := strings.Index(text, s)
		return doc.Span{Start: int32(i), End: int32(i + len(s))}
	}
	art := eval.PolnearArticle{ID: "a", Text: text, Attributions: []eval.PolnearAttribution{
		{ID: "E1", Source: []doc.Span{at("Putin")}, Content: []doc.Span{at("Moscow opposed a truce")}},
		{ID: "E2", Source: []doc.Span{at("he")}, Content: []doc.Span{at(`"We will win,"`)}, Direct: true},
		{ID: "E3", Source: []doc.Span{at("Officials")}, Content: []doc.Span{at("an attack")}},
	}}
	pred := map[string][]eval.PolnearQuote{"a": {
		{Content: []doc.Span{at("Moscow opposed a truce")}, Source: at("Putin")},                // exact, right speaker
		{Content: []doc.Span{at("We will win")}, Source: at("Putin said"), Direct: true},        // exact words, wrong speaker
		{Content: []doc.Span{at("Officials feared an attack")}, Source: at("Officials feared")}, // Jaccard 2/4: loose match
	}}
	r := eval.ScorePolNeAR([]eval.PolnearArticle{art}, pred)
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	near("span F1", r.Span.F1, 1)
	near("strict span P", r.StrictSpan.Precision, 2.0/3)
	near("word P", r.Words.Precision, 9.0/11)
	near("word R", r.Words.Recall, 1)
	near("speaker accuracy", r.SpeakerAccuracy, 2.0/3)
	near("direct span F1", r.DirectSpan.F1, 1)
	near("direct speaker accuracy", r.DirectSpeakerAccuracy, 0)
	if !strings.Contains(r.ScoreLine(), "speaker accuracy 0.667") {
		t.Errorf("score line: %s", r.ScoreLine())
	}
}

const polnearDev = "../../shared/eval/quotes/polnear/dev"

var (
	resOnce sync.Once
	res     *pipeline.Resources
	resErr  error
)

// polnearCoder returns the function that codes a PolNeAR article with the
// default pipeline followed by the quotes stage: the same wiring
// `dyad eval --kind polnear` uses.
func polnearCoder(tb testing.TB) func(a *eval.PolnearArticle) ([]eval.PolnearQuote, error) {
	resOnce.Do(func() { res, resErr = pipeline.Load() })
	if res == nil {
		tb.Fatal(resErr)
	}
	base, err := pipeline.Default(res, nil)
	if err != nil {
		tb.Fatal(err)
	}
	qs := quotes.New(res.Dict)
	stages := base.Stages()
	has := false
	for _, s := range stages {
		has = has || s.Name() == qs.Name()
	}
	if !has { // until pipeline/default.go lists the stage
		stages = append(stages, qs)
	}
	p, err := pipeline.New(stages...)
	if err != nil {
		tb.Fatal(err)
	}
	return func(a *eval.PolnearArticle) ([]eval.PolnearQuote, error) {
		d := &doc.Doc{ID: a.ID, Date: a.Date, Text: a.Text}
		if err := p.Run(context.Background(), d); err != nil {
			return nil, err
		}
		var out []eval.PolnearQuote
		for _, c := range qs.Find(d) {
			out = append(out, eval.PolnearQuote{Content: c.Parts, Source: c.Source, Cue: c.Cue, Direct: c.Direct})
		}
		return out, nil
	}
}

func loadPolnear(tb testing.TB) []eval.PolnearArticle {
	if _, err := os.Stat(polnearDev); err != nil {
		tb.Skipf("../shared is absent (%v): no PolNeAR", err)
	}
	arts, err := eval.ReadPolNeAR(polnearDev)
	if err != nil {
		tb.Fatal(err)
	}
	return arts
}

// TestPolNeARDev scores the quotes stage on PolNeAR's dev split and logs
// the report (go test -run PolNeARDev -v ./eval). The floors only catch a
// stage that stopped working.
func TestPolNeARDev(t *testing.T) {
	arts := loadPolnear(t)
	r, err := eval.PolNeAR(arts, polnearCoder(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteText(&b)
	t.Log("\n" + b.String())
	if r.Articles < 80 || r.Gold < 2000 {
		t.Errorf("read %d articles, %d attributions", r.Articles, r.Gold)
	}
	if r.DirectSpan.F1 < 0.4 || r.SpeakerAccuracy < 0.5 || r.Span.F1 < 0.2 {
		t.Errorf("below the floors: %s", r.ScoreLine())
	}
}

// BenchmarkPolNeAR codes and scores PolNeAR dev, reporting the figures as
// metrics.
func BenchmarkPolNeAR(b *testing.B) {
	arts := loadPolnear(b)
	code := polnearCoder(b)
	var r *eval.PolnearReport
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if r, err = eval.PolNeAR(arts, code); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(r.Span.F1, "span-F1")
	b.ReportMetric(r.Words.F1, "word-F1")
	b.ReportMetric(r.SpeakerAccuracy, "speaker-acc")
	b.ReportMetric(r.DirectSpan.F1, "direct-span-F1")
}
