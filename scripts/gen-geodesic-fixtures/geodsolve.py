"""Inverse, direct and traverse fixtures from GeodSolve."""

import math

from tools import dec, log_uniform, norm_lon, offset, r10, random_point, run, star

def inverse_inputs(rng):
    pts = []
    for _ in range(150):  # anywhere
        pts.append(random_point(rng) + random_point(rng))
    for _ in range(60):  # short: 1 mm to 10 km
        lat, lon = random_point(rng)
        la, lo = offset(lat, lon, log_uniform(rng, 1e-3, 1e4), rng.uniform(0, 2 * math.pi))
        pts.append((lat, lon, la, lo))
    for _ in range(60):  # nearly antipodal
        lat, lon = random_point(rng)
        pts.append((lat, lon, -lat + rng.uniform(-0.5, 0.5), norm_lon(lon + 180 + rng.uniform(-1, 1))))
    for _ in range(10):  # meridional
        lon = rng.uniform(-180, 180)
        pts.append((random_point(rng)[0], lon, random_point(rng)[0], lon))
    for _ in range(10):  # equatorial, some beyond the equatorial-path limit
        pts.append((0.0, rng.uniform(-180, 180), 0.0, rng.uniform(-180, 180)))
    for _ in range(10):  # from or to a pole
        lat, lon = random_point(rng)
        pts.append((rng.choice([-90.0, 90.0]), rng.uniform(-180, 180), lat, lon))
    pts += [(0.0, 0.0, 0.0, 179.5), (0.0, 0.0, 0.5, 179.7), (-30.0, 0.0, 29.9, 179.8),
            (0.0, 0.0, 0.0, 0.0), (45.0, 10.0, 45.0, 10.0), (-90.0, 0.0, 90.0, 0.0)]
    return [tuple(r10(v) for v in p) for p in pts]


def geodsolve(rng, version_text):
    inv = inverse_inputs(rng)
    lines = run(["GeodSolve", "-i", "-p", "10"], "".join(f"{dec(a)} {dec(b)} {dec(c)} {dec(d)}\n" for a, b, c, d in inv))
    cases = []
    for p, line in zip(inv, lines):
        azi1, azi2, s12 = (float(v) for v in line.split())
        cases.append(list(p) + [s12, azi1, azi2])
    inverse = {
        "generator": "scripts/gen-geodesic-fixtures/main.py", "tool": version_text,
        "command": "GeodSolve -i -p 10",
        "fields": ["lat1", "lon1", "lat2", "lon2", "s12", "azi1", "azi2"],
        "cases": cases,
    }
    dirs = []
    for _ in range(200):
        lat, lon = random_point(rng)
        dirs.append((r10(lat), r10(lon), r10(rng.uniform(-180, 180)), r10(log_uniform(rng, 1e-3, 2e7))))
    dirs += [(0.0, 0.0, 90.0, 1e7), (0.0, 0.0, 0.0, 10001965.729), (89.9, 0.0, 0.0, 20000.0),
             (-90.0, 0.0, 30.0, 1000.0), (45.0, 179.9, 90.0, 50000.0)]
    lines = run(["GeodSolve", "-p", "10"], "".join(f"{dec(a)} {dec(b)} {dec(c)} {dec(d)}\n" for a, b, c, d in dirs))
    cases = []
    for p, line in zip(dirs, lines):
        lat2, lon2, azi2 = (float(v) for v in line.split())
        cases.append(list(p) + [lat2, lon2, azi2])
    direct = {
        "generator": "scripts/gen-geodesic-fixtures/main.py", "tool": version_text,
        "command": "GeodSolve -p 10",
        "fields": ["lat1", "lon1", "azi1", "s12", "lat2", "lon2", "azi2"],
        "cases": cases,
    }
    return inverse, direct


def traverse_cases(rng, version_text):
    """Bearing-and-distance traverses around a benchmark, walked leg by leg
    with GeodSolve; bearings and distances are rounded as a surveyor records
    them (0.01 degree, 0.1 m), except in the exact cases, which close."""
    specs = []
    for i in range(12):
        kind = ["hazard", "hazard", "hazard", "high-latitude", "antimeridian", "exact"][i % 6]
        if kind == "high-latitude":
            lat, lon = rng.choice([-1, 1]) * rng.uniform(70, 85), rng.uniform(-180, 180)
        elif kind == "antimeridian":
            lat, lon = rng.uniform(-50, 50), rng.choice([179.999, -179.999])
        else:
            lat, lon = rng.uniform(38.5, 41.5), rng.uniform(45.0, 50.0)
        radius = log_uniform(rng, 20.0, 3000.0)
        ring = star(rng, lat, lon, radius, rng.randint(3, 12), 0.7)
        specs.append((f"{kind}-{i:02d}", ring, kind == "exact"))
    # Legs from the inverse problem between consecutive vertices.
    pairs = [(r[k], r[(k + 1) % len(r)]) for _, r, _ in specs for k in range(len(r))]
    lines = run(["GeodSolve", "-i", "-p", "10"],
                "".join(f"{dec(a[1])} {dec(a[0])} {dec(b[1])} {dec(b[0])}\n" for a, b in pairs))
    it = iter(lines)
    cases = []
    for name, ring, exact in specs:
        legs = []
        for _ in ring:
            azi1, _, s12 = (float(v) for v in next(it).split())
            bearing = azi1 % 360.0
            if not exact:
                bearing, s12 = round(bearing, 2) % 360.0, round(s12, 1)
            legs.append([bearing, s12])
        cases.append({"name": name, "start": ring[0], "legs": legs, "points": []})
    # Walk all traverses one leg at a time.
    pos = [list(c["start"]) for c in cases]
    for k in range(max(len(c["legs"]) for c in cases)):
        active = [i for i, c in enumerate(cases) if k < len(c["legs"])]
        text = "".join(f"{dec(pos[i][1])} {dec(pos[i][0])} {dec(cases[i]['legs'][k][0])} {dec(cases[i]['legs'][k][1])}\n"
                       for i in active)
        for i, line in zip(active, run(["GeodSolve", "-p", "10"], text)):
            lat2, lon2, _ = (float(v) for v in line.split())
            pos[i] = [lon2, lat2]
            cases[i]["points"].append(pos[i])
    lines = run(["GeodSolve", "-i", "-p", "10"],
                "".join(f"{dec(p[1])} {dec(p[0])} {dec(c['start'][1])} {dec(c['start'][0])}\n" for p, c in zip(pos, cases)))
    for c, line in zip(cases, lines):
        c["misclosure"] = float(line.split()[2])
    return {
        "generator": "scripts/gen-geodesic-fixtures/main.py", "tool": version_text,
        "command": "GeodSolve -p 10 for each leg from the previous leg's end; GeodSolve -i -p 10 for the misclosure",
        "cases": cases,
    }
