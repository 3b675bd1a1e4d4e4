package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// topology is the part of a TopoJSON file the map reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			ID         string            `json:"id"`
			Arcs       json.RawMessage   `json:"arcs"`
			Properties map[string]string `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// country is one country outline as an SVG path in map coordinates.
type country struct {
	ID, Name string
	Path     string
}

var (
	countriesOnce sync.Once
	countriesList []country
	countriesErr  error
)

// countries decodes the embedded world-atlas outlines once.
func countries() ([]country, error) {
	countriesOnce.Do(func() {
		b, err := files.ReadFile("assets/world-atlas/countries-110m.json")
		if err != nil {
			countriesErr = err
			return
		}
		countriesList, countriesErr = decodeCountries(b)
	})
	return countriesList, countriesErr
}

// decodeCountries turns the "countries" object of a TopoJSON topology into
// SVG paths projected with project.
func decodeCountries(b []byte) ([]country, error) {
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("ui: world atlas: %w", err)
	}
	// decode the arcs: delta-encoded, quantized positions
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		pts := make([][2]float64, len(a))
		var x, y float64
		for j, p := range a {
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	var bad error
	ring := func(idx []int, sb *strings.Builder) {
		for _, i := range idx {
			if i >= len(arcs) || ^i >= len(arcs) {
				bad = fmt.Errorf("ui: world atlas: arc %d of %d", i, len(arcs))
				return
			}
		}
		// the ring's positions, longitudes unwrapped so that a ring across
		// the antimeridian stays one shape (its longitudes then pass ±180)
		var pts [][2]float64
		for k, i := range idx {
			var a [][2]float64
			if i >= 0 {
				a = arcs[i]
			} else {
				a = arcs[^i]
			}
			for j := range a {
				p := a[j]
				if i < 0 {
					p = a[len(a)-1-j]
				}
				if j == 0 && k > 0 {
					continue // shared with the end of the previous arc
				}
				if n := len(pts); n > 0 {
					for p[0]-pts[n-1][0] > 180 {
						p[0] -= 360
					}
					for p[0]-pts[n-1][0] < -180 {
						p[0] += 360
					}
				}
				pts = append(pts, p)
			}
		}
		lo, hi := 0.0, 0.0
		for _, p := range pts {
			lo, hi = min(lo, p[0]), max(hi, p[0])
		}
		// draw the ring, and again one turn over where it leaves the map
		shifts := []float64{0}
		if hi > 180 {
			shifts = append(shifts, -360)
		}
		if lo < -180 {
			shifts = append(shifts, 360)
		}
		for _, sh := range shifts {
			for j, p := range pts {
				x, y := project(p[1], p[0]+sh)
				if j == 0 {
					sb.WriteByte('M')
				} else {
					sb.WriteByte('L')
				}
				sb.WriteString(strconv.FormatFloat(x, 'f', 1, 64))
				sb.WriteByte(',')
				sb.WriteString(strconv.FormatFloat(y, 'f', 1, 64))
			}
			sb.WriteByte('Z')
		}
	}
	obj, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("ui: world atlas: no countries object")
	}
	var out []country
	for _, g := range obj.Geometries {
		var sb strings.Builder
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("ui: world atlas: %s: %w", g.Properties["name"], err)
			}
			for _, r := range rings {
				ring(r, &sb)
			}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("ui: world atlas: %s: %w", g.Properties["name"], err)
			}
			for _, p := range polys {
				for _, r := range p {
					ring(r, &sb)
				}
			}
		default:
			continue
		}
		if bad != nil {
			return nil, bad
		}
		out = append(out, country{ID: g.ID, Name: g.Properties["name"], Path: sb.String()})
	}
	return out, nil
}

// The map is an equirectangular projection of the world between 60°S and
// 84°N (Antarctica left out), mapW × mapH pixels.
const (
	mapW      = 960.0
	mapH      = 960.0 * 144 / 360
	mapNorth  = 84.0
	mapSouth  = -60.0
	mapDegree = mapW / 360
)

// project returns the map position of a latitude and longitude.
func project(lat, lon float64) (x, y float64) {
	return (lon + 180) * mapDegree, (mapNorth - lat) * mapDegree
}
