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

# load_reference_postgis DB GEOJSON: (re)creates database DB in the test
# cluster (scripts/pg env must be in the environment) with PostGIS, and
# loads the hazards of GEOJSON into its table "hazards" with ogr2ogr
# (geometry column geom, feature ids in fid), as a peer server reads them.
load_reference_postgis() {
  local db=$1 set=$2
  psql -qc "DROP DATABASE IF EXISTS $db" postgres 2>/dev/null
  psql -qc "CREATE DATABASE $db" postgres
  psql -qc "CREATE EXTENSION postgis" "$db"
  ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=$db" "$set" \
    -nln hazards -lco GEOMETRY_NAME=geom -lco FID=fid
  psql -qc "VACUUM ANALYZE hazards" "$db"
}

# build_rev REV BIN: builds mineaction as of REV (a commit, or "." for the
# working tree, uncommitted changes included) into BIN, from an export of
# the sources, so that the working tree never leaks into a commit's build.
build_rev() {
  local rev=$1 bin=$2 src
  src=$(mktemp -d)
  if [ "$rev" = . ]; then
    git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$src"
  else
    git archive "$rev" | tar -xf - -C "$src"
  fi
  (cd "$src" && go build -o "$bin" ./cmd/mineaction)
  rm -rf "$src"
}
