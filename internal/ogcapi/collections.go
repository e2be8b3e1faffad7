package ogcapi

import (
	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
)

// source says where a collection's features come from.
type source int

const (
	fromRecords    source = iota // current records of one type
	fromReleases                 // released polygons of approved activities
	fromAdminAreas               // the country structure
	fromPlaces                   // the gazetteer
)

// collection is one feature collection of the API.
type collection struct {
	ID, Title, Description string
	Source                 source
	Type                   mineaction.RecordType // for records
	// GeomFormat is the JSON Schema format of the geometry (OGC API
	// Features Part 5), e.g. "geometry-polygon-or-multipolygon".
	GeomFormat string
	// Temporal names the property whose date the datetime parameter
	// filters on; empty when the features have no time.
	Temporal string
	// Writable collections accept Part 4 transactions, which enter reports.
	Writable bool
	// Layer names the vector tile layer, empty when there is none.
	Layer      string
	Queryables []mineaction.Queryable
}

// collections lists the collections of DESIGN.md. There is no victims
// collection: victims have no geometry and hold personal data.
func collections() []*collection {
	rec := func(id string, t mineaction.RecordType, title, desc, format, temporal string, writable bool, layer string) *collection {
		return &collection{ID: id, Title: title, Description: desc, Source: fromRecords, Type: t, GeomFormat: format,
			Temporal: temporal, Writable: writable, Layer: layer, Queryables: mineaction.Queryables(t)}
	}
	return []*collection{
		rec("hazards", mineaction.TypeHazard, "Hazardous areas",
			"Suspected (SHA) and confirmed (CHA) hazardous areas with their land release figures in square metres "+
				"on the WGS84 ellipsoid: original = cancelled + reduced + cleared + remaining. datetime filters on the date of information.",
			"geometry-polygon-or-multipolygon", "date_of_information", true, "hazards"),
		rec("activities", mineaction.TypeActivity, "Activities",
			"Survey, clearance and other work on land. datetime filters on the date the activity released land (its end date).",
			"geometry-polygon-or-multipolygon", "end_date", true, ""),
		{ID: "releases", Title: "Released land", Source: fromReleases, GeomFormat: "geometry-multipolygon", Temporal: "date", Layer: "releases",
			Description: "Polygons released by approved activities, clipped to their hazardous area, with their kind " +
				"(cancelled by non-technical survey, reduced by technical survey, cleared). Each is as its activity reported it: " +
				"land released twice appears twice, so summing area_m2 counts it twice, where the hazards' figures " +
				"count it once. datetime filters on the release date.",
			Queryables: releaseQueryables},
		rec("finds", mineaction.TypeFind, "Explosive ordnance found",
			"Items of explosive ordnance found and their disposal. datetime filters on the date found.",
			"geometry-point", "found_date", true, "finds"),
		rec("accidents", mineaction.TypeAccident, "Accidents",
			"Mine and ERW accidents with the number of victims killed and injured; victims' personal data is never part of a feature. "+
				"datetime filters on the accident date.", "geometry-point", "date", false, "accidents"),
		rec("education", mineaction.TypeEducation, "Risk education sessions",
			"Explosive ordnance risk education sessions and the people they reached. datetime filters on the session date.",
			"geometry-point", "date", true, ""),
		{ID: "admin-areas", Title: "Administrative areas", Source: fromAdminAreas, GeomFormat: "geometry-multipolygon", Layer: "admin_areas",
			Description: "The country structure: districts and regions with their geodesic area.", Queryables: adminAreaQueryables},
		{ID: "places", Title: "Places", Source: fromPlaces, GeomFormat: "geometry-point",
			Description: "Villages, towns and cities of the gazetteer.", Queryables: placeQueryables},
		rec("tasks", mineaction.TypeTask, "Tasks",
			"Orders from the authority to operators to work on hazardous areas. datetime filters on the planned end.",
			"geometry-polygon-or-multipolygon", "planned_end", true, ""),
	}
}

var releaseQueryables = []mineaction.Queryable{
	{Name: "kind", Type: cql2.TypeString, Title: "Kind of release", Enum: mineaction.ReleaseKind},
	{Name: "hazard", Type: cql2.TypeString, Title: "Hazard human id"},
	{Name: "activity", Type: cql2.TypeString, Title: "Activity human id"},
	{Name: "date", Type: cql2.TypeDate, Title: "Release date"},
	{Name: "method", Type: cql2.TypeString, Title: "Method", Enum: mineaction.Method},
	{Name: "area_m2", Type: cql2.TypeNumber, Title: "Area inside the hazard (m²)"},
	{Name: "credited_m2", Type: cql2.TypeNumber, Title: "Newly released land it counts for (m²)"},
	{Name: "geometry", Type: cql2.TypeGeometry, Title: "Geometry"},
}

var adminAreaQueryables = []mineaction.Queryable{
	{Name: "code", Type: cql2.TypeString, Title: "Code"},
	{Name: "name", Type: cql2.TypeString, Title: "Name"},
	{Name: "level", Type: cql2.TypeInteger, Title: "Level (1 is below the country)"},
	{Name: "parent", Type: cql2.TypeString, Title: "Parent code"},
	{Name: "affected", Type: cql2.TypeBoolean, Title: "Mine action works here"},
	{Name: "area_m2", Type: cql2.TypeNumber, Title: "Geodesic area (m²)"},
	{Name: "geometry", Type: cql2.TypeGeometry, Title: "Geometry"},
}

var placeQueryables = []mineaction.Queryable{
	{Name: "name", Type: cql2.TypeString, Title: "Name"},
	{Name: "kind", Type: cql2.TypeString, Title: "Kind (village, town, city)"},
	{Name: "population", Type: cql2.TypeInteger, Title: "Population"},
	{Name: "admin_area", Type: cql2.TypeString, Title: "Admin area code"},
	{Name: "geometry", Type: cql2.TypeGeometry, Title: "Geometry"},
}

// queryableTypes returns the collection's queryables as the CQL2 checker
// takes them.
func (c *collection) queryableTypes() cql2.Queryables {
	out := cql2.Queryables{}
	for _, q := range c.Queryables {
		out[q.Name] = q.Type
	}
	return out
}

// queryable returns the queryable of that name.
func (c *collection) queryable(name string) (mineaction.Queryable, bool) {
	for _, q := range c.Queryables {
		if q.Name == name {
			return q, true
		}
	}
	return mineaction.Queryable{}, false
}

// paramQueryable reports whether name may be used as a name=value query
// parameter: every queryable but geometries and arrays.
func paramQueryable(q mineaction.Queryable) bool {
	return q.Type != cql2.TypeGeometry && q.Type != cql2.TypeStringArray
}
