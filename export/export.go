// Package export writes stored events in the formats of the field, so that
// they open directly in the tools researchers use (pandas, R, DuckDB,
// GDELT- and ICEWS-style workflows).
//
// Formats:
//
//   - gdelt: the GDELT 2.0 Events table, tab-separated, no header (as GDELT
//     ships it; Options.Header adds one), the 61 columns in GDELT's order:
//     GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate, ten Actor1
//     columns, ten Actor2 columns, IsRootEvent, EventCode, EventBaseCode,
//     EventRootCode, QuadClass, GoldsteinScale, NumMentions, NumSources,
//     NumArticles, AvgTone, eight columns each for Actor1Geo, Actor2Geo and
//     ActionGeo, DATEADDED, SOURCEURL.
//   - gdelt-mentions: the GDELT 2.0 Mentions table (16 columns), one row per
//     mention of the exported events: the provenance of every event.
//   - icews: the ICEWS event table, tab-separated with its header row (20
//     columns, "Event ID" … "Longitude"), "NA" for missing values.
//   - plover: PLOVER event records, one JSON object per line.
//   - csv: one row per event with a header, the columns of [Row].
//   - parquet: the same columns as csv, typed (see [Row]).
//
// Codes stay strings in every format: "010" (make a statement) is never
// written as 10. In CSV, read them as strings (pandas: dtype=str; R:
// colClasses="character"); Parquet types them as strings already.
//
// What dyad does not compute is left empty (GDELT) or "NA" (ICEWS): tone,
// actor locations, ethnic codes where the actor code has none, and the FIPS
// 10-4 country and ADM codes of GDELT's geography columns (dyad keeps ISO
// alpha-3 countries; the csv and parquet exports carry them). GDELT's
// character offsets in the Mentions table are characters of the article
// body; its MentionDocLen is the body's length in bytes.
//
// PLOVER does not code statements and appeals (CAMEO roots 01 and 02);
// events without a PLOVER type are left out of the plover export and
// counted in Result.Skipped.
package export

import (
	"bufio"
	"context"
	"dyad/sink"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"dyad/codes"
	"dyad/store"
)

// Format names an export format.
type Format string

// The formats.
const (
	GDELT         Format = "gdelt"
	GDELTMentions Format = "gdelt-mentions"
	ICEWS         Format = "icews"
	PLOVER        Format = "plover"
	CSV           Format = "csv"
	Parquet       Format = "parquet"
)

// Formats lists every format.
var Formats = []Format{GDELT, GDELTMentions, ICEWS, PLOVER, CSV, Parquet}

// ErrFormat is returned for an unknown format name.
var ErrFormat = errors.New("export: unknown format")

// ParseFormat returns the Format named s.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (want gdelt, gdelt-mentions, icews, plover, csv or parquet)", ErrFormat, s)
}

// Options change what Write writes.
type Options struct {
	// Header adds a header line to the GDELT tables.
	Header bool
	// CountryName names a country code for ICEWS ("RUS" → "Russia");
	// nil or "" leaves the code.
	CountryName func(code string) string
}

// Result says what Write wrote.
type Result struct {
	Rows    int // rows or records written
	Skipped int // events left out (plover: no PLOVER type)
}

// Write writes the events of r that pass f to w in format.
func Write(ctx context.Context, r store.Reader, f store.Filter, format Format, w io.Writer, opt Options) (Result, error) {
	switch format {
	case GDELT:
		return writeGDELT(ctx, r, f, w, opt)
	case GDELTMentions:
		return writeMentions(ctx, r, f, w, opt)
	case ICEWS:
		return writeICEWS(ctx, r, f, w, opt)
	case PLOVER:
		return writePLOVER(ctx, r, f, w)
	case CSV:
		return writeCSV(ctx, r, f, w)
	case Parquet:
		return writeParquet(ctx, r, f, w)
	}
	return Result{}, fmt.Errorf("%w %q", ErrFormat, format)
}

// GDELTColumns are the 61 columns of the GDELT 2.0 Events table, in order.
var GDELTColumns = gdeltColumns()

func gdeltColumns() []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
			"Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
		"NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		for _, c := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+c)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// GDELTMentionColumns are the 16 columns of the GDELT 2.0 Mentions table.
var GDELTMentionColumns = []string{"GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType",
	"MentionSourceName", "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
	"ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
	"MentionDocTranslationInfo", "Extras"}

// ICEWSColumns are the 20 columns of an ICEWS event file, in order.
var ICEWSColumns = []string{"Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
	"Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
	"Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"}

// clean makes a value safe for a tab-separated field.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// tsv writes tab-separated rows.
type tsv struct {
	w   *bufio.Writer
	err error
}

func (t *tsv) row(fields []string) {
	if t.err != nil {
		return
	}
	for i, f := range fields {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString(clean(f))
	}
	_, t.err = t.w.WriteString("\n")
}

// CAMEO actor-code blocks by kind, for GDELT's actor columns. Types (roles)
// and religions follow the CAMEO codebook; an upper-case block that is
// neither is read as a known group (UNO, NAT, HMS …), a lower-case one as an
// ethnic group.
var (
	actorTypes = set("COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED MOD " +
		"RAD REF SET AMN IRC GRP PKO UIS IGO IMG INT MNC NGM NGO PTY REL")
	religions = set("ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MRN NRM PAG PRO SFI " +
		"SHI SHN SIK SUN TAO UDX ZRO")
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// gdeltActor returns the ten GDELT columns of an actor.
func gdeltActor(a *store.Actor) []string {
	out := make([]string, 10)
	if a == nil {
		return out
	}
	out[0], out[1], out[2] = a.Code, strings.ToUpper(a.Name), a.Country
	var types, rels []string
	for _, b := range a.Sectors {
		switch {
		case actorTypes[b]:
			types = append(types, b)
		case religions[b]:
			rels = append(rels, b)
		case strings.ToLower(b) == b:
			if out[4] == "" {
				out[4] = b
			}
		default:
			if out[3] == "" {
				out[3] = b
			}
		}
	}
	for i := 0; i < len(rels) && i < 2; i++ {
		out[5+i] = rels[i]
	}
	for i := 0; i < len(types) && i < 3; i++ {
		out[7+i] = types[i]
	}
	return out
}

func geoType(precision string) string {
	switch precision {
	case "country":
		return "1"
	case "region", "province", "state":
		return "5"
	}
	return "4"
}

func gdeltDate(date string) (sql, month, year, frac string) {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return "", "", "", ""
	}
	f := float64(t.Year()) + float64(int(t.Month())*30+t.Day())/365
	return t.Format("20060102"), t.Format("200601"), t.Format("2006"), strconv.FormatFloat(f, 'f', 4, 64)
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func writeGDELT(ctx context.Context, r store.Reader, f store.Filter, w io.Writer, opt Options) (Result, error) {
	t := &tsv{w: bufio.NewWriterSize(w, 64<<10)}
	if opt.Header {
		t.row(GDELTColumns)
	}
	var res Result
	err := r.Events(ctx, f, func(e *store.Event) error {
		row := make([]string, 0, 61)
		sql, month, year, frac := gdeltDate(e.Date)
		row = append(row, strconv.FormatInt(e.ID, 10), sql, month, year, frac)
		row = append(row, gdeltActor(e.Source)...)
		row = append(row, gdeltActor(e.Target)...)
		base := e.CAMEO
		if len(base) > 3 {
			base = base[:3]
		}
		row = append(row, b01(e.IsRoot), e.CAMEO, base, e.Root, strconv.Itoa(e.Quad), num(e.Goldstein),
			strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles), "")
		noGeo := []string{"0", "", "", "", "", "", "", ""}
		row = append(row, noGeo...)
		row = append(row, noGeo...)
		if l := e.Location; l != nil {
			gl := *l
			if gl.FIPS == "" {
				gl.Geo = sink.GeoOf(l.Name, l.Lat, l.Lon)
			}
			gt := geoType(l.Precision)
			if gl.GeoType != 0 {
				gt = strconv.Itoa(gl.GeoType)
			}
			row = append(row, gt, l.Name, gl.FIPS, gl.ADM1, "", num(l.Lat), num(l.Lon), gl.FeatureID)
		} else {
			row = append(row, noGeo...)
		}
		row = append(row, e.Added.UTC().Format("20060102150405"), e.URL)
		t.row(row)
		res.Rows++
		return t.err
	})
	if err != nil {
		return res, err
	}
	if t.err != nil {
		return res, t.err
	}
	return res, t.w.Flush()
}

// mentionIdentifier is GDELT's MentionIdentifier: the URL, else a citation.
func mentionIdentifier(m *store.Mention) string {
	switch {
	case m.URL != "":
		return m.URL
	case m.DocID == filepath.Base(m.Source):
		return m.Source
	}
	return m.Source + "#" + m.DocID
}

func writeMentions(ctx context.Context, r store.Reader, f store.Filter, w io.Writer, opt Options) (Result, error) {
	t := &tsv{w: bufio.NewWriterSize(w, 64<<10)}
	if opt.Header {
		t.row(GDELTMentionColumns)
	}
	var res Result
	err := r.Mentions(ctx, f, func(m *store.Mention) error {
		typ := "2" // CITATIONONLY
		if m.URL != "" {
			typ = "1" // WEB
		}
		t.row([]string{strconv.FormatInt(m.EventID, 10), m.EventAdded.Format("20060102150405"),
			m.Added.Format("20060102150405"), typ, m.Outlet, mentionIdentifier(m), strconv.Itoa(m.Sentence + 1),
			strconv.Itoa(m.SourceChar), strconv.Itoa(m.TargetChar), strconv.Itoa(m.VerbChar), "1", "",
			strconv.Itoa(m.DocLen), "", "", ""})
		res.Rows++
		return t.err
	})
	if err != nil {
		return res, err
	}
	if t.err != nil {
		return res, t.err
	}
	return res, t.w.Flush()
}

// sectorNames names CAMEO sector blocks for ICEWS's sector lists.
var sectorNames = map[string]string{
	"GOV": "Government", "MIL": "Military", "REB": "Rebels", "OPP": "Opposition", "COP": "Police",
	"JUD": "Judiciary", "LEG": "Legislative / Parliamentary", "SPY": "Intelligence", "UAF": "Unidentified Armed Forces",
	"INS": "Insurgents", "SEP": "Separatists", "PTY": "Parties", "BUS": "Business", "CRM": "Criminal",
	"CVL": "General Population / Civilian / Social", "EDU": "Education", "ELI": "Elite", "ENV": "Environment",
	"HLH": "Health", "HRI": "Human Rights", "LAB": "Labor", "MED": "Media", "REF": "Refugees", "REL": "Religious",
	"MOD": "Moderate", "RAD": "Radical", "AGR": "Agriculture", "DEV": "Development", "SET": "Settlers",
	"IGO": "International Government Organization", "NGO": "Nongovernmental Organization",
	"IMG": "International Militarized Group", "MNC": "Multinational Corporation", "PKO": "Peacekeepers",
}

func na(s string) string {
	if s == "" {
		return "NA"
	}
	return s
}

func icewsActor(a *store.Actor, country func(string) string) (name, sectors, ctry string) {
	if a == nil {
		return "NA", "NA", "NA"
	}
	name = a.Name
	if name == "" {
		name = a.Code
	}
	var secs []string
	for _, s := range a.Sectors {
		if n, ok := sectorNames[s]; ok {
			secs = append(secs, n)
		} else {
			secs = append(secs, s)
		}
	}
	return na(name), na(strings.Join(secs, ",")), na(country(a.Country))
}

func writeICEWS(ctx context.Context, r store.Reader, f store.Filter, w io.Writer, opt Options) (Result, error) {
	country := func(c string) string {
		if opt.CountryName != nil && c != "" {
			if n := opt.CountryName(c); n != "" {
				return n
			}
		}
		return c
	}
	t := &tsv{w: bufio.NewWriterSize(w, 64<<10)}
	t.row(ICEWSColumns)
	var res Result
	err := r.Events(ctx, f, func(e *store.Event) error {
		sn, ss, sc := icewsActor(e.Source, country)
		tn, ts, tc := icewsActor(e.Target, country)
		text := e.CAMEO
		if c, ok := codes.Lookup(e.CAMEO); ok {
			text = c.Label
		}
		city, lctry, lat, lon := "NA", "NA", "NA", "NA"
		if l := e.Location; l != nil {
			if l.Precision == "city" || l.Precision == "" {
				city = na(l.Name)
			}
			lctry, lat, lon = na(country(l.Country)), num(l.Lat), num(l.Lon)
		}
		t.row([]string{strconv.FormatInt(e.ID, 10), na(e.Date), sn, ss, sc, text, e.CAMEO, num(e.Goldstein),
			tn, ts, tc, strconv.FormatInt(e.ArticleID, 10), strconv.Itoa(e.Sentence + 1), na(e.Outlet),
			city, "NA", "NA", lctry, lat, lon})
		res.Rows++
		return t.err
	})
	if err != nil {
		return res, err
	}
	if t.err != nil {
		return res, t.err
	}
	return res, t.w.Flush()
}

// PloverActor is an actor of a PLOVER record.
type PloverActor struct {
	Code         string   `json:"code"`                    // country (or IGO, NGO …) code
	Sector       string   `json:"sector,omitempty"`        // first sector block
	OtherSectors []string `json:"other_sectors,omitempty"` // further blocks
	EntityText   string   `json:"entity_text,omitempty"`
	CAMEOCode    string   `json:"cameo_code"` // the whole CAMEO actor code
}

// PloverLocation is a PLOVER event_loc.
type PloverLocation struct {
	ResolvedPlace string  `json:"resolved_place"`
	CountryCode   string  `json:"country_code"`
	Lat           float64 `json:"lat"`
	Lon           float64 `json:"lon"`
	Resolution    int     `json:"resolution,omitempty"` // 4 city, 2 province, 1 country
}

// PloverRecord is one PLOVER event record as dyad writes it.
type PloverRecord struct {
	ID          string          `json:"id"`
	Date        *string         `json:"date"`
	Actor       []PloverActor   `json:"actor"`
	Recipient   []PloverActor   `json:"recipient"`
	Event       []string        `json:"event"`
	Mode        []string        `json:"mode"`
	QuadCode    int             `json:"quad_code"`
	EventLoc    *PloverLocation `json:"event_loc"`
	CAMEO       string          `json:"cameo"`
	Goldstein   float64         `json:"goldstein"`
	NumMentions int             `json:"num_mentions"`
	NumArticles int             `json:"num_articles"`
	NumSources  int             `json:"num_sources"`
	CiteInfo    PloverCite      `json:"cite_info"`
}

// PloverCite is a PLOVER cite_info block.
type PloverCite struct {
	URL      string `json:"url,omitempty"`
	DocID    string `json:"doc_id"`
	Sentence int    `json:"sentence"`
	Coder    string `json:"coder"`
	Codebook string `json:"codebook"`
}

func ploverActors(a *store.Actor) []PloverActor {
	if a == nil {
		return []PloverActor{}
	}
	p := PloverActor{Code: a.Country, EntityText: a.Name, CAMEOCode: a.Code}
	secs := a.Sectors
	if p.Code == "" && len(secs) > 0 { // international: IGO, NGO …
		p.Code, secs = secs[0], secs[1:]
	}
	if len(secs) > 0 {
		p.Sector, p.OtherSectors = secs[0], secs[1:]
		if len(p.OtherSectors) == 0 {
			p.OtherSectors = nil
		}
	}
	return []PloverActor{p}
}

func resolution(precision string) int {
	switch precision {
	case "city":
		return 4
	case "region", "province", "state":
		return 2
	case "country":
		return 1
	}
	return 0
}

func writePLOVER(ctx context.Context, r store.Reader, f store.Filter, w io.Writer) (Result, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var res Result
	err := r.Events(ctx, f, func(e *store.Event) error {
		if e.Plover.Event == "" {
			res.Skipped++
			return nil
		}
		rec := PloverRecord{
			ID: "dyad-" + strconv.FormatInt(e.ID, 10), Actor: ploverActors(e.Source), Recipient: ploverActors(e.Target),
			Event: []string{e.Plover.Event}, Mode: []string{}, QuadCode: e.Quad, CAMEO: e.CAMEO, Goldstein: e.Goldstein,
			NumMentions: e.NumMentions, NumArticles: e.NumArticles, NumSources: e.NumSources,
			CiteInfo: PloverCite{DocID: e.DocID, Sentence: e.Sentence, Coder: "dyad", Codebook: "CAMEO 1.1b3 via CAMEO2PLOVER 2021"},
		}
		if strings.Contains(e.URL, "://") {
			rec.CiteInfo.URL = e.URL
		}
		if e.Date != "" {
			d := e.Date
			rec.Date = &d
		}
		if e.Plover.Mode != "" {
			rec.Mode = []string{e.Plover.Mode}
		}
		if l := e.Location; l != nil {
			rec.EventLoc = &PloverLocation{ResolvedPlace: l.Name, CountryCode: l.Country, Lat: l.Lat, Lon: l.Lon, Resolution: resolution(l.Precision)}
		}
		res.Rows++
		return enc.Encode(rec)
	})
	if err != nil {
		return res, err
	}
	return res, bw.Flush()
}

// Row is one event as the csv and parquet exports write it; the struct tags
// name the columns, in order.
type Row struct {
	EventID         int64     `parquet:"event_id" csv:"event_id"`
	Date            string    `parquet:"date" csv:"date"` // YYYY-MM-DD, "" when unknown
	SourceCode      string    `parquet:"source_code" csv:"source_code"`
	SourceName      string    `parquet:"source_name" csv:"source_name"`
	SourceCountry   string    `parquet:"source_country" csv:"source_country"`
	SourceSectors   string    `parquet:"source_sectors" csv:"source_sectors"` // blocks separated by ";"
	TargetCode      string    `parquet:"target_code" csv:"target_code"`
	TargetName      string    `parquet:"target_name" csv:"target_name"`
	TargetCountry   string    `parquet:"target_country" csv:"target_country"`
	TargetSectors   string    `parquet:"target_sectors" csv:"target_sectors"`
	CAMEO           string    `parquet:"cameo" csv:"cameo"`
	Root            string    `parquet:"cameo_root" csv:"cameo_root"`
	QuadClass       int32     `parquet:"quad_class" csv:"quad_class"`
	Goldstein       float64   `parquet:"goldstein" csv:"goldstein"`
	PloverEvent     string    `parquet:"plover_event" csv:"plover_event"`
	PloverMode      string    `parquet:"plover_mode" csv:"plover_mode"`
	LocationName    string    `parquet:"location_name" csv:"location_name"`
	LocationCountry string    `parquet:"location_country" csv:"location_country"`
	Lat             *float64  `parquet:"lat,optional" csv:"lat"`
	Lon             *float64  `parquet:"lon,optional" csv:"lon"`
	NumMentions     int32     `parquet:"num_mentions" csv:"num_mentions"`
	NumArticles     int32     `parquet:"num_articles" csv:"num_articles"`
	NumSources      int32     `parquet:"num_sources" csv:"num_sources"`
	IsRoot          bool      `parquet:"is_root" csv:"is_root"`
	Added           time.Time `parquet:"added,timestamp(millisecond)" csv:"added"` // RFC 3339 in CSV
	DocID           string    `parquet:"doc_id" csv:"doc_id"`                      // first mention's article
	URL             string    `parquet:"url" csv:"url"`                            // its URL or input file
	Sentence        int32     `parquet:"sentence" csv:"sentence"`                  // its 0-based sentence
}

// RowOf returns the Row of an event.
func RowOf(e *store.Event) Row {
	r := Row{EventID: e.ID, Date: e.Date, CAMEO: e.CAMEO, Root: e.Root, QuadClass: int32(e.Quad), Goldstein: e.Goldstein,
		PloverEvent: e.Plover.Event, PloverMode: e.Plover.Mode, NumMentions: int32(e.NumMentions),
		NumArticles: int32(e.NumArticles), NumSources: int32(e.NumSources), IsRoot: e.IsRoot, Added: e.Added.UTC(),
		DocID: e.DocID, URL: e.URL, Sentence: int32(e.Sentence)}
	if a := e.Source; a != nil {
		r.SourceCode, r.SourceName, r.SourceCountry, r.SourceSectors = a.Code, a.Name, a.Country, strings.Join(a.Sectors, ";")
	}
	if a := e.Target; a != nil {
		r.TargetCode, r.TargetName, r.TargetCountry, r.TargetSectors = a.Code, a.Name, a.Country, strings.Join(a.Sectors, ";")
	}
	if l := e.Location; l != nil {
		lat, lon := l.Lat, l.Lon
		r.LocationName, r.LocationCountry, r.Lat, r.Lon = l.Name, l.Country, &lat, &lon
	}
	return r
}

// CSVColumns are the columns of the csv export, in order.
var CSVColumns = []string{"event_id", "date", "source_code", "source_name", "source_country", "source_sectors",
	"target_code", "target_name", "target_country", "target_sectors", "cameo", "cameo_root", "quad_class",
	"goldstein", "plover_event", "plover_mode", "location_name", "location_country", "lat", "lon",
	"num_mentions", "num_articles", "num_sources", "is_root", "added", "doc_id", "url", "sentence"}

func optFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return num(*f)
}

// Record returns the CSV fields of r, in the order of CSVColumns.
func (r Row) Record() []string {
	return []string{strconv.FormatInt(r.EventID, 10), r.Date, r.SourceCode, r.SourceName, r.SourceCountry,
		r.SourceSectors, r.TargetCode, r.TargetName, r.TargetCountry, r.TargetSectors, r.CAMEO, r.Root,
		strconv.Itoa(int(r.QuadClass)), num(r.Goldstein), r.PloverEvent, r.PloverMode, r.LocationName,
		r.LocationCountry, optFloat(r.Lat), optFloat(r.Lon), strconv.Itoa(int(r.NumMentions)),
		strconv.Itoa(int(r.NumArticles)), strconv.Itoa(int(r.NumSources)), strconv.FormatBool(r.IsRoot),
		r.Added.UTC().Format(time.RFC3339), r.DocID, r.URL, strconv.Itoa(int(r.Sentence))}
}

func writeCSV(ctx context.Context, r store.Reader, f store.Filter, w io.Writer) (Result, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return Result{}, err
	}
	var res Result
	err := r.Events(ctx, f, func(e *store.Event) error {
		res.Rows++
		return cw.Write(RowOf(e).Record())
	})
	if err != nil {
		return res, err
	}
	cw.Flush()
	return res, cw.Error()
}

func writeParquet(ctx context.Context, r store.Reader, f store.Filter, w io.Writer) (Result, error) {
	pw := parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Zstd))
	var res Result
	buf := make([]Row, 0, 1024)
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		_, err := pw.Write(buf)
		buf = buf[:0]
		return err
	}
	err := r.Events(ctx, f, func(e *store.Event) error {
		buf = append(buf, RowOf(e))
		res.Rows++
		if len(buf) == cap(buf) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		pw.Close()
		return res, err
	}
	return res, pw.Close()
}
