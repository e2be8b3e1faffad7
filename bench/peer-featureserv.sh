#!/usr/bin/env bash
# mineaction and pg_featureserv 1.3.1 side by side on the reference national
# set: a page of 100 hazards in the benchmark box, made afresh, at 1 and at
# 16 connections, the two servers taking turns (which goes first
# alternates), loaded by wrk from a separate process on loopback. Prints a
# Markdown table of medians over the rounds.
#
#   bench/peer-featureserv.sh
#
# pg_featureserv is built from the Go module proxy (pinned, as any module
# is) into WORK; it is not part of mineaction. Its data is the same GeoJSON
# set loaded into PostGIS with ogr2ogr (GDAL, from scripts/setup), in a
# database of the private test cluster (scripts/pg start). mineaction reads
# WORK/reference-national, made by bench/ogcapi.sh.
#
# Environment: ROUNDS (default 4), DURATION (default 6s), WORK (default
# /var/tmp/mineaction-bench), OUT (default bench/results/peer-featureserv-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-6s}
WORK=${WORK:-/var/tmp/mineaction-bench}
OUT=${OUT:-bench/results/peer-featureserv-$(date -u +%Y%m%d-%H%M).md}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
PEER=github.com/CrunchyData/pg_featureserv
PEER_VERSION=v1.3.1
[ -f "$WORK/reference-national/mineaction.db" ] || { echo "run bench/ogcapi.sh reference-national first" >&2; exit 1; }

# The peer: go install refuses a module whose version list the proxy does
# not serve, so build it from the module's download.
if [ ! -x "$WORK/pg_featureserv" ]; then
  dir=$(go mod download -json "$PEER@$PEER_VERSION" | python3 -c "import json,sys;print(json.load(sys.stdin)['Dir'])")
  (cd "$dir" && go build -o "$WORK/pg_featureserv" .)
fi
peerdir=$(go mod download -json "$PEER@$PEER_VERSION" | python3 -c "import json,sys;print(json.load(sys.stdin)['Dir'])")
go build -o "$WORK/mineaction-peer" ./cmd/mineaction

scripts/pg start >/dev/null
eval "$(scripts/pg env | sed 's/^/export /')"
db=peer_national
load_reference_postgis "$db" "$WORK/sets/hazards_national.geojson"

data=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$data"' EXIT
cp -r "$WORK/reference-national/." "$data"
token=$("$WORK/mineaction-peer" token create importer --data "$data" --name peer 2>/dev/null | head -1)

BBOX=46.6875,39.6,47.1125,40.0
start() { # start NAME: prints the page's URL once the server answers
  local log=$data/$1.log url
  if [ "$1" = mineaction ]; then
    "$WORK/mineaction-peer" serve --data "$data" --addr 127.0.0.1:0 >"$log" 2>&1 &
  else
    (cd "$peerdir" && DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$db?sslmode=disable" \
      PGFS_SERVER_HTTPHOST=127.0.0.1 PGFS_SERVER_HTTPPORT=9123 exec "$WORK/pg_featureserv") >"$log" 2>&1 &
  fi
  for _ in $(seq 1 100); do
    if [ "$1" = mineaction ]; then
      url=$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)
      [ -n "$url" ] && url="$url/ogcapi/collections/hazards/items?limit=100&bbox=$BBOX"
    else
      url="http://127.0.0.1:9123/collections/public.hazards/items.json?limit=100&bbox=$BBOX"
    fi
    [ -n "$url" ] && curl -sf -H "Authorization: Bearer $token" "$url" >/dev/null && { echo "$url"; return; }
    sleep 0.2
  done
  echo "$1 did not start: $log" >&2
  exit 1
}
measure() { # measure NAME
  local url pid
  url=$(start "$1")
  pid=$(jobs -p | tail -1)
  local h=(-H "Authorization: Bearer $token" -H "Cache-Control: no-cache")
  wrk -t1 -c1 -d2s "${h[@]}" "$url" >/dev/null
  wrk -t1 -c1 -d"$DURATION" --latency "${h[@]}" "$url" |
    awk '$1 == "50%" {v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u); if (u == "us") v /= 1000; else if (u == "s") v *= 1000; print v}' >>"$data/$1.p50"
  wrk -t2 -c16 -d"$DURATION" "${h[@]}" "$url" | awk '/^Requests\/sec/ {print $2}' >>"$data/$1.rps"
  pkill -P "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  pkill -f "$WORK/pg_featureserv" 2>/dev/null || true
  pkill -f "$WORK/mineaction-peer serve" 2>/dev/null || true
  sleep 0.5
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then measure mineaction; measure pg_featureserv; else measure pg_featureserv; measure mineaction; fi
  echo "round $round done" >&2
done
median() { sort -g "$1" | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
m1=$(median "$data/mineaction.p50") p1=$(median "$data/pg_featureserv.p50")
m16=$(median "$data/mineaction.rps") p16=$(median "$data/pg_featureserv.rps")
{
  echo "## mineaction and pg_featureserv $PEER_VERSION side by side, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(go version | cut -d' ' -f3), $(nproc) cores; load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. Reference national set; page of 100 hazards, bbox=$BBOX, made afresh (mineaction: Cache-Control: no-cache; pg_featureserv has no cache); $ROUNDS rounds of $DURATION, taking turns, medians."
  echo
  echo "| | p50 at 1 connection | requests/s at 16 |"
  echo "|---|---|---|"
  echo "| mineaction (SQLite) | $m1 ms | $m16 |"
  echo "| pg_featureserv $PEER_VERSION (PostGIS) | $p1 ms | $p16 |"
  echo "| ratio | $(awk -v a="$m1" -v b="$p1" 'BEGIN {printf "%.2f", a / b}') | $(awk -v a="$m16" -v b="$p16" 'BEGIN {printf "%.2f", a / b}') |"
  echo
} | tee -a "$OUT"
