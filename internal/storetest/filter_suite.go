package storetest

import (
	"fmt"
	"testing"

	"mineaction/internal/cql2"
	"mineaction/internal/mineaction"
)

// filterCase is a cql2-text filter on the records of one type. Unless
// edge is set, the evaluator must select some but not all of them, so
// that a store that ignored the filter, or selected nothing, fails.
type filterCase struct {
	typ  mineaction.RecordType
	text string
	edge bool
	// expr, if set, is the filter, for one that cql2-text cannot write.
	expr cql2.Expr
}

const (
	hz = mineaction.TypeHazard
	ac = mineaction.TypeActivity
	vc = mineaction.TypeVictim
	fd = mineaction.TypeFind
)

var filterCases = []filterCase{
	// Comparisons, NULL semantics and NOT.
	{hz, "status = 'open'", false, nil},
	{hz, "status <> 'open'", false, nil},
	{hz, "status IS NULL", false, nil},
	{hz, "status IS NOT NULL", false, nil},
	{hz, "NOT (status = 'open')", false, nil},
	{hz, "NOT (status = 'open' AND priority = 'high')", false, nil},
	{hz, "category = 'CHA' AND priority = 'high'", false, nil},
	{hz, "category = 'SHA' OR priority IS NULL", false, nil},
	{hz, "NOT (priority = 'high' OR priority = 'low')", false, nil},
	{hz, "hid >= 'HA-000005' AND hid < 'HA-000010'", false, nil},
	{hz, "name > 'Z'", false, nil},
	{hz, "name < 'a'", false, nil},
	{hz, "organisation IN ('OPB', 'DONOR')", false, nil},
	{hz, "NOT priority IN ('high', 'low')", false, nil},
	{hz, "admin_area = 'W'", false, nil},
	{hz, "admin_area IS NULL", false, nil},
	{hz, "place = name", false, nil},
	{hz, "priority = evidence_reliability", false, nil},
	{hz, "NOT priority <> evidence_reliability", false, nil},
	{hz, "TRUE", true, nil},
	{hz, "NOT TRUE", true, nil},
	// LIKE, case-sensitive, with escapes and the other store's wildcards.
	{hz, "name LIKE 'Bak%'", false, nil},
	{hz, "name LIKE 'bak%'", true, nil},
	{hz, "name LIKE 'Bak_ meadow'", false, nil},
	{hz, "name LIKE '%100\\%%'", false, nil},
	{hz, "name LIKE '%\\_%'", false, nil},
	{hz, "name LIKE '%_field'", false, nil},
	{hz, "name LIKE 'a*b?[c]'", false, nil},
	{hz, "name LIKE '%*%'", false, nil},
	// A pattern ending in a backslash, which stands for itself.
	{hz, "name LIKE '%\\' (built)", false, cql2.Like{Arg: cql2.Property{Name: "name"}, Pattern: cql2.StringLit{Value: `%\`}}},
	{hz, "name LIKE '%' AND NOT name LIKE '%e%'", false, nil},
	{hz, "NOT name LIKE 'B%'", false, nil},
	// CASEI and ACCENTI on tricky strings.
	{hz, "CASEI(place) = CASEI('baki')", false, nil},
	{hz, "CASEI(name) LIKE CASEI('BAKI%')", false, nil},
	{hz, "CASEI(place) = CASEI('İSMAYILLI')", false, nil},
	{hz, "ACCENTI(place) = ACCENTI('SEKI')", false, nil},
	{hz, "CASEI(ACCENTI(place)) = CASEI('seki')", false, nil},
	{hz, "ACCENTI(CASEI(place)) = ACCENTI(CASEI('şəki'))", false, nil},
	{hz, "CASEI(place) = CASEI('straße')", false, nil},
	{hz, "CASEI(name) LIKE 'strasse%'", false, nil},
	{hz, "ACCENTI(place) = 'Cafe'", false, nil},
	{hz, "ACCENTI(name) LIKE 'Cafe %'", false, nil},
	{hz, "CASEI(ACCENTI(place)) = 'fuzuli'", false, nil},
	{hz, "ACCENTI(place) = ACCENTI('Gəncə')", false, nil},
	{hz, "CASEI(name) LIKE '%kelvin k'", false, nil},
	{hz, "CASEI(place) = CASEI(name)", false, nil},
	{hz, "ACCENTI(CASEI(place)) IN ('baki', 'seki', 'gence')", false, nil},
	// Numbers: figures, arithmetic, BETWEEN.
	{hz, "original_m2 > 1000", false, nil},
	{hz, "NOT original_m2 > 1000", false, nil},
	{hz, "original_m2 BETWEEN 500 AND 1000.5", false, nil},
	{hz, "NOT original_m2 BETWEEN 500 AND 1000.5", false, nil},
	{hz, "remaining_m2 = 0", false, nil},
	{hz, "cleared_m2 + reduced_m2 > 10", false, nil},
	{hz, "original_m2 - remaining_m2 >= cleared_m2 * 2", false, nil},
	{hz, "original_m2 / 3 > 300", false, nil},
	{hz, "original_m2 div 100 = 10", false, nil},
	{hz, "original_m2 ^ 2 > 1e6", false, nil},
	{hz, "remaining_m2 BETWEEN cleared_m2 AND original_m2", false, nil},
	{hz, "NOT remaining_m2 BETWEEN cleared_m2 AND 1000", false, nil},
	{vc, "age > 18", false, nil},
	{vc, "age BETWEEN 7 AND 30", false, nil},
	{vc, "NOT age < 30", false, nil},
	{vc, "age * 2 > 60", false, nil},
	{vc, "age % 2 = 1", false, nil},
	{vc, "age div 10 = 3", false, nil},
	{vc, "age / 4 > 7.4", false, nil},
	{vc, "age = 30.0", false, nil},
	{vc, "age IN (7, 45, 46)", false, nil},
	{vc, "age IS NULL", false, nil},
	{vc, "-age + 50 > 20", false, nil},
	{vc, "sex = 'female' AND age < 18", false, nil},
	{vc, "CASEI(sex) = 'female'", false, nil},
	{vc, "outcome = 'killed' OR victim_type <> 'civilian'", false, nil},
	{fd, "quantity >= 12", false, nil},
	{fd, "quantity BETWEEN 1 AND 12", false, nil},
	{fd, "quantity * 1.5 = 18", false, nil},
	{fd, "ordnance LIKE 'PMN%'", false, nil},
	{fd, "disposal IS NULL OR condition IS NULL", false, nil},
	// Dates, timestamps and both together.
	{hz, "date_of_information > DATE('2023-06-01')", false, nil},
	{hz, "date_of_information >= DATE('2023-06-01')", false, nil},
	{hz, "date_of_information = TIMESTAMP('2023-06-01T00:00:00Z')", false, nil},
	{hz, "date_of_information >= TIMESTAMP('2023-06-01T00:00:01Z')", false, nil},
	{hz, "date_of_information < TIMESTAMP('2023-06-01T23:59:59Z')", false, nil},
	{hz, "date_of_information IN (DATE('2023-01-10'), DATE('2024-02-29'))", false, nil},
	{hz, "updated_at > TIMESTAMP('2024-03-01T10:00:00.123456Z')", false, nil},
	{hz, "updated_at = TIMESTAMP('2024-03-01T10:00:00.123457Z')", false, nil},
	{hz, "updated_at >= DATE('2024-03-02')", false, nil},
	{hz, "updated_at < DATE('2024-03-01')", false, nil},
	{fd, "found_date > DATE('2024-01-15')", false, nil},
	{fd, "NOT found_date > DATE('2024-01-15')", false, nil},
	{ac, "start_date < DATE('2024-01-01')", false, nil},
	{ac, "end_date >= start_date", false, nil},
	{ac, "end_date = start_date", false, nil},
	// Temporal predicates: instants and intervals, open ends, NULL ends.
	{hz, "T_AFTER(date_of_information, DATE('2023-06-01'))", false, nil},
	{hz, "T_BEFORE(date_of_information, INTERVAL('2023-06-01', '..'))", false, nil},
	{hz, "T_DURING(date_of_information, INTERVAL('2023-01-10', '2023-12-31'))", false, nil},
	{hz, "T_INTERSECTS(date_of_information, INTERVAL('2023-01-10', '2023-06-01'))", false, nil},
	{hz, "T_DISJOINT(date_of_information, INTERVAL('..', '2023-06-01'))", false, nil},
	{hz, "NOT T_DISJOINT(date_of_information, INTERVAL('2023-06-01', '2024-01-01'))", false, nil},
	{hz, "T_EQUALS(date_of_information, DATE('2023-06-01'))", false, nil},
	{hz, "T_STARTS(date_of_information, INTERVAL('2023-06-01', '2023-07-01'))", false, nil},
	{hz, "T_FINISHES(date_of_information, INTERVAL('2023-01-01', '2023-06-01'))", false, nil},
	{hz, "T_METBY(date_of_information, INTERVAL('..', '2024-01-01'))", false, nil},
	{hz, "T_MEETS(date_of_information, INTERVAL('2024-01-01', '..'))", false, nil},
	{hz, "T_INTERSECTS(updated_at, INTERVAL('2024-03-01T10:00:00.123457Z', '2024-03-02T00:00:00Z'))", false, nil},
	{hz, "T_BEFORE(updated_at, DATE('2024-03-02'))", false, nil},
	{hz, "T_INTERSECTS(date_of_information, INTERVAL('2023-06-01T12:00:00Z', '..'))", false, nil},
	{ac, "T_INTERSECTS(INTERVAL(start_date, end_date), INTERVAL('2024-03-01', '2024-04-30'))", false, nil},
	{ac, "NOT T_INTERSECTS(INTERVAL(start_date, end_date), INTERVAL('2024-03-01', '2024-04-30'))", false, nil},
	{ac, "T_DURING(INTERVAL(start_date, end_date), INTERVAL('2024-01-01', '..'))", false, nil},
	{ac, "T_CONTAINS(INTERVAL(start_date, end_date), DATE('2024-03-01'))", false, nil},
	{ac, "T_MEETS(INTERVAL(start_date, end_date), INTERVAL('2024-03-20', '2024-12-31'))", false, nil},
	{ac, "T_OVERLAPS(INTERVAL(start_date, end_date), INTERVAL('2024-03-01', '2024-12-31'))", false, nil},
	{ac, "T_OVERLAPPEDBY(INTERVAL(start_date, end_date), INTERVAL('2023-01-01', '2024-04-01'))", false, nil},
	{ac, "T_STARTEDBY(INTERVAL(start_date, end_date), INTERVAL('2024-03-20', '2024-04-01'))", false, nil},
	{ac, "T_FINISHEDBY(INTERVAL(start_date, end_date), DATE('2024-06-30'))", false, nil},
	{ac, "T_DISJOINT(INTERVAL(start_date, '..'), DATE('2024-01-01'))", false, nil},
	{ac, "NOT T_AFTER(INTERVAL(start_date, end_date), DATE('2024-03-31'))", false, nil},
	{ac, "T_EQUALS(INTERVAL(start_date, end_date), INTERVAL('2024-05-01', '2024-05-01'))", false, nil},
	// Arrays: sets, and A_EQUALS in order.
	{hz, "A_CONTAINS(eo_suspected, ('ap_mine'))", false, nil},
	{hz, "A_CONTAINS(eo_suspected, ('ap_mine', 'at_mine'))", false, nil},
	{hz, "A_CONTAINS(eo_suspected, ('ap_mine', 'ap_mine'))", false, nil},
	{hz, "A_EQUALS(eo_suspected, ('ap_mine', 'at_mine'))", false, nil},
	{hz, "A_EQUALS(eo_suspected, ('ap_mine', 'ap_mine'))", false, nil},
	{hz, "A_EQUALS(eo_suspected, ('ap_mine'))", true, nil},
	{hz, "NOT A_EQUALS(eo_suspected, ('ap_mine', 'at_mine'))", false, nil},
	{hz, "A_CONTAINEDBY(eo_suspected, ('ap_mine', 'at_mine'))", false, nil},
	{hz, "A_CONTAINEDBY(eo_confirmed, ('ap_mine'))", false, nil},
	{hz, "A_OVERLAPS(blockages, ('road', 'water'))", false, nil},
	{hz, "NOT A_OVERLAPS(eo_suspected, ('at_mine'))", false, nil},
	{hz, "A_CONTAINS(('ap_mine', 'at_mine', 'uxo'), eo_suspected)", false, nil},
	{hz, "eo_suspected IS NULL", false, nil},
	{ac, "A_CONTAINS(methods, ('manual'))", false, nil},
	{ac, "A_CONTAINEDBY(methods, ('manual', 'dog'))", false, nil},
	// Spatial predicates on polygons, multipolygons, points and boxes.
	{hz, "S_INTERSECTS(geometry, BBOX(46.1, 39.6, 46.15, 39.65))", false, nil},
	{hz, "NOT S_INTERSECTS(geometry, BBOX(46.1, 39.6, 46.15, 39.65))", false, nil},
	{hz, "S_INTERSECTS(geometry, POLYGON((46.41 39.71, 46.45 39.71, 46.45 39.75, 46.41 39.75, 46.41 39.71)))", false, nil},
	{hz, "S_WITHIN(geometry, BBOX(46.0, 39.5, 46.2, 39.7))", false, nil},
	{hz, "S_CONTAINS(geometry, POINT(46.125 39.625))", false, nil},
	{hz, "S_CONTAINS(geometry, POINT(46.8 40.2))", true, nil},
	{hz, "S_INTERSECTS(geometry, POINT(46.8 40.2))", true, nil},
	{hz, "S_INTERSECTS(geometry, POINT(46.75 40.2))", false, nil},
	{hz, "S_DISJOINT(geometry, BBOX(46.0, 39.5, 46.5, 40.0))", false, nil},
	{hz, "S_TOUCHES(geometry, POLYGON((46.15 39.6, 46.15 39.65, 46.2 39.65, 46.2 39.6, 46.15 39.6)))", false, nil},
	{hz, "S_EQUALS(geometry, POLYGON((46.1 39.6, 46.15 39.6, 46.15 39.65, 46.1 39.65, 46.1 39.6)))", false, nil},
	{hz, "S_OVERLAPS(geometry, BBOX(46.12, 39.62, 46.17, 39.67))", false, nil},
	{hz, "S_CROSSES(geometry, LINESTRING(46.0 39.63, 46.13 39.63))", false, nil},
	{hz, "S_WITHIN(POINT(46.16 39.61), geometry)", false, nil},
	{hz, "S_INTERSECTS(geometry, BBOX(46.0, 39.5, 47.0, 40.5)) AND NOT S_WITHIN(geometry, BBOX(46.0, 39.5, 46.5, 40.0))", false, nil},
	{fd, "S_INTERSECTS(geometry, BBOX(46.2, 39.7, 46.25, 39.75))", false, nil},
	{fd, "S_WITHIN(geometry, BBOX(46.2, 39.69, 46.26, 39.76))", false, nil},
	{fd, "S_INTERSECTS(geometry, BBOX(46.0, 39.0, 46.2, 39.7))", false, nil},
	{ac, "S_INTERSECTS(geometry, BBOX(46.0, 39.5, 46.5, 40.0)) OR geometry IS NULL", false, nil},
}

// testFilters checks that each store selects, for every filter, exactly
// the records for which the evaluator says true.
func testFilters(t *testing.T, open func(testing.TB) mineaction.Store) {
	s := open(t)
	Seed(t, s)
	update(t, s, func(tx mineaction.Tx) error {
		return tx.PutOrdnance(ctx, &mineaction.Ordnance{Code: "F-1", Category: "Grenade", Subcategory: "Hand", Model: "F-1"})
	})
	insertFilterWorld(t, s)
	all := map[mineaction.RecordType][]*mineaction.RecordState{}
	for _, typ := range []mineaction.RecordType{hz, ac, vc, fd} {
		all[typ] = get(t, s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) {
			return tx.Records(ctx, mineaction.RecordQuery{Type: typ, WithFigures: typ == hz})
		})
	}
	for _, c := range filterCases {
		t.Run(string(c.typ)+": "+c.text, func(t *testing.T) {
			e := c.expr
			if e == nil {
				var err error
				if e, err = cql2.ParseText(c.text); err != nil {
					t.Fatalf("parse: %v", err)
				}
			}
			if err := cql2.Check(e, mineaction.QueryableTypes(c.typ)); err != nil {
				t.Fatalf("check: %v", err)
			}
			want := []int64{}
			for _, r := range all[c.typ] {
				f, err := newFeature(r)
				if err != nil {
					t.Fatal(err)
				}
				ok, err := cql2.EvalWith(e, f, cql2.Options{Spatial: geosSpatial{}})
				if err != nil {
					t.Fatalf("evaluate on %s: %v", r.HID, err)
				}
				if ok {
					want = append(want, r.ID)
				}
			}
			if !c.edge && (len(want) == 0 || len(want) == len(all[c.typ])) {
				t.Errorf("the evaluator selects %d of %d records: the case does not tell stores apart", len(want), len(all[c.typ]))
			}
			q := mineaction.RecordQuery{Type: c.typ, Filter: e}
			got, err := getErr(s, func(tx mineaction.Tx) ([]*mineaction.RecordState, error) { return tx.Records(ctx, q) })
			if err != nil {
				t.Fatalf("records: %v", err)
			}
			if fmt.Sprint(recordIDs(got)) != fmt.Sprint(want) {
				t.Errorf("store selects %v, evaluator %v", hids(all[c.typ], recordIDs(got)), hids(all[c.typ], want))
			}
			n, err := getErr(s, func(tx mineaction.Tx) (int, error) { return tx.CountRecords(ctx, q) })
			if err != nil || n != len(want) {
				t.Errorf("count %d (%v), want %d", n, err, len(want))
			}
		})
	}
}

// hids names records by human id, for messages.
func hids(all []*mineaction.RecordState, ids []int64) []string {
	by := map[int64]string{}
	for _, r := range all {
		by[r.ID] = r.HID
	}
	out := []string{}
	for _, id := range ids {
		out = append(out, by[id])
	}
	return out
}
