// The map every page shares: MapLibre with the national outline and the
// admin areas as context (no base map from the internet: the application
// works offline), the layers of the national database from the vector
// tiles, a scale bar and navigation buttons.
import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol, TileType } from "pmtiles";

export const colours = {
  open: "#c62828",
  worked_on: "#ef6c00",
  closed: "#8d8d8d",
  cancelled: "#64b5f6",
  reduced: "#1e88e5",
  cleared: "#2e7d32",
  find: "#6a1b9a",
  accident: "#111111",
  outline: "#37474f",
  admin: "#78909c",
};

// config reads the settings the server put on the page.
export function config() {
  const el = document.getElementById("map-config");
  return el ? JSON.parse(el.textContent) : {};
}

let protocol;

// basemap adds the operator's local PMTiles base map to a style: raster
// tiles as they are, vector tiles with a plain style for the two common
// schemas (Protomaps and OpenMapTiles; layers a file lacks draw nothing).
// There are no labels: fonts would have to come from somewhere.
async function basemap(style, path) {
  const url = location.origin + path;
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
  }
  const archive = new PMTiles(url);
  protocol.add(archive);
  const header = await archive.getHeader();
  const under = [];
  if (header.tileType === TileType.Mvt) {
    style.sources.basemap = { type: "vector", url: "pmtiles://" + url };
    const fill = (id, layer, colour) => ({ id: "basemap-" + id, type: "fill", source: "basemap", "source-layer": layer, paint: { "fill-color": colour } });
    const line = (id, layer, colour, width) => ({ id: "basemap-" + id, type: "line", source: "basemap", "source-layer": layer, paint: { "line-color": colour, "line-width": width } });
    under.push(fill("earth", "earth", "#f7f5ef"), fill("landcover", "landcover", "#e6eedb"), fill("landuse", "landuse", "#ece8dc"),
      fill("water", "water", "#cfe1ec"), fill("buildings", "buildings", "#e0dcd3"), fill("building", "building", "#e0dcd3"),
      line("roads", "roads", "#c9c4b8", 1), line("transportation", "transportation", "#c9c4b8", 1),
      line("boundaries", "boundaries", "#9e9aa8", 1), line("boundary", "boundary", "#9e9aa8", 1));
  } else {
    style.sources.basemap = { type: "raster", url: "pmtiles://" + url, tileSize: 256 };
    under.push({ id: "basemap-raster", type: "raster", source: "basemap" });
  }
  // Over the background, under everything else; the country's fill goes.
  style.layers.splice(1, 0, ...under);
  style.layers = style.layers.filter((l) => l.id !== "country-fill");
}

// createMap makes a map in container with the context layers. The
// returned promise resolves once the style has loaded.
//
// The fills whose edges a line layer draws over have no antialiased
// outline of their own ("fill-antialias": false): one draw and one shader
// fewer each, and no difference to see.
export async function createMap(container, cfg, options = {}) {
  if (cfg.worker) maplibregl.setWorkerUrl(new URL(cfg.worker, location.href).href);
  const style = {
    version: 8,
    sources: {
      outline: { type: "geojson", data: cfg.outline || { type: "FeatureCollection", features: [] } },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eef2f3" } },
      { id: "country-fill", type: "fill", source: "outline", paint: { "fill-color": perFeature("#fbfbf8"), "fill-opacity": perFeature(1), "fill-antialias": false } },
      { id: "country-line", type: "line", source: "outline", paint: { "line-color": perFeature(colours.outline), "line-width": 1.5 } },
    ],
  };
  if (cfg.tiles) {
    // One source per collection, so that each loads only from the zoom
    // where it means something: a national view needs no 100,000 finds.
    for (const [name, minzoom] of Object.entries(sourceZooms)) {
      const tiles = [location.origin + cfg.tiles.replace("{collection}", name)];
      style.sources[name] = { type: "vector", tiles, minzoom, maxzoom: 14 };
    }
    style.layers.push(...databaseLayers());
  }
  if (cfg.basemap) {
    try {
      await basemap(style, cfg.basemap);
    } catch (err) {
      console.warn("the base map could not be read; the national outline is shown instead", err);
    }
  }
  const map = new maplibregl.Map({
    container,
    style,
    bounds: cfg.bbox || undefined,
    fitBoundsOptions: { padding: 20 },
    attributionControl: false,
    fadeDuration: 0,
    dragRotate: false,
    pitchWithRotate: false,
    ...options,
  });
  map.touchZoomRotate.disableRotation();
  // The canvas is the map's one tab stop (arrows pan, + and - zoom there):
  // it takes the page's name for the map instead of MapLibre's "Map".
  const label = container.getAttribute("aria-label");
  if (label) map.getCanvas().setAttribute("aria-label", label);
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric", maxWidth: 120 }), "bottom-left");
  // Marks for the page-load benchmark (BenchmarkColdPageLoad).
  performance.mark("map-created");
  map.once("idle", () => performance.mark("map-idle"));
  return new Promise((resolve) => map.on("load", () => {
    performance.mark("map-load");
    resolve(map);
  }));
}

// sourceZooms are the collections drawn from the tiles and the zoom from
// which each is loaded.
export const sourceZooms = { "admin-areas": 0, hazards: 0, releases: 7, finds: 9, accidents: 0 };

// databaseLayers are the styled layers of the tiles, bottom first. Each
// layer's id starts with the name of the group the layer list toggles.
function databaseLayers() {
  const hazardColour = ["match", ["get", "status"], "open", colours.open, "worked_on", colours.worked_on, colours.closed];
  const releaseColour = ["match", ["get", "kind"], "cancelled", colours.cancelled, "reduced", colours.reduced, colours.cleared];
  return [
    { id: "admin-areas-fill", type: "fill", source: "admin-areas", "source-layer": "admin_areas",
      paint: { "fill-color": ["case", ["get", "affected"], "#f3efe6", "rgba(0,0,0,0)"], "fill-opacity": perFeature(1), "fill-antialias": false } },
    { id: "admin-areas-line", type: "line", source: "admin-areas", "source-layer": "admin_areas",
      paint: { "line-color": perFeature(colours.admin), "line-width": 0.8, "line-dasharray": [3, 2] } },
    { id: "hazards-fill", type: "fill", source: "hazards", "source-layer": "hazards",
      paint: { "fill-color": hazardColour, "fill-opacity": ["match", ["get", "category"], "CHA", 0.65, 0.3], "fill-antialias": false } },
    { id: "hazards-line-cha", type: "line", source: "hazards", "source-layer": "hazards", filter: ["==", ["get", "category"], "CHA"],
      paint: { "line-color": hazardColour, "line-width": 1.5 } },
    { id: "hazards-line-sha", type: "line", source: "hazards", "source-layer": "hazards", filter: ["!=", ["get", "category"], "CHA"],
      paint: { "line-color": hazardColour, "line-width": 1.2, "line-dasharray": [2, 1.5] } },
    { id: "releases-fill", type: "fill", source: "releases", "source-layer": "releases",
      paint: { "fill-color": releaseColour, "fill-opacity": 0.55 } },
    { id: "finds-circle", type: "circle", source: "finds", "source-layer": "finds",
      paint: { "circle-color": colours.find, "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, 2, 14, 5],
        "circle-stroke-color": "#fff", "circle-stroke-width": 0.5 } },
    { id: "accidents-circle", type: "circle", source: "accidents", "source-layer": "accidents",
      paint: { "circle-color": colours.accident, "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, 3, 14, 7],
        "circle-stroke-color": colours.open, "circle-stroke-width": 2 } },
  ];
}

// perFeature writes a constant paint value as a per-feature expression.
// MapLibre compiles one shader for each mix of constant and per-feature
// paint values of a layer type: with the outline's and the admin areas'
// colours written this way, they share the hazards' shaders (per-feature
// colour and opacity), and the first view compiles 7 shaders instead of
// 14. Each costs tens of milliseconds where WebGL runs without a GPU.
function perFeature(v) {
  return ["case", ["has", "__never"], v, v];
}

// setGroupVisible shows or hides every layer of a group.
export function setGroupVisible(map, group, visible) {
  for (const l of map.getStyle().layers) {
    if (l.id.startsWith(group + "-")) map.setLayoutProperty(l.id, "visibility", visible ? "visible" : "none");
  }
}

export { maplibregl };
