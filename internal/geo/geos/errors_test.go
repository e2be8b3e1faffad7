package geos_test

import (
	"errors"
	"strings"
	"testing"

	"mineaction/internal/geo"
	"mineaction/internal/geo/geos"
)

// otherGeometry is a geo.Geometry this package does not know.
type otherGeometry struct{}

func (otherGeometry) Type() string     { return "Other" }
func (otherGeometry) Bounds() geo.BBox { return geo.EmptyBBox() }
func (otherGeometry) IsEmpty() bool    { return false }

// bowtie is a self-intersecting polygon, which GEOS's overlay rejects.
func bowtie() geo.Polygon { return geo.Polygon{ring(0, 0, 1, 1, 1, 0, 0, 1)} }

// unclosed is a polygon whose ring does not return to its start, which GEOS
// refuses to read.
func unclosed() geo.Polygon {
	return geo.Polygon{geo.Ring{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 1, Y: 1}}}
}

// wantGEOSError fails unless err is a *geos.Error for op carrying msg.
func wantGEOSError(t *testing.T, err error, op, msg string) {
	t.Helper()
	var ge *geos.Error
	if !errors.As(err, &ge) {
		t.Fatalf("error %v (%T), want a *geos.Error", err, err)
	}
	if !strings.Contains(ge.Op, op) || !strings.Contains(ge.Message, msg) {
		t.Errorf("error %q, want op %q and GEOS's message containing %q", err, op, msg)
	}
}

func TestErrorsFromGEOS(t *testing.T) {
	sq := rect(0, 0, 1, 1)
	tests := []struct {
		name, op, msg string
		f             func() error
	}{
		{"difference of a bowtie", "difference", "TopologyException", func() error { _, err := geos.Difference(bowtie(), sq); return err }},
		{"intersection with a bowtie", "intersection", "Self-intersection", func() error { _, err := geos.Intersection(sq, bowtie()); return err }},
		{"union with a bowtie", "union", "TopologyException", func() error { _, err := geos.Union([]geo.Geometry{bowtie(), rect(0.5, 0.5, 2, 2)}); return err }},
		{"remaining of a bowtie", "remaining", "TopologyException", func() error { _, err := geos.Remaining(bowtie(), []geo.Geometry{sq}); return err }},
		{"unclosed hazard", "remaining: hazard", "closed", func() error { _, err := geos.Remaining(unclosed(), nil); return err }},
		{"unclosed release", "remaining: releases: geometry 1", "closed", func() error { _, err := geos.Remaining(sq, []geo.Geometry{sq, unclosed()}); return err }},
		{"unclosed union part", "union: geometry 0", "closed", func() error { _, err := geos.Union([]geo.Geometry{unclosed(), sq}); return err }},
		{"unclosed predicate operand", "intersects: geometry 1", "closed", func() error { _, err := geos.Intersects(sq, unclosed()); return err }},
		{"unclosed relate operand", "relate: geometry 0", "closed", func() error { _, err := geos.Relate(unclosed(), sq); return err }},
		{"unclosed prepare", "prepare", "closed", func() error { _, err := geos.Prepare(unclosed()); return err }},
		{"negative tolerance", "simplify", "Tolerance", func() error { _, err := geos.Simplify(sq, -1); return err }},
		{"unclosed make valid", "make valid", "closed", func() error { _, err := geos.MakeValid(unclosed()); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantGEOSError(t, tt.f(), tt.op, tt.msg)
			// The context that failed goes back to the pool and still works.
			u, err := geos.Union([]geo.Geometry{sq, rect(1, 0, 2, 1)})
			if err != nil || area(u) != 2 {
				t.Errorf("union after the error: %v, %v", u, err)
			}
		})
	}
	if n := geos.LiveGeometries(); n != 0 {
		t.Errorf("%d GEOS geometries left undestroyed after the errors", n)
	}
}

func TestPreparedErrors(t *testing.T) {
	p, err := geos.Prepare(rect(0, 0, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	_, err = p.Contains(unclosed())
	wantGEOSError(t, err, "contains", "closed")
	_, err = p.Relate(unclosed())
	wantGEOSError(t, err, "relate", "closed")
	if ok, err := p.Contains(rect(0.2, 0.2, 0.8, 0.8)); !ok || err != nil {
		t.Errorf("Contains after an error = %v, %v", ok, err)
	}
}

func TestUnsupportedGeometries(t *testing.T) {
	sq := rect(0, 0, 1, 1)
	for name, f := range map[string]func() error{
		"nil release":     func() error { _, err := geos.Remaining(sq, []geo.Geometry{nil}); return err },
		"nil hazard":      func() error { _, err := geos.Remaining(nil, nil); return err },
		"other type":      func() error { _, err := geos.Intersects(sq, otherGeometry{}); return err },
		"other prepared":  func() error { _, err := geos.Prepare(otherGeometry{}); return err },
		"other valid":     func() error { _, _, err := geos.IsValid(otherGeometry{}); return err },
		"other simplify":  func() error { _, err := geos.Simplify(nil, 1); return err },
		"other union":     func() error { _, err := geos.Union([]geo.Geometry{sq, otherGeometry{}}); return err },
		"other intersect": func() error { _, err := geos.Intersection(otherGeometry{}, sq); return err },
	} {
		if err := f(); !errors.Is(err, geos.ErrUnsupported) {
			t.Errorf("%s: error %v, want ErrUnsupported", name, err)
		}
	}
	if n := geos.LiveGeometries(); n != 0 {
		t.Errorf("%d GEOS geometries left undestroyed", n)
	}
}
