#!/bin/sh
# Prints the hash of the front-end sources: the SHA-256 of the sorted
# "sha256  path" lines of web/package-lock.json, web/build.mjs and every
# file under web/src. build.mjs records it in the bundle's manifest; the Go
# test internal/web TestBundleUpToDate computes the same and fails when
# they differ. Run from the repository root.
set -eu
{ echo web/package-lock.json; echo web/build.mjs; find web/src -type f; } | LC_ALL=C sort | while read -r f; do
  printf '%s  %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f"
done | sha256sum | cut -d' ' -f1
