#!/usr/bin/env bash
# The benchmarks of the national database and of land release, with medians:
#
#   bench/core.sh
#
# - "mineaction demo --scale national" on SQLite, BUILDS times (default 3):
#   wall time and peak resident memory (GNU time);
# - go test -bench, COUNT times each (default 6), summarised by benchstat
#   (median and its confidence interval):
#     internal/workflow  BenchmarkApprove (a new hazard, one durable
#                        transaction), BenchmarkActivityApprove (the
#                        incremental land release update of one hazard),
#                        BenchmarkRecordByHID; each on SQLite and PostgreSQL
#     bench/accounting   geodesic area and remaining area, Go against PostGIS
#                        on the same polygons in the same run, and the full
#                        recompute of the national demo's accounting.
#
# Needs what scripts/setup installs (GEOS, PostgreSQL with PostGIS); it runs
# it. Results go to OUT (default bench/results/core-<date>.md).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILDS=${BUILDS:-3}
COUNT=${COUNT:-6}
WORK=${WORK:-/var/tmp/mineaction-core}
OUT=${OUT:-bench/results/core-$(date -u +%Y%m%d-%H%M).md}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

scripts/setup
eval "$(scripts/pg env | sed 's/^/export /')"
mkdir -p "$WORK" "$(dirname "$OUT")"
go build -o "$WORK/mineaction" ./cmd/mineaction
GOBIN=$WORK go install "$BENCHSTAT"

{
  echo "## Core benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Commit ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}, $(go version | cut -d' ' -f3), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), PostgreSQL $(psql -At -d postgres -c 'SHOW server_version' | cut -d' ' -f1), load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "### National demo build (SQLite), $BUILDS runs"
  echo
  echo "| run | wall s | peak MiB | load average after |"
  echo "|---|---|---|---|"
} | tee -a "$OUT"
for i in $(seq 1 "$BUILDS"); do
  rm -rf "$WORK/demo"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$WORK/mineaction" demo --scale national --data "$WORK/demo" >/dev/null 2>&1
  read -r secs kib <"$WORK/time"
  echo "| $i | $secs | $((kib / 1024)) | $(cut -d' ' -f1-3 /proc/loadavg) |" | tee -a "$OUT"
done
export MINEACTION_BENCH_NATIONAL=$WORK/demo

bench() { # bench PACKAGE PATTERN
  go test -run '^$' -bench "$2" -count "$COUNT" -timeout 60m "$1" | tee -a "$WORK/raw.txt"
}
: >"$WORK/raw.txt"
bench ./internal/workflow 'BenchmarkApprove$|BenchmarkActivityApprove$|BenchmarkRecordByHID$'
bench ./bench/accounting .
{
  echo
  echo "### go test -bench, $COUNT runs each (benchstat: median ± 95% interval)"
  echo
  echo '```'
  "$WORK/benchstat" "$WORK/raw.txt"
  echo '```'
} | tee -a "$OUT"
