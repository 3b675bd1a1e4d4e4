package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"dyad/doc"
	"dyad/export"
	"dyad/store"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

const story = "Russian warplanes hit Idlib on Monday. Turkey condemned the strikes.\n\nThe United Nations urged restraint."

var storyEvents = []storetest.E{
	{Src: "Russian warplanes", SrcCode: "RUSMIL", Verb: "hit", Tgt: "Idlib", TgtCode: "SYRREB", CAMEO: "195", Place: "Idlib", PlaceCountry: "SYR"},
	{Src: "Turkey", SrcCode: "TUR", Verb: "condemned", Tgt: "strikes", TgtCode: "RUSMIL", CAMEO: "111"},
	{Src: "The United Nations", SrcCode: "IGOUNO", Verb: "urged", CAMEO: "020"},
}

// fixture stores a small but varied set of events: two copies of one story
// (deduplicated), a statement coded "010", an undated article, non-ASCII
// text and a compound sector code.
func fixture(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "x.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	docs := []*doc.Doc{
		storetest.Doc("https://example.com/a", "feed.jsonl", "2018-09-07", story, storyEvents...),
		storetest.Doc("https://example.org/b", "feed.jsonl", "2018-09-07", "Report: "+story, storyEvents...),
		storetest.Doc("c.txt", "dir/c.txt", "2019-01-31", "Le président Erdoğan a dit. Hamas fighters fired rockets at Israel.",
			storetest.E{Src: "Erdoğan", SrcCode: "TURGOV", Verb: "dit", CAMEO: "010"},
			storetest.E{Src: "Hamas fighters", SrcCode: "PSEREBHMS", Verb: "fired", Tgt: "Israel", TgtCode: "ISR", CAMEO: "190"}),
		storetest.Doc("undated", "u.txt", "", "Iran praised Russia.",
			storetest.E{Src: "Iran", SrcCode: "IRN", Verb: "praised", Tgt: "Russia", TgtCode: "RUS", CAMEO: "051"}),
	}
	w, err := db.Writer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, err := w.Append(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return db
}

func allEvents(t *testing.T, r store.Reader, f store.Filter) []*store.Event {
	var out []*store.Event
	if err := r.Events(context.Background(), f, func(e *store.Event) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no events")
	}
	return out
}

func write(t *testing.T, db store.Reader, f store.Filter, format export.Format, opt export.Options) ([]byte, export.Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := export.Write(context.Background(), db, f, format, &buf, opt)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

func tsvRows(t *testing.T, data []byte, cols int) [][]string {
	t.Helper()
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != cols {
			t.Fatalf("row of %d fields, want %d: %q", len(f), cols, sc.Text())
		}
		rows = append(rows, f)
	}
	return rows
}

func TestGDELTRoundTrip(t *testing.T) {
	db := fixture(t)
	evs := allEvents(t, db, store.Filter{})
	data, res := write(t, db, store.Filter{}, export.GDELT, export.Options{})
	rows := tsvRows(t, data, 61)
	if res.Rows != len(evs) || len(rows) != len(evs) {
		t.Fatalf("%d rows (%d reported), want %d", len(rows), res.Rows, len(evs))
	}
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	for i, e := range evs {
		r := rows[i]
		get := func(c string) string { return r[col[c]] }
		if get("GLOBALEVENTID") != strconv.FormatInt(e.ID, 10) || get("EventCode") != e.CAMEO ||
			get("EventRootCode") != e.Root || get("QuadClass") != strconv.Itoa(e.Quad) ||
			get("NumMentions") != strconv.Itoa(e.NumMentions) || get("NumArticles") != strconv.Itoa(e.NumArticles) ||
			get("NumSources") != strconv.Itoa(e.NumSources) || get("SOURCEURL") != e.URL {
			t.Errorf("row %d = %q\nevent %+v", i, r, e)
		}
		if g, _ := strconv.ParseFloat(get("GoldsteinScale"), 64); g != e.Goldstein {
			t.Errorf("row %d: Goldstein %q, want %v", i, get("GoldsteinScale"), e.Goldstein)
		}
		wantDate := strings.ReplaceAll(e.Date, "-", "")
		if get("SQLDATE") != wantDate || (wantDate != "" && (get("Year") != wantDate[:4] || get("MonthYear") != wantDate[:6])) {
			t.Errorf("row %d: dates %q %q %q for %q", i, get("SQLDATE"), get("MonthYear"), get("Year"), e.Date)
		}
		if e.Source != nil && (get("Actor1Code") != e.Source.Code || get("Actor1CountryCode") != e.Source.Country ||
			get("Actor1Name") != strings.ToUpper(e.Source.Name)) {
			t.Errorf("row %d: actor1 %q", i, r[5:15])
		}
		if (e.Target == nil) != (get("Actor2Code") == "") {
			t.Errorf("row %d: actor2 %q, target %+v", i, get("Actor2Code"), e.Target)
		}
		if _, err := time.Parse("20060102150405", get("DATEADDED")); err != nil {
			t.Errorf("row %d: DATEADDED %q", i, get("DATEADDED"))
		}
		if e.Location != nil && (get("ActionGeo_FullName") != e.Location.Name || get("ActionGeo_Type") != "4") {
			t.Errorf("row %d: ActionGeo %q", i, r[51:59])
		}
	}
	// the code stays a string; known groups and religions are split out
	for i, e := range evs {
		switch e.CAMEO {
		case "010":
			if rows[i][col["EventCode"]] != "010" || rows[i][col["EventBaseCode"]] != "010" || rows[i][col["EventRootCode"]] != "01" {
				t.Errorf("statement: %q", rows[i][26:29])
			}
		case "190":
			a := rows[i][5:15]
			if a[0] != "PSEREBHMS" || a[2] != "PSE" || a[3] != "HMS" || a[7] != "REB" {
				t.Errorf("Hamas actor columns %q", a)
			}
		case "020":
			a := rows[i][5:15]
			if a[0] != "IGOUNO" || a[2] != "" || a[3] != "UNO" || a[7] != "IGO" {
				t.Errorf("UN actor columns %q", a)
			}
		}
	}
	// header
	data, _ = write(t, db, store.Filter{}, export.GDELT, export.Options{Header: true})
	if h := tsvRows(t, data, 61)[0]; !reflect.DeepEqual(h, export.GDELTColumns) {
		t.Errorf("header %q", h)
	}
}

// TestGDELTColumnsMatchReference checks the column order against GDELT's
// published header in ../shared, when it is there.
func TestGDELTColumnsMatchReference(t *testing.T) {
	ref := "../../shared/reference/gdelt/gdeltPyR_GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
	f, err := os.Open(ref)
	if err != nil {
		t.Skipf("../shared is absent (%v)", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, r := range recs[1:] {
		cols = append(cols, r[0])
	}
	if !reflect.DeepEqual(cols, export.GDELTColumns) {
		t.Errorf("columns differ from %s:\n got %q\nwant %q", ref, export.GDELTColumns, cols)
	}
	mref := "../../shared/reference/gdelt/gdeltPyR_GDELT_2.0_eventMentions_Column_Labels_Header_Row_Sep2016.tsv"
	data, err := os.ReadFile(mref)
	if err != nil {
		t.Fatal(err)
	}
	var mcols []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		mcols = append(mcols, strings.Split(line, "\t")[1])
	}
	if !reflect.DeepEqual(mcols, export.GDELTMentionColumns) {
		t.Errorf("mention columns %q, want %q", export.GDELTMentionColumns, mcols)
	}
	icews := "../../shared/reference/icews/icews_events.2018.sample_head50.tab"
	data, err = os.ReadFile(icews)
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Split(strings.SplitN(string(data), "\n", 2)[0], "\t"); !reflect.DeepEqual(h, export.ICEWSColumns) {
		t.Errorf("ICEWS columns %q, want %q", export.ICEWSColumns, h)
	}
}

func TestGDELTMentionsRoundTrip(t *testing.T) {
	db := fixture(t)
	var ms []*store.Mention
	db.Mentions(context.Background(), store.Filter{}, func(m *store.Mention) error { ms = append(ms, m); return nil })
	data, res := write(t, db, store.Filter{}, export.GDELTMentions, export.Options{})
	rows := tsvRows(t, data, 16)
	if len(rows) != len(ms) || res.Rows != len(ms) || len(ms) != 9 {
		t.Fatalf("%d rows, %d mentions", len(rows), len(ms))
	}
	ids := map[string]int{}
	for i, m := range ms {
		r := rows[i]
		ids[r[0]]++
		if r[0] != strconv.FormatInt(m.EventID, 10) || r[6] != strconv.Itoa(m.Sentence+1) || r[4] != m.Outlet ||
			r[9] != strconv.Itoa(m.VerbChar) || r[12] != strconv.Itoa(m.DocLen) {
			t.Errorf("row %d = %q, mention %+v", i, r, m)
		}
		if m.URL != "" && (r[3] != "1" || r[5] != m.URL) || m.URL == "" && r[3] != "2" {
			t.Errorf("row %d: type %s identifier %s", i, r[3], r[5])
		}
	}
	// the three story events have two mentions each
	twice := 0
	for _, n := range ids {
		if n == 2 {
			twice++
		}
	}
	if twice != 3 {
		t.Errorf("events mentioned twice: %d, want 3 (%v)", twice, ids)
	}
	// character offsets count characters: "président Erdoğan" has two two-byte letters before "dit"
	for _, m := range ms {
		if m.Evidence.Verb == "dit" && m.VerbChar != m.Evidence.VerbSpan[0]-2 {
			t.Errorf("verb char %d, byte %d", m.VerbChar, m.Evidence.VerbSpan[0])
		}
	}
}

func TestICEWSRoundTrip(t *testing.T) {
	db := fixture(t)
	evs := allEvents(t, db, store.Filter{})
	names := map[string]string{"RUS": "Russia", "SYR": "Syria", "TUR": "Turkey"}
	data, _ := write(t, db, store.Filter{}, export.ICEWS, export.Options{CountryName: func(c string) string { return names[c] }})
	rows := tsvRows(t, data, 20)
	if !reflect.DeepEqual(rows[0], export.ICEWSColumns) || len(rows) != len(evs)+1 {
		t.Fatalf("header %q, %d rows", rows[0], len(rows))
	}
	for i, e := range evs {
		r := rows[i+1]
		if r[0] != strconv.FormatInt(e.ID, 10) || r[6] != e.CAMEO || r[11] != strconv.FormatInt(e.ArticleID, 10) ||
			r[12] != strconv.Itoa(e.Sentence+1) || r[13] != e.Outlet {
			t.Errorf("row %d = %q", i, r)
		}
		if e.Date == "" && r[1] != "NA" || e.Date != "" && r[1] != e.Date {
			t.Errorf("row %d: date %q", i, r[1])
		}
		if e.Source != nil && names[e.Source.Country] != "" && r[4] != names[e.Source.Country] {
			t.Errorf("row %d: source country %q", i, r[4])
		}
		if e.Target == nil && (r[8] != "NA" || r[10] != "NA") {
			t.Errorf("row %d: no target but %q", i, r[8:11])
		}
		if e.CAMEO == "195" && (r[2] != "Russian warplanes" || r[3] != "Military" || r[14] != "Idlib" || r[17] != "Syria") {
			t.Errorf("row %d: %q", i, r)
		}
	}
}

func TestPLOVERRoundTrip(t *testing.T) {
	db := fixture(t)
	evs := allEvents(t, db, store.Filter{})
	data, res := write(t, db, store.Filter{}, export.PLOVER, export.Options{})
	dec := json.NewDecoder(bytes.NewReader(data))
	var recs []export.PloverRecord
	for dec.More() {
		var r export.PloverRecord
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	want := 0
	for _, e := range evs {
		if e.Plover.Event != "" {
			want++
		}
	}
	if len(recs) != want || res.Rows != want || res.Skipped != len(evs)-want || res.Skipped == 0 {
		t.Fatalf("%d records (%+v), want %d", len(recs), res, want)
	}
	k := 0
	for _, e := range evs {
		if e.Plover.Event == "" {
			continue
		}
		r := recs[k]
		k++
		if r.ID != "dyad-"+strconv.FormatInt(e.ID, 10) || r.Event[0] != e.Plover.Event || r.CAMEO != e.CAMEO ||
			r.QuadCode != e.Quad || r.NumMentions != e.NumMentions || len(r.Actor) != 1 || r.Actor[0].CAMEOCode != e.Source.Code {
			t.Errorf("record %+v for event %+v", r, e)
		}
		if (r.Date == nil) != (e.Date == "") || r.Date != nil && *r.Date != e.Date {
			t.Errorf("record date %v, event %q", r.Date, e.Date)
		}
		if (e.Target == nil) != (len(r.Recipient) == 0) {
			t.Errorf("recipient %+v, target %+v", r.Recipient, e.Target)
		}
	}
	// raw JSON: the CAMEO code is a JSON string
	if !bytes.Contains(data, []byte(`"cameo":"195"`)) {
		t.Errorf("no string code in %s", data)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	db := fixture(t)
	evs := allEvents(t, db, store.Filter{})
	data, _ := write(t, db, store.Filter{}, export.CSV, export.Options{})
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], export.CSVColumns) || len(recs) != len(evs)+1 {
		t.Fatalf("header %q, %d records", recs[0], len(recs))
	}
	for i, e := range evs {
		if want := export.RowOf(e).Record(); !reflect.DeepEqual(recs[i+1], want) {
			t.Errorf("record %d = %q, want %q", i, recs[i+1], want)
		}
	}
	if !bytes.Contains(data, []byte(",010,01,")) {
		t.Errorf("code 010 not kept as a string:\n%s", data)
	}
	// the struct's csv tags and CSVColumns agree
	rt := reflect.TypeOf(export.Row{})
	for i := 0; i < rt.NumField(); i++ {
		if rt.Field(i).Tag.Get("csv") != export.CSVColumns[i] {
			t.Errorf("field %s: csv tag %q, column %q", rt.Field(i).Name, rt.Field(i).Tag.Get("csv"), export.CSVColumns[i])
		}
	}
}

func TestParquetRoundTrip(t *testing.T) {
	db := fixture(t)
	evs := allEvents(t, db, store.Filter{})
	data, res := write(t, db, store.Filter{}, export.Parquet, export.Options{})
	rows, err := parquet.Read[export.Row](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(evs) || res.Rows != len(evs) {
		t.Fatalf("%d rows, want %d", len(rows), len(evs))
	}
	for i, e := range evs {
		want := export.RowOf(e)
		if !reflect.DeepEqual(rows[i].Record(), want.Record()) || !rows[i].Added.Equal(want.Added) {
			t.Errorf("row %d = %+v\nwant %+v", i, rows[i], want)
		}
	}
	// the file's schema types the code as a string
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	col, ok := f.Schema().Lookup("cameo")
	if !ok || col.Node.Type().Kind() != parquet.ByteArray || !strings.Contains(col.Node.Type().String(), "STRING") {
		t.Errorf("cameo column type %v", col.Node.Type())
	}
}

func TestFilteredExport(t *testing.T) {
	db := fixture(t)
	for _, c := range []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{Root: []string{"19"}}, 2},
		{store.Filter{Actor: []string{"TUR"}}, 2},
		{store.Filter{From: "2019-01-01"}, 2},
		{store.Filter{Quad: []int{1}}, 3},
		{store.Filter{Place: []string{"Idlib"}}, 1},
		{store.Filter{Code: []string{"10"}}, 0},
	} {
		for _, format := range export.Formats {
			if format == export.Parquet || format == export.PLOVER {
				continue
			}
			data, res := write(t, db, c.f, format, export.Options{})
			lines := strings.Count(string(data), "\n")
			if format == export.ICEWS || format == export.CSV {
				lines--
			}
			if format == export.GDELTMentions {
				if c.want == 1 && lines != 2 { // the located event has two mentions
					t.Errorf("%s %+v: %d mention lines", format, c.f, lines)
				}
				continue
			}
			if res.Rows != c.want || lines != c.want {
				t.Errorf("%s %+v: %d rows, %d lines, want %d", format, c.f, res.Rows, lines, c.want)
			}
		}
	}
	if _, err := export.ParseFormat("xlsx"); err == nil {
		t.Error("xlsx accepted")
	}
}
