#!/usr/bin/env bash
# Both stores side by side in one run, on the same demo data set:
#
#   bench/stores.sh [SCALE]        SCALE: small, national (default), large
#
# For SQLite and then PostgreSQL/PostGIS (the private test server of
# scripts/pg, a fresh database), it times "mineaction demo" (wall time, peak
# memory, size on disk); starts "mineaction serve"; measures approvals per
# second through the HTTP API (bench/cmd/approvals: new hazards, and
# activities that each update a hazard's land release accounting) from 1 and
# from 8 concurrent clients; and loads reads with wrk from a separate process
# on loopback: one record, a page of 100 hazards in a bbox and a z10 tile,
# made afresh (Cache-Control: no-cache), at 1 and 16 connections. It then
# copies the SQLite database into a third, empty PostgreSQL database with
# "mineaction migrate" (which checks the copy) and compares the national
# summaries of the three databases.
#
# Environment: DURATION (per wrk run, default 8s), WORK (default
# /var/tmp/mineaction-stores), OUT (default bench/results/stores-SCALE-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SCALE=${1:-national}
DURATION=${DURATION:-8s}
WORK=${WORK:-/var/tmp/mineaction-stores}
OUT=${OUT:-bench/results/stores-$SCALE-$(date -u +%Y%m%d-%H%M).md}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}

command -v wrk >/dev/null || { echo "wrk is missing: run scripts/setup" >&2; exit 1; }
scripts/pg start
eval "$(scripts/pg env | sed 's/^/export /')"
mkdir -p "$WORK" "$(dirname "$OUT")"
bin=$WORK/mineaction
go build -o "$bin" ./cmd/mineaction
go build -o "$WORK/approvals" ./bench/cmd/approvals

pgurl() { echo "postgres://postgres@127.0.0.1:$PGPORT/$1?sslmode=disable"; }
freshdb() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  psql -q -d "$1" -c "CREATE EXTENSION postgis"
}

BBOX=46.6875,39.6,47.1125,40.0
TILE=10/388/645
log() { echo "$*" | tee -a "$OUT"; }

ticks() { # CPU time, in clock ticks, of the processes given (0 if none)
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo $t
}
pgticks() { ticks $(pgrep -x postgres || true); }
HZ=$(getconf CLK_TCK)

ms() { # wrk's latency in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; printf "%.2f", n }'
}

readrun() { # readrun STORE NAME URL CONNS: one wrk run, prints one table row
  local store=$1 name=$2 url=$3 conns=$4 threads=1 out
  [ "$conns" -gt 1 ] && threads=2
  out=$(wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" \
    -H "Cache-Control: no-cache" "$url")
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $store | $name | $conns | ${rps%.*} | $p50 | $p99 | ${bad:-0} |"
}

{
  echo "## Stores side by side, scale $SCALE, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(go version | cut -d' ' -f3), $(nproc) cores, PostgreSQL $(psql -At -d postgres -c 'SHOW server_version'), load average before: $(cut -d' ' -f1-3 /proc/loadavg). wrk $DURATION per row."
  echo
} | tee -a "$OUT"

declare -A ARGS SUMMARY
ARGS[sqlite]="--data $WORK/sqlite-$SCALE"
ARGS[postgres]="--db $(pgurl bench_$SCALE)"

log "| store | demo build s | peak MiB | on disk MiB |"
log "|---|---|---|---|"
for store in sqlite postgres; do
  if [ $store = sqlite ]; then rm -rf "$WORK/sqlite-$SCALE"; else freshdb "bench_$SCALE"; fi
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$bin" demo --scale "$SCALE" ${ARGS[$store]} >"$WORK/demo-$store.log" 2>&1
  read -r secs kib <"$WORK/time"
  if [ $store = sqlite ]; then
    size=$(du -sm "$WORK/sqlite-$SCALE" | cut -f1)
  else
    size=$(psql -At -d postgres -c "SELECT pg_database_size('bench_$SCALE') / 1048576")
  fi
  log "| $store | $secs | $((kib / 1024)) | $size |"
done
log ""

approvals_rows=()
read_rows=()
for store in sqlite postgres; do
  # shellcheck disable=SC2086
  {
    echo secret-bench-password | "$bin" user add bench.editor --role editor --org ANAMA ${ARGS[$store]}
    echo secret-bench-password | "$bin" user add bench.verifier --role verifier --org ANAMA ${ARGS[$store]}
  } >/dev/null
  # shellcheck disable=SC2086
  EDITOR=$("$bin" token create bench.editor --name bench ${ARGS[$store]} 2>/dev/null | head -1)
  # shellcheck disable=SC2086
  VERIFIER=$("$bin" token create bench.verifier --name bench ${ARGS[$store]} 2>/dev/null | head -1)
  # shellcheck disable=SC2086
  TOKEN=$("$bin" token create viewer --name bench ${ARGS[$store]} 2>/dev/null | head -1)
  slog=$WORK/serve-$store.log
  # shellcheck disable=SC2086
  "$bin" serve ${ARGS[$store]} --addr 127.0.0.1:0 >"$slog" 2>"$slog.err" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  base=$(server_url "$slog" 150) || exit 1

  SUMMARY[$store]=$(curl -sf -H "Authorization: Bearer $TOKEN" "$base/api/v1/summary?as_of=2024-06-10")

  seed=0
  for kind in hazard activity; do
    n=400
    [ $kind = activity ] && n=200
    for c in 1 8; do
      seed=$((seed + 1))
      s0=$(ticks $pid) d0=$(pgticks)
      line=$("$WORK/approvals" -url "$base" -editor "$EDITOR" -verifier "$VERIFIER" -org ANAMA \
        -kind $kind -n $n -c $c -seed $seed)
      # CPU per approval (the timed approvals and the untimed set-up of
      # the same run: report creation, and the hazards activities need).
      s1=$(ticks $pid) d1=$(pgticks)
      [ $kind = activity ] && total=$((n + n / 4)) || total=$n
      # PostgreSQL's share only for its store: a backend that exits during
      # the run takes its CPU time with it, so other tenants' sessions of the
      # shared test server would make the SQLite rows meaningless.
      cpu="$(awk -v a=$((s1 - s0)) -v b=$((d1 - d0)) -v n=$total -v hz="$HZ" -v pg=$([ $store = postgres ] && echo 1 || echo 0) \
        'BEGIN { printf "%.2f | ", a * 1000 / hz / n; if (pg) printf "%.2f", b * 1000 / hz / n; else printf "-" }')"
      approvals_rows+=("| $store | $kind | $c | $(sed -E 's/.*approvals_per_s=([0-9.]+) median_ms=([0-9.]+) p95_ms=([0-9.]+).*/\1 | \2 | \3/' <<<"$line") | $cpu |")
    done
  done

  for c in 1 16; do
    read_rows+=("$(readrun $store "record HA-000001" "$base/api/v1/records/HA-000001" $c)")
    read_rows+=("$(readrun $store "100 hazards in bbox" "$base/ogcapi/collections/hazards/items?limit=100&bbox=$BBOX" $c)")
    read_rows+=("$(readrun $store "z10 tile $TILE" "$base/ogcapi/collections/hazards/tiles/WebMercatorQuad/$TILE" $c)")
  done
  kill $pid
  wait $pid 2>/dev/null || true
done

{
  echo "| store | approvals of | clients | approvals/s | median ms | p95 ms | server CPU ms/report | PostgreSQL CPU ms/report |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${approvals_rows[@]}"
  echo
  echo "| store | read (fresh) | conns | req/s | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${read_rows[@]}"
} | tee -a "$OUT"

# Migrate the SQLite demo (now with the benchmark's approvals) into an empty database.
freshdb "bench_${SCALE}_copy"
/usr/bin/time -f "%e" -o "$WORK/time" "$bin" migrate --from "$WORK/sqlite-$SCALE" --to "$(pgurl "bench_${SCALE}_copy")" \
  >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
{
  echo
  echo "migrate --from SQLite --to PostgreSQL: $(cat "$WORK/time") s in all; its check:"
  echo
  echo '```'
  grep -v '^migrate: ' "$WORK/migrate.log"
  echo '```'
  echo
  if [ "${SUMMARY[sqlite]}" = "${SUMMARY[postgres]}" ]; then
    echo "The national summary as of 2024-06-10 is byte-identical on both stores' demo builds."
  else
    echo "THE NATIONAL SUMMARIES DIFFER between the stores' demo builds."
  fi
} | tee -a "$OUT"
[ "${SUMMARY[sqlite]}" = "${SUMMARY[postgres]}" ]
