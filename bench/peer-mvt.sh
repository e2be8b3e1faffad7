#!/usr/bin/env bash
# mineaction's fresh z10 hazard tile beside PostGIS making the same tile
# with ST_AsMVT, on the reference national set, taking turns (which goes
# first alternates). Prints a Markdown table of medians over the rounds.
#
#   bench/peer-mvt.sh
#
# pg_tileserv, the peer the issue quotes, is not served by the Go module
# proxy here, so it cannot be built. What it does for a table layer is one
# SQL statement: the rows in the tile's envelope, each geometry put in
# tile coordinates by ST_AsMVTGeom, the whole encoded by ST_AsMVT. That
# statement is measured with pgbench (prepared, from a separate process on
# loopback): it is what pg_tileserv waits for, without its HTTP, so
# pg_tileserv itself would be slower than this. The query is written here;
# it carries every column of the set as properties, as pg_tileserv's
# table layers do by default.
#
# The set is loaded into PostGIS with ogr2ogr, as bench/peer-featureserv.sh
# does; mineaction reads WORK/reference-national, made by bench/ogcapi.sh.
#
# Environment: ROUNDS (default 4), DURATION (seconds, default 6), WORK
# (default /var/tmp/mineaction-bench), OUT (default bench/results/peer-mvt-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-6}
WORK=${WORK:-/var/tmp/mineaction-bench}
OUT=${OUT:-bench/results/peer-mvt-$(date -u +%Y%m%d-%H%M).md}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
[ -f "$WORK/reference-national/mineaction.db" ] || { echo "run bench/ogcapi.sh reference-national first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup" >&2; exit 1; }
command -v pgbench >/dev/null || PATH=$PATH:/usr/lib/postgresql/15/bin
go build -o "$WORK/mineaction-mvt" ./cmd/mineaction

scripts/pg start >/dev/null
eval "$(scripts/pg env | sed 's/^/export /')"
db=peer_mvt
load_reference_postgis "$db" "$WORK/sets/hazards_national.geojson"

# The OGC tile 10/388/645 is z/row/col; ST_TileEnvelope takes z, x (the
# column), y (the row).
Z=10 ROW=388 COL=645
data=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$data"' EXIT
cat >"$data/tile.sql" <<SQL
SELECT ST_AsMVT(t, 'hazards', 4096, 'geom', 'id') FROM (
  SELECT h.id, h.hid, h.status, h.type, h.district, h.reported,
    ST_AsMVTGeom(ST_Transform(h.geom, 3857), e.env, 4096, 64, true) AS geom
  FROM hazards h, (SELECT ST_TileEnvelope($Z, $COL, $ROW) AS env) e
  WHERE h.geom && ST_Transform(ST_TileEnvelope($Z, $COL, $ROW, margin => 64.0 / 4096), 4326)
) t WHERE t.geom IS NOT NULL;
SQL
# The two tiles must hold the same hazards, or the comparison means nothing:
# both are decoded by GDAL's MVT driver and their features counted.
count() { ogrinfo -ro -al -so "MVT:$1" -oo X=$COL -oo Y=$ROW -oo Z=$Z 2>/dev/null | awk '/^Feature Count:/ {n += $3} END {print n + 0}'; }
psql -Atd "$db" -c "SELECT encode(($(sed 's/;$//' "$data/tile.sql")), 'hex')" |
  python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))" >"$data/peer.mvt"
peer_n=$(count "$data/peer.mvt")

cp -r "$WORK/reference-national/." "$data"
token=$("$WORK/mineaction-mvt" token create importer --data "$data" --name peer 2>/dev/null | head -1)
"$WORK/mineaction-mvt" serve --data "$data" --addr 127.0.0.1:0 >"$data/serve.log" 2>/dev/null &
base=$(server_url "$data/serve.log")
url="$base/ogcapi/collections/hazards/tiles/WebMercatorQuad/$Z/$ROW/$COL"
curl -sf -H "Authorization: Bearer $token" -o "$data/tile.mvt" "$url"
ours_n=$(count "$data/tile.mvt")

h=(-H "Authorization: Bearer $token" -H "Cache-Control: no-cache")
ours() {
  wrk -t1 -c1 -d2s "${h[@]}" "$url" >/dev/null
  wrk -t1 -c1 -d"${DURATION}s" --latency "${h[@]}" "$url" |
    awk '$1 == "50%" {v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u); if (u == "us") v /= 1000; else if (u == "s") v *= 1000; print v}' >>"$data/ours.p50"
  wrk -t2 -c16 -d"${DURATION}s" "${h[@]}" "$url" | awk '/^Requests\/sec/ {print $2}' >>"$data/ours.rps"
}
peer() {
  local log=$data/pgbench
  rm -rf "$log" && mkdir -p "$log"
  pgbench -n -M prepared -c1 -T2 -f "$data/tile.sql" "$db" >/dev/null
  # -l logs every statement's latency in microseconds (third field).
  (cd "$log" && pgbench -n -M prepared -c1 -T"$DURATION" -l -f "$data/tile.sql" "$db" >/dev/null)
  cat "$log"/pgbench_log.* | awk '{print $3 / 1000}' | sort -g |
    awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}' >>"$data/peer.p50"
  pgbench -n -M prepared -c16 -j2 -T"$DURATION" -f "$data/tile.sql" "$db" |
    awk '/^tps/ {print $3}' >>"$data/peer.rps"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then ours; peer; else peer; ours; fi
  echo "round $round done" >&2
done
median() { sort -g "$1" | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
m1=$(median "$data/ours.p50") p1=$(median "$data/peer.p50")
m16=$(median "$data/ours.rps") p16=$(median "$data/peer.rps")
{
  echo "## mineaction's z10 tile beside PostGIS ST_AsMVT, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(go version | cut -d' ' -f3), $(nproc) cores, $(psql -Atd "$db" -c "SELECT postgis_lib_version()" | sed 's/^/PostGIS /'); load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. Reference national set; tile $Z/$ROW/$COL (z/row/col) of hazards: $ours_n features in mineaction's and $peer_n in PostGIS's, as GDAL's MVT driver reads them. mineaction: HTTP, Cache-Control: no-cache, wrk; PostGIS: the statement alone, pgbench, prepared. $ROUNDS rounds of ${DURATION}s, taking turns, medians."
  echo
  echo "| | p50 at 1 connection | tiles/s at 16 |"
  echo "|---|---|---|"
  echo "| mineaction (SQLite, tile encoded in Go) | $m1 ms | $m16 |"
  echo "| PostGIS ST_AsMVT (the statement pg_tileserv runs) | $p1 ms | $p16 |"
  echo "| ratio | $(awk -v a="$m1" -v b="$p1" 'BEGIN {printf "%.2f", a / b}') | $(awk -v a="$m16" -v b="$p16" 'BEGIN {printf "%.2f", a / b}') |"
  echo
} | tee -a "$OUT"
