package read

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/doc"
)

// shared returns the path of a file under the project's shared folder
// (../../shared from this package), skipping the test when it is absent.
func shared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data not available (%v); these tests need the ../shared checkout next to the module", err)
	}
	return p
}

// readShared reads path with Paths and returns its documents and errors.
func readShared(t *testing.T, path string) ([]*doc.Doc, []*Error) {
	t.Helper()
	var docs []*doc.Doc
	var errs []*Error
	err := Paths([]string{path}, Options{}, func(d *doc.Doc) error {
		docs = append(docs, d)
		return nil
	}, func(err error) {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("reported %T %v", err, err)
		}
		errs = append(errs, e)
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs, errs
}

func TestSharedSeed(t *testing.T) {
	p := shared(t, "eval/seed/article.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := readShared(t, p)
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("got %d docs, errors %v; want 1 doc", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "article.txt" || d.Date.Format("2006-01-02") != "2018-09-07" || d.Line != 1 {
		t.Errorf("got ID %q date %v line %d", d.ID, d.Date, d.Line)
	}
	if !strings.HasPrefix(d.Text, "President Donald Trump destroys U.S. credibility") {
		t.Errorf("text starts %.60q; the first sentence is on the header line and must be kept", d.Text)
	}
	if !strings.HasSuffix(string(raw), d.Text) || len(raw)-len(d.Text) != len(" date 2018-09-07 ") {
		t.Errorf("text is not the file minus its header")
	}
}

func TestSharedPlover(t *testing.T) {
	docs, errs := readShared(t, shared(t, "eval/plover/plover-gsr-dev.json"))
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(docs) != 179 {
		t.Errorf("got %d records, want 179", len(docs))
	}
	d := docs[0]
	if d.ID != "PLOVER-GSR01-AGREE-0003" || d.Date.Format("2006-01-02") != "2000-01-01" || d.Line != 2 ||
		!strings.HasPrefix(d.Text, "The United States and Jordan have agreed") {
		t.Errorf("first record: %s %v line %d %.40q", d.ID, d.Date, d.Line, d.Text)
	}
}

func TestSharedPetrXML(t *testing.T) {
	cases := []struct {
		file     string
		docs     int
		noText   []string // ids of the sentences with an empty <Text>
		id, text string   // one sentence to check
	}{
		{"reference/universalpetrarch/PETR2_GSR_validation.xml", 77, []string{"abc12_3"},
			"AFP0808020625_4", "The stopover came as the US leader prepared to attend the Beijing Olympics, an event which will test his vow to keep politics out of the Games."},
		{"reference/petrarch2/GigaWord.sample.PETR.xml", 67,
			[]string{"TEST_1", "TEST_2", "TEST_3", "TEST_4", "TEST_5", "TEST_6", "TEST_7", "TEST_8", "TEST_9"},
			"AFP0808020625_4", "The stopover came as the US leader prepared to attend the Beijing Olympics, an event which will test his vow to keep politics out of the Games."},
		{"reference/petrarch2/PETR.UnitTest.records.xml", 284, nil,
			"DEMO-00", "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its embassy."},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			p := shared(t, tc.file)
			docs, errs := readShared(t, p)
			if len(docs) != tc.docs {
				t.Errorf("got %d sentences, want %d", len(docs), tc.docs)
			}
			if len(errs) != len(tc.noText) {
				t.Fatalf("errors %v, want %d missing texts", errs, len(tc.noText))
			}
			for i, e := range errs {
				if !errors.Is(e, ErrNoText) || e.Line == 0 || !strings.Contains(e.Error(), tc.noText[i]) {
					t.Errorf("error %v, want a missing text of %s", e, tc.noText[i])
				}
			}
			found := false
			for _, d := range docs {
				if strings.ContainsAny(d.Text, "\r\n") || d.Text != strings.TrimSpace(d.Text) || !d.HasDate() {
					t.Errorf("%s: text %q, date %v", d.ID, d.Text, d.Date)
				}
				if d.ID == tc.id {
					found = true
					if d.Text != tc.text {
						t.Errorf("%s: text\n%q\nwant\n%q", d.ID, d.Text, tc.text)
					}
				}
			}
			if !found {
				t.Errorf("sentence %s not read", tc.id)
			}

			// ReadPetrXML sees the same sentences, with their gold codings.
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ss, err := ReadPetrXML(f, p)
			if len(ss) != tc.docs || (err == nil) != (len(tc.noText) == 0) {
				t.Errorf("ReadPetrXML: %d sentences, err %v", len(ss), err)
			}
		})
	}
}

func TestSharedPetrCodings(t *testing.T) {
	p := shared(t, "reference/universalpetrarch/PETR2_GSR_validation.xml")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, _ := ReadPetrXML(f, p)
	byID := map[string]PetrSentence{}
	codings := 0
	for _, s := range ss {
		byID[s.Doc.ID] = s
		codings += len(s.Codings)
		if len(s.Codings) == 0 {
			t.Errorf("%s: no <EventCoding>", s.Doc.ID)
		}
	}
	if codings < 77 {
		t.Errorf("only %d codings", codings)
	}
	s, ok := byID["AFP0808020625_4"]
	if !ok || s.Category != "AFP" || len(s.Codings) != 1 ||
		(s.Codings[0] != PetrCoding{EventCode: "042", SourceCode: "USA", TargetCode: "CHN", Line: 33}) {
		t.Errorf("AFP0808020625_4: %+v", s)
	}
	// date="121108" is YYMMDD, read as PETRARCH does.
	if s := byID["AFP0808020905_1"]; s.Doc == nil || s.Doc.Date.Format("2006-01-02") != "2012-11-08" {
		t.Errorf("AFP0808020905_1: %+v", s)
	}
}

func TestSharedDirectory(t *testing.T) {
	dir := shared(t, "eval/seed")
	docs, errs := readShared(t, dir)
	// Whatever else the folder holds (gold.json is a JSON object without
	// "text", reported and skipped), the seed article comes through.
	found := false
	for _, d := range docs {
		if d.ID == "article.txt" && d.Date.Format("2006-01-02") == "2018-09-07" {
			found = true
		}
	}
	if !found {
		t.Errorf("article.txt not read from %s", dir)
	}
	for _, e := range errs {
		if !strings.HasPrefix(e.File, dir) {
			t.Errorf("error outside the folder: %v", e)
		}
	}
}
