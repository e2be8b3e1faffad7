#!/usr/bin/env python3
"""Generate the geodesic reference fixtures of internal/geo from GeographicLib.

Usage (from the repository root):

    scripts/gen-geodesic-fixtures/main.py [--seed N] [--out internal/geo/testdata/planimeter]

The other files here are its modules: tools.py (running GeographicLib, random
vertices), polygons.py, quadrature.py and geodsolve.py (the fixture sets).

Needs Python 3 (standard library only) and GeographicLib's command-line tools
on PATH (Debian/Ubuntu: apt-get install geographiclib-tools), which supply
Planimeter and GeodSolve. The output is deterministic for a given seed and
GeographicLib version; the version used is recorded in every file.

What it writes, as JSON, into the output directory:

  polygons-*.json   seeded random star-shaped polygons (3 to 10,000 vertices,
                    areas from about 1 m² to 100,000 km²) near the equator, at
                    high latitude (70-85 degrees, both hemispheres), across the
                    antimeridian, with holes, and around a pole; plus the
                    national outline of Azerbaijan from data/azerbaijan.geojson.
                    A case holds the geometry as a GeoJSON object and, for
                    each ring in order, three signed areas (counter-clockwise
                    positive) and two perimeters:
                      area             Planimeter -p 9 (series geodesics, the
                                       default and the most accurate on WGS84)
                      area_exact       Planimeter -E -p 9 (elliptic-integral
                                       geodesics; on large or high-latitude
                                       rings off by up to a few tenths of a
                                       m², where area and area_quadrature
                                       agree to a few mm²)
                      area_quadrature  Green's theorem along the geodesic edges
                                       (see quadrature below); not for rings
                                       around a pole
                      perimeter        Planimeter -p 9
                      perimeter_exact  Planimeter -E -p 9 (off by up to some
                                       nanometres on short high-latitude edges)
                    and for the geometry the expected area (|shell| - sum
                    |holes|, summed over the polygons) from both Planimeter
                    modes and the perimeter of all rings. Planimeter reads
                    "lat lon", so coordinates are swapped on the way in.
  geodsolve-inverse.json, geodsolve-direct.json
                    inverse and direct problems solved by `GeodSolve -p 10`
                    (the series solution, as implemented in internal/geo):
                    random, short, nearly antipodal, meridional, equatorial
                    and polar cases.
  geodsolve-traverse.json
                    bearing-and-distance traverses walked leg by leg with
                    GeodSolve, with the end of every leg and the misclosure.

Coordinates are rounded to 1e-10 degree and passed to GeographicLib as the
exact decimal value of the float64 that the JSON holds, so the Go tests and
GeographicLib see identical inputs.
"""

import argparse
import json
import os
import random

from geodsolve import geodsolve, traverse_cases
from polygons import azerbaijan_case, hole_cases, pole_cases, simple_cases
from tools import version


def write(out_dir, name, doc):
    path = os.path.join(out_dir, name)
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--out", default="internal/geo/testdata/planimeter")
    ap.add_argument("--azerbaijan", default="data/azerbaijan.geojson")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ver = version()
    os.makedirs(args.out, exist_ok=True)

    def doc(cases):
        return {"generator": "scripts/gen-geodesic-fixtures/main.py", "seed": args.seed, "tool": ver,
                "command": "Planimeter -p 9 (area, perimeter), Planimeter -E -p 9 (area_exact, perimeter_exact)",
                "cases": cases}

    write(args.out, "polygons-equator.json", doc(simple_cases(rng, "equator", 30, 1)))
    write(args.out, "polygons-high-latitude.json", doc(simple_cases(rng, "high-latitude", 30, 1)))
    write(args.out, "polygons-antimeridian.json", doc(simple_cases(rng, "antimeridian", 25, 1)))
    write(args.out, "polygons-holes.json", doc(hole_cases(rng, 15)))
    write(args.out, "polygons-pole.json", doc(pole_cases(rng)))
    write(args.out, "polygons-azerbaijan.json", doc([azerbaijan_case(args.azerbaijan)]))
    inverse, direct = geodsolve(rng, ver)
    write(args.out, "geodsolve-inverse.json", inverse)
    write(args.out, "geodsolve-direct.json", direct)
    write(args.out, "geodsolve-traverse.json", traverse_cases(rng, ver))


if __name__ == "__main__":
    main()
