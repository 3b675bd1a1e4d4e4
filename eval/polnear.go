package eval

// PolNeAR (Newell, Margolin and Ruths, LREC 2018): political news articles
// in which every attribution (a source, a cue and the content attributed to
// the source) is annotated in brat standoff format. This file reads a split
// of it and scores quotes against it.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dyad/doc"
)

// PolnearArticle is one article of a PolNeAR split with its attributions.
// Offsets are byte offsets into Text (the .ann files count code points;
// ReadPolNeAR converts them).
type PolnearArticle struct {
	ID           string    // the text file's name without ".txt"
	Annotator    string    // the annotator whose .ann file was read
	Date         time.Time // from the file name (publisher_YYYY-MM-DD_slug)
	Text         string
	Attributions []PolnearAttribution
}

// PolnearAttribution is one annotated attribution. Source is empty for an
// "Attribution-no-source"; Content has several spans when the annotators
// joined discontinuous parts (a quote split around its attribution, or
// continued in a later paragraph).
type PolnearAttribution struct {
	ID      string
	Source  []doc.Span
	Cue     []doc.Span
	Content []doc.Span
	// Direct reports whether the content opens with a quote mark.
	Direct bool
}

// PolnearQuote is one predicted quote: its content (one span per part) and
// the words naming its speaker where the attribution stands (zero when
// none), as byte offsets into the article text.
//
// Predictions with the same non-empty Cue are scored as one attribution,
// their contents joined: PolNeAR annotates a quote continued over several
// paragraphs, or split around its attribution, as one attribution.
type PolnearQuote struct {
	Content []doc.Span
	Source  doc.Span
	Cue     doc.Span
	Direct  bool
}

// mergeByCue joins the predictions that share a non-empty cue.
func mergeByCue(ps []PolnearQuote) []PolnearQuote {
	var out []PolnearQuote
	at := map[doc.Span]int{}
	for _, p := range ps {
		if p.Cue.End > p.Cue.Start {
			if i, ok := at[p.Cue]; ok {
				out[i].Content = append(out[i].Content, p.Content...)
				continue
			}
			at[p.Cue] = len(out)
		}
		p.Content = append([]doc.Span(nil), p.Content...)
		out = append(out, p)
	}
	return out
}

// ErrPolnear is wrapped by every error of ReadPolNeAR.
var ErrPolnear = errors.New("eval: polnear")

// ReadPolNeAR reads one split directory of PolNeAR (for instance
// ../shared/eval/quotes/polnear/dev): text/NAME.txt and
// attributions/NAME_ANNOTATOR.ann. An article annotated by several
// annotators is read once, with the first annotation file in name order.
// Articles come in name order.
func ReadPolNeAR(dir string) ([]PolnearArticle, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPolnear, err)
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("%w: no attributions/*.ann under %s", ErrPolnear, dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var out []PolnearArticle
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		cut := strings.LastIndexByte(base, '_')
		if cut < 0 {
			return nil, fmt.Errorf("%w: %s: want NAME_ANNOTATOR.ann", ErrPolnear, ann)
		}
		id, annotator := base[:cut], base[cut+1:]
		if seen[id] {
			continue
		}
		seen[id] = true
		text, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrPolnear, err)
		}
		f, err := os.Open(ann)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrPolnear, err)
		}
		attrs, err := ParsePolnearAnn(string(text), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrPolnear, ann, err)
		}
		a := PolnearArticle{ID: id, Annotator: annotator, Text: string(text), Attributions: attrs}
		if parts := strings.SplitN(id, "_", 3); len(parts) >= 2 {
			a.Date, _ = time.Parse("2006-01-02", parts[1])
		}
		out = append(out, a)
	}
	return out, nil
}

// ParsePolnearAnn reads a brat standoff file for text: T lines (a label
// Source, Cue, Content or Content2, and code point ranges joined by ";")
// and the E lines that tie them into attributions. Other labels
// (Attribution, Discuss, Discard) are skipped. An error names the line.
func ParsePolnearAnn(text string, r io.Reader) ([]PolnearAttribution, error) {
	// code point offset → byte offset
	pos := make([]int, 0, len(text)+1)
	for i := range text {
		pos = append(pos, i)
	}
	pos = append(pos, len(text))
	type tspan struct {
		label string
		spans []doc.Span
	}
	ts := map[string]tspan{}
	var events [][]string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(f[0], "T"):
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: want ID\\tLABEL RANGES\\tTEXT", n)
			}
			label, ranges, _ := strings.Cut(f[1], " ")
			var spans []doc.Span
			for _, rg := range strings.Split(ranges, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(rg), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(pos) {
					return nil, fmt.Errorf("line %d: bad range %q", n, rg)
				}
				spans = append(spans, doc.Span{Start: int32(pos[s]), End: int32(pos[e])})
			}
			ts[f[0]] = tspan{label, spans}
		case strings.HasPrefix(f[0], "E"):
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: want ID\\tROLE:T…", n)
			}
			events = append(events, append([]string{f[0]}, strings.Fields(f[1])...))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []PolnearAttribution
	for _, ev := range events {
		a := PolnearAttribution{ID: ev[0]}
		for _, arg := range ev[1:] {
			role, tid, _ := strings.Cut(arg, ":")
			t, ok := ts[tid]
			if !ok {
				continue
			}
			switch {
			case role == "Source":
				a.Source = append(a.Source, t.spans...)
			case role == "Cue":
				a.Cue = append(a.Cue, t.spans...)
			case strings.HasPrefix(role, "Content"):
				a.Content = append(a.Content, t.spans...)
			}
		}
		if len(a.Content) == 0 {
			continue
		}
		sort.Slice(a.Content, func(i, j int) bool { return a.Content[i].Start < a.Content[j].Start })
		first := strings.TrimLeftFunc(text[a.Content[0].Start:a.Content[0].End], unicode.IsSpace)
		r, _ := utf8.DecodeRuneInString(first)
		a.Direct = strings.ContainsRune("\"“‘'«", r)
		out = append(out, a)
	}
	return out, nil
}

// PolnearReport is the score of predicted quotes against PolNeAR.
//
// Texts are compared by words (maximal runs of letters and digits), so quote
// marks, punctuation and white space never count. A predicted quote and a
// gold attribution match when the Jaccard index of their content words is
// at least 0.5; quotes are matched one to one, best pairs first.
//
//   - Span P/R/F1: matched predictions over predictions, matched gold
//     attributions over gold attributions. Strict: the same, counting only
//     pairs whose words are identical (a leading "that" aside).
//   - Word P/R/F1: content words predicted that are in some gold content,
//     over all content words predicted; gold content words predicted, over
//     all gold content words.
//   - Speaker accuracy: of the matched pairs, those whose predicted source
//     shares a word with the gold source (or both are empty). Source
//     P/R/F1 counts those pairs over predictions and over gold.
//   - Direct: the same span and speaker figures for the gold attributions
//     whose content opens with a quote mark and the predictions marked
//     direct (a pair counts when both are direct).
type PolnearReport struct {
	Articles  int `json:"articles"`
	Gold      int `json:"gold"`      // gold attributions
	Predicted int `json:"predicted"` // predicted quotes

	Span       PolnearPRF `json:"span"`        // loose (Jaccard ≥ 0.5)
	StrictSpan PolnearPRF `json:"strict_span"` // identical words
	Words      PolnearPRF `json:"words"`
	Source     PolnearPRF `json:"source"`
	// SpeakerAccuracy is SpeakerCorrect / Span.Matched.
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
	SpeakerCorrect  int     `json:"speaker_correct"`

	DirectSpan            PolnearPRF `json:"direct_span"`
	DirectSpeakerAccuracy float64    `json:"direct_speaker_accuracy"`

	// Misses lists up to MaxPolnearMisses gold direct quotes not found and
	// predicted quotes matching nothing, for inspection.
	Misses []PolnearMiss `json:"misses"`
}

// MaxPolnearMisses bounds PolnearReport.Misses.
const MaxPolnearMisses = 40

// PolnearPRF is a precision/recall/F1 triple with its counts.
type PolnearPRF struct {
	Matched   int     `json:"matched"`    // predictions matched (for precision)
	GoldFound int     `json:"gold_found"` // gold items matched (for recall)
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (p *PolnearPRF) finish() {
	p.Precision = pnRatio(p.Matched, p.Predicted)
	p.Recall = pnRatio(p.GoldFound, p.Gold)
	p.F1 = pnF1(p.Precision, p.Recall)
}

func (p PolnearPRF) String() string {
	return fmt.Sprintf("P %.3f (%d/%d)  R %.3f (%d/%d)  F1 %.3f", p.Precision, p.Matched, p.Predicted,
		p.Recall, p.GoldFound, p.Gold, p.F1)
}

// PolnearMiss is a gold quote not found ("missed") or a prediction matching
// no gold attribution ("spurious").
type PolnearMiss struct {
	Article string `json:"article"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Source  string `json:"source"`
}

func pnRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func pnF1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// pnWords returns the byte offsets of the words starting inside spans, in
// order, without duplicates.
func pnWords(text string, spans []doc.Span) []int {
	var out []int
	for _, s := range spans {
		in := false
		for i, r := range text[s.Start:s.End] {
			w := unicode.IsLetter(r) || unicode.IsDigit(r)
			if w && !in {
				out = append(out, int(s.Start)+i)
			}
			in = w
		}
	}
	sort.Ints(out)
	return compactInts(out)
}

func compactInts(xs []int) []int {
	if len(xs) == 0 {
		return xs
	}
	n := 1
	for _, x := range xs[1:] {
		if x != xs[n-1] {
			xs[n] = x
			n++
		}
	}
	return xs[:n]
}

func pnOverlap(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// ScorePolNeAR scores predicted quotes (by article ID) against the gold
// attributions; see PolnearReport for the measures.
func ScorePolNeAR(arts []PolnearArticle, pred map[string][]PolnearQuote) *PolnearReport {
	r := &PolnearReport{Articles: len(arts)}
	for ai := range arts {
		a := &arts[ai]
		ps := mergeByCue(pred[a.ID])
		r.Gold += len(a.Attributions)
		r.Predicted += len(ps)
		gw := make([][]int, len(a.Attributions))
		gs := make([][]int, len(a.Attributions))
		var allGold []int
		for j, g := range a.Attributions {
			gw[j] = pnWords(a.Text, g.Content)
			gs[j] = pnWords(a.Text, g.Source)
			allGold = append(allGold, gw[j]...)
		}
		pw := make([][]int, len(ps))
		var allPred []int
		for i, p := range ps {
			pw[i] = pnWords(a.Text, p.Content)
			allPred = append(allPred, pw[i]...)
		}
		sort.Ints(allGold)
		sort.Ints(allPred)
		allGold, allPred = compactInts(allGold), compactInts(allPred)
		ov := pnOverlap(allGold, allPred)
		r.Words.Matched += ov
		r.Words.GoldFound += ov
		r.Words.Predicted += len(allPred)
		r.Words.Gold += len(allGold)

		// one-to-one matching, best Jaccard first
		type pair struct {
			i, j int
			jac  float64
		}
		var pairs []pair
		for i := range ps {
			for j := range a.Attributions {
				o := pnOverlap(pw[i], gw[j])
				if o == 0 {
					continue
				}
				u := len(pw[i]) + len(gw[j]) - o
				if jac := float64(o) / float64(u); jac >= 0.5 {
					pairs = append(pairs, pair{i, j, jac})
				}
			}
		}
		sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].jac > pairs[y].jac })
		pUsed := make([]bool, len(ps))
		gUsed := make([]bool, len(a.Attributions))
		for _, pr := range pairs {
			if pUsed[pr.i] || gUsed[pr.j] {
				continue
			}
			pUsed[pr.i], gUsed[pr.j] = true, true
			g, p := a.Attributions[pr.j], ps[pr.i]
			r.Span.Matched++
			if sameWords(a.Text, pw[pr.i], gw[pr.j]) {
				r.StrictSpan.Matched++
			}
			sp := pnWords(a.Text, nonEmpty(p.Source))
			ok := len(sp) == 0 && len(gs[pr.j]) == 0 || pnOverlap(sp, gs[pr.j]) > 0
			if ok {
				r.SpeakerCorrect++
			}
			if p.Direct && g.Direct {
				r.DirectSpan.Matched++
				r.DirectSpan.GoldFound++
				if ok {
					r.DirectSpeakerAccuracy++ // a count until finished
				}
			}
		}
		for j, g := range a.Attributions {
			if g.Direct {
				r.DirectSpan.Gold++
				if !gUsed[j] && len(r.Misses) < MaxPolnearMisses {
					r.Misses = append(r.Misses, PolnearMiss{Article: a.ID, Kind: "missed", Text: pnClip(spanText(a.Text, g.Content), 100), Source: spanText(a.Text, g.Source)})
				}
			}
		}
		for i, p := range ps {
			if p.Direct {
				r.DirectSpan.Predicted++
			}
			if !pUsed[i] && len(r.Misses) < MaxPolnearMisses {
				r.Misses = append(r.Misses, PolnearMiss{Article: a.ID, Kind: "spurious", Text: pnClip(spanText(a.Text, p.Content), 100), Source: spanText(a.Text, nonEmpty(p.Source))})
			}
		}
	}
	r.Span.GoldFound = r.Span.Matched
	r.StrictSpan.GoldFound = r.StrictSpan.Matched
	for _, p := range []*PolnearPRF{&r.Span, &r.StrictSpan} {
		p.Predicted, p.Gold = r.Predicted, r.Gold
	}
	r.Source = PolnearPRF{Matched: r.SpeakerCorrect, GoldFound: r.SpeakerCorrect, Predicted: r.Predicted, Gold: r.Gold}
	if n := r.DirectSpan.GoldFound; n > 0 {
		r.DirectSpeakerAccuracy /= float64(n)
	}
	r.SpeakerAccuracy = pnRatio(r.SpeakerCorrect, r.Span.Matched)
	for _, p := range []*PolnearPRF{&r.Span, &r.StrictSpan, &r.Words, &r.Source, &r.DirectSpan} {
		p.finish()
	}
	return r
}

func nonEmpty(s doc.Span) []doc.Span {
	if s.End <= s.Start {
		return nil
	}
	return []doc.Span{s}
}

// sameWords reports whether two word lists hold the same words, a leading
// "that" of either aside.
func sameWords(text string, a, b []int) bool {
	word := func(off int) string {
		end := off
		for end < len(text) {
			r, sz := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			end += sz
		}
		return strings.ToLower(text[off:end])
	}
	trim := func(ws []int) []int {
		if len(ws) > 0 && word(ws[0]) == "that" {
			return ws[1:]
		}
		return ws
	}
	a, b = trim(a), trim(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func spanText(text string, spans []doc.Span) string {
	var parts []string
	for _, s := range spans {
		parts = append(parts, text[s.Start:s.End])
	}
	return strings.Join(parts, " … ")
}

func pnClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// PolNeAR codes every article with code and scores the quotes it returns.
// code receives the article (Text, Date and ID are what a reader would
// give) and returns the predicted quotes with offsets into a.Text. An error
// from code stops the run.
func PolNeAR(arts []PolnearArticle, code func(a *PolnearArticle) ([]PolnearQuote, error)) (*PolnearReport, error) {
	pred := make(map[string][]PolnearQuote, len(arts))
	for i := range arts {
		qs, err := code(&arts[i])
		if err != nil {
			return nil, fmt.Errorf("eval: polnear %s: %w", arts[i].ID, err)
		}
		pred[arts[i].ID] = qs
	}
	return ScorePolNeAR(arts, pred), nil
}

// ScoreLine is the report in one line.
func (r *PolnearReport) ScoreLine() string {
	return fmt.Sprintf("polnear: %d articles, %d gold attributions, %d quotes; span F1 %.3f (strict %.3f), word F1 %.3f, speaker accuracy %.3f, source F1 %.3f; direct quotes: span F1 %.3f, speaker accuracy %.3f",
		r.Articles, r.Gold, r.Predicted, r.Span.F1, r.StrictSpan.F1, r.Words.F1, r.SpeakerAccuracy, r.Source.F1,
		r.DirectSpan.F1, r.DirectSpeakerAccuracy)
}

// WriteText prints the figures, then the listed misses.
func (r *PolnearReport) WriteText(w io.Writer) {
	var err error
	pf := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	pf("%s\n", r.ScoreLine())
	pf("  span (Jaccard ≥ 0.5)  %s\n", r.Span)
	pf("  span (strict)         %s\n", r.StrictSpan)
	pf("  content words         %s\n", r.Words)
	pf("  source                %s\n", r.Source)
	pf("  speaker accuracy      %.3f (%d/%d matched quotes)\n", r.SpeakerAccuracy, r.SpeakerCorrect, r.Span.Matched)
	pf("  direct quotes: span   %s; speaker accuracy %.3f\n", r.DirectSpan, r.DirectSpeakerAccuracy)
	if len(r.Misses) > 0 {
		pf("\nfirst %d misses (gold direct quotes not found, predictions matching nothing):\n", len(r.Misses))
		for _, m := range r.Misses {
			pf("  %-8s %s  %q  ← %q\n", m.Kind, m.Article, m.Text, m.Source)
		}
	}
}
