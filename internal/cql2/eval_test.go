package cql2

import (
	"strings"
	"testing"
	"time"

	"mineaction/internal/geo"
)

func testFeature() feature {
	return feature{
		props: map[string]any{
			"name":     "Gəncə minefield 7",
			"kind":     "AP",
			"depth":    12.5,
			"devices":  int64(3),
			"count":    7, // a plain int
			"cleared":  false,
			"missing":  nil,
			"reported": time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC),
			"start":    time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
			"end":      time.Date(2021, 6, 30, 0, 0, 0, 0, time.UTC),
			"tags":     []string{"AP", "AT", "UXO"},
			"area":     geo.Geometry(square(0, 0, 10, 10)),
		},
		geom: geo.Point{X: 5, Y: 5},
	}
}

func TestEval(t *testing.T) {
	tests := []struct {
		filter string
		want   bool
	}{
		{"kind = 'AP'", true},
		{"kind <> 'AP'", false},
		{"depth > 12 AND depth < 13 AND depth >= 12.5 AND depth <= 12.5", true},
		{"devices = 3 AND devices = 3.0 AND count = 7 AND count > devices", true},
		{"cleared = FALSE AND cleared <> TRUE", true},
		{"kind < 'AT' AND 'B' > kind", true},
		{"reported = DATE('2021-03-04') AND reported < TIMESTAMP('2021-03-04T00:00:01Z')", true},
		{"reported > DATE('2021-03-04')", false},
		{"name LIKE 'Gəncə%'", true},
		{"name LIKE 'G_ncə minefield _'", true},
		{"name LIKE 'gəncə%'", false},
		{"CASEI(name) LIKE CASEI('GƏNCƏ%')", true},
		{"ACCENTI(name) LIKE 'Gence%'", true},
		{"ACCENTI(CASEI(name)) = ACCENTI(CASEI('GENCE MINEFIELD 7'))", true},
		{"name LIKE '%field%'", true},
		{"name LIKE '%7'", true},
		{"name LIKE '%8'", false},
		{"depth BETWEEN 12.5 AND 13", true},
		{"depth BETWEEN 1 AND 12", false},
		{"depth NOT BETWEEN 1 AND 12", true},
		{"kind IN ('AT', 'AP')", true},
		{"kind NOT IN ('AT', 'UXO')", true},
		{"devices IN (1, 2)", false},
		{"missing IS NULL AND nosuch IS NULL AND kind IS NOT NULL", true},
		{"geometry IS NOT NULL", true},
		{"devices * 2 + 1 = 7 AND devices - 5 = -2 AND count / 2 = 3.5", true},
		{"count div 2 = 3 AND count % 4 = 3 AND -count % 4 = -3 AND 2 ^ 3 = 8", true},
		{"depth * 2 = 25 AND depth div 5 = 2 AND depth % 5 = 2.5", true},
		{"9223372036854775807 + devices > 9223372036854775807", true},
		{"T_AFTER(reported, DATE('2021-03-03')) AND T_BEFORE(reported, DATE('2021-03-05'))", true},
		{"T_EQUALS(reported, DATE('2021-03-04'))", true},
		{"T_DURING(reported, INTERVAL(start, end))", true},
		{"T_DURING(start, INTERVAL(start, end))", false},
		{"T_INTERSECTS(start, INTERVAL(start, end))", true},
		{"T_CONTAINS(INTERVAL(start, end), reported)", true},
		{"T_STARTS(INTERVAL(start, reported), INTERVAL(start, end))", true},
		{"T_STARTEDBY(INTERVAL(start, end), INTERVAL(start, reported))", true},
		{"T_FINISHES(INTERVAL(reported, end), INTERVAL(start, end))", true},
		{"T_FINISHEDBY(INTERVAL(start, end), INTERVAL(reported, end))", true},
		{"T_MEETS(INTERVAL(start, reported), INTERVAL(reported, end))", true},
		{"T_METBY(INTERVAL(reported, end), INTERVAL(start, reported))", true},
		{"T_OVERLAPS(INTERVAL(start, reported), INTERVAL('2021-02-01', '..'))", true},
		{"T_OVERLAPPEDBY(INTERVAL('2021-02-01', '..'), INTERVAL(start, reported))", true},
		{"T_OVERLAPS(INTERVAL(start, reported), INTERVAL('2020-02-01', '..'))", false},
		{"T_DISJOINT(INTERVAL(start, end), INTERVAL('2022-01-01', '..'))", true},
		{"T_DISJOINT(INTERVAL(start, end), INTERVAL('..', '2021-01-01'))", false},
		{"T_EQUALS(INTERVAL('..', '..'), INTERVAL('..', '..'))", true},
		{"A_CONTAINS(tags, ('AT', 'AP'))", true},
		{"A_CONTAINS(tags, ('AT', 'IED'))", false},
		{"A_CONTAINEDBY(tags, ('AT', 'AP', 'UXO', 'IED'))", true},
		{"A_CONTAINEDBY(tags, ('AT', 'AP'))", false},
		{"A_OVERLAPS(tags, ('IED', 'UXO'))", true},
		{"A_OVERLAPS(tags, ('IED'))", false},
		{"A_EQUALS(tags, ('AP', 'AT', 'UXO'))", true},
		{"A_EQUALS(tags, ('AT', 'AP', 'UXO'))", false},
		{"A_EQUALS((1, (2, 'x')), (1, (2, 'x')))", true},
		{"S_INTERSECTS(geometry, POLYGON((0 0, 10 0, 10 10, 0 10, 0 0)))", true},
		{"S_WITHIN(geometry, area)", true},
		{"S_WITHIN(geometry, BBOX(6, 6, 7, 7))", false},
		{"S_DISJOINT(geometry, BBOX(6, 6, 7, 7))", true},
		{"S_TOUCHES(POINT(10 5), area)", true},
		{"S_CONTAINS(area, POINT(1 1))", true},
		{"S_INTERSECTS(POINT(179.5 1), BBOX(170, 0, -170, 2))", true},
		{"S_INTERSECTS(POINT(0 1), BBOX(170, 0, -170, 2))", false},
		{"S_EQUALS(geometry, POINT(5 5))", true},
		{"TRUE AND NOT FALSE", true},
	}
	opts := Options{Spatial: pointSpatial{}}
	for _, tt := range tests {
		got, err := EvalWith(mustText(t, tt.filter), testFeature(), opts)
		if err != nil {
			t.Errorf("Eval(%q): %v", tt.filter, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Eval(%q) = %v, want %v", tt.filter, got, tt.want)
		}
	}
}

// NULL makes comparisons unknown; unknown is not true, and NOT unknown is
// unknown, so neither a filter nor its negation selects the feature.
func TestEvalThreeValuedLogic(t *testing.T) {
	tests := []struct {
		filter string
		want   bool
	}{
		{"missing = 1", false},
		{"NOT (missing = 1)", false},
		{"missing <> 1", false},
		{"nosuch = 'x'", false},
		{"NOT (nosuch = 'x')", false},
		{"missing LIKE '%'", false},
		{"missing BETWEEN 1 AND 2", false},
		{"NOT (missing IN (1))", false},
		{"kind IN ('x', missing)", false},
		{"NOT (kind IN ('x', missing))", false},
		{"kind IN ('AP', missing)", true},
		{"missing = 1 OR kind = 'AP'", true},
		{"missing = 1 AND kind = 'x'", false},
		{"NOT (missing = 1 AND kind = 'x')", true},
		{"NOT (missing = 1 OR kind = 'x')", false},
		{"(missing = 1) IS NULL", true},
		{"(kind = 'x') IS NULL", false},
		{"CASEI(missing) = 'x'", false},
		{"missing + 1 > 0", false},
		{"T_AFTER(missing, DATE('2020-01-01'))", false},
		{"NOT T_DURING(INTERVAL(start, missing), INTERVAL('..', '..'))", false},
		{"A_CONTAINS(missing, ('a'))", false},
		{"S_INTERSECTS(missing, POINT(1 1))", false},
		{"NOT S_INTERSECTS(missing, POINT(1 1))", false},
	}
	for _, tt := range tests {
		got, err := EvalWith(mustText(t, tt.filter), testFeature(), Options{Spatial: pointSpatial{}})
		if err != nil || got != tt.want {
			t.Errorf("Eval(%q) = %v, %v; want %v", tt.filter, got, err, tt.want)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	tests := []struct{ filter, msg string }{
		{"kind = 1", "cannot compare text with number"},
		{"cleared < TRUE", "boolean values have no order"},
		{"depth LIKE 'x'", "LIKE needs text"},
		{"devices / 0 = 1", "division by zero"},
		{"devices % 0 = 1", "division by zero"},
		{"depth div 0 = 1", "division by zero"},
		{"10 ^ 400 > 1", "arithmetic overflow"},
		{"S_INTERSECTS(geometry, POINT(1 1))", "no spatial engine is configured"},
		{"T_AFTER(kind, DATE('2020-01-01'))", "temporal predicates need dates"},
		{"A_CONTAINS(kind, ('a'))", "A_CONTAINS needs arrays"},
		{"odd = 1", "property odd holds a struct {}, which filters cannot use"},
	}
	f := testFeature()
	f.props["odd"] = struct{}{}
	for _, tt := range tests {
		_, err := Eval(mustText(t, tt.filter), f)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Eval(%q) error = %v, want one containing %q", tt.filter, err, tt.msg)
		}
	}
}

// Trees built by hand can hold what the parsers refuse.
func TestEvalBuiltTrees(t *testing.T) {
	e := Between{Arg: prop("cleared"), Low: boolean(false), High: boolean(true)}
	if _, err := Eval(e, testFeature()); err == nil || !strings.Contains(err.Error(), "BETWEEN needs ordered values") {
		t.Errorf("BETWEEN on booleans: %v", err)
	}
	if _, err := Eval(prop("kind"), testFeature()); err == nil || !strings.Contains(err.Error(), "is not a condition") {
		t.Errorf("a property as the filter: %v", err)
	}
}

func TestEvalGeometryPropertyName(t *testing.T) {
	e := mustText(t, "S_INTERSECTS(geom, BBOX(4, 4, 6, 6)) AND geometry IS NULL")
	got, err := EvalWith(e, testFeature(), Options{Spatial: pointSpatial{}, GeometryProperty: "geom"})
	if err != nil || !got {
		t.Errorf("got %v, %v; want true", got, err)
	}
}
