#!/usr/bin/env bash
# The instructions the server executes per fresh OGC API request, counted by
# valgrind's callgrind: unlike times, the count does not move with other
# work on the machine, so it can judge a change of a few percent on a
# shared one. Each build serves its own copy of the same database under
# callgrind with instrumentation off; after 20 warm-up requests it is
# switched on for N requests over one keep-alive connection (Python's
# http.client, with Cache-Control: no-cache), and the count is dumped. The
# count is of the whole process (the garbage collector included), and
# callgrind runs one thread at a time.
#
#   bench/ogcapi-callgrind.sh REV... (commits, or "." for the working tree)
#
# Environment: N (default 100), URL (default the page of 100 hazards in the
# benchmark box), SET and WORK as for bench/ogcapi-ab.sh. Keeps the
# callgrind files in OUT (default /tmp/ogcapi-callgrind) for
# callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

[ $# -ge 1 ] || { echo "usage: bench/ogcapi-callgrind.sh REV..." >&2; exit 2; }
N=${N:-100}
URL=${URL:-/ogcapi/collections/hazards/items?limit=100&bbox=46.6875,39.6,47.1125,40.0}
SET=${SET:-reference-national}
WORK=${WORK:-/var/tmp/mineaction-bench}
OUT=${OUT:-/tmp/ogcapi-callgrind}
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
[ -f "$WORK/$SET/mineaction.db" ] || { echo "no $WORK/$SET: run bench/ogcapi.sh $SET first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind is missing" >&2; exit 1; }
mkdir -p "$OUT"

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
cat >"$tmp/client.py" <<'EOF'
import http.client, sys, urllib.parse
base, n, path, token = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
c = http.client.HTTPConnection(base.hostname, base.port, timeout=600)
for _ in range(n):
    c.request("GET", path, headers={"Authorization": "Bearer " + token, "Cache-Control": "no-cache"})
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        sys.exit(f"{r.status}: {body[:300]!r}")
EOF

user=importer
[ "$SET" = demo-national ] && user=viewer
for rev in "$@"; do
  rm -rf "$tmp/data"
  build_rev "$rev" "$tmp/mineaction"
  cp -r "$WORK/$SET" "$tmp/data"
  rm -f "$tmp/data/mineaction.lock"
  token=$("$tmp/mineaction" token create $user --data "$tmp/data" --name callgrind 2>/dev/null | head -1)
  name=$(git rev-parse --short "${rev/#./HEAD}")
  [ "$rev" = . ] && name=$name+worktree
  out=$OUT/callgrind.$name
  # Go's asynchronous preemption signals upset callgrind.
  GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out" \
    "$tmp/mineaction" serve --data "$tmp/data" --addr 127.0.0.1:0 >"$tmp/serve.log" 2>"$tmp/valgrind.log" &
  pid=$!
  base=$(server_url "$tmp/serve.log" 600)
  python3 "$tmp/client.py" "$base" 20 "$URL" "$token"
  callgrind_control -i on $pid >/dev/null
  python3 "$tmp/client.py" "$base" "$N" "$URL" "$token"
  callgrind_control -d $pid >/dev/null
  kill $pid
  wait $pid 2>/dev/null || true
  total=$(callgrind_annotate "$out.1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  echo "$rev ($name): $((total / N)) instructions per request ($out.1)"
done
