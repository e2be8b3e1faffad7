package ogcapi

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"time"

	"mineaction/internal/geo"
	"mineaction/internal/mineaction"
)

// item is one feature ready to be written.
type item struct {
	key     int64  // keyset paging key, in the order of the collection
	id      string // feature id
	numID   bool   // write the id as a JSON number
	geom    geo.Geometry
	rtype   mineaction.RecordType // for records: what decides whether the position is sensitive
	index   mineaction.Index
	version int    // record version; 0 for data without versions
	props   []byte // the properties object
	// vals holds the queryable values of data filtered in memory.
	vals map[string]any
}

// Property implements cql2.Feature for data filtered in memory.
func (it *item) Property(name string) (any, bool) {
	v, ok := it.vals[name]
	return v, ok && v != nil
}

// Geometry implements cql2.Feature.
func (it *item) Geometry() geo.Geometry { return it.geom }

// recordItem makes the feature of a current record: its properties as
// approved, plus what the database computes (human id, version, admin
// area, and a hazard's land release figures).
func recordItem(r *mineaction.RecordState) item {
	props := bytes.TrimSpace(r.Properties)
	if r.Type == mineaction.TypeAccident {
		props = accidentProps(props)
	}
	// Never write victims' personal data, whoever asks: the OGC API has no
	// victims collection and features go into files and tools that keep
	// no access control.
	props = mineaction.RedactPersonal(r.Type, props, func(mineaction.VictimFacts) bool { return false })
	b := make([]byte, 0, len(props)+200)
	b, n := openObject(b, props)
	if !hasMember(props, "hid") {
		b, n = member(b, n, "hid"), n+1
		b = appendString(b, r.HID)
	}
	b, n = member(b, n, "version"), n+1
	b = strconv.AppendInt(b, int64(r.Version), 10)
	b, n = member(b, n, "updated_at"), n+1
	// A time in RFC 3339 has nothing to escape.
	b = append(r.UpdatedAt.UTC().AppendFormat(append(b, '"'), time.RFC3339), '"')
	if r.AdminArea != "" && !hasMember(props, "admin_area") {
		b, n = member(b, n, "admin_area"), n+1
		b = appendString(b, r.AdminArea)
	}
	if r.Type == mineaction.TypeHazard {
		var areas [5]float64
		if f := r.Figures; f != nil {
			areas = [...]float64{f.OriginalM2, f.CancelledM2, f.ReducedM2, f.ClearedM2, f.RemainingM2}
		}
		for i, name := range [...]string{"original_m2", "cancelled_m2", "reduced_m2", "cleared_m2", "remaining_m2"} {
			b = member(b, n+i, name)
			if r.Figures == nil {
				b = append(b, "null"...)
			} else {
				b = appendArea(b, areas[i])
			}
		}
	}
	b = append(b, '}')
	return item{key: r.ID, id: r.HID, geom: r.Geometry, rtype: r.Type, index: r.Index, version: r.Version, props: b}
}

// accidentProps replaces the victims listed in an accident with their
// numbers, as the queryables describe them: victims, killed, injured.
func accidentProps(props []byte) []byte { return mineaction.VictimCounts(props) }

// openObject starts a JSON object with the members of obj (a JSON object)
// and returns the number of members written so far (0 or 1: only whether
// one was written matters).
func openObject(b, obj []byte) ([]byte, int) {
	if len(obj) < 2 || obj[0] != '{' {
		return append(b, '{'), 0
	}
	inner := bytes.TrimSpace(obj[1 : len(obj)-1])
	b = append(b, '{')
	if len(inner) == 0 {
		return b, 0
	}
	return append(b, inner...), 1
}

// member writes the name of the next member of an object, n members
// having been written. The name is one of ours, with nothing to escape.
func member(b []byte, n int, name string) []byte {
	if n > 0 {
		b = append(b, ',')
	}
	b = append(append(b, '"'), name...)
	return append(b, '"', ':')
}

// hasMember reports whether the object obj has a member of that name. A
// quote ending a name can only be a member's name followed by its colon,
// since quotes inside strings are escaped.
func hasMember(obj []byte, name string) bool {
	return bytes.Contains(obj, []byte(`"`+name+`":`))
}

// appendArea writes square metres to the square centimetre, as
// strconv.AppendFloat(b, v, 'f', -1, 64) would, through geo.AppendCoord,
// which writes the same and is quicker at short decimals (a page of
// hazards writes five areas a feature).
func appendArea(b []byte, v float64) []byte {
	return geo.AppendCoord(b, math.Round(v*100)/100)
}

// releaseItem makes the feature of a released polygon. Its id is the
// activity's human id and the position of the outcome in it, e.g.
// AC-000123.0, which stays the same across versions of the activity.
func releaseItem(r *mineaction.Release) item {
	date, _ := r.Date.Time()
	vals := map[string]any{"kind": r.Kind, "hazard": r.HazardHID, "activity": r.ActivityHID, "date": date,
		"method": nilIfEmpty(r.Method), "area_m2": r.AreaM2, "credited_m2": r.CreditedM2}
	b := []byte(`{"kind":`)
	b = appendString(b, r.Kind)
	b = append(b, `,"hazard":`...)
	b = appendString(b, r.HazardHID)
	b = append(b, `,"activity":`...)
	b = appendString(b, r.ActivityHID)
	b = append(b, `,"date":`...)
	b = appendString(b, string(r.Date))
	b = append(b, `,"method":`...)
	b = appendStringOrNull(b, r.Method)
	b = append(b, `,"area_m2":`...)
	b = appendArea(b, r.AreaM2)
	b = append(b, `,"outside_m2":`...)
	b = appendArea(b, r.OutsideM2)
	b = append(b, `,"credited_m2":`...)
	b = appendArea(b, r.CreditedM2)
	b = append(b, '}')
	// A release is an activity's outcome: its position is as sensitive.
	return item{key: r.ID, id: releaseID(r.ActivityHID, r.Index), geom: r.Geometry, rtype: mineaction.TypeActivity, props: b, vals: vals}
}

func releaseID(activity string, index int) string { return activity + "." + strconv.Itoa(index) }

func adminAreaItem(a *mineaction.AdminArea) item {
	props, _ := json.Marshal(struct {
		Code     string  `json:"code"`
		Name     string  `json:"name"`
		Level    int     `json:"level"`
		Parent   *string `json:"parent"`
		Affected bool    `json:"affected"`
		Note     *string `json:"note"`
		AreaM2   float64 `json:"area_m2"`
	}{a.Code, a.Name, a.Level, strPtr(a.Parent), a.Affected, strPtr(a.Note), math.Round(a.AreaM2*100) / 100})
	vals := map[string]any{"code": a.Code, "name": a.Name, "level": int64(a.Level), "parent": nilIfEmpty(a.Parent),
		"affected": a.Affected, "area_m2": a.AreaM2}
	return item{key: a.ID, id: a.Code, geom: a.Geometry, props: props, vals: vals}
}

func placeItem(p *mineaction.Place) item {
	props, _ := json.Marshal(struct {
		Name       string  `json:"name"`
		Kind       string  `json:"kind"`
		Population int64   `json:"population"`
		AdminArea  *string `json:"admin_area"`
	}{p.Name, p.Kind, p.Population, strPtr(p.AdminArea)})
	vals := map[string]any{"name": p.Name, "kind": p.Kind, "population": p.Population, "admin_area": nilIfEmpty(p.AdminArea)}
	return item{key: p.ID, id: strconv.FormatInt(p.ID, 10), numID: true, geom: p.Point, props: props, vals: vals}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func appendStringOrNull(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

// appendString writes s as a JSON string.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
