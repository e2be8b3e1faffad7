# Shell functions the benchmark scripts share; sourced, not run.

# server_url LOG [TRIES]: waits until the "mineaction serve" whose standard
# output goes to LOG has printed its address and answers /readyz, then
# prints its base URL. Fails after TRIES checks 0.2 s apart (default 100).
server_url() {
  local log=$1 tries=${2:-100} base
  for _ in $(seq 1 "$tries"); do
    base=$(grep -o 'http://[0-9.:]*' "$log" | head -1 || true)
    if [ -n "$base" ] && curl -sf "$base/readyz" >/dev/null; then
      echo "$base"
      return 0
    fi
    sleep 0.2
  done
  echo "the server did not start; see $log and its .err" >&2
  return 1
}
