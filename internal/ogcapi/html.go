package ogcapi

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"mineaction/internal/auth"
	"mineaction/internal/geo"
	"mineaction/internal/httpx"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/ogcapi.css
var stylesheet []byte

// parsePages parses the HTML pages: plain server-rendered documents with
// one stylesheet, no script, nothing from another origin.
func parsePages() *template.Template {
	return template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))
}

// pageData is what every page template gets.
type pageData struct {
	Title, Description string
	Root               string
	Crumbs             []link
	Links              []link
	Data               map[string]any
}

// renderHTML writes a metadata resource as an HTML page.
func (s *Service) renderHTML(w http.ResponseWriter, r *http.Request, page string, v map[string]any) error {
	d := pageData{Root: s.root(r), Data: v}
	d.Links, _ = v["links"].([]link)
	switch page {
	case "landing":
		d.Title, _ = v["title"].(string)
		d.Description, _ = v["description"].(string)
	case "conformance":
		d.Title = "Conformance"
		d.Description = "The conformance classes of the OGC standards this API implements."
	case "collections":
		d.Title = "Collections"
		d.Crumbs = []link{{Href: d.Root + "/collections?f=html", Title: "Collections"}}
	case "collection":
		d.Title, _ = v["title"].(string)
		d.Description, _ = v["description"].(string)
		d.Crumbs = []link{{Href: d.Root + "/collections?f=html", Title: "Collections"}, {Href: d.Root + "/collections/" + fmt.Sprint(v["id"]) + "?f=html", Title: d.Title}}
	case "api":
		d.Title = "API"
		d.Description = "Every operation of the OGC API and of the application's JSON API."
	}
	return s.execute(w, page, d)
}

// execute renders a template into a buffer first, so that an error does not
// leave half a page.
func (s *Service) execute(w http.ResponseWriter, name string, data any) error {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("render %s page: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := w.Write(b.Bytes())
	return err
}

// property is one property of a feature shown on a page.
type property struct{ Name, Value string }

// orderedProps reads the members of a JSON object in order; values other
// than strings are shown as compact JSON.
func orderedProps(obj []byte) []property {
	var m []property
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return m
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return m
		}
		name, _ := t.(string)
		m = append(m, property{Name: name, Value: displayValue(raw)})
	}
	return m
}

func displayValue(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) == nil {
		return b.String()
	}
	return string(raw)
}

// itemsRow is one feature in the table of an items page.
type itemsRow struct {
	ID, Href string
	Values   []string
}

// itemsHTML writes an items page as a table.
func (s *Service) itemsHTML(w http.ResponseWriter, r *http.Request, c *collection, p *page, links []link) error {
	root := s.root(r)
	d := struct {
		pageData
		Columns  []string
		Features []itemsRow
		Matched  int
	}{pageData: pageData{Title: c.Title, Description: c.Description, Root: root, Links: links,
		Crumbs: []link{{Href: root + "/collections?f=html", Title: "Collections"}, {Href: root + "/collections/" + c.ID + "?f=html", Title: c.Title}}},
		Matched: p.matched}
	index := map[string]int{}
	rows := make([][]property, len(p.items))
	for i := range p.items {
		rows[i] = orderedProps(auth.PropertiesFor(httpx.CallerOf(r), p.items[i].rtype, p.items[i].props, s.cfg.GeneraliseCell))
		for _, kv := range rows[i] {
			if _, ok := index[kv.Name]; !ok {
				index[kv.Name] = len(d.Columns)
				d.Columns = append(d.Columns, kv.Name)
			}
		}
	}
	for i, it := range p.items {
		row := itemsRow{ID: it.id, Href: root + "/collections/" + c.ID + "/items/" + it.id + "?f=html", Values: make([]string, len(d.Columns))}
		for _, kv := range rows[i] {
			row.Values[index[kv.Name]] = kv.Value
		}
		d.Features = append(d.Features, row)
	}
	return s.execute(w, "items", d)
}

// itemHTML writes one feature as a page.
func (s *Service) itemHTML(w http.ResponseWriter, r *http.Request, c *collection, it *item, links []link) error {
	root := s.root(r)
	g := "none"
	caller := httpx.CallerOf(r)
	if shown := auth.GeometryFor(caller, it.rtype, it.index, it.geom, s.cfg.GeneraliseCell); shown != nil {
		g = describeGeometry(shown)
	}
	d := struct {
		pageData
		Props    []property
		Geometry string
	}{pageData: pageData{Title: it.id, Root: root, Links: links,
		Crumbs: []link{{Href: root + "/collections?f=html", Title: "Collections"}, {Href: root + "/collections/" + c.ID + "?f=html", Title: c.Title},
			{Href: root + "/collections/" + c.ID + "/items/" + it.id + "?f=html", Title: it.id}}},
		Props: orderedProps(auth.PropertiesFor(caller, it.rtype, it.props, s.cfg.GeneraliseCell)), Geometry: g}
	return s.execute(w, "item", d)
}

// describeGeometry says what a geometry is in words, with its box.
func describeGeometry(g geo.Geometry) string {
	b := g.Bounds()
	if p, ok := g.(geo.Point); ok {
		return fmt.Sprintf("Point at longitude %.6f, latitude %.6f", p.X, p.Y)
	}
	n := 0
	for _, poly := range geo.Polygons(g) {
		for _, ring := range poly {
			n += len(ring)
		}
	}
	var parts []string
	parts = append(parts, g.Type())
	if n > 0 {
		parts = append(parts, fmt.Sprintf("of %d positions", n))
	}
	parts = append(parts, fmt.Sprintf("within longitude %.5f to %.5f, latitude %.5f to %.5f", b.MinX, b.MaxX, b.MinY, b.MaxY))
	if a := geo.Area(g); a > 0 {
		parts = append(parts, fmt.Sprintf("(%.0f m²)", a))
	}
	return strings.Join(parts, " ")
}

// Asset handles GET /ogcapi/assets/ogcapi.css, the pages' stylesheet.
func (s *Service) Asset(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, err := w.Write(stylesheet)
	return err
}
