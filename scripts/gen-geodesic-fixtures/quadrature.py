"""An area reference independent of Planimeter: Green's theorem along the
geodesic edges."""

import math

from tools import dec, run

# Gauss-Legendre nodes and weights on [-1, 1], 8 points.
GL_X = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363]
GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763]
WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563


def authalic(phi):
    """Area between the equator and latitude phi per radian of longitude:
    the integral of M N cos(phi) dphi, in closed form."""
    e2 = WGS84_F * (2 - WGS84_F)
    e = math.sqrt(e2)
    b = WGS84_A * (1 - WGS84_F)
    s = math.sin(phi)
    return b * b * (s / (2 * (1 - e2 * s * s)) + math.atanh(e * s) / (2 * e))


def encircles_pole(ring):
    turn = 0.0
    for k in range(len(ring)):
        d = ring[(k + 1) % len(ring)][0] - ring[k][0]
        turn += d - 360.0 * round(d / 360.0)
    return abs(turn) > 180.0


def quadrature(rings):
    """Signed areas by Green's theorem, A = -(closed integral of G(phi)
    dlambda), G the authalic integral above, integrated along each geodesic
    edge by 8-point Gauss-Legendre on pieces of at most 2 km, with the points
    and azimuths along the edge from GeodSolve and dlambda/ds = sin(azi) /
    (N cos(phi)). This shares nothing with Planimeter's area algorithm.
    Rings around a pole get None."""
    e2 = WGS84_F * (2 - WGS84_F)
    edges = []
    for i, r in enumerate(rings):
        if encircles_pole(r):
            continue
        for k in range(len(r)):
            edges.append((i, r[k], r[(k + 1) % len(r)]))
    inv = run(["GeodSolve", "-i", "-p", "10"],
              "".join(f"{dec(p[1])} {dec(p[0])} {dec(q[1])} {dec(q[0])}\n" for _, p, q in edges))
    pieces, text = [], []
    for (i, p, q), line in zip(edges, inv):
        azi1, _, s12 = (float(v) for v in line.split())
        m = int(s12 / 2000) + 1
        pieces.append((m, s12))
        for k in range(m):
            for x in GL_X:
                text.append(f"{dec(p[1])} {dec(p[0])} {dec(azi1)} {dec((k + (x + 1) / 2) / m * s12)}\n")
    points = iter(run(["GeodSolve", "-p", "10"], "".join(text)))
    terms = {}
    for (i, p, _), (m, s12) in zip(edges, pieces):
        g0 = authalic(math.radians(rings[i][0][1]))  # a constant drops out of a closed ring
        for _ in range(m):
            for w in GL_W:
                lat, _, azi = (float(v) for v in next(points).split())
                phi = math.radians(lat)
                n = WGS84_A / math.sqrt(1 - e2 * math.sin(phi) ** 2)
                dlam = math.sin(math.radians(azi)) / (n * math.cos(phi))
                terms.setdefault(i, []).append(-w * (authalic(phi) - g0) * dlam * s12 / m / 2)
    return [math.fsum(terms[i]) if i in terms else None for i in range(len(rings))]
