package cql2

import "testing"

// Filters transcribed from the example files of the CQL2 standard
// (opengeospatial/ogcapi-features, cql2/standard/schema/examples/text/, the
// file names are given). Each must parse, pass its own round trip, and need
// the conformance classes listed.
func TestStandardTextExamples(t *testing.T) {
	tests := []struct {
		file, filter string
		classes      []Class
	}{
		{"example01", "landsat:scene_id = 'LC82030282019133LGN00'", []Class{BasicCQL2}},
		{"example05a", "ro:cloud_cover=0.1 OR ro:cloud_cover=0.2", []Class{BasicCQL2}},
		{"example06b", "    eo:cloud_cover >= 0.1\nAND eo:cloud_cover <= 0.2\nAND landsat:wrs_row=28\nAND landsat:wrs_path=203\n", []Class{BasicCQL2}},
		{"example07", `eo_instruments LIKE 'OLI%'
                AND S_INTERSECTS(footprint,POLYGON((43.5845 -79.5442,
                                                    43.6079 -79.4893,
                                                    43.5677 -79.4632,
                                                    43.6129 -79.3925,
                                                    43.6223 -79.3238,
                                                    43.6576 -79.3163,
                                                    43.7945 -79.1178,
                                                    43.8144 -79.1542,
                                                    43.8555 -79.1714,
                                                    43.7509 -79.6390,
                                                    43.5845 -79.5442)))`, []Class{BasicCQL2, AdvancedComparison, BasicSpatialFunctionsPlus}},
		{"example08", `    beamMode='ScanSAR Narrow'
AND swathDirection='ascending'
AND polarization='HH+VV+HV+VH'
AND s_intersects(geometry,POLYGON((-77.117938 38.936860,
                                   -77.040604 39.995648,
                                   -76.910536 38.892912,
                                   -77.039359 38.791753,
                                   -77.047906 38.841462,
                                   -77.034183 38.840655,
                                   -77.033142 38.857490,
                                   -77.117938 38.936860)))`, []Class{BasicCQL2, BasicSpatialFunctionsPlus}},
		{"example12", "owner LIKE 'Mike%'", []Class{BasicCQL2, AdvancedComparison}},
		{"example15", "floors>5 AND swimming_pool=true", []Class{BasicCQL2}},
		{"example16", "swimming_pool=true AND (floors>5 \n                    OR  material LIKE 'brick%'\n                    OR  material LIKE '%brick')", []Class{BasicCQL2, AdvancedComparison}},
		{"example19", "(owner LIKE 'mike%' OR owner LIKE 'Mike%') AND floors<4", []Class{BasicCQL2, AdvancedComparison}},
		{"example20", "T_BEFORE(built, DATE('2015-01-01'))", []Class{BasicCQL2, TemporalFunctions}},
		{"example22", "T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z'))", []Class{BasicCQL2, TemporalFunctions}},
		{"example24", "S_INTERSECTS(geometry,POLYGON((-10.0 -10.0,10.0 -10.0,10.0 10.0,-10.0 -10.0)))", []Class{BasicCQL2, BasicSpatialFunctionsPlus}},
		{"example28", "CASEI(geophys:SURVEY_NAME) LIKE CASEI('%calcutta%')", []Class{BasicCQL2, AdvancedComparison, CaseInsensitiveComparison}},
		{"example30", `"id" <> 'fa7e1920-9107-422d-a3db-c468cbc5d6df'`, []Class{BasicCQL2}},
		{"example31", `"value" < 10`, []Class{BasicCQL2}},
		{"example35", `"name" LIKE 'foo%'`, []Class{BasicCQL2, AdvancedComparison}},
		{"example36", `NOT "name" LIKE 'foo%'`, []Class{BasicCQL2, AdvancedComparison}},
		{"example37", `"value" BETWEEN 10 AND 20`, []Class{BasicCQL2, AdvancedComparison}},
		{"example40", `NOT "value" IN ('a', 'b', 'c')`, []Class{BasicCQL2, AdvancedComparison}},
		{"example42", `NOT "value" IS NULL`, []Class{BasicCQL2}},
		{"example44", `("value" IS NULL OR "value" BETWEEN 10 AND 20)`, []Class{BasicCQL2, AdvancedComparison}},
		{"example45", `S_INTERSECTS("geometry", BBOX(-128.098193, -1.1, -99999.0, 180.0, 90.0, 100000.0))`, []Class{BasicCQL2, BasicSpatialFunctions}},
		{"example46", `S_EQUALS(POLYGON ((-0.333333 89.0, -102.723546 -0.5, -179.0 -89.0, -1.9 89.0, -0.0 89.0, 2.00001 -1.9, -0.333333 89.0)), "geometry")`, []Class{BasicCQL2, SpatialFunctions, PropertyProperty}},
		{"example50", `S_OVERLAPS("geometry", BBOX(-179.912109, 1.9, 180.0, 16.897016))`, []Class{BasicCQL2, SpatialFunctions}},
		{"example51", `S_CROSSES("geometry", LINESTRING (172.03086 1.5, 1.1 -90.0, -159.757695 0.99999, -180.0 0.5, -12.111235 81.336403, -0.5 64.43958, 0.0 81.991815, -155.93831 90.0))`, []Class{BasicCQL2, SpatialFunctions}},
		{"example53", `T_AFTER("updated_at", DATE('2010-02-10'))`, []Class{BasicCQL2, TemporalFunctions}},
		{"example54", `T_BEFORE("updated_at", TIMESTAMP('2012-08-10T05:30:00.000000Z'))`, []Class{BasicCQL2, TemporalFunctions}},
		{"example55", "T_CONTAINS(INTERVAL('2000-01-01T00:00:00.000000Z', '2005-01-10T01:01:01.393216Z'), INTERVAL(starts_at, ends_at))", []Class{BasicCQL2, TemporalFunctions, PropertyProperty}},
		{"example57", "T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2005-01-10', '2010-02-10'))", []Class{BasicCQL2, TemporalFunctions}},
		{"example59", "T_FINISHEDBY(INTERVAL(starts_at, ends_at), INTERVAL('1991-10-07T08:21:06.393262Z', '2010-02-10T05:29:20.073225Z'))", []Class{BasicCQL2, TemporalFunctions}},
		{"example62", "T_MEETS(INTERVAL('2005-01-10', '2010-02-10'), INTERVAL(starts_at, ends_at))", []Class{BasicCQL2, TemporalFunctions, PropertyProperty}},
		{"example67", "T_STARTS(INTERVAL(starts_at, ends_at), INTERVAL('1991-10-07T08:21:06.393262Z', '..'))", []Class{BasicCQL2, TemporalFunctions}},
		{"clause6_02a", "city='Toronto'", []Class{BasicCQL2}},
		{"clause7_07", "S_INTERSECTS(geometry,POINT(36.319836 32.288087))", []Class{BasicCQL2, BasicSpatialFunctions}},
		{"clause7_12", "T_INTERSECTS(event_time, INTERVAL('1969-07-16T05:32:00Z', '1969-07-24T16:50:35Z'))", []Class{BasicCQL2, TemporalFunctions}},
		{"clause7_15", "A_CONTAINS(layer:ids, ('layers-ca','layers-us'))", []Class{BasicCQL2, ArrayFunctions}},
		{"clause7_17", "T_DURING(INTERVAL('1969-07-20T20:17:40Z', '1969-07-21T17:54:00Z'), INTERVAL('1969-07-16T13:32:00Z', '1969-07-24T16:50:35Z'))", []Class{BasicCQL2, TemporalFunctions, PropertyProperty}},
		{"clause7_19", "vehicle_height > (bridge_clearance-1)", []Class{BasicCQL2, PropertyProperty, Arithmetic}},
	}
	for _, tt := range tests {
		e, err := ParseText(tt.filter)
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if err := checkRoundTrip(e); err != nil {
			t.Errorf("%s: %v", tt.file, err)
		}
		if got := Conformance(e); !equalClasses(got, tt.classes) {
			t.Errorf("%s: Conformance = %v, want %v", tt.file, got, tt.classes)
		}
	}
	// example48 uses MULTILINESTRING, which this package refuses.
	if _, err := ParseText(`S_TOUCHES("geometry", MULTILINESTRING ((-1.9 -0.99999, 75.292574 1.5, -0.5 -4.016458, -31.708594 -74.743801, 179.0 -90.0),(-1.9 -1.1, 1.5 8.547371)))`); err == nil {
		t.Error("example48: MULTILINESTRING was accepted")
	}
}

func equalClasses(a, b []Class) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
