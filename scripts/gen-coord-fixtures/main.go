// Command gen-coord-fixtures writes the reference fixtures of package
// internal/geo/coord from GeographicLib's GeoConvert, so that the package's
// UTM and MGRS conversions are tested against an independent
// implementation rather than against themselves.
//
// Run it from the module root after installing Debian's geographiclib-tools:
//
//	go run ./scripts/gen-coord-fixtures
//
// It draws points from a fixed seed (worldwide, dense over the South
// Caucasus in UTM zones 37-39, over the Norway and Svalbard zone
// exceptions, and next to zone and band edges), feeds them to GeoConvert and
// writes, in internal/geo/coord/testdata:
//
//   - utm.txt: latitude, longitude and GeoConvert's UTM to the micrometre;
//   - mgrs.txt: latitude, longitude and GeoConvert's MGRS with 0 to 5 digits;
//   - mgrs-centres.txt: MGRS references and the centre of each square as
//     GeoConvert reads them, including every 100 km square letter pair of
//     zones 37 and 38 in every band ("-" where GeoConvert refuses the
//     square as outside its band).
//
// The output is deterministic for a given GeoConvert version (2.1.2 made the
// committed files).
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const outDir = "internal/geo/coord/testdata"

type point struct{ lat, lon string }

func main() {
	log.SetFlags(0)
	if _, err := exec.LookPath("GeoConvert"); err != nil {
		log.Fatal("GeoConvert not found: install Debian's geographiclib-tools")
	}
	pts := points()
	in := make([]string, len(pts))
	for i, p := range pts {
		in[i] = p.lat + " " + p.lon
	}

	utm := geoConvert(in, "-u", "-p", "6")
	var b strings.Builder
	b.WriteString("# latitude longitude | GeoConvert -u -p 6: zone+hemisphere easting northing\n")
	for i, p := range pts {
		fmt.Fprintf(&b, "%s %s %s\n", p.lat, p.lon, utm[i])
	}
	write("utm.txt", b.String())

	var mgrs [6][]string
	for d := range 6 {
		mgrs[d] = geoConvert(in, "-m", "-p", fmt.Sprint(d-5))
	}
	b.Reset()
	b.WriteString("# latitude longitude | GeoConvert -m -p -5 ... -p 0: MGRS with 0 to 5 digits\n")
	for i, p := range pts {
		fmt.Fprintf(&b, "%s %s", p.lat, p.lon)
		for d := range 6 {
			fmt.Fprintf(&b, " %s", mgrs[d][i])
		}
		b.WriteString("\n")
	}
	write("mgrs.txt", b.String())

	// One reference per point at a drawn precision, then every square of
	// zones 37 and 38.
	r := rand.New(rand.NewPCG(7, 38))
	var refs []string
	for i := range pts {
		refs = append(refs, mgrs[r.IntN(6)][i])
	}
	for _, zone := range []int{37, 38} {
		cols := "ABCDEFGHJKLMNPQRSTUVWXYZ"[8*((zone-1)%3):][:8]
		for _, band := range "CDEFGHJKLMNPQRSTUVWX" {
			for _, c := range cols {
				for _, row := range "ABCDEFGHJKLMNPQRSTUV" {
					refs = append(refs, fmt.Sprintf("%02d%c%c%c", zone, band, c, row))
				}
			}
		}
	}
	centres := geoConvert(refs, "-p", "9")
	b.Reset()
	b.WriteString("# MGRS | GeoConvert -p 9: latitude longitude of the square's centre, or - if refused\n")
	for i, ref := range refs {
		c := centres[i]
		if strings.HasPrefix(c, "ERROR") {
			c = "-"
		}
		fmt.Fprintf(&b, "%s %s\n", ref, c)
	}
	write("mgrs-centres.txt", b.String())
}

// points draws the test points from a fixed seed.
func points() []point {
	r := rand.New(rand.NewPCG(2011, 475))
	var pts []point
	add := func(lat, lon float64) {
		pts = append(pts, point{fmt.Sprintf("%.9f", lat), fmt.Sprintf("%.9f", lon)})
	}
	uniform := func(lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }
	for range 500 { // worldwide, UTM latitudes
		add(uniform(-80, 84), uniform(-180, 180))
	}
	for range 600 { // South Caucasus, zones 37 to 39
		add(uniform(38, 44), uniform(36, 54))
	}
	for range 80 { // Norway exception, band V
		add(uniform(56, 64), uniform(0, 12))
	}
	for range 120 { // Svalbard exception, band X
		add(uniform(72, 84), uniform(0, 42))
	}
	for range 100 { // next to band and zone edges
		eps := []float64{1e-7, 1e-5, 1e-3}[r.IntN(3)] * float64(1-2*r.IntN(2))
		lat := float64(8*(r.IntN(20)-10)) + eps
		lon := float64(6*(r.IntN(60)-30)) + eps
		if lat < -80 {
			lat = -80
		}
		add(lat, lon)
	}
	return pts
}

// geoConvert runs GeoConvert with args on the input lines and returns one
// output line per input line.
func geoConvert(lines []string, args ...string) []string {
	cmd := exec.Command("GeoConvert", args...)
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	// GeoConvert exits 1 when a line was refused; refused lines are kept.
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			log.Fatalf("GeoConvert %v: %v", args, err)
		}
	}
	var res []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		res = append(res, sc.Text())
	}
	if len(res) != len(lines) {
		log.Fatalf("GeoConvert %v: %d lines out for %d in", args, len(res), len(lines))
	}
	return res
}

func write(name, text string) {
	path := filepath.Join(outDir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s (%d bytes)", path, len(text))
}
