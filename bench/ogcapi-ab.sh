#!/usr/bin/env bash
# Side by side: the OGC API's fresh pages and tiles served by two builds of
# mineaction, each on its own copy of the same database, taking turns
# (which goes first alternates), loaded by wrk from a separate process on
# loopback. Prints a Markdown table of medians over the rounds: the p50 (at
# 1 connection) or requests/s (at 16), and the server's CPU time per request
# (user and system, from /proc), which other work on a shared machine
# disturbs less than the latency.
#
#   bench/ogcapi-ab.sh BEFORE AFTER      (two commits, or a commit and "." for the working tree)
#
# Environment: ROUNDS (default 4), DURATION (per figure, default 6s), SET
# (default reference-national: made by bench/ogcapi.sh, which must have run
# once), WORK (default /var/tmp/mineaction-bench), OUT (default
# bench/results/ogcapi-ab-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

[ $# -eq 2 ] || { echo "usage: bench/ogcapi-ab.sh BEFORE AFTER" >&2; exit 2; }
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-6s}
SET=${SET:-reference-national}
WORK=${WORK:-/var/tmp/mineaction-bench}
OUT=${OUT:-bench/results/ogcapi-ab-$(date -u +%Y%m%d-%H%M).md}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
[ -f "$WORK/$SET/mineaction.db" ] || { echo "no $WORK/$SET: run bench/ogcapi.sh $SET first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
build() { # build NAME REV: the binary and a copy of the database
  local name=$1 rev=$2
  build_rev "$rev" "$tmp/$name"
  cp -r "$WORK/$SET" "$tmp/data-$name"
}
build before "$1"
build after "$2"
user=importer
[ "$SET" = demo-national ] && user=viewer
token=$("$tmp/before" token create $user --data "$tmp/data-before" --name ab 2>/dev/null | head -1)
token2=$("$tmp/after" token create $user --data "$tmp/data-after" --name ab 2>/dev/null | head -1)

BBOX=46.6875,39.6,47.1125,40.0
CQL=$(python3 -c "import urllib.parse;print(urllib.parse.quote(\"status = 'open' AND category = 'CHA'\"))")
requests=(
  "100 hazards, bbox|1|/ogcapi/collections/hazards/items?limit=100&bbox=$BBOX"
  "100 hazards, bbox|16|/ogcapi/collections/hazards/items?limit=100&bbox=$BBOX"
  "100 hazards, bbox and CQL2|1|/ogcapi/collections/hazards/items?limit=100&bbox=$BBOX&filter=$CQL"
  "100 hazards, no filter|1|/ogcapi/collections/hazards/items?limit=100"
  "1000 hazards, bbox|1|/ogcapi/collections/hazards/items?limit=1000&bbox=$BBOX"
  "z10 tile 10/388/645|1|/ogcapi/collections/hazards/tiles/WebMercatorQuad/10/388/645"
  "z10 tile 10/388/645|16|/ogcapi/collections/hazards/tiles/WebMercatorQuad/10/388/645"
  "z6 tile 6/24/40|1|/ogcapi/collections/hazards/tiles/WebMercatorQuad/6/24/40"
  "z14 tile 14/6214/10326|1|/ogcapi/collections/hazards/tiles/WebMercatorQuad/14/6214/10326"
)

cputime() { # cputime PID: the process's CPU time so far, user and system, in ms
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' "/proc/$1/stat"
}

measure() { # measure NAME TOKEN ROUND: one server, every request once
  local name=$1 tok=$2 round=$3 log=$tmp/serve-$1.log
  "$tmp/$name" serve --data "$tmp/data-$name" --addr 127.0.0.1:0 >"$log" 2>&1 &
  local pid=$! base
  base=$(server_url "$log") || exit 1
  local i=0 r label conns path out threads cpu0 cpu1
  for r in "${requests[@]}"; do
    IFS='|' read -r label conns path <<<"$r"
    threads=1
    [ "$conns" -gt 1 ] && threads=2
    wrk -t"$threads" -c"$conns" -d2s -H "Authorization: Bearer $tok" -H "Cache-Control: no-cache" "$base$path" >/dev/null
    cpu0=$(cputime $pid)
    out=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -H "Authorization: Bearer $tok" -H "Cache-Control: no-cache" "$base$path")
    cpu1=$(cputime $pid)
    awk -v a="$cpu0" -v b="$cpu1" '/requests in/ {printf "%.3f\n", (b - a) / $1}' <<<"$out" >>"$tmp/$name.cpu.$i"
    if [ "$conns" -gt 1 ]; then
      awk '/^Requests\/sec/ {print $2}' <<<"$out" >>"$tmp/$name.$i"
    else
      awk '$1 == "50%" {v = $2 + 0; u = $2; sub(/^[0-9.]+/, "", u); if (u == "us") v /= 1000; else if (u == "s") v *= 1000; print v}' <<<"$out" >>"$tmp/$name.$i"
    fi
    i=$((i + 1))
  done
  kill $pid
  wait $pid 2>/dev/null || true
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    measure before "$token" "$round"; measure after "$token2" "$round"
  else
    measure after "$token2" "$round"; measure before "$token" "$round"
  fi
  echo "round $round done" >&2
done

median() { sort -g "$1" | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
{
  echo "## OGC API side by side, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Set $SET; before $1, after $2; $(go version | cut -d' ' -f3), $(nproc) cores; load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. Fresh requests (Cache-Control: no-cache), $ROUNDS rounds of $DURATION per figure, taking turns, medians: p50 in ms at 1 connection, requests/s at 16."
  echo
  echo "| request | conns | before | after | after/before | CPU ms/request before | after | after/before |"
  echo "|---|---|---|---|---|---|---|---|"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
  i=0
  for r in "${requests[@]}"; do
    IFS='|' read -r label conns _ <<<"$r"
    b=$(median "$tmp/before.$i")
    a=$(median "$tmp/after.$i")
    cb=$(median "$tmp/before.cpu.$i")
    ca=$(median "$tmp/after.cpu.$i")
    unit="ms"
    [ "$conns" -gt 1 ] && unit="/s"
    echo "| $label | $conns | $b $unit | $a $unit | $(ratio "$a" "$b") | $cb | $ca | $(ratio "$ca" "$cb") |"
    i=$((i + 1))
  done
  echo
} | tee -a "$OUT"
