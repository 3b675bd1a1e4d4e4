package doc

// ActorRef is a coded actor: the CAMEO-style code (country or IGO/NGO prefix
// followed by sector blocks), and the same split into fields as PLOVER does.
type ActorRef struct {
	Code    string
	Country string   // 3-letter country code, "" for international actors
	Sectors []string // 3-letter sector blocks after the country, e.g. ["GOV"]; may be shared with the dictionary: replace, never modify in place
}

// Actor is one mention of an actor in the text.
type Actor struct {
	Span
	Sentence int
	ActorRef
	// Rule says which dictionary entries produced the code, e.g.
	// "actors.txt:Vladimir Putin (RUSGOV 2012-05-07..)".
	Rule string
	// First and Last are the token range [First, Last) of the mention.
	First, Last int
	// Members holds the indexes (into Doc.Actors) of the parts of a
	// compound mention ("Iran, Russia and Turkey"); empty otherwise.
	Members []int
	// Person reports whether the mention names one person (a named office
	// holder, or a role such as "the Turkish president"), for coreference.
	Person bool
}

// Event is one coded event.
type Event struct {
	ID        string
	Sentence  int
	Source    *Actor // nil when unknown
	Target    *Actor // nil when there is no target
	Verb      Span   // the words that expressed the event
	CAMEO     string // event code as a string: "010" is not "10"
	Root      string // 2-digit CAMEO root
	Quad      int    // QuadClass 1..4
	Goldstein float64
	Plover    PloverType
	Location  *Location
	Rule      string // the verb pattern and the coder rule that fired
	// Mood records why an event is kept or flagged: "" (asserted),
	// "future", "reported".
	Mood string
}

// PloverType is the PLOVER event type and mode derived from CAMEO.
type PloverType struct {
	Event string
	Mode  string
}

// Location is where an event happened.
type Location struct {
	Name      string
	Country   string
	Lat, Lon  float64
	Precision string // "city", "region", "country"
}

// Quote is a direct or reported quote with its speaker.
type Quote struct {
	Sentence    int
	Span               // the quoted words, without the quote marks
	Speaker     *Actor // nil when unresolved
	SpeakerText string
	Direct      bool
}

// Place is a place mention resolved to the gazetteer.
type Place struct {
	Span
	Sentence int
	Name     string
	Country  string
	Lat, Lon float64
	Kind     string // "country", "region", "city"
}
