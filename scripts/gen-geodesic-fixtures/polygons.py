"""Polygon fixtures: random star-shaped polygons and the national outline,
measured by Planimeter in both modes and by quadrature."""

import json
import math
import sys

from quadrature import quadrature
from tools import EARTH_R, dec, log_uniform, norm_lon, offset, r10, run, star

def vertex_count(rng, radius, hi=2000):
    # Keep vertices at least about 2 cm apart so that tiny polygons stay
    # simple after rounding.
    cap = max(3, int(2 * math.pi * radius / 0.02))
    return max(3, min(cap, int(log_uniform(rng, 3, hi))))


def radius_for_area(area):
    # A star polygon fills about 0.6 of its circle.
    return math.sqrt(area / (0.6 * math.pi))


def measure(rings, mode):
    """Run Planimeter in mode (-G series, -E exact) on every ring; return
    [(area, perimeter)]."""
    text = "\n\n".join("\n".join(f"{dec(lat)} {dec(lon)}" for lon, lat in r) for r in rings) + "\n"
    lines = run(["Planimeter", mode, "-p", "9"], text)
    if len(lines) != len(rings):
        sys.exit(f"Planimeter returned {len(lines)} results for {len(rings)} rings")
    out = []
    for line, ring in zip(lines, rings):
        n, perim, area = line.split()
        if int(n) != len(ring):
            sys.exit(f"Planimeter read {n} vertices of {len(ring)}")
        out.append((float(area), float(perim)))
    return out


def polygon_case(name, polygons):
    """A fixture case for a list of polygons (each a list of open rings)."""
    rings = [r for p in polygons for r in p]
    series = measure(rings, "-G")
    exact = measure(rings, "-E")
    quad = quadrature(rings)
    area = area_exact = perimeter = 0.0
    i = 0
    for p in polygons:
        for k in range(len(p)):
            sign = 1 if k == 0 else -1
            area += sign * abs(series[i][0])
            area_exact += sign * abs(exact[i][0])
            perimeter += series[i][1]
            i += 1
    closed = [[r + [r[0]] for r in p] for p in polygons]
    if len(closed) == 1:
        geometry = {"type": "Polygon", "coordinates": closed[0]}
    else:
        geometry = {"type": "MultiPolygon", "coordinates": closed}
    ring_docs = []
    for (a, p), (ae, pe), q in zip(series, exact, quad):
        d = {"area": a, "area_exact": ae, "area_quadrature": q, "perimeter": p, "perimeter_exact": pe}
        if q is None:
            del d["area_quadrature"]
        ring_docs.append(d)
    return {
        "name": name,
        "geometry": geometry,
        "rings": ring_docs,
        "area": area,
        "area_exact": area_exact,
        "perimeter": perimeter,
    }


def simple_cases(rng, kind, count, big):
    cases = []
    for i in range(count):
        # The first cases pin the extremes: the largest vertex count, then
        # the largest and the smallest areas.
        area = {big: 1.2e11, big + 1: 1.5}.get(i, log_uniform(rng, 1.0, 1e11))
        radius = radius_for_area(area)
        n = 10000 if i < big else vertex_count(rng, radius)
        if i < big:
            radius = max(radius, 5000.0)
        if kind == "equator":
            lat, lon = rng.uniform(-5, 5), rng.uniform(-180, 180)
        elif kind == "high-latitude":
            lat = rng.choice([-1, 1]) * rng.uniform(70, 85)
            lon = rng.uniform(-180, 180)
        else:  # antimeridian: centre within a fraction of the radius of 180
            lat = rng.uniform(-60, 60)
            reach = math.degrees(radius / (EARTH_R * math.cos(math.radians(lat))))
            lon = norm_lon(180 + rng.uniform(-0.4, 0.4) * reach)
        ring = star(rng, lat, lon, radius, n)
        cases.append(polygon_case(f"{kind}-{i:02d}-n{n}", [[ring]]))
    return cases


def hole_cases(rng, count):
    cases = []
    for i in range(count):
        radius = log_uniform(rng, 50.0, 150000.0)
        lat, lon = rng.uniform(-80, 80), rng.uniform(-180, 180)
        shell = star(rng, lat, lon, radius, vertex_count(rng, radius, 1000))
        holes = []
        nholes = rng.randint(1, 3)
        for h in range(nholes):
            # Holes sit at distinct bearings inside the shell's inner radius.
            bearing = 2 * math.pi * (h + rng.uniform(0.2, 0.8)) / nholes
            hlat, hlon = offset(lat, lon, 0.3 * radius, bearing)
            hr = 0.1 * radius * rng.uniform(0.3, 1.0)
            holes.append(star(rng, hlat, hlon, hr, vertex_count(rng, hr, 300)))
        cases.append(polygon_case(f"holes-{i:02d}-{nholes}", [[shell] + holes]))
    return cases


def pole_cases(rng):
    cases = []
    for i, sign in enumerate([1, -1, 1, -1]):
        n = [4, 37, 360, 3000][i]
        ring = []
        for k in range(n):
            lon = norm_lon(-180 + 360.0 * (k + rng.uniform(0, 0.5)) / n)
            ring.append([r10(lon), r10(sign * rng.uniform(88.3, 88.7))])
        if rng.random() < 0.5:
            ring.reverse()
        cases.append(polygon_case(f"pole-{'north' if sign > 0 else 'south'}-n{n}", [[ring]]))
    return cases


def azerbaijan_case(path):
    with open(path) as f:
        fc = json.load(f)
    geom = fc["features"][0]["geometry"]
    polygons = [[r[:-1] if r[0] == r[-1] else r for r in p] for p in geom["coordinates"]]
    case = polygon_case("azerbaijan", polygons)
    case["source"] = "data/azerbaijan.geojson"
    return case
