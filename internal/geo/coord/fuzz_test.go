package coord

import (
	"errors"
	"math"
	"testing"

	"mineaction/internal/geo"
)

// FuzzParse checks that Parse never panics, that what it refuses it
// refuses with a *ParseError, and that what it accepts is a position that
// FormatDMS and FormatUTM write back to within 1 cm and FormatMGRS to
// within its 1 m square. More seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"40.2111, 46.8139", "46.8139E 40.2111N", `40°12'40"N 46°48'50"E`,
		"40 12 40 N 46 48 50 E", "N 40°12.667' E 46°48.833'", "38T 567890 4456789",
		"38n 567890 4456789", "38TNK6789056789", "38T NK 6789 5678", "4QFJ",
		"-90 180", "40:12:40 46:48:50", "33XWG0000058369",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Reason == "" {
				t.Fatalf("Parse(%q) error %#v is not a complete *ParseError", s, err)
			}
			return
		}
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || p.Y < -90 || p.Y > 90 || p.X < -180 || p.X > 180 {
			t.Fatalf("Parse(%q) = %v, not a position", s, p)
		}
		again := func(text string, tol float64) {
			q, err := Parse(text)
			if err != nil {
				t.Fatalf("Parse(%q) = %v; its re-formatting %q does not parse: %v", s, p, text, err)
			}
			if d := groundDistance(p, q); d > tol {
				t.Fatalf("Parse(%q) = %v; re-formatted %q reads back %v, %.4f m away", s, p, text, q, d)
			}
		}
		again(FormatDMS(p), 0.01)
		if p.Y < -80 || p.Y >= 84 {
			return
		}
		u, err := FormatUTM(p)
		if err != nil {
			t.Fatalf("FormatUTM(%v): %v", p, err)
		}
		again(u, 0.01)
		m, err := FormatMGRS(p, 5)
		if err != nil {
			t.Fatalf("FormatMGRS(%v): %v", p, err)
		}
		again(m, 0.71)
	})
}

// TestFormatRoundTripGrid runs the fuzz property over a grid of points,
// so that it is exercised by every plain go test run.
func TestFormatRoundTripGrid(t *testing.T) {
	for lat := -80.0; lat < 84; lat += 1.37 {
		for lon := -180.0; lon <= 180; lon += 2.71 {
			p := geo.Point{X: lon, Y: lat}
			u, err := FormatUTM(p)
			if err != nil {
				t.Fatalf("FormatUTM(%v): %v", p, err)
			}
			for _, text := range []string{FormatDMS(p), u} {
				q, err := Parse(text)
				if err != nil {
					t.Fatalf("Parse(%q): %v", text, err)
				}
				if d := groundDistance(p, q); d > 0.01 {
					t.Errorf("%v -> %q -> %v: %.4f m", p, text, q, d)
				}
			}
		}
	}
}
