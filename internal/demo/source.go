package demo

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"mineaction/data"
	"mineaction/internal/geo"
)

// sourcePlace is a row of data/places.csv.
type sourcePlace struct {
	Name     string
	Kind     string
	Point    geo.Point
	Affected bool
}

// sourceOrdnance is a row of data/ordnance.csv.
type sourceOrdnance struct {
	Category, Subcategory, Model, Kind, Notes string
}

// readOutline reads the national outline from the embedded GeoJSON.
func readOutline() (geo.MultiPolygon, error) {
	b, err := fs.ReadFile(data.Files, "azerbaijan.geojson")
	if err != nil {
		return nil, err
	}
	var fc struct {
		Features []struct {
			Geometry json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("azerbaijan.geojson: %w", err)
	}
	if len(fc.Features) != 1 {
		return nil, fmt.Errorf("azerbaijan.geojson: %d features, want 1", len(fc.Features))
	}
	g, err := geo.ParseGeoJSON(fc.Features[0].Geometry)
	if err != nil {
		return nil, fmt.Errorf("azerbaijan.geojson: %w", err)
	}
	mp := geo.Polygons(geo.Normalize(g))
	if mp == nil {
		return nil, fmt.Errorf("azerbaijan.geojson: a %s, want a polygon", g.Type())
	}
	return mp, nil
}

// readCSV reads an embedded CSV file as maps from header to value.
func readCSV(name string) ([]map[string]string, error) {
	f, err := data.Files.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.LazyQuotes = true // notes quote names ("butterfly") without quoting the field
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	out := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = strings.TrimSpace(row[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}

func readPlaces() ([]sourcePlace, error) {
	rows, err := readCSV("places.csv")
	if err != nil {
		return nil, err
	}
	out := make([]sourcePlace, 0, len(rows))
	for i, r := range rows {
		lat, err1 := strconv.ParseFloat(r["latitude"], 64)
		lon, err2 := strconv.ParseFloat(r["longitude"], 64)
		if err1 != nil || err2 != nil || r["name"] == "" {
			return nil, fmt.Errorf("places.csv row %d: bad name or coordinates", i+2)
		}
		out = append(out, sourcePlace{Name: r["name"], Kind: r["kind"], Point: geo.Point{X: lon, Y: lat}, Affected: r["affected"] == "yes"})
	}
	return out, nil
}

func readOrdnance() ([]sourceOrdnance, error) {
	rows, err := readCSV("ordnance.csv")
	if err != nil {
		return nil, err
	}
	out := make([]sourceOrdnance, 0, len(rows))
	for i, r := range rows {
		if r["model"] == "" || r["category"] == "" {
			return nil, fmt.Errorf("ordnance.csv row %d: no category or model", i+2)
		}
		out = append(out, sourceOrdnance{Category: r["category"], Subcategory: r["subcategory"], Model: r["model"], Kind: r["kind"], Notes: r["notes"]})
	}
	return out, nil
}

// ordnanceCode turns a model designation into a stable, URL-safe code:
// letters, digits and dashes ("122 mm rocket (BM-21)" -> "122-mm-rocket-BM-21").
func ordnanceCode(model string) string {
	var b strings.Builder
	dash := false
	for _, c := range model {
		ok := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !ok {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(c)
	}
	return b.String()
}

// districtCode is the stable code of the demo district around a place.
func districtCode(name string) string {
	return "AZ-" + strings.ToUpper(ordnanceCode(name))
}
