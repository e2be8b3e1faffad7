#!/usr/bin/env bash
# Benchmarks of the OGC API: items pages and vector tiles served by
# "mineaction serve", loaded by wrk from a separate process on loopback.
#
#   bench/ogcapi.sh [SET...]        SET: reference-national, reference-large, demo-national (default: all three)
#
# Environment: DURATION (per run, default 10s), WORK (data sets and binaries,
# default /var/tmp/mineaction-bench), OUT (Markdown results, default
# bench/results/ogcapi-<date>.md).
#
# The reference sets are made by bench/gen_hazards.py (the generator other
# servers were measured with) and loaded with "mineaction import --approve"
# into a database that holds nothing else (bench/refdb). The demo set is
# "mineaction demo --scale national". Each figure is measured at 1 and at 16
# connections, both from the server's cache and made afresh (the request
# header Cache-Control: no-cache makes the server read the database and
# render). The server's resident memory is read from /proc after each set.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DURATION=${DURATION:-10s}
WORK=${WORK:-/var/tmp/mineaction-bench}
OUT=${OUT:-bench/results/ogcapi-$(date -u +%Y%m%d-%H%M).md}
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(reference-national reference-large demo-national)

command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup" >&2; exit 1; }
mkdir -p "$WORK" "$(dirname "$OUT")"
bin=$WORK/mineaction
go build -o "$bin" ./cmd/mineaction
go build -o "$WORK/refdb" ./bench/refdb

# The bbox of the pg_featureserv comparison, and the z10 tile of the dense area.
BBOX=46.6875,39.6,47.1125,40.0
CQL=$(python3 -c "import urllib.parse;print(urllib.parse.quote(\"status = 'open' AND category = 'CHA'\"))")
Z14=$(python3 -c "
import math
lon, lat, n = 46.9, 39.8, 2**14
x = int((lon + 180) / 360 * n)
y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
print(f'14/{y}/{x}')")

prepare() { # prepare SET: prints the data directory and the user to read as
  local set=$1 dir=$WORK/$1
  case $set in
  reference-*)
    local size=${set#reference-}
    if [ ! -f "$dir/mineaction.db" ]; then
      python3 bench/gen_hazards.py --sizes national=5000,large=50000 --out "$WORK/sets" >&2
      rm -rf "$dir"
      "$WORK/refdb" --data "$dir"
      "$bin" import "$WORK/sets/hazards_$size.geojson" --releases "$WORK/sets/releases_$size.geojson" \
        --approve --user importer --data "$dir" >&2
    fi
    echo "$dir importer"
    ;;
  demo-national)
    if [ ! -f "$dir/mineaction.db" ]; then
      rm -rf "$dir"
      "$bin" demo --data "$dir" --scale national >&2
    fi
    echo "$dir viewer"
    ;;
  *) echo "unknown set $set" >&2; exit 2 ;;
  esac
}

ms() { # ms VALUE-WITH-UNIT: wrk's latency in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}

run() { # run NAME URL CONNS [HEADER]: one wrk run, one table row
  local name=$1 url=$2 conns=$3 header=${4:-} threads=1 out
  [ "$conns" -gt 1 ] && threads=2
  local args=(-t"$threads" -c"$conns" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN")
  [ -n "$header" ] && args+=(-H "$header")
  out=$(wrk "${args[@]}" "$url")
  local rps p50 p90 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p90=$(ms "$(awk '$1 == "90%" {print $2}' <<<"$out")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $SET | $name | $conns | ${rps%.*} | $p50 | $p90 | $p99 | ${bad:-0} |" | tee -a "$OUT"
}

{
  echo "## OGC API benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(go version | cut -d' ' -f3), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average before: $(cut -d' ' -f1-3 /proc/loadavg). wrk $DURATION per row."
  echo
  echo "| set | request | conns | req/s | p50 ms | p90 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|---|---|"
} | tee -a "$OUT"

for SET in "${SETS[@]}"; do
  read -r DATA USER_NAME < <(prepare "$SET")
  TOKEN=$("$bin" token create "$USER_NAME" --data "$DATA" --name bench 2>/dev/null | head -1)
  log=$WORK/serve-$SET.log
  "$bin" serve --data "$DATA" --addr 127.0.0.1:0 >"$log" 2>"$log.err" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  base=$(server_url "$log") || exit 1
  items=$base/ogcapi/collections/hazards/items
  # Warm up: the collection extents, counts and page cache.
  curl -sf -H "Authorization: Bearer $TOKEN" "$base/ogcapi/collections" >/dev/null
  for conns in 1 16; do
    for limit in 100 1000; do
      for fresh in "fresh" "cached"; do
        hdr=""
        [ $fresh = fresh ] && hdr="Cache-Control: no-cache"
        run "items limit=$limit $fresh" "$items?limit=$limit" "$conns" "$hdr"
        run "items limit=$limit bbox $fresh" "$items?limit=$limit&bbox=$BBOX" "$conns" "$hdr"
        run "items limit=$limit cql2 $fresh" "$items?limit=$limit&filter=$CQL" "$conns" "$hdr"
        run "items limit=$limit bbox cql2 $fresh" "$items?limit=$limit&bbox=$BBOX&filter=$CQL" "$conns" "$hdr"
      done
    done
    for tile in 6/24/40 10/388/645 "$Z14"; do
      run "hazards tile $tile fresh" "$base/ogcapi/collections/hazards/tiles/WebMercatorQuad/$tile" "$conns" "Cache-Control: no-cache"
      run "hazards tile $tile cached" "$base/ogcapi/collections/hazards/tiles/WebMercatorQuad/$tile" "$conns"
      run "all layers tile $tile fresh" "$base/ogcapi/tiles/WebMercatorQuad/$tile" "$conns" "Cache-Control: no-cache"
    done
  done
  rss=$(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$pid/status)
  hwm=$(awk '/VmHWM/ {print $2/1024 " MiB"}' /proc/$pid/status)
  echo "| $SET | server memory: resident $rss, peak $hwm | | | | | | |" | tee -a "$OUT"
  kill $pid
  wait $pid 2>/dev/null || true
  trap - EXIT
done
echo "results in $OUT" >&2
