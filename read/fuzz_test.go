package read

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"dyad/doc"
)

// fuzzRead reads in with format and checks the invariants every reader
// keeps: documents have text, a source and a line inside the input; errors
// are *Error values naming the input, with a line inside it, wrapping a
// sentinel.
func fuzzRead(t *testing.T, in []byte, format Format) []*doc.Doc {
	const name = "fuzz.in"
	lines := bytes.Count(in, []byte("\n")) + 1
	var docs []*doc.Doc
	err := From(bytes.NewReader(in), name, Options{Format: format}, func(d *doc.Doc) error {
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("%s: empty text emitted: %+v", format, d)
		}
		if d.Source != name || d.ID == "" || d.Line < 1 || d.Line > lines {
			t.Errorf("%s: doc %q source %q line %d of %d", format, d.ID, d.Source, d.Line, lines)
		}
		docs = append(docs, d)
		return nil
	}, func(err error) {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: reported %T %v", format, err, err)
		}
		if e.File != name || e.Line < 0 || e.Line > lines {
			t.Errorf("%s: error at %s:%d of %d lines: %v", format, e.File, e.Line, lines, e)
		}
		if !errors.Is(e, ErrBadDate) && !errors.Is(e, ErrNoText) && !errors.Is(e, ErrFormat) {
			t.Errorf("%s: error wraps no sentinel: %v", format, e)
		}
	})
	if err != nil {
		t.Fatalf("%s: From returned %v", format, err)
	}
	return docs
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id": "a1", "date": "2018-09-07", "title": "T", "text": "Iran and Russia met."}`,
		"{\"doc_id\": 5, \"date\": 20180907, \"text\": \"x\"}\n\n{\"url\": \"u\", \"text\": \"y\"}\r\n",
		`{"date": "2018-09-07T10:00:00+02:00", "text": "z", "source": [{"code": "USA"}]}`,
		`{"text": "unterminated`,
		`[{"id": "a", "text": "A."}, {"text": 3}, "s"]`,
		"[\n{\"text\": \"a\"}\n{\"text\": \"b\"}\n]",
		"{\n \"text\": \"pretty\"\n}\n{\"text\": \"next\"}",
		"\ufeff{\"text\": \"bom\"}",
		`{"date": "121108", "text": "x"}`,
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		docs := fuzzRead(t, in, FormatJSONL)
		for _, d := range docs {
			if !utf8.ValidString(d.Text) {
				t.Errorf("invalid UTF-8 text from JSON: %q", d.Text)
			}
		}
		fuzzRead(t, in, FormatJSON)
		fuzzRead(t, in, FormatAuto)
	})
}

func FuzzSeed(f *testing.F) {
	for _, s := range []string{
		" date 2018-09-07 President Trump destroys U.S. credibility.\n\nMore.",
		"date 2018-09-07\nNext line.",
		" date 2018-13-45 Bad.",
		" date yesterday Bad.",
		"\ufeff  DATE\t2018-09-07 \r\nCRLF",
		" date 2018-09-07 ",
		"No header.",
		"date",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		docs := fuzzRead(t, in, FormatSeed)
		if len(docs) > 1 {
			t.Fatalf("%d docs from one seed file", len(docs))
		}
		for _, d := range docs {
			// The body is the end of the input, byte for byte.
			if !bytes.HasSuffix(in, []byte(d.Text)) || !d.HasDate() || d.Line > 2 {
				t.Errorf("doc %+v is not a suffix of the input", d)
			}
		}
		fuzzRead(t, in, FormatText)
		fuzzRead(t, in, FormatAuto)
	})
}

func FuzzPetrXML(f *testing.F) {
	f.Add([]byte(petrGSR))
	f.Add([]byte(petrUnit))
	for _, s := range []string{
		`<Sentence date="20080804" id="s1"><Text>Hi &amp; bye.</Text></Sentence>`,
		`<Sentence date = '2008' id=x/><EventCoding noevents = "True"><Text>a`,
		`<Sentence a="b<c" d='e'><Text><![CDATA[x]]></Text>`,
		"# comment <Sentence>\n<Sentence date=\"121108\"><Text>\n#tag\n</Text>",
		`<Sentence <Text>&#xD800;&#0;&#1114112;&`,
		"<!-- <Sentence> --><?pi?><!DOCTYPE x><Sentence/>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		docs := fuzzRead(t, in, FormatPetrXML)
		for _, d := range docs {
			if strings.ContainsAny(d.Text, "\r\n") || d.Text != strings.TrimSpace(d.Text) {
				t.Errorf("text not folded: %q", d.Text)
			}
		}
		ss, err := ReadPetrXML(bytes.NewReader(in), "fuzz.in")
		if len(ss) != len(docs) {
			t.Errorf("ReadPetrXML read %d sentences, From %d", len(ss), len(docs))
		}
		var list ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Errorf("ReadPetrXML error %T %v", err, err)
		}
		fuzzRead(t, in, FormatAuto)
	})
}
