package coord

import (
	"errors"
	"math"
	"strings"
	"testing"

	"mineaction/internal/geo"
)

// dms returns degrees from degrees, minutes and seconds.
func dms(d, m, s float64) float64 { return d + m/60 + s/3600 }

func TestParseGeographic(t *testing.T) {
	lat, lon := dms(40, 12, 40), dms(46, 48, 50)
	latM, lonM := dms(40, 12.667, 0), dms(46, 48.833, 0)
	tests := []struct {
		in   string
		want geo.Point
	}{
		{"40.2111, 46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"40.2111 46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"40.2111;46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"46.8139E 40.2111N", geo.Point{X: 46.8139, Y: 40.2111}},
		{"N40.2111 E46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"n40.2111 e46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"-33.5, -70.6", geo.Point{X: -70.6, Y: -33.5}},
		{"33.5S 70.6W", geo.Point{X: -70.6, Y: -33.5}},
		{"+33.5 −70.6", geo.Point{X: -70.6, Y: 33.5}},
		{"W70.6 S33.5", geo.Point{X: -70.6, Y: -33.5}},
		{"40.2111N, 46.8139", geo.Point{X: 46.8139, Y: 40.2111}},
		{"46.8139, 40.2111N", geo.Point{X: 46.8139, Y: 40.2111}},
		{"40N 46E", geo.Point{X: 46, Y: 40}},
		{"40N 46 12", geo.Point{X: 46.2, Y: 40}},
		{`40°12'40"N 46°48'50"E`, geo.Point{X: lon, Y: lat}},
		{`40°12′40″N 46°48′50″E`, geo.Point{X: lon, Y: lat}},
		{`40°12’40”N, 46°48’50”E`, geo.Point{X: lon, Y: lat}},
		{`40º12'40''N 46º48'50''E`, geo.Point{X: lon, Y: lat}},
		{`40d12'40"N 46d48'50"E`, geo.Point{X: lon, Y: lat}},
		{`40°12'40" 46°48'50"`, geo.Point{X: lon, Y: lat}},
		{"40 12 40 N 46 48 50 E", geo.Point{X: lon, Y: lat}},
		{"40 12 40 46 48 50", geo.Point{X: lon, Y: lat}},
		{"40:12:40N 46:48:50E", geo.Point{X: lon, Y: lat}},
		{"40:12:40 46:48:50", geo.Point{X: lon, Y: lat}},
		{"N 40 12 40 E 46 48 50", geo.Point{X: lon, Y: lat}},
		{`E 46°48'50" N 40°12'40"`, geo.Point{X: lon, Y: lat}},
		{"N 40°12.667' E 46°48.833'", geo.Point{X: lonM, Y: latM}},
		{"40°12.667'N 46°48.833'E", geo.Point{X: lonM, Y: latM}},
		{"40 12.667 46 48.833", geo.Point{X: lonM, Y: latM}},
		{`40°12'40.5"S 46°48'50.25"W`, geo.Point{X: -dms(46, 48, 50.25), Y: -dms(40, 12, 40.5)}},
		{`-40°12'40.5" -46°48'50.25"`, geo.Point{X: -dms(46, 48, 50.25), Y: -dms(40, 12, 40.5)}},
		{"0.5 .25", geo.Point{X: 0.25, Y: 0.5}},
		{"90, 180", geo.Point{X: 180, Y: 90}},
		{"-90 -180", geo.Point{X: -180, Y: -90}},
		{"  40.2111 ,  46.8139  ", geo.Point{X: 46.8139, Y: 40.2111}},
	}
	for _, tt := range tests {
		for name, parse := range map[string]func(string) (geo.Point, error){"Parse": Parse, "ParseDMS": ParseDMS} {
			got, err := parse(tt.in)
			if err != nil {
				t.Errorf("%s(%q): %v", name, tt.in, err)
				continue
			}
			if d := groundDistance(got, tt.want); d > 1e-6 {
				t.Errorf("%s(%q) = %v, want %v", name, tt.in, got, tt.want)
			}
		}
	}
}

func TestParseGrid(t *testing.T) {
	// Expected values from GeoConvert -p 9.
	tests := []struct {
		in       string
		lat, lon float64
	}{
		{"38T 567890 4456789", 40.25881075030070, 45.79835816136276},
		{"38n 567890 4456789", 40.25881075030070, 45.79835816136276},
		{"38N 567890 4456789", 40.25881075030070, 45.79835816136276},
		{"38north 567890.0 4456789.0", 40.25881075030070, 45.79835816136276},
		{"567890 4456789 38n", 40.25881075030070, 45.79835816136276},
		{"38T 567890mE 4456789mN", 40.25881075030070, 45.79835816136276},
		{"38T, 567890, 4456789", 40.25881075030070, 45.79835816136276},
		{"38TNK6789056789", 40.25881521399955, 45.79836409355928},
		{"38T NK 67890 56789", 40.25881521399955, 45.79836409355928},
		{"38tnk 67890 56789", 40.25881521399955, 45.79836409355928},
		{"38TNK67895678", 40.25877431057411, 45.79841653029303},
		{"38TNK", 40.19890898817179, 45.58746288822676},
		{"4QFJ1234", 21.10815020536745, -157.91679417431553},
		{"04QFJ1234", 21.10815020536745, -157.91679417431553},
		{"32VKM7697958157", 60.00000243435176, 4.99999205166375},
		{"33XWG0000058369", 77.99999923093944, 15.00002154260938},
		{"31MEV0000099999", -0.00000452365685, 3.00000449337377},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if d := groundDistance(got, geo.Point{X: tt.lon, Y: tt.lat}); d > 1e-3 {
			t.Errorf("Parse(%q) = %v, want (%v, %v): %.4f m apart", tt.in, got, tt.lon, tt.lat, d)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, format, reason string
	}{
		{"", "", "empty; expected decimal degrees"},
		{"   ", "", "empty"},
		{"hello", "", "expected decimal degrees"},
		{"40.2111", "degrees", "expected two coordinates"},
		{"40.2111 46.8139 12.1", "degrees", "3 numbers"},
		{"40,2111, 46,8139", "degrees", "use a point for decimals"},
		{"95 46", "degrees", "latitude 95 is outside"},
		{"40 190", "degrees", "longitude 190 is outside"},
		{"40N 46N", "degrees", "same axis"},
		{"-40S 46E", "degrees", "both a minus sign and hemisphere S"},
		{"40 75 N 46 E", "degrees", "minutes 75; expected less than 60"},
		{`40°12'75"N 46E`, "degrees", "seconds 75; expected less than 60"},
		{"40.5 12 N 46 E", "degrees", "only the last component may have decimals"},
		{`40'12°N 46E`, "degrees", "out of order"},
		{"40 -12 N 46 E", "degrees", "only the degrees may carry a sign"},
		{"40.5x 46", "degrees", `unexpected 'x' at position 5`},
		{"40x 46", "UTM", "expected a zone, an easting and a northing"},
		{"40.2111 46.8139 — ok", "degrees", `unexpected '—' at position 17`},
		{"40°12' 46°x", "degrees", `unexpected 'x' at position 11`},
		{"38TNK678905678", "MGRS", "expected an even number"},
		{"38TNK678905678901", "MGRS", "at most 5"},
		{"38TIK6789056789", "MGRS", "column letter 'I' is not used in zone 38"},
		{"38TAK6789056789", "MGRS", "column letter 'A' is not used in zone 38 (expected one of JKLMNPQR)"},
		{"38TNW6789056789", "MGRS", "row letter 'W'"},
		{"38TNA", "MGRS", "100 km square NA is not in zone and band 38T"},
		{"61TNK", "MGRS", "zone 61 is outside 1 to 60"},
		{"38ONK", "MGRS", "not a latitude band letter"},
		{"38TNK12x4", "MGRS", "unexpected \"X4\""},
		{"38T 567890", "UTM", "expected a zone, an easting and a northing"},
		{"38X 500000 9600001", "UTM", "northing 9600001 m is outside"},
		{"38T 1567890 4456789", "UTM", "easting 1567890 m is outside"},
		{"38T 567890 1456789", "UTM", "not in band T"},
		{"61n 567890 4456789", "UTM", "zone 61 is outside 1 to 60"},
		{"38n 567890 9500000", "UTM", "outside the UTM range"},
		{"38Q 567890 abc", "UTM", `northing: "abc" is not a number of metres`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error = %v, want a *ParseError", tt.in, err)
			continue
		}
		if pe.Format != tt.format || !strings.Contains(pe.Reason, tt.reason) || pe.Input != tt.in {
			t.Errorf("Parse(%q) = %q (format %q); want format %q and reason containing %q", tt.in, err, pe.Format, tt.format, tt.reason)
		}
	}
	if _, err := ParseUTM("38Q 567890 abc"); err == nil || !strings.Contains(err.Error(), `northing: "abc" is not a number of metres`) {
		t.Errorf("ParseUTM: error %v", err)
	}
}

func TestPolar(t *testing.T) {
	for _, p := range []geo.Point{{X: 10, Y: 84}, {X: 10, Y: -80.0001}, {X: 0, Y: 90}} {
		if _, err := ToUTM(p); !errors.Is(err, ErrPolar) {
			t.Errorf("ToUTM(%v) error = %v, want ErrPolar", p, err)
		}
		if _, err := FormatMGRS(p, 5); !errors.Is(err, ErrPolar) {
			t.Errorf("FormatMGRS(%v) error = %v, want ErrPolar", p, err)
		}
	}
	if _, err := ToUTM(geo.Point{X: 10, Y: -80}); err != nil {
		t.Errorf("ToUTM at 80°S: %v", err)
	}
	if _, err := Parse("38XNV"); !errors.Is(err, ErrPolar) {
		t.Errorf("Parse(38XNV) error = %v, want ErrPolar", err)
	}
}

func TestFormat(t *testing.T) {
	p := geo.Point{X: dms(46, 48, 50.5), Y: dms(40, 12, 40)}
	if got, want := FormatDMS(p), `40°12'40"N 46°48'50.5"E`; got != want {
		t.Errorf("FormatDMS = %q, want %q", got, want)
	}
	if got, want := FormatDMS(geo.Point{X: -0.5, Y: -dms(0, 0, 59.99999)}), `0°1'0"S 0°30'0"W`; got != want {
		t.Errorf("FormatDMS = %q, want %q", got, want)
	}
	// GeoConvert -u -p 3: 38n 654360.456 4452765.451
	if got, err := FormatUTM(geo.Point{X: 46.8139, Y: 40.2111}); err != nil || got != "38n 654360.456 4452765.451" {
		t.Errorf("FormatUTM = %q, %v", got, err)
	}
	if got, err := FormatUTM(geo.Point{X: -70.6, Y: -33.5}); err != nil || got != "19s 351375.791 6292135.228" {
		t.Errorf("FormatUTM = %q, %v", got, err)
	}
	if _, err := FormatMGRS(p, 6); err == nil {
		t.Error("FormatMGRS with 6 digits succeeded")
	}
	for _, in := range []string{`40°12'40"N 46°48'50.5"E`, "38n 654360.456 4452765.451", "38TPK5436052765"} {
		q, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []func(geo.Point) (string, error){
			func(p geo.Point) (string, error) { return FormatDMS(p), nil },
			FormatUTM,
			func(p geo.Point) (string, error) { return FormatMGRS(p, 5) },
		} {
			s, err := f(q)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q): %v", s, err)
			}
			if d := groundDistance(q, r); d > 1.0 {
				t.Errorf("%q -> %q -> %v: %.3f m away", in, s, r, d)
			}
		}
	}
}

// TestCapitalS checks the two readings of a capital S in UTM against
// GeoConvert: "38n 697194 4396990" is 39.70000 47.30000 and
// "38s 697194 4396990" is -50.54573 47.78337 (GeoConvert -p 1).
func TestCapitalS(t *testing.T) {
	band := geo.Point{X: 47.3, Y: 39.7}
	south := geo.Point{X: 47.78337, Y: -50.54573}
	near := func(p, q geo.Point) bool { return math.Abs(p.X-q.X) < 1e-5 && math.Abs(p.Y-q.Y) < 1e-5 }

	_, err := Parse("38S 697194 4396990")
	var amb *Ambiguity
	if !errors.As(err, &amb) || !near(amb.Band, band) || !near(amb.South, south) {
		t.Fatalf("Parse(38S in band S's range) error = %v, want an *Ambiguity with both readings", err)
	}
	if pe, ok := err.(*ParseError); !ok || !strings.Contains(pe.Reason, "38n") || !strings.Contains(pe.Reason, "39°42'") {
		t.Errorf("the ambiguity's message %q should show both readings and how to write each", err)
	}
	azerbaijan := func(p geo.Point) bool { return p.X > 44.7 && p.X < 50.9 && p.Y > 38.3 && p.Y < 41.95 }
	if p, err := ParseIn("38S 697194 4396990", azerbaijan); err != nil || !near(p, band) {
		t.Errorf("ParseIn(38S, Azerbaijan) = %v, %v; want band S's reading %v", p, err, band)
	}
	falklands := func(p geo.Point) bool { return p.Y < -40 }
	if p, err := ParseIn("38S 697194 4396990", falklands); err != nil || !near(p, south) {
		t.Errorf("ParseIn(38S, the south) = %v, %v; want the southern reading %v", p, err, south)
	}
	everywhere := func(geo.Point) bool { return true }
	if _, err := ParseIn("38S 697194 4396990", everywhere); !errors.As(err, &amb) {
		t.Errorf("ParseIn(38S) with both readings in the area: %v, want the ambiguity", err)
	}
	// A small s is the hemisphere, as GeoConvert reads and FormatUTM writes it.
	if p, err := Parse("38s 697194 4396990"); err != nil || !near(p, south) {
		t.Errorf("Parse(38s) = %v, %v; want %v", p, err, south)
	}
	// Where the northing is outside band S, a capital S is the hemisphere
	// (GeoConvert: "38s 697194 5396990" is -41.55445 47.36456).
	if p, err := Parse("38S 697194 5396990"); err != nil || !near(p, geo.Point{X: 47.36456, Y: -41.55445}) {
		t.Errorf("Parse(38S outside band S) = %v, %v", p, err)
	}
}
