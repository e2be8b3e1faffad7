#!/bin/sh
# Rebuilds the committed front-end bundle when its sources changed (the
# hash in internal/web/static/dist/manifest.json differs from
# web/sources.sh). Needs Node and npm only then. Run from anywhere.
set -eu
cd "$(dirname "$0")/.."
want=$(web/sources.sh)
have=$(sed -n 's/.*"source_hash": "\([0-9a-f]*\)".*/\1/p' internal/web/static/dist/manifest.json 2>/dev/null || true)
if [ "$want" = "$have" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "bundle: the front-end sources changed and npm is not installed (apt-get install npm)" >&2; exit 1; }
echo "bundle: building the front-end bundle" >&2
npm ci --prefix web --no-audit --no-fund --loglevel=error
node web/build.mjs
