package store

// The explorer's query and result types (dyad serve), shared by the stores
// that serve it (store/sqlite, store/postgres): what Reader does not offer
// yet.

import (
	"errors"
	"time"

	"dyad/sink"
)

// ErrNotFound is returned by a store's Article and ArticleID for an
// article that is not stored.
var ErrNotFound = errors.New("store: not found")

// Query selects events for the explorer: a Filter and the conditions it
// cannot express. The fields combine with AND.
type Query struct {
	Filter
	// Dyads keeps events between any of these pairs of actor-code
	// prefixes, in either direction: {"IRN", "TUR"} matches IRN → TUR and
	// TUR → IRN.
	Dyads [][2]string
	// Text keeps events with a mention in an article that matches this
	// full-text query (FTS5 syntax, as Search).
	Text string
	// After keeps events whose id is greater (keyset pagination).
	After int64
	// IDs keeps these events only.
	IDs []int64
}

// ByLocation is a dimension of the explorer's Aggregate beside the Dims of
// Count: the event location as "name|country|lat|lon" ("" when the event
// is not located).
const ByLocation Dim = "location"

// Tally is one row of the explorer's Aggregate: the values of the
// dimensions in the order asked, the number of events, the sum of their
// mentions and the sum of their Goldstein scores.
type Tally struct {
	Keys      []string
	Events    int
	Mentions  int
	Goldstein float64
}

// MeanGoldstein is the mean Goldstein score of the tally's events.
func (t Tally) MeanGoldstein() float64 {
	if t.Events == 0 {
		return 0
	}
	return t.Goldstein / float64(t.Events)
}

// Article is one stored article with its annotation layers. Offsets are
// byte offsets into Text.
type Article struct {
	ID                                           int64
	Key, DocID, Date, Title, Source, URL, Outlet string
	Line                                         int
	Text                                         string
	Added                                        time.Time
	Sentences                                    []ArticleSentence
	Actors                                       []ArticleActor
	Quotes                                       []ArticleQuote
	Places                                       []ArticlePlace
	Diagnostics                                  []sink.Diagnostic
}

// ArticleSentence is a sentence of an article.
type ArticleSentence struct {
	Start, End, Para int
}

// ArticleActor is an actor mention, as the actors view gives it.
type ArticleActor struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Code     string `json:"code"`
	Country  string `json:"country"`
	Sectors  string `json:"sectors"` // space-separated
	Rule     string `json:"rule"`
}

// ArticleQuote is a quote, as the quotes view gives it.
type ArticleQuote struct {
	Sentence       int    `json:"sentence"`
	Start          int    `json:"start"`
	End            int    `json:"end"`
	Text           string `json:"text"`
	Direct         bool   `json:"direct"`
	SpeakerText    string `json:"speaker_text"`
	SpeakerCode    string `json:"speaker_code"`
	SpeakerCountry string `json:"speaker_country"`
	SpeakerSectors string `json:"speaker_sectors"`
}

// ArticlePlace is a place mention, as the places view gives it.
type ArticlePlace struct {
	Sentence int     `json:"sentence"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Text     string  `json:"text"`
	Name     string  `json:"name"`
	Country  string  `json:"country"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Kind     string  `json:"kind"`
}
