package geo

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// PostGIS's ST_IsValid (GEOS, OGC rules) is the independent reference for
// Validate. The test needs PostgreSQL with PostGIS at 127.0.0.1:5432 (or
// wherever PGHOST, PGPORT and PGUSER point) and the psql client; it fails,
// never skips, without them.

// vldPsql runs SQL through psql against database db and returns stdout.
func vldPsql(db, sql string) (string, error) {
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	cmd := exec.Command("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
		"-h", env("PGHOST", "127.0.0.1"), "-p", env("PGPORT", "5432"), "-U", env("PGUSER", "postgres"), "-d", db)
	cmd.Stdin = strings.NewReader(sql)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("psql: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// vldPostGIS creates a fresh database with PostGIS, dropped when the test
// ends, and returns its name.
func vldPostGIS(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("psql"); err != nil {
		t.Fatalf("psql not found (%v): run the project's setup, which installs PostgreSQL 15 with PostGIS 3 and starts it at 127.0.0.1:5432", err)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	db := "mineaction_valid_" + hex.EncodeToString(b[:])
	if _, err := vldPsql("postgres", "CREATE DATABASE "+db+";"); err != nil {
		t.Fatalf("cannot create a database in PostgreSQL (%v): run the project's setup, which installs PostgreSQL 15 with PostGIS 3 and starts it at 127.0.0.1:5432", err)
	}
	t.Cleanup(func() {
		if _, err := vldPsql("postgres", "DROP DATABASE IF EXISTS "+db+" WITH (FORCE);"); err != nil {
			t.Errorf("drop test database %s: %v", db, err)
		}
	})
	if _, err := vldPsql(db, "CREATE EXTENSION postgis;"); err != nil {
		t.Fatalf("PostGIS is not available (%v): run the project's setup", err)
	}
	return db
}

// vldWKT writes a Polygon or MultiPolygon as WKT, coordinates exact.
func vldWKT(g Geometry) string {
	var b strings.Builder
	ring := func(r Ring) {
		b.WriteByte('(')
		for i, p := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(p.X, 'f', -1, 64) + " " + strconv.FormatFloat(p.Y, 'f', -1, 64))
		}
		b.WriteByte(')')
	}
	poly := func(p Polygon) {
		if len(p) == 0 {
			b.WriteString("EMPTY")
			return
		}
		b.WriteByte('(')
		for i, r := range p {
			if i > 0 {
				b.WriteByte(',')
			}
			ring(r)
		}
		b.WriteByte(')')
	}
	switch g := g.(type) {
	case Polygon:
		b.WriteString("POLYGON")
		poly(g)
	case MultiPolygon:
		b.WriteString("MULTIPOLYGON(")
		for i, p := range g {
			if i > 0 {
				b.WriteByte(',')
			}
			poly(p)
		}
		b.WriteByte(')')
	}
	return b.String()
}

// vldPostGISValid returns ST_IsValid for each geometry; geometries PostGIS
// refuses to read (unclosed rings, too few points) count as invalid.
func vldPostGISValid(t *testing.T, db string, gs []Geometry) []bool {
	t.Helper()
	var sql strings.Builder
	sql.WriteString(`SET client_min_messages = warning;
CREATE FUNCTION pg_temp.valid(w text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RETURN ST_IsValid(ST_GeomFromText(w));
EXCEPTION WHEN others THEN RETURN false;
END $$;
SELECT id, pg_temp.valid(w) FROM (VALUES `)
	for i, g := range gs {
		if i > 0 {
			sql.WriteString(",\n")
		}
		fmt.Fprintf(&sql, "(%d, '%s')", i, vldWKT(g))
	}
	sql.WriteString(") AS t(id, w) ORDER BY id;\n")
	out, err := vldPsql(db, sql.String())
	if err != nil {
		t.Fatalf("ST_IsValid: %v", err)
	}
	lines := strings.Fields(out)
	if len(lines) != len(gs) {
		t.Fatalf("ST_IsValid gave %d rows for %d geometries", len(lines), len(gs))
	}
	res := make([]bool, len(gs))
	for i, l := range lines {
		if l != fmt.Sprintf("%d|t", i) && l != fmt.Sprintf("%d|f", i) {
			t.Fatalf("unexpected row %q", l)
		}
		res[i] = strings.HasSuffix(l, "t")
	}
	return res
}

func TestValidateAgreesWithPostGIS(t *testing.T) {
	db := vldPostGIS(t)
	var gs []Geometry
	var names []string
	for _, tc := range vldCases {
		if tc.pg {
			gs = append(gs, tc.g)
			names = append(names, tc.name)
		}
	}
	r := mrand.New(mrand.NewPCG(1, 2))
	for i := range 900 {
		var g Geometry
		var kind string
		switch i % 7 {
		case 0:
			g, kind = Polygon{vldStar(r, 20, 20, 10, 3+r.IntN(30))}, "star"
		case 1:
			g, kind = vldStarWithHoles(r), "star with holes"
		case 2:
			g, kind = Polygon{vldSoup(r, 4, 3+r.IntN(6))}, "grid soup"
		case 3:
			g, kind = Polygon{sq(0, 0, 4, 4), vldSoup(r, 4, 3+r.IntN(3)), vldSoup(r, 4, 3+r.IntN(3))}, "square with grid-soup holes"
		case 4:
			g, kind = Polygon{vldFloatSoup(r, 3+r.IntN(8))}, "float soup"
		case 5:
			g, kind = vldNearEdge(r), "hole on or next to the shell edge"
		default:
			g, kind = vldMulti(r), "multipolygon"
		}
		gs = append(gs, g)
		names = append(names, fmt.Sprintf("random %s %d", kind, i))
	}
	pg := vldPostGISValid(t, db, gs)
	valid := 0
	for i, g := range gs {
		got := Validate(g)
		if (got == nil) != pg[i] {
			t.Errorf("%s: PostGIS says valid=%v, Validate says %v\n\t%s", names[i], pg[i], got, vldWKT(g))
		}
		if pg[i] {
			valid++
		}
	}
	t.Logf("%d geometries compared with PostGIS, %d of them valid", len(gs), valid)
	if valid < len(gs)/5 || valid > len(gs)*4/5 {
		t.Errorf("only %d of %d geometries valid: the random mix no longer tests both verdicts", valid, len(gs))
	}
}

// TestSweepMatchesIndex checks the sweep line against the plain index
// search: on every geometry the two must find the same problems (the
// sweep's touches feed the containment and connectivity checks).
func TestSweepMatchesIndex(t *testing.T) {
	r := mrand.New(mrand.NewPCG(7, 8))
	for i := range 4000 {
		var g Geometry
		switch i % 5 {
		case 0:
			g = Polygon{sq(0, 0, 4, 4), vldSoup(r, 4, 3+r.IntN(4)), vldSoup(r, 4, 3+r.IntN(4)), vldSoup(r, 4, 3+r.IntN(3))}
		case 1:
			g = MultiPolygon{{vldSoup(r, 3, 3+r.IntN(4))}, {vldSoup(r, 3, 3+r.IntN(4))}, {sq(1, 1, 2, 2)}}
		case 2:
			g = vldStarWithHoles(r)
		case 3:
			g = vldNearEdge(r)
		default:
			g = Polygon{vldSoup(r, 6, 4+r.IntN(12))}
		}
		a, b := Validate(g), vldValidate(g, true)
		same := len(a) == len(b)
		for k := 0; same && k < len(a); k++ {
			same = vldSameProblem(a[k], b[k])
		}
		if !same {
			t.Fatalf("sweep and index disagree on %s:\n\tsweep %v\n\tindex %v", vldWKT(g), a, b)
		}
	}
}

// vldStar returns a star-shaped ring around (cx, cy): always simple.
func vldStar(r *mrand.Rand, cx, cy, radius float64, n int) Ring {
	angles := make([]float64, n)
	for i := range angles {
		angles[i] = (float64(i) + 0.8*r.Float64()) / float64(n) * 2 * math.Pi
	}
	ring := make(Ring, 0, n+1)
	for _, a := range angles {
		d := radius * (0.3 + 0.7*r.Float64())
		ring = append(ring, Point{cx + d*math.Cos(a), cy + d*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// vldStarWithHoles is a star with small star holes placed at random:
// some inside, some crossing the shell or each other.
func vldStarWithHoles(r *mrand.Rand) Polygon {
	p := Polygon{vldStar(r, 20, 20, 10, 8+r.IntN(20))}
	for range 1 + r.IntN(3) {
		p = append(p, vldStar(r, 12+16*r.Float64(), 12+16*r.Float64(), 1+3*r.Float64(), 3+r.IntN(8)))
	}
	return p
}

// vldSoup is a closed ring of n random points of a small integer grid,
// rich in collinear and touching configurations.
func vldSoup(r *mrand.Rand, size, n int) Ring {
	ring := make(Ring, 0, n+1)
	for range n {
		ring = append(ring, Point{float64(r.IntN(size + 1)), float64(r.IntN(size + 1))})
	}
	return append(ring, ring[0])
}

// vldFloatSoup is a closed ring of n random points.
func vldFloatSoup(r *mrand.Rand, n int) Ring {
	ring := make(Ring, 0, n+1)
	for range n {
		ring = append(ring, Point{40 + r.Float64(), 40 + r.Float64()})
	}
	return append(ring, ring[0])
}

// vldNearEdge is a triangle with a hole whose apex is the rounded point of
// the shell's first edge at a random fraction, nudged by a unit in the last
// place or not: exactly on the edge (a valid touch), just inside (valid) or
// just outside (a crossing), a test of exact predicates.
func vldNearEdge(r *mrand.Rand) Polygon {
	a := Point{40 + r.Float64(), 40 + r.Float64()}
	b := Point{41 + r.Float64(), 40 + r.Float64()}
	c := Point{40.5 + r.Float64(), 41 + r.Float64()}
	f := 0.2 + 0.6*r.Float64()
	p := Point{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)}
	switch r.IntN(3) {
	case 0:
		p.Y = math.Nextafter(p.Y, math.Inf(1))
	case 1:
		p.Y = math.Nextafter(p.Y, math.Inf(-1))
	}
	g := Point{(a.X + b.X + c.X) / 3, (a.Y + b.Y + c.Y) / 3}
	q1 := Point{p.X + 0.3*(g.X-p.X) - 0.05, p.Y + 0.3*(g.Y-p.Y)}
	q2 := Point{p.X + 0.3*(g.X-p.X) + 0.05, p.Y + 0.3*(g.Y-p.Y)}
	return Polygon{Ring{a, b, c, a}, Ring{p, q1, q2, p}}
}

// vldMulti is two or three parts: stars and grid squares that may be apart,
// touch, overlap or nest.
func vldMulti(r *mrand.Rand) MultiPolygon {
	var m MultiPolygon
	for range 2 + r.IntN(2) {
		if r.IntN(2) == 0 {
			m = append(m, Polygon{vldStar(r, 10+10*r.Float64(), 10+10*r.Float64(), 2+5*r.Float64(), 3+r.IntN(10))})
			continue
		}
		x, y := float64(r.IntN(6)), float64(r.IntN(6))
		w, h := float64(1+r.IntN(4)), float64(1+r.IntN(4))
		m = append(m, Polygon{sq(x, y, x+w, y+h)})
	}
	return m
}
