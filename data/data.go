// Package data embeds the reference files the demo data set is built from:
// the national outline of Azerbaijan (Natural Earth, public domain), a list
// of district centres and towns, and a starter ordnance catalogue. See
// README.md in this directory for their sources.
package data

import "embed"

// Files holds azerbaijan.geojson, places.csv and ordnance.csv (and the
// neighbouring outlines).
//
//go:embed *.geojson *.csv README.md
var Files embed.FS
