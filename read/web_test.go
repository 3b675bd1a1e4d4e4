package read_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/doc"
	"dyad/read"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>World</title>
  <item>
    <title>Strikes on Idlib</title>
    <link>https://news.example.org/idlib</link>
    <guid>urn:example:1</guid>
    <pubDate>Fri, 07 Sep 2018 10:00:00 +0000</pubDate>
    <description>&lt;p&gt;Russian warplanes hit Idlib.&lt;/p&gt;&lt;p&gt;Turkey condemned the strikes.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Empty</title>
    <link>https://news.example.org/empty</link>
  </item>
  <item>
    <title>Talks</title>
    <link>https://news.example.org/talks</link>
    <description>Iran and Russia met in Tehran.</description>
  </item>
</channel>
</rss>
`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example</title>
  <entry>
    <title>Aid</title>
    <id>tag:example.org,2018:aid</id>
    <updated>2018-09-08T12:00:00Z</updated>
    <content type="html">&lt;p&gt;The United States pledged aid to Jordan.&lt;/p&gt;</content>
  </entry>
</feed>
`

const page = `<!DOCTYPE html>
<html><head><title>Clashes in Idlib | Example News</title>
<meta property="article:published_time" content="2018-09-07T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Clashes in Idlib</h1>
<p>Russian warplanes hit rebel-held parts of Idlib on Friday, residents said, in the heaviest strikes for weeks.</p>
<p>Turkey condemned the strikes and called for a ceasefire, saying civilians were paying the price of the offensive.</p>
<p>The United Nations urged all sides to protect civilians and to allow aid convoys into the province.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>
`

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, paths []string, opt read.Options) ([]*doc.Doc, []error) {
	t.Helper()
	var docs []*doc.Doc
	var errs []error
	err := read.All(paths, opt, func(d *doc.Doc) error { docs = append(docs, d); return nil }, func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatal(err)
	}
	return docs, errs
}

func TestFeeds(t *testing.T) {
	dir := t.TempDir()
	rss := writeFile(t, dir, "world.xml", rssFeed)
	atom := writeFile(t, dir, "example.atom", atomFeed)
	docs, errs := readAll(t, []string{rss, atom}, read.Options{})
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3: %+v", len(docs), docs)
	}
	d := docs[0]
	if d.ID != "urn:example:1" || d.Title != "Strikes on Idlib" || d.Date.Format("2006-01-02") != "2018-09-07" ||
		d.Text != "Russian warplanes hit Idlib.\n\nTurkey condemned the strikes." || d.Source != rss || d.Line != 5 {
		t.Errorf("first item: %+v", d)
	}
	if d := docs[1]; d.ID != "https://news.example.org/talks" || d.HasDate() || d.Text != "Iran and Russia met in Tehran." {
		t.Errorf("third item: %+v", d)
	}
	if d := docs[2]; d.ID != "tag:example.org,2018:aid" || d.Date.Format("2006-01-02") != "2018-09-08" ||
		d.Text != "The United States pledged aid to Jordan." {
		t.Errorf("atom entry: %+v", d)
	}
	if len(errs) != 1 || !errors.Is(errs[0], read.ErrNoText) || !strings.Contains(errs[0].Error(), "world.xml:12") {
		t.Errorf("errors %v, want the empty item at world.xml:12", errs)
	}
}

func TestHTML(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "idlib.html", page)
	docs, errs := readAll(t, []string{p}, read.Options{})
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("%d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	if !strings.HasPrefix(d.Text, "Russian warplanes hit") || strings.Contains(d.Text, "Home") || strings.Contains(d.Text, "Copyright") ||
		!strings.Contains(d.Text, "\n\nTurkey condemned") {
		t.Errorf("text %q", d.Text)
	}
	if d.ID != "idlib.html" || d.Date.Format("2006-01-02") != "2018-09-07" || !strings.Contains(d.Title, "Clashes in Idlib") {
		t.Errorf("doc %+v", d)
	}
}

func TestFileDetection(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content string
		want          string // first document's text prefix, or "" for none
	}{
		{"page", page, "Russian warplanes hit"},     // HTML by content
		{"feed", rssFeed, "Russian warplanes hit"},  // RSS by content
		{"a.rss", rssFeed, "Russian warplanes hit"}, // by extension
		{"a.jsonl", `{"id":"x","date":"2018-09-07","text":"Warplanes hit Idlib."}` + "\n", "Warplanes hit Idlib."},
		{"a.txt", " date 2018-09-07 Warplanes hit Idlib.", "Warplanes hit Idlib."},
		{"b.txt", "<html>not detected by content for .txt</html>", "<html>not detected"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), c.name, c.content)
			docs, _ := readAll(t, []string{p}, read.Options{})
			if len(docs) == 0 || !strings.HasPrefix(docs[0].Text, c.want) {
				t.Errorf("got %+v", docs)
			}
		})
	}
	// a PETRARCH XML file stays PETRARCH XML
	p := writeFile(t, dir, "petr.xml", `<Sentences><Sentence date="20180907" id="s1" source="x" sentence="true">
<Text>Russian warplanes hit Idlib.</Text></Sentence></Sentences>`)
	docs, errs := readAll(t, []string{p}, read.Options{})
	if len(docs) != 1 || docs[0].ID != "s1" || len(errs) != 0 {
		t.Errorf("petrxml: %+v %v", docs, errs)
	}
	if _, err := read.ParseFormatAll("feed"); err != nil {
		t.Error(err)
	}
	if _, err := read.ParseFormatAll("pdf"); !errors.Is(err, read.ErrFormat) {
		t.Errorf("pdf: %v", err)
	}
}

func TestFilesMatchesPaths(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", "B text.")
	writeFile(t, dir, ".hidden.txt", "hidden")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	writeFile(t, filepath.Join(dir, "sub"), "a.txt", "A text.")
	writeFile(t, dir, "a.txt", "A text.")
	var errs []error
	files := read.Files([]string{dir, filepath.Join(dir, "missing"), "-"}, func(err error) { errs = append(errs, err) })
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "a.txt"), "-"}
	if strings.Join(files, "|") != strings.Join(want, "|") {
		t.Errorf("Files = %v, want %v", files, want)
	}
	if len(errs) != 1 {
		t.Errorf("errors %v", errs)
	}
	var viaPaths []string
	read.Paths([]string{dir}, read.Options{}, func(d *doc.Doc) error { viaPaths = append(viaPaths, d.Source); return nil }, func(error) {})
	if strings.Join(viaPaths, "|") != strings.Join(want[:3], "|") {
		t.Errorf("Paths read %v", viaPaths)
	}
}
