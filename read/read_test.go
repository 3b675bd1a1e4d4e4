package read

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dyad/doc"
)

// got is what a test compares of a Doc.
type got struct {
	ID, Date, Title, Source string
	Line                    int
	Text                    string
}

func gotOf(d *doc.Doc) got {
	date := ""
	if d.HasDate() {
		date = d.Date.Format("2006-01-02")
	}
	return got{ID: d.ID, Date: date, Title: d.Title, Source: d.Source, Line: d.Line, Text: d.Text}
}

// wantErr is an expected read error: its line, its sentinel and a piece of
// its message (the file name is checked for every error).
type wantErr struct {
	line int
	is   error
	msg  string
}

// readAll reads in as file name with opt and returns the documents and the
// reported errors.
func readAll(t *testing.T, name, in string, opt Options) ([]got, []*Error) {
	t.Helper()
	var docs []got
	var errs []*Error
	err := From(strings.NewReader(in), name, opt, func(d *doc.Doc) error {
		docs = append(docs, gotOf(d))
		return nil
	}, func(err error) {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("reported error %v is a %T, not a *Error", err, err)
		}
		errs = append(errs, e)
	})
	if err != nil {
		t.Fatalf("From returned %v", err)
	}
	return docs, errs
}

func checkErrs(t *testing.T, name string, errs []*Error, want []wantErr) {
	t.Helper()
	if len(errs) != len(want) {
		t.Errorf("got %d errors %v, want %d", len(errs), errs, len(want))
		return
	}
	for i, w := range want {
		e := errs[i]
		if e.File != name || e.Line != w.line {
			t.Errorf("error %d: at %s:%d, want %s:%d (%v)", i, e.File, e.Line, name, w.line, e)
		}
		msg := e.Error()
		prefix := fmt.Sprintf("%s:%d: ", name, w.line)
		if w.line == 0 {
			prefix = name + ": "
		}
		if !strings.HasPrefix(msg, prefix) {
			t.Errorf("error %d: %q does not start with %q", i, msg, prefix)
		}
		if w.is != nil && !errors.Is(e, w.is) {
			t.Errorf("error %d: %v is not %v", i, e, w.is)
		}
		if !strings.Contains(msg, w.msg) {
			t.Errorf("error %d: %q does not contain %q", i, msg, w.msg)
		}
	}
}

var day = func(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

type readCase struct {
	name   string
	file   string // input file name; its extension matters under FormatAuto
	format Format
	date   string // Options.Date
	in     string
	want   []got // Source is filled in from file when empty
	errs   []wantErr
}

func runCases(t *testing.T, cases []readCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{Format: tc.format}
			if tc.date != "" {
				opt.Date = day(tc.date)
			}
			docs, errs := readAll(t, tc.file, tc.in, opt)
			want := append([]got(nil), tc.want...)
			for i := range want {
				if want[i].Source == "" {
					want[i].Source = tc.file
				}
			}
			if len(docs) != len(want) {
				t.Errorf("got %d docs, want %d:\n%+v", len(docs), len(want), docs)
			}
			for i := 0; i < len(docs) && i < len(want); i++ {
				if docs[i] != want[i] {
					t.Errorf("doc %d:\n got %+v\nwant %+v", i, docs[i], want[i])
				}
			}
			checkErrs(t, tc.file, errs, tc.errs)
		})
	}
}

func TestSeed(t *testing.T) {
	runCases(t, []readCase{
		{name: "header and body on line 1", file: "a.txt",
			in:   " date 2018-09-07 Iran and Russia met.\n\nTurkey too.\n",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 1, Text: "Iran and Russia met.\n\nTurkey too.\n"}}},
		{name: "no leading space", file: "a.txt",
			in:   "date 2018-09-07 Body  with  spaces.",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 1, Text: "Body  with  spaces."}}},
		{name: "several blanks after the date", file: "a.txt",
			in:   "  date\t2018-09-07 \t Body.",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 1, Text: "Body."}}},
		{name: "upper-case keyword", file: "a.txt",
			in:   "Date 2018-09-07 Body.",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 1, Text: "Body."}}},
		{name: "body on the next line", file: "a.txt",
			in:   " date 2018-09-07\nBody.\n",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 2, Text: "Body.\n"}}},
		{name: "body on the next line, CRLF", file: "a.txt",
			in:   " date 2018-09-07 \r\nBody.\r\n",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 2, Text: "Body.\r\n"}}},
		{name: "byte order mark", file: "a.txt",
			in:   "\ufeff date 2018-09-07 Body.",
			want: []got{{ID: "a.txt", Date: "2018-09-07", Line: 1, Text: "Body."}}},
		{name: "auto by content without extension", file: "dir/story",
			in:   " date 2018-09-07 Body.",
			want: []got{{ID: "story", Date: "2018-09-07", Line: 1, Text: "Body."}}},
		{name: "bad month", file: "a.txt",
			in:   " date 2018-13-45 Body.",
			errs: []wantErr{{1, ErrBadDate, `"2018-13-45"`}}},
		{name: "short month", file: "a.txt",
			in:   " date 2018-9-7 Body.",
			errs: []wantErr{{1, ErrBadDate, `"2018-9-7"`}}},
		{name: "slashes", file: "a.txt",
			in:   " date 2018/09/07 Body.",
			errs: []wantErr{{1, ErrBadDate, `"2018/09/07"`}}},
		{name: "forced: a word for a date", file: "a.txt", format: FormatSeed,
			in:   " date yesterday Body.",
			errs: []wantErr{{1, ErrBadDate, `"yesterday"`}}},
		{name: "forced: no header", file: "a.txt", format: FormatSeed,
			in:   "Iran and Russia met.\nMore.",
			errs: []wantErr{{1, ErrFormat, `"Iran and Russia met."`}}},
		{name: "no body", file: "a.txt",
			in:   " date 2018-09-07 \n\n",
			errs: []wantErr{{1, ErrNoText, "no text"}}},
	})
}

func TestText(t *testing.T) {
	runCases(t, []readCase{
		{name: "plain, date from options", file: "news/story.txt", date: "2020-01-02",
			in:   "Iran and Russia met.\n",
			want: []got{{ID: "story.txt", Date: "2020-01-02", Line: 1, Text: "Iran and Russia met.\n"}}},
		{name: "plain, no date", file: "story.md",
			in:   "  Indented first line.",
			want: []got{{ID: "story.md", Line: 1, Text: "  Indented first line."}}},
		{name: "starts with the word date", file: "story.txt",
			in:   "Date palms grow in Iraq.",
			want: []got{{ID: "story.txt", Line: 1, Text: "Date palms grow in Iraq."}}},
		{name: "forced text keeps a seed header", file: "a.txt", format: FormatText,
			in:   " date 2018-09-07 Body.",
			want: []got{{ID: "a.txt", Line: 1, Text: " date 2018-09-07 Body."}}},
		{name: "HTML-ish is text", file: "page",
			in:   "<p>Hello</p>",
			want: []got{{ID: "page", Line: 1, Text: "<p>Hello</p>"}}},
		{name: "empty", file: "empty.txt",
			in:   " \n\t\n",
			errs: []wantErr{{0, ErrNoText, "no text"}}},
		{name: "standard input", file: "-",
			in:   "From a pipe.",
			want: []got{{ID: "stdin", Source: "<stdin>", Line: 1, Text: "From a pipe."}}},
	})
}

func TestJSONL(t *testing.T) {
	runCases(t, []readCase{
		{name: "records", file: "feed.jsonl", date: "1999-12-31",
			in: `{"id": "a1", "date": "2018-09-07", "title": "Talks", "text": "Iran and Russia met."}
{"doc_id": "b2", "date": "20180908", "text": "  Keep  spaces. "}

{"url": "https://example.org/c", "date": "2018-09-09T23:30:00-05:00", "text": "Third."}
{"id": 42, "date": 20180910, "text": "Numeric id and date."}
{"text": "No id, no date.", "source": [{"actorText": "Jordan"}], "event": "AGREE"}
{"id": "e\u00e9", "date": "", "title": null, "text": "Line\nbreaks\u2014kept."}
`,
			want: []got{
				{ID: "a1", Date: "2018-09-07", Title: "Talks", Line: 1, Text: "Iran and Russia met."},
				{ID: "b2", Date: "2018-09-08", Line: 2, Text: "  Keep  spaces. "},
				{ID: "https://example.org/c", Date: "2018-09-09", Line: 4, Text: "Third."},
				{ID: "42", Date: "2018-09-10", Line: 5, Text: "Numeric id and date."},
				{ID: "feed.jsonl#6", Date: "1999-12-31", Line: 6, Text: "No id, no date."},
				{ID: "eé", Date: "1999-12-31", Line: 7, Text: "Line\nbreaks—kept."},
			}},
		{name: "bad lines are reported and skipped", file: "feed.jsonl",
			in: `{"id": "ok1", "text": "First."}
{"id": "x", "text": "unterminated}
{"id": "y"}
{"id": "z", "date": "2018-13-01", "text": "Bad date."}
{"id": "w", "text": 7}
[1, 2]
{"id": "v", "text": "   "}
{"id": "u", "date": "07/09/2018", "text": "US date."}
{"id": "t", "date": true, "text": "Boolean date."}
{"id": "ok2", "text": "Last."}`,
			want: []got{
				{ID: "ok1", Line: 1, Text: "First."},
				{ID: "ok2", Line: 10, Text: "Last."},
			},
			errs: []wantErr{
				{2, ErrFormat, "invalid JSON"},
				{3, ErrNoText, `missing "text"`},
				{4, ErrBadDate, `"2018-13-01"`},
				{5, ErrFormat, `"text" is a number`},
				{6, ErrFormat, "want a JSON object, found an array"},
				{7, ErrNoText, `empty "text"`},
				{8, ErrBadDate, `"07/09/2018"`},
				{9, ErrBadDate, `"true"`},
			}},
		{name: "CRLF and byte order mark", file: "feed.ndjson",
			in: "\ufeff{\"id\":\"a\",\"text\":\"A.\"}\r\n\r\n{\"id\":\"b\",\"text\":\"B.\"}\r\n",
			want: []got{
				{ID: "a", Line: 1, Text: "A."},
				{ID: "b", Line: 3, Text: "B."},
			}},
		{name: ".json whose first line is a record", file: "feed.json",
			in: "{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n",
			want: []got{
				{ID: "feed.json#1", Line: 1, Text: "A."},
				{ID: "feed.json#2", Line: 2, Text: "B."},
			}},
		{name: "auto by content", file: "-",
			in:   "{\"text\":\"A.\"}\n",
			want: []got{{ID: "stdin#1", Source: "<stdin>", Line: 1, Text: "A."}}},
		{name: "forced jsonl on a text file", file: "a.txt", format: FormatJSONL,
			in:   "Not JSON.\n{\"text\":\"A.\"}",
			want: []got{{ID: "a.txt#2", Line: 2, Text: "A."}},
			errs: []wantErr{{1, ErrFormat, "invalid JSON"}}},
	})
}

func TestJSONLLongLine(t *testing.T) {
	long := strings.Repeat("word ", 2<<20) // 10 MB, far past bufio.MaxScanTokenSize
	in := `{"id":"short","text":"A."}` + "\n" + `{"id":"long","text":"` + long + `"}` + "\n" + `{"id":"after","text":"B."}`
	docs, errs := readAll(t, "big.jsonl", in, Options{})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(docs) != 3 || docs[1].ID != "long" || docs[1].Text != long || docs[2].Line != 3 {
		t.Fatalf("got %d docs, want short, long (%d bytes), after on line 3", len(docs), len(long))
	}
	if len(long) <= bufio.MaxScanTokenSize {
		t.Fatal("test line is not long")
	}
}

func TestJSON(t *testing.T) {
	runCases(t, []readCase{
		{name: "array of records, PLOVER style", file: "gold.json",
			in: `[
 {
  "id": "PLOVER-1",
  "date": "2000-01-01",
  "source": [{"actorText": "United States", "code": "USA"}],
  "target": "",
  "event": "AGREE",
  "text": "The United States and Jordan have agreed.",
  "textInfo": {"markup": "(SRC: United States)"}
 },
 {"date": "2000-01-02", "text": "No id."}
]
`,
			want: []got{
				{ID: "PLOVER-1", Date: "2000-01-01", Line: 2, Text: "The United States and Jordan have agreed."},
				{ID: "gold.json#2", Date: "2000-01-02", Line: 11, Text: "No id."},
			}},
		{name: "bad records are reported and skipped", file: "gold.json",
			in: `[
{"id": "a", "text": "A."},
{"id": "b"},
{"id": "c", "date": "2000-02-30", "text": "C."},
"just a string",
{"id": "d", "text": "D."}
]`,
			want: []got{
				{ID: "a", Line: 2, Text: "A."},
				{ID: "d", Line: 6, Text: "D."},
			},
			errs: []wantErr{
				{3, ErrNoText, `missing "text"`},
				{4, ErrBadDate, `"2000-02-30"`},
				{5, ErrFormat, "want a JSON object, found a string"},
			}},
		{name: "syntax error ends the file", file: "gold.json",
			in:   "[\n{\"id\": \"a\", \"text\": \"A.\"},\n{\"id\": \"b\",\n \"text\": oops},\n{\"id\": \"c\", \"text\": \"C.\"}\n]",
			want: []got{{ID: "a", Line: 2, Text: "A."}},
			errs: []wantErr{{4, ErrFormat, "invalid character 'o'"}}},
		{name: "missing comma", file: "gold.json",
			in:   "[\n{\"id\": \"a\", \"text\": \"A.\"}\n{\"id\": \"b\", \"text\": \"B.\"}\n]",
			want: []got{{ID: "a", Line: 2, Text: "A."}},
			errs: []wantErr{{3, ErrFormat, `want "," or "]"`}}},
		{name: "unterminated array", file: "gold.json",
			in:   "[\n{\"id\": \"a\", \"text\": \"A.\"},\n",
			want: []got{{ID: "a", Line: 2, Text: "A."}},
			errs: []wantErr{{2, ErrFormat, "unexpected end of JSON input"}}},
		{name: "data after the array", file: "gold.json",
			in:   "[{\"text\": \"A.\"}]\n\nextra",
			want: []got{{ID: "gold.json#1", Line: 1, Text: "A."}},
			errs: []wantErr{{3, ErrFormat, "data after the JSON array"}}},
		{name: "empty array", file: "gold.json", in: " [ ] "},
		{name: "empty file", file: "gold.json", in: "\n",
			errs: []wantErr{{0, ErrNoText, "no JSON records"}}},
		{name: "pretty-printed objects one after another", file: "gold.json",
			in: "{\n \"id\": \"a\",\n \"text\": \"A.\"\n}\n{\n \"id\": \"b\",\n \"text\": \"B.\"\n}\n",
			want: []got{
				{ID: "a", Line: 1, Text: "A."},
				{ID: "b", Line: 5, Text: "B."},
			}},
		{name: "auto by content", file: "gold",
			in:   "\ufeff  [{\"id\": \"a\", \"text\": \"A.\"}]",
			want: []got{{ID: "a", Line: 1, Text: "A."}}},
	})
}

// petrGSR is written as PETR2_GSR_validation.xml is: self-closed
// <Sentence/> tags, '#' comment lines, UD parses.
const petrGSR = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
#########
#   records of <EventCoding...> kind
#########
<Sentences>
<Sentence category="AFP" date="20080804" id="AFP_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>
The stopover came as the US leader prepared to attend the
Beijing Olympics &amp; more.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
# not a comment: inside <Parse>
</Parse>
</Sentence>

<Sentence category="TEST" date="121108" id="AFP_2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
Two-digit year.
</Text>
</Sentence>
</Sentences>
</Validation>
`

// petrUnit is written as PETR.UnitTest.records.xml and GigaWord are:
// open <Sentence> tags with spaced attributes, comments, bad records.
const petrUnit = `<Sentences>
<!--
# a block comment with <Sentence id="not-one"> inside
-->
<Sentence date = "19950101" id ="DEMO-00" category="DEMO" sentence="true">
<!-- Simple coding -->
<EventCoding sourcecode="ARN" targetcode='"THE MINISTRY"' eventcode="064"></EventCoding>
<EventCoding error="dateline"></EventCoding>
<Text>
Arnor is about to restore full &amp;TIETYPE ties with
   Gondor   almost five years.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="1995-13-01" id="BAD-DATE" category="DEMO">
<Text>Bad date.</Text>
</Sentence>
<Sentence date="19950102" id="NO-TEXT" category="DEMO">
<Text>

</Text>
</Sentence>
<Sentence date="19950103" category="DEMO">
<Text><![CDATA[Less <than> & more]]> &lt;tag&gt; &#233;&#x2014;&bogus; #hashtag</Text>
</Sentence>
<Sentence id="NO-DATE">
<Text>
#Syria
trending</Text>
<Sentence date="19950104" id="UNCLOSED">
<Text>Runs to the end`

func TestPetrXML(t *testing.T) {
	runCases(t, []readCase{
		{name: "GSR style", file: "gsr.xml", in: petrGSR,
			want: []got{
				{ID: "AFP_1", Date: "2008-08-04", Line: 7, Text: "The stopover came as the US leader prepared to attend the Beijing Olympics & more."},
				{ID: "AFP_2", Date: "2012-11-08", Line: 19, Text: "Two-digit year."},
			}},
		{name: "unit test style", file: "unit.xml", date: "2001-02-03", in: petrUnit,
			want: []got{
				{ID: "DEMO-00", Date: "1995-01-01", Line: 5, Text: "Arnor is about to restore full &TIETYPE ties with Gondor   almost five years."},
				{ID: "unit.xml#4", Date: "1995-01-03", Line: 23, Text: "Less <than> & more <tag> é—&bogus; #hashtag"},
				{ID: "NO-DATE", Date: "2001-02-03", Line: 26, Text: "#Syria trending"},
				{ID: "UNCLOSED", Date: "1995-01-04", Line: 30, Text: "Runs to the end"},
			},
			errs: []wantErr{
				{15, ErrBadDate, `"1995-13-01"`},
				{18, ErrNoText, `id="NO-TEXT"`},
			}},
		{name: "auto by content", file: "-",
			in:   `<Sentence date="20080804" id="s1"><Text>Hi.</Text></Sentence>`,
			want: []got{{ID: "s1", Date: "2008-08-04", Source: "<stdin>", Line: 1, Text: "Hi."}}},
		{name: "no sentences", file: "empty.xml",
			in:   "<?xml version='1.0'?>\n<Sentences></Sentences>\n",
			errs: []wantErr{{0, ErrFormat, "no <Sentence> elements"}}},
	})
}

func TestReadPetrXMLCodings(t *testing.T) {
	ss, err := ReadPetrXML(strings.NewReader(petrGSR+petrUnit), "both.xml")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || !errors.Is(err, ErrBadDate) || !errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v, want an ErrorList of a bad date and a missing text", err)
	}
	if len(ss) != 6 {
		t.Fatalf("got %d sentences, want 6", len(ss))
	}
	want := []struct {
		id, category string
		codings      []PetrCoding
	}{
		{"AFP_1", "AFP", []PetrCoding{{EventCode: "042", SourceCode: "USA", TargetCode: "CHN", Line: 8}}},
		{"AFP_2", "TEST", []PetrCoding{{NoEvents: true, Line: 20}}},
		{"DEMO-00", "DEMO", []PetrCoding{
			{EventCode: "064", SourceCode: "ARN", TargetCode: `"THE MINISTRY"`, Line: 33},
			{Error: "dateline", Line: 34},
		}},
		{"both.xml#6", "DEMO", nil},
		{"NO-DATE", "", nil},
		{"UNCLOSED", "", nil},
	}
	for i, w := range want {
		s := ss[i]
		if s.Doc.ID != w.id || s.Category != w.category || !reflect.DeepEqual(s.Codings, w.codings) {
			t.Errorf("sentence %d: got %s %q %+v, want %s %q %+v", i, s.Doc.ID, s.Category, s.Codings, w.id, w.category, w.codings)
		}
	}
	if got := ss[0].Attrs["evaluate"]; got != "true" {
		t.Errorf(`Attrs["evaluate"] = %q, want "true"`, got)
	}
	if !ss[1].Doc.HasDate() || ss[4].Doc.HasDate() {
		t.Errorf("dates: %v %v", ss[1].Doc.Date, ss[4].Doc.Date)
	}
}

func TestDetect(t *testing.T) {
	long := `{"text": "` + strings.Repeat("x", sniffLen) + `"}`
	cases := []struct {
		name, in string
		want     Format
	}{
		{"a.jsonl", "anything", FormatJSONL},
		{"a.NDJSON", "", FormatJSONL},
		{"a.xml", "plain", FormatPetrXML},
		{"a.json", "[{}]", FormatJSON},
		{"a.json", "{\"text\": \"x\"}\n{}", FormatJSONL},
		{"a.json", "{\n \"text\": \"x\"\n}", FormatJSON},
		{"a.json", long, FormatJSONL},
		{"a.json", "", FormatJSON},
		{"a.txt", " date 2018-09-07 x", FormatSeed},
		{"a.txt", "[{\"text\": \"x\"}]", FormatText},
		{"a.txt", "date palms", FormatText},
		{"a", "\ufeff date 2018-09-07 x", FormatSeed},
		{"a", "  <?xml version='1.0'?><Sentences/>", FormatPetrXML},
		{"a", "<Sentences>", FormatPetrXML},
		{"a", "<html><p>x</p></html>", FormatText},
		{"a", "[ {\"text\": \"x\"}]", FormatJSON},
		{"a", "[UPDATED] Talks resume.", FormatText},
		{"a", "{\"text\": \"x\"}", FormatJSONL},
		{"a", "{braces} in prose", FormatText},
		{"a", "", FormatText},
		{"a.html", "Plain words.", FormatText},
	}
	for _, tc := range cases {
		br := bufio.NewReaderSize(strings.NewReader(tc.in), sniffLen)
		if got := detect(tc.name, br); got != tc.want {
			t.Errorf("detect(%q, %.30q) = %s, want %s", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if got, err := ParseFormat(""); err != nil || got != FormatAuto {
		t.Errorf(`ParseFormat("") = %q, %v`, got, err)
	}
	if _, err := ParseFormat("html"); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), `"html"`) {
		t.Errorf(`ParseFormat("html") error = %v`, err)
	}
	err := From(strings.NewReader("x"), "a", Options{Format: "csv"}, func(*doc.Doc) error { return nil }, nil)
	if !errors.Is(err, ErrFormat) {
		t.Errorf("From with format csv: %v, want ErrFormat", err)
	}
}

func TestErrorMessages(t *testing.T) {
	e := &Error{File: "a.jsonl", Line: 3, Err: fmt.Errorf("%w %q", ErrBadDate, "x")}
	if got, want := e.Error(), `a.jsonl:3: read: bad date "x"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e0 := &Error{File: "a.txt", Err: ErrNoText}
	if got, want := e0.Error(), "a.txt: read: no text"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for _, s := range []error{ErrBadDate, ErrNoText, ErrFormat} {
		if !strings.HasPrefix(s.Error(), "read: ") {
			t.Errorf("%q lacks the package prefix", s)
		}
	}
	l := ErrorList{e, e0}
	if got, want := l.Error(), `a.jsonl:3: read: bad date "x" (and 1 more errors)`; got != want {
		t.Errorf("ErrorList.Error() = %q, want %q", got, want)
	}
	if ErrorList(nil).Err() != nil {
		t.Error("empty ErrorList.Err() != nil")
	}
	if !errors.Is(l.Err(), ErrNoText) {
		t.Error("errors.Is does not see through ErrorList")
	}
}

// writeTree creates files (name → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPaths(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"b.txt":             " date 2018-09-07 Seed.",
		"a.jsonl":           "{\"id\":\"j1\",\"text\":\"One.\"}\n{\"id\":\"j2\"}\n{\"id\":\"j3\",\"text\":\"Three.\"}\n",
		"sub/c.xml":         `<Sentence date="20080804" id="x1"><Text>XML.</Text></Sentence>`,
		"sub/d":             "Plain.",
		".hidden":           "Skipped.",
		".git/config":       "Skipped.",
		"sub/.cache/e.json": "[]",
	})
	if err := os.Symlink(filepath.Join(dir, "sub", "d"), filepath.Join(dir, "link")); err != nil {
		t.Log("no symbolic links:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "linkdir")); err != nil {
		t.Log("no symbolic links:", err)
	}
	missing := filepath.Join(dir, "missing.txt")
	stdin := strings.NewReader(`{"id":"s1","text":"Piped."}`)
	var ids []string
	var errs []error
	err := Paths([]string{dir, missing, "-"}, Options{Stdin: stdin}, func(d *doc.Doc) error {
		ids = append(ids, d.ID)
		return nil
	}, func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Paths: %v", err)
	}
	want := []string{"j1", "j3", "b.txt", "link", "x1", "d", "s1"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want a missing text and a missing file", errs)
	}
	var e *Error
	if !errors.As(errs[0], &e) || e.File != filepath.Join(dir, "a.jsonl") || e.Line != 2 || !errors.Is(e, ErrNoText) {
		t.Errorf("first error = %v, want %s:2 no text", errs[0], filepath.Join(dir, "a.jsonl"))
	}
	if !errors.As(errs[1], &e) || e.File != missing || !errors.Is(e, os.ErrNotExist) {
		t.Errorf("second error = %v, want %s does not exist", errs[1], missing)
	}

	// With a nil report the errors come back as an ErrorList.
	n := 0
	err = Paths([]string{dir, missing}, Options{}, func(*doc.Doc) error { n++; return nil }, nil)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || n != 6 {
		t.Errorf("nil report: %d docs, err %v; want 6 docs and 2 errors", n, err)
	}

	// An error from emit stops reading and is returned as is.
	stop := errors.New("stop")
	n = 0
	err = Paths([]string{dir, dir}, Options{}, func(*doc.Doc) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	}, func(error) {})
	if err != stop || n != 2 {
		t.Errorf("emit error: got %v after %d docs, want stop after 2", err, n)
	}

	// A forced format applies to every file.
	ids = nil
	err = Paths([]string{filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "d")}, Options{Format: FormatText},
		func(d *doc.Doc) error { ids = append(ids, d.Text); return nil }, nil)
	if err != nil || !reflect.DeepEqual(ids, []string{" date 2018-09-07 Seed.", "Plain."}) {
		t.Errorf("forced text: %q, %v", ids, err)
	}
}
