package ui

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"
)

// GoldsteinColor returns the colour of a mean Goldstein score: red for
// conflict (-10), grey for 0, blue for cooperation (+10).
func GoldsteinColor(g float64) string {
	g = math.Max(-10, math.Min(10, g))
	grey := [3]float64{150, 150, 150}
	end := [3]float64{43, 110, 190} // blue
	if g < 0 {
		end = [3]float64{215, 48, 31} // red
	}
	t := math.Abs(g) / 10
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(grey[i] + (end[i]-grey[i])*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}

// the quad-class colours: cooperation in blues, conflict in oranges
var quadColors = [5]string{"", "#9ecae1", "#3182bd", "#fdae6b", "#e6550d"}

func esc(s string) string { return html.EscapeString(s) }

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

// Bucket is one period of a timeline: its first day, the number of events
// of each quad class (Quad[1] … Quad[4]), their mean Goldstein score and the
// link to its events.
type Bucket struct {
	Period    string
	Quad      [5]int
	Goldstein float64
	Href      string
}

// Coop and Conflict are the bucket's cooperative (quad 1 and 2) and
// conflictual (quad 3 and 4) events.
func (b Bucket) Coop() int     { return b.Quad[1] + b.Quad[2] }
func (b Bucket) Conflict() int { return b.Quad[3] + b.Quad[4] }

// Timeline draws cooperation above the axis and conflict below it, one
// stacked bar per bucket, with the buckets in order. Each bar is a link
// (class "bar") with data-period, data-coop and data-conflict attributes.
func Timeline(caption string, bs []Bucket) template.HTML {
	const w, h, left, right, top, bottom = 900.0, 340.0, 48.0, 16.0, 28.0, 40.0
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart timeline" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, w, h, esc(caption))
	fmt.Fprintf(&sb, `<title>%s</title>`, esc(caption))
	if len(bs) == 0 {
		fmt.Fprintf(&sb, `<text x="%.0f" y="%.0f" class="empty">no dated events</text></svg>`, w/2, h/2)
		return template.HTML(sb.String())
	}
	maxUp, maxDown := 0, 0
	for _, b := range bs {
		maxUp = max(maxUp, b.Coop())
		maxDown = max(maxDown, b.Conflict())
	}
	scaleMax := float64(max(maxUp, maxDown, 1))
	plotH := h - top - bottom
	// the axis sits where the larger side fits: shares of plotH by maxima
	upShare := 0.5
	if maxUp+maxDown > 0 {
		upShare = math.Max(0.15, math.Min(0.85, float64(maxUp)/float64(maxUp+maxDown)))
	}
	axis := top + plotH*upShare
	unit := math.Min(plotH*upShare, plotH*(1-upShare)) / scaleMax
	if maxUp == 0 || maxDown == 0 {
		unit = plotH * 0.85 / scaleMax
	}
	plotW := w - left - right
	bw := math.Min(48, plotW/float64(len(bs)))
	x0 := left + (plotW-bw*float64(len(bs)))/2
	gap := math.Min(2, bw*0.15)
	// axis and labels
	fmt.Fprintf(&sb, `<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`, f1(left), f1(axis), f1(w-right), f1(axis))
	fmt.Fprintf(&sb, `<text class="lbl" x="4" y="%s">cooperation ↑</text>`, f1(top-10))
	fmt.Fprintf(&sb, `<text class="lbl" x="4" y="%s">conflict ↓</text>`, f1(h-bottom+30))
	if maxUp > 0 {
		fmt.Fprintf(&sb, `<text class="tick" x="%s" y="%s" text-anchor="end">%d</text>`, f1(left-4), f1(axis-float64(maxUp)*unit+4), maxUp)
	}
	if maxDown > 0 {
		fmt.Fprintf(&sb, `<text class="tick" x="%s" y="%s" text-anchor="end">%d</text>`, f1(left-4), f1(axis+float64(maxDown)*unit+4), maxDown)
	}
	every := int(math.Ceil(float64(len(bs)) / 8))
	for i, b := range bs {
		x := x0 + float64(i)*bw
		if i%every == 0 {
			fmt.Fprintf(&sb, `<text class="tick" x="%s" y="%s" text-anchor="middle">%s</text>`, f1(x+bw/2), f1(h-bottom+14), esc(b.Period))
		}
		if b.Coop()+b.Conflict() == 0 {
			continue
		}
		fmt.Fprintf(&sb, `<a class="bar" href="%s" data-period="%s" data-coop="%d" data-conflict="%d">`, esc(b.Href), esc(b.Period), b.Coop(), b.Conflict())
		fmt.Fprintf(&sb, `<title>%s: %d cooperative (%d verbal, %d material), %d conflictual (%d verbal, %d material); mean Goldstein %+.1f</title>`,
			esc(b.Period), b.Coop(), b.Quad[1], b.Quad[2], b.Conflict(), b.Quad[3], b.Quad[4], b.Goldstein)
		// a transparent column makes the whole period clickable
		fmt.Fprintf(&sb, `<rect class="hit" x="%s" y="%s" width="%s" height="%s"/>`, f1(x), f1(top), f1(bw), f1(plotH))
		y := axis
		for _, q := range []int{1, 2} {
			hq := float64(b.Quad[q]) * unit
			if hq > 0 {
				y -= hq
				fmt.Fprintf(&sb, `<rect class="q%d" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, q, f1(x+gap/2), f1(y), f1(bw-gap), f1(hq), quadColors[q])
			}
		}
		y = axis
		for _, q := range []int{3, 4} {
			hq := float64(b.Quad[q]) * unit
			if hq > 0 {
				fmt.Fprintf(&sb, `<rect class="q%d" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, q, f1(x+gap/2), f1(y), f1(bw-gap), f1(hq), quadColors[q])
				y += hq
			}
		}
		sb.WriteString(`</a>`)
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// Node is an actor of the network.
type Node struct {
	Code   string
	Events int
	Href   string
}

// Edge is a directed pair of actors of the network: its events, their mean
// Goldstein score and the link to them.
type Edge struct {
	Source, Target string
	Events         int
	Goldstein      float64
	Href           string
}

// Network draws the actors on a circle (sorted by code, so that an actor's
// sectors sit together) and the directed edges between them, coloured by
// mean Goldstein score, as wide as the log of their events. Each edge is a
// link (class "edge", data-source, data-target) with a round handle at
// 60% of its length, drawn above every line so that it can be clicked.
func Network(nodes []Node, edges []Edge) template.HTML {
	const w, h = 900.0, 720.0
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart network" viewBox="0 0 %.0f %.0f" role="img" aria-label="actor network">`, w, h)
	if len(nodes) == 0 {
		fmt.Fprintf(&sb, `<text x="%.0f" y="%.0f" class="empty">no actors</text></svg>`, w/2, h/2)
		return template.HTML(sb.String())
	}
	nodes = append([]Node(nil), nodes...)
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Code < nodes[j].Code })
	cx, cy, r := w/2, h/2, math.Min(w, h)/2-70
	maxEv := 1
	for _, n := range nodes {
		maxEv = max(maxEv, n.Events)
	}
	type pos struct{ x, y, r float64 }
	at := map[string]pos{}
	for i, n := range nodes {
		a := 2*math.Pi*float64(i)/float64(len(nodes)) - math.Pi/2
		at[n.Code] = pos{cx + r*math.Cos(a), cy + r*math.Sin(a), 6 + 14*math.Sqrt(float64(n.Events)/float64(maxEv))}
	}
	maxE := 1
	for _, e := range edges {
		maxE = max(maxE, e.Events)
	}
	type drawn struct {
		e          Edge
		x1, y1     float64
		x2, y2     float64
		hx, hy     float64
		width      float64
		color      string
		ax, ay, bx float64
		by, tx, ty float64
	}
	var ds []drawn
	for _, e := range edges {
		p, ok1 := at[e.Source]
		q, ok2 := at[e.Target]
		if !ok1 || !ok2 || e.Source == e.Target {
			continue
		}
		dx, dy := q.x-p.x, q.y-p.y
		l := math.Hypot(dx, dy)
		ux, uy := dx/l, dy/l
		// offset to the right of the direction, so A→B and B→A are apart
		ox, oy := -uy*4, ux*4
		x1, y1 := p.x+ux*p.r+ox, p.y+uy*p.r+oy
		x2, y2 := q.x-ux*(q.r+2)+ox, q.y-uy*(q.r+2)+oy
		width := 1.5 + 4*math.Log1p(float64(e.Events))/math.Log1p(float64(maxE))
		// arrow head at the target end
		ax, ay := x2-ux*9-uy*4.5, y2-uy*9+ux*4.5
		bx, by := x2-ux*9+uy*4.5, y2-uy*9-ux*4.5
		ds = append(ds, drawn{e: e, x1: x1, y1: y1, x2: x2, y2: y2, hx: x1 + (x2-x1)*0.6, hy: y1 + (y2-y1)*0.6,
			width: width, color: GoldsteinColor(e.Goldstein), ax: ax, ay: ay, bx: bx, by: by, tx: x2, ty: y2})
	}
	// lines first, thin ones on top of wide ones
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].width > ds[j].width })
	title := func(e Edge) string {
		return fmt.Sprintf("<title>%s → %s: %d event(s), mean Goldstein %+.1f</title>", esc(e.Source), esc(e.Target), e.Events, e.Goldstein)
	}
	sb.WriteString(`<g class="edges">`)
	for _, d := range ds {
		fmt.Fprintf(&sb, `<a class="edge-line" href="%s">%s<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>`,
			esc(d.e.Href), title(d.e), f1(d.x1), f1(d.y1), f1(d.x2), f1(d.y2), d.color, f1(d.width))
		fmt.Fprintf(&sb, `<polygon points="%s,%s %s,%s %s,%s" fill="%s"/></a>`, f1(d.tx), f1(d.ty), f1(d.ax), f1(d.ay), f1(d.bx), f1(d.by), d.color)
	}
	sb.WriteString(`</g><g class="nodes">`)
	for _, n := range nodes {
		p := at[n.Code]
		lx, ly := cx+(r+p.r+8)*(p.x-cx)/r, cy+(r+p.r+8)*(p.y-cy)/r
		anchor := "middle"
		switch {
		case p.x > cx+10:
			anchor = "start"
		case p.x < cx-10:
			anchor = "end"
		}
		fmt.Fprintf(&sb, `<a class="node" href="%s" data-code="%s"><title>%s: %d event(s)</title><circle cx="%s" cy="%s" r="%s"/><text x="%s" y="%s" text-anchor="%s" dy="0.35em">%s</text></a>`,
			esc(n.Href), esc(n.Code), esc(n.Code), n.Events, f1(p.x), f1(p.y), f1(p.r), f1(lx), f1(ly), anchor, esc(n.Code))
	}
	sb.WriteString(`</g><g class="handles">`)
	for _, d := range ds {
		fmt.Fprintf(&sb, `<a class="edge" href="%s" data-source="%s" data-target="%s" data-events="%d">%s<circle cx="%s" cy="%s" r="6" fill="%s"/></a>`,
			esc(d.e.Href), esc(d.e.Source), esc(d.e.Target), d.e.Events, title(d.e), f1(d.hx), f1(d.hy), d.color)
	}
	sb.WriteString(`</g></svg>`)
	return template.HTML(sb.String())
}

// GoldsteinLegend draws the colour scale of Network and WorldMap.
func GoldsteinLegend() template.HTML {
	var sb strings.Builder
	sb.WriteString(`<svg class="legend" viewBox="0 0 300 34" role="img" aria-label="mean Goldstein score colour scale">`)
	for i := 0; i <= 20; i++ {
		g := float64(i - 10)
		fmt.Fprintf(&sb, `<rect x="%d" y="0" width="14" height="14" fill="%s"/>`, i*14+3, GoldsteinColor(g))
	}
	sb.WriteString(`<text x="3" y="28">−10 conflict</text><text x="150" y="28" text-anchor="middle">0</text><text x="297" y="28" text-anchor="end">cooperation +10</text></svg>`)
	return template.HTML(sb.String())
}

// Point is an event location of the map.
type Point struct {
	Name, Country string
	Lat, Lon      float64
	Events        int
	Goldstein     float64
	Href          string
}

// WorldMap draws the country outlines of world-atlas (110m, equirectangular
// from 60°S to 84°N) and a circle per location, as large as the square root
// of its events and coloured by their mean Goldstein score. Each circle is
// a link (class "place", data-name). Unless whole is set, the view zooms
// to the region of the points.
func WorldMap(points []Point, whole bool) (template.HTML, error) {
	cs, err := countries()
	if err != nil {
		return "", err
	}
	// the view: the whole map, or the region of the points when they
	// cover less than a quarter of its width (at least 60° by 30°)
	vx, vy, vw, vh := 0.0, 0.0, mapW, mapH
	if len(points) > 0 && !whole {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range points {
			x, y := project(p.Lat, p.Lon)
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		}
		if x1-x0 < mapW/4 {
			cx, cy := (x0+x1)/2, (y0+y1)/2
			vw = max(x1-x0+30*mapDegree, 60*mapDegree)
			vh = vw * mapH / mapW
			vx = math.Max(0, math.Min(mapW-vw, cx-vw/2))
			vy = math.Max(0, math.Min(mapH-vh, cy-vh/2))
		}
	}
	zoom := vw / mapW
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart map" viewBox="%s %s %s %s" role="img" aria-label="world map of event locations">`, f1(vx), f1(vy), f1(vw), f1(vh))
	fmt.Fprintf(&sb, `<rect class="sea" width="%.0f" height="%.0f"/><g class="countries">`, mapW, mapH)
	for _, c := range cs {
		if c.Name == "Antarctica" {
			continue
		}
		fmt.Fprintf(&sb, `<path d="%s" data-id="%s"><title>%s</title></path>`, c.Path, esc(c.ID), esc(c.Name))
	}
	sb.WriteString(`</g><g class="places">`)
	maxEv := 1
	for _, p := range points {
		maxEv = max(maxEv, p.Events)
	}
	// big circles first, so small ones stay clickable
	points = append([]Point(nil), points...)
	sort.SliceStable(points, func(i, j int) bool { return points[i].Events > points[j].Events })
	for _, p := range points {
		x, y := project(p.Lat, p.Lon)
		r := (3 + 12*math.Sqrt(float64(p.Events)/float64(maxEv))) * zoom
		fmt.Fprintf(&sb, `<a class="place" href="%s" data-name="%s"><title>%s (%s): %d event(s), mean Goldstein %+.1f</title><circle cx="%s" cy="%s" r="%s" fill="%s"/></a>`,
			esc(p.Href), esc(p.Name), esc(p.Name), esc(p.Country), p.Events, p.Goldstein, f1(x), f1(y), f1(r), GoldsteinColor(p.Goldstein))
	}
	sb.WriteString(`</g></svg>`)
	return template.HTML(sb.String()), nil
}
