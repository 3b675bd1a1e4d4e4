package export_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"dyad/export"
	"dyad/store"
	"dyad/store/sqlite"
	"dyad/store/storetest"
)

// Two agencies' copies of one story are stored; the export holds each
// event once, with its two mentions.
func ExampleWrite() {
	dir, _ := os.MkdirTemp("", "dyad-example")
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(filepath.Join(dir, "news.db"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	hit := storetest.E{Src: "Russian warplanes", SrcCode: "RUSMIL", Verb: "hit", Tgt: "Idlib", TgtCode: "SYRREB", CAMEO: "195"}
	w, _ := db.Writer(context.Background())
	w.Append(storetest.Doc("https://a.example/1", "a.jsonl", "2018-09-07", "Russian warplanes hit Idlib.", hit))
	w.Append(storetest.Doc("https://b.example/9", "b.jsonl", "2018-09-07", "On Friday Russian warplanes hit Idlib.", hit))
	if err := w.Commit(); err != nil {
		fmt.Println(err)
		return
	}
	export.Write(context.Background(), db, store.Filter{Root: []string{"19"}}, export.PLOVER, os.Stdout, export.Options{})
	// Output:
	// {"id":"dyad-1","date":"2018-09-07","actor":[{"code":"RUS","sector":"MIL","entity_text":"Russian warplanes","cameo_code":"RUSMIL"}],"recipient":[{"code":"SYR","sector":"REB","entity_text":"Idlib","cameo_code":"SYRREB"}],"event":["ASSAULT"],"mode":["heavy-weapons"],"quad_code":4,"event_loc":null,"cameo":"195","goldstein":-10,"num_mentions":2,"num_articles":2,"num_sources":2,"cite_info":{"url":"https://a.example/1","doc_id":"https://a.example/1","sentence":0,"coder":"dyad","codebook":"CAMEO 1.1b3 via CAMEO2PLOVER 2021"}}
}
