package mineaction

import "mineaction/internal/geo"

// Organisation is a body that works in or coordinates mine action: the
// national authority, army engineers, a ministry, commercial firms, NGOs.
type Organisation struct {
	ID   int64  `json:"-"`
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"` // OrganisationKind
	// Teams are the organisation's field teams.
	Teams []Team `json:"teams,omitempty"`
}

// Team is a field team of an organisation.
type Team struct {
	ID           int64  `json:"-"`
	Organisation string `json:"organisation"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Method       string `json:"method,omitempty"` // Method: what the team does
}

// AdminArea is a unit of the country structure (a district, a region), in a
// configurable hierarchy, with its polygon.
type AdminArea struct {
	ID       int64            `json:"-"`
	Code     string           `json:"code"`
	Name     string           `json:"name"`
	Level    int              `json:"level"` // 1 = first level below the country
	Parent   string           `json:"parent,omitempty"`
	Affected bool             `json:"affected"` // a district where mine action works
	Note     string           `json:"note,omitempty"`
	Geometry geo.MultiPolygon `json:"-"`
	AreaM2   float64          `json:"area_m2"` // geodesic area of the polygon
}

// Place is a village, town or city of the gazetteer.
type Place struct {
	ID         int64     `json:"-"`
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	Point      geo.Point `json:"-"`
	Population int64     `json:"population,omitempty"`
	AdminArea  string    `json:"admin_area,omitempty"`
}

// Ordnance is an entry of the ordnance catalogue: category -> subcategory ->
// model (e.g. Landmine -> Anti-personnel -> PMN-2).
type Ordnance struct {
	ID          int64  `json:"-"`
	Code        string `json:"code"`
	Category    string `json:"category"`
	Subcategory string `json:"subcategory"`
	Model       string `json:"model"`
	Kind        string `json:"kind,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// Country is the national outline and the name of the programme's country.
type Country struct {
	Name     string
	Geometry geo.MultiPolygon
	AreaM2   float64
}
