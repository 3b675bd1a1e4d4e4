package read_test

import (
	"fmt"
	"strings"

	"dyad/doc"
	"dyad/read"
)

func ExampleFrom() {
	in := `{"id": "a1", "date": "2018-09-07", "text": "Iran and Russia met in Tehran."}
{"date": "2018-13-01", "text": "A bad date."}
{"date": "20180908", "title": "Idlib", "text": "Warplanes hit Idlib."}
`
	err := read.From(strings.NewReader(in), "feed.jsonl", read.Options{},
		func(d *doc.Doc) error {
			fmt.Printf("%s %s line %d %q: %s\n", d.ID, d.Date.Format("2006-01-02"), d.Line, d.Title, d.Text)
			return nil
		},
		func(err error) { fmt.Println("error:", err) })
	fmt.Println("From:", err)
	// Output:
	// a1 2018-09-07 line 1 "": Iran and Russia met in Tehran.
	// error: feed.jsonl:2: read: bad date "2018-13-01"
	// feed.jsonl#3 2018-09-08 line 3 "Idlib": Warplanes hit Idlib.
	// From: <nil>
}

func ExampleFrom_seed() {
	in := " date 2018-09-07 President Trump destroys U.S. credibility, Zarif said.\n\nMore text."
	_ = read.From(strings.NewReader(in), "article.txt", read.Options{},
		func(d *doc.Doc) error {
			fmt.Printf("%s %s %q\n", d.ID, d.Date.Format("2006-01-02"), d.Text)
			return nil
		}, nil)
	// Output:
	// article.txt 2018-09-07 "President Trump destroys U.S. credibility, Zarif said.\n\nMore text."
}

func ExampleReadPetrXML() {
	in := `<Sentences>
<Sentence category="AFP" date="20080804" id="AFP0808020625_4" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>
The stopover came as the US leader prepared to attend
the Beijing Olympics.
</Text>
<Parse>(ROOT …)</Parse>
</Sentence>
</Sentences>`
	ss, err := read.ReadPetrXML(strings.NewReader(in), "gsr.xml")
	for _, s := range ss {
		fmt.Println(s.Doc.ID, s.Doc.Date.Format("2006-01-02"), "line", s.Doc.Line, s.Category)
		fmt.Println(s.Doc.Text)
		for _, c := range s.Codings {
			fmt.Println(c.SourceCode, c.EventCode, c.TargetCode)
		}
	}
	fmt.Println(err)
	// Output:
	// AFP0808020625_4 2008-08-04 line 2 AFP
	// The stopover came as the US leader prepared to attend the Beijing Olympics.
	// USA 042 CHN
	// <nil>
}
