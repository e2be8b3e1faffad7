#!/usr/bin/env python3
# Copied unchanged from ../shared/bench/gen_hazards.py, the shared reference generator that other
# servers were measured with; keep the two identical so that figures stay comparable.
"""Seeded synthetic hazardous-area data for performance anchors (Python 3 standard library only).

Writes two GeoJSON FeatureCollections (RFC 7946, WGS84 lon/lat, exterior rings counter-clockwise):

  <out>/hazards_<name>.geojson   N star-shaped simple polygons, 8..60 vertices, target area
                                 log-uniform in [1,000 m², 30 km²], inside lon 45.9..47.6,
                                 lat 38.9..40.5 (the Karabakh region of Azerbaijan).
                                 properties: id, hid ('HA-000001'), status (open|worked_on|closed),
                                 type (SHA|CHA), district (13 ANAMA districts), reported (ISO date
                                 between 2020-11-10 and 2024-06-10).
  <out>/releases_<name>.geojson  for ~40% of hazards, 1..3 star polygons (8..24 vertices, 2-25% of
                                 the hazard's area) centred inside their hazard, so each overlaps it;
                                 30% are centred next to one of its vertices, and about 40% in all
                                 spill over its edge. properties: id, rid ('RL-0000001'), hazard_id,
                                 kind (cancelled|reduced|cleared), released (date >= reported).

Every hazard draws from its own generator seeded with "<seed>:<id>", so the first N hazards (and their
releases) are the same for every size: the national set (5,000) is a prefix of the large one (50,000).

Locations: 25% uniform over the box, 45% Gaussian (sigma 0.08 deg) around one of the 13 district
centres, 30% Gaussian (sigma 0.10 deg) around the "dense area" at lon 46.9, lat 39.8.
District = the nearest district centre to the polygon's centre (approximate, synthetic).
Areas are set on a local equirectangular projection, so they are approximate ("~"), which is all the
generator promises; the exact areas are what the benchmarks compute.

Usage:  gen_hazards.py --n 5000 --name national --out DIR [--seed 20240610]
        gen_hazards.py --sizes national=5000,large=50000 --out DIR
Prints one summary line per set on stderr.  The records are synthetic.
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import sys

BOX = (45.9, 38.9, 47.6, 40.5)  # lon_min, lat_min, lon_max, lat_max
DENSE = (46.9, 39.8)
AREA_MIN, AREA_MAX = 1.0e3, 3.0e7  # m²
DATE0, DATE1 = dt.date(2020, 11, 10), dt.date(2024, 6, 10)
STATUSES = (("open", 0.60), ("worked_on", 0.15), ("closed", 0.25))
TYPES = (("SHA", 0.55), ("CHA", 0.45))
KINDS = ("cancelled", "reduced", "cleared")
# (name, lon, lat) of the 13 district centres ANAMA works in (shared/data/places.csv).
DISTRICTS = (
    ("Aghdam", 46.9297, 39.9911), ("Aghdara", 46.8139, 40.2111), ("Fuzuli", 47.1453, 39.6006),
    ("Gubadly", 46.5789, 39.3444), ("Jabrayil", 47.0261, 39.3997), ("Kalbajar", 46.0389, 40.1056),
    ("Khankendi", 46.7519, 39.8153), ("Khojaly", 46.7903, 39.9133), ("Khojavend", 47.1139, 39.7947),
    ("Lachin", 46.5461, 39.6383), ("Shusha", 46.7486, 39.7583), ("Tartar", 46.9339, 40.3417),
    ("Zangilan", 46.6525, 39.0857),
)
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQ = 111_320.0
ROUND = 7  # decimal places (about 1 cm)


def pick(rng, weighted):
    u, acc = rng.random(), 0.0
    for value, w in weighted:
        acc += w
        if u < acc:
            return value
    return weighted[-1][0]


def rand_date(rng, lo, hi):
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def star(rng, clon, clat, area_m2, nverts, rmin=0.55):
    """Counter-clockwise star-shaped simple ring around (clon, clat) with planar area ~area_m2.

    Angles strictly increase (one per slot of 2*pi/n, jittered inside it), so every gap is < pi and the
    ring is simple and star-shaped with respect to its centre.
    """
    slot = 2 * math.pi / nverts
    angles = [(k + 0.1 + 0.8 * rng.random()) * slot for k in range(nverts)]
    radii = [rmin + (1 - rmin) * rng.random() for _ in range(nverts)]
    # shoelace area of the unit-scaled ring, then scale the radii to the target area
    a1 = 0.0
    for k in range(nverts):
        j = (k + 1) % nverts
        a1 += radii[k] * radii[j] * math.sin(angles[j] - angles[k])
    a1 = abs(a1) / 2
    scale = math.sqrt(area_m2 / a1)
    mx = M_PER_DEG_LON_EQ * math.cos(math.radians(clat))
    ring = []
    for ang, r in zip(angles, radii):
        x = scale * r * math.cos(ang) / mx
        y = scale * r * math.sin(ang) / M_PER_DEG_LAT
        ring.append([round(clon + x, ROUND), round(clat + y, ROUND)])
    ring.append(list(ring[0]))
    return ring


def centre(rng, margin_lon, margin_lat):
    lo0, la0, lo1, la1 = BOX
    lo0, lo1, la0, la1 = lo0 + margin_lon, lo1 - margin_lon, la0 + margin_lat, la1 - margin_lat
    u = rng.random()
    for _ in range(100):
        if u < 0.25:
            lon, lat = rng.uniform(lo0, lo1), rng.uniform(la0, la1)
        elif u < 0.70:
            _, dlon, dlat = DISTRICTS[rng.randrange(len(DISTRICTS))]
            lon, lat = rng.gauss(dlon, 0.08), rng.gauss(dlat, 0.08)
        else:
            lon, lat = rng.gauss(DENSE[0], 0.10), rng.gauss(DENSE[1], 0.10)
        if lo0 <= lon <= lo1 and la0 <= lat <= la1:
            return lon, lat
    return rng.uniform(lo0, lo1), rng.uniform(la0, la1)


def nearest_district(lon, lat):
    coslat = math.cos(math.radians(lat))
    return min(DISTRICTS, key=lambda d: ((d[1] - lon) * coslat) ** 2 + (d[2] - lat) ** 2)[0]


def hazard(seed, i, next_release_id):
    """Hazard number i (1-based) and its releases; returns (feature, [release features])."""
    rng = random.Random(f"{seed}:{i}")
    area = math.exp(rng.uniform(math.log(AREA_MIN), math.log(AREA_MAX)))
    nverts = rng.randint(8, 60)
    reach = math.sqrt(area / math.pi) / 0.55 * 1.3  # generous bound on the ring's radius, metres
    margin_lat = reach / M_PER_DEG_LAT
    margin_lon = reach / (M_PER_DEG_LON_EQ * math.cos(math.radians(BOX[3])))
    clon, clat = centre(rng, margin_lon, margin_lat)
    ring = star(rng, clon, clat, area, nverts)
    reported = rand_date(rng, DATE0, DATE1)
    props = {
        "id": i,
        "hid": f"HA-{i:06d}",
        "status": pick(rng, STATUSES),
        "type": pick(rng, TYPES),
        "district": nearest_district(clon, clat),
        "reported": reported.isoformat(),
    }
    feat = {"type": "Feature", "id": i, "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}
    releases = []
    if rng.random() < 0.40:
        r_eff = math.sqrt(area / math.pi)
        for _ in range(rng.randint(1, 3)):
            spill = rng.random() < 0.30
            # centre on the segment from the hazard's centre to one of its vertices: inside the
            # hazard (it is star-shaped about its centre), so every release overlaps it
            vx, vy = ring[rng.randrange(nverts)]
            t = rng.uniform(0.8, 1.0) if spill else rng.uniform(0.0, 0.6)
            rlon, rlat = clon + t * (vx - clon), clat + t * (vy - clat)
            rarea = math.pi * (r_eff * rng.uniform(0.15, 0.5)) ** 2
            rring = star(rng, rlon, rlat, rarea, rng.randint(8, 24), rmin=0.7)
            # keep releases inside the box too (they are tiny next to the margin; clamp anyway)
            rring = [[min(max(x, BOX[0]), BOX[2]), min(max(y, BOX[1]), BOX[3])] for x, y in rring]
            rid = next_release_id + len(releases)
            releases.append({
                "type": "Feature", "id": rid,
                "properties": {
                    "id": rid, "rid": f"RL-{rid:07d}", "hazard_id": i,
                    "kind": KINDS[rng.randrange(3)],
                    "released": rand_date(rng, reported, DATE1).isoformat(),
                },
                "geometry": {"type": "Polygon", "coordinates": [rring]},
            })
    return feat, releases


def write_collection(path, name, features):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":%s,"features":[\n' % json.dumps(name))
        for k, feat in enumerate(features):
            if k:
                f.write(",\n")
            f.write(json.dumps(feat, separators=(",", ":")))
        f.write("\n]}\n")
    os.replace(tmp, path)


def generate(n, name, out, seed):
    hazards, releases = [], []
    for i in range(1, n + 1):
        feat, rel = hazard(seed, i, len(releases) + 1)
        hazards.append(feat)
        releases.extend(rel)
    write_collection(os.path.join(out, f"hazards_{name}.geojson"), f"hazards_{name}", hazards)
    write_collection(os.path.join(out, f"releases_{name}.geojson"), f"releases_{name}", releases)
    nv = sum(len(h["geometry"]["coordinates"][0]) for h in hazards)
    with_rel = len({r["properties"]["hazard_id"] for r in releases})
    print(f"{name}: {n} hazards, {nv} vertices (closing vertex included), "
          f"{len(releases)} releases on {with_rel} hazards, seed {seed}", file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", default="20240610")
    ap.add_argument("--n", type=int, help="number of hazards (with --name)")
    ap.add_argument("--name", default="national")
    ap.add_argument("--sizes", help="name=n[,name=n...], e.g. national=5000,large=50000")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    sizes = []
    if args.sizes:
        for part in args.sizes.split(","):
            k, v = part.split("=")
            sizes.append((k.strip(), int(v)))
    elif args.n:
        sizes.append((args.name, args.n))
    else:
        ap.error("give --n or --sizes")
    for name, n in sizes:
        generate(n, name, args.out, args.seed)


if __name__ == "__main__":
    main()
