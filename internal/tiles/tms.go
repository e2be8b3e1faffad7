package tiles

import (
	"math"
	"strconv"
)

// WebMercatorQuad is the identifier of the one tile matrix set served.
const WebMercatorQuad = "WebMercatorQuad"

// TileMatrixSetURI is WebMercatorQuad's URI in the OGC register.
const TileMatrixSetURI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"

// TileMatrixSet returns the definition of WebMercatorQuad in the JSON
// encoding of OGC Two Dimensional Tile Matrix Set 2.0, for tile matrices 0
// to MaxZoom: 256-pixel tiles on EPSG:3857, origin at the top left.
func TileMatrixSet() map[string]any {
	const half = math.Pi * 6378137 // half the width of the Web Mercator square, metres
	var matrices []map[string]any
	for z := 0; z <= MaxZoom; z++ {
		n := 1 << z
		cell := 2 * half / 256 / float64(n)
		matrices = append(matrices, map[string]any{
			"id": strconv.Itoa(z), "scaleDenominator": cell / 0.00028, "cellSize": cell,
			"cornerOfOrigin": "topLeft", "pointOfOrigin": []float64{-half, half},
			"tileWidth": 256, "tileHeight": 256, "matrixWidth": n, "matrixHeight": n,
		})
	}
	return map[string]any{
		"id": WebMercatorQuad, "title": "Google Maps Compatible for the World", "uri": TileMatrixSetURI,
		"crs": "http://www.opengis.net/def/crs/EPSG/0/3857", "orderedAxes": []string{"X", "Y"},
		"wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
		"tileMatrices":      matrices,
	}
}
