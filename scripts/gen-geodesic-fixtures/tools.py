"""Shared helpers: running GeographicLib's tools, writing numbers for them,
and placing random vertices."""

import math
import subprocess
from decimal import Decimal

EARTH_R = 6371008.8  # mean radius, only for placing vertices


def run(cmd, text):
    """Run a GeographicLib tool on text and return its output lines."""
    out = subprocess.run(cmd, input=text, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def version():
    return run(["Planimeter", "--version"], "")[0].strip()


def r10(x):
    return round(x, 10)


def dec(x):
    """The exact decimal value of the float64 x, without an exponent (which
    GeographicLib's angle parser would take for a hemisphere letter). Exact,
    so that parsers which split whole and fractional parts read x exactly."""
    return format(Decimal(x), "f")


def norm_lon(lon):
    lon = math.fmod(lon + 180.0, 360.0)
    if lon < 0:
        lon += 360.0
    return lon - 180.0


def offset(lat, lon, dist, bearing):
    """Point dist metres from (lat, lon) at bearing radians on a sphere."""
    d = dist / EARTH_R
    p1 = math.radians(lat)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(bearing))
    dl = math.atan2(math.sin(bearing) * math.sin(d) * math.cos(p1),
                    math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), norm_lon(lon + math.degrees(dl))


def star(rng, lat, lon, radius, n, min_frac=0.55):
    """A star-shaped ring (open, [lon, lat] pairs) of n vertices around a centre."""
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    ring = []
    for a in angles:
        la, lo = offset(lat, lon, radius * rng.uniform(min_frac, 1.0), a)
        ring.append([r10(lo), r10(la)])
    if rng.random() < 0.5:
        ring.reverse()
    return ring


def log_uniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def random_point(rng):
    return math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)
