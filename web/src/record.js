// A record's or a report's map: its geometry (and, for a report, the
// geometry it replaces) over the national context.
import { config, createMap, colours } from "./lib/basemap.js";

const cfg = config();
const container = document.getElementById("map");
const data = cfg.features || { type: "FeatureCollection", features: [] };

createMap(container, { ...cfg, bbox: cfg.fit || cfg.bbox }, {}).then((map) => {
  map.addSource("record", { type: "geojson", data });
  const role = ["get", "role"];
  const colour = ["match", role, "old", "#757575", "new", "#c62828", "cancelled", colours.cancelled, "reduced", colours.reduced, "cleared", colours.cleared, "#c62828"];
  map.addLayer({ id: "record-fill", type: "fill", source: "record", filter: ["==", ["geometry-type"], "Polygon"],
    paint: { "fill-color": colour, "fill-opacity": ["match", role, "old", 0.15, 0.35], "fill-antialias": false } });
  const polygon = ["==", ["geometry-type"], "Polygon"];
  map.addLayer({ id: "record-line-old", type: "line", source: "record", filter: ["all", polygon, ["==", role, "old"]],
    paint: { "line-color": colour, "line-width": 2, "line-dasharray": [2, 2] } });
  map.addLayer({ id: "record-line", type: "line", source: "record", filter: ["all", polygon, ["!=", role, "old"]],
    paint: { "line-color": colour, "line-width": 2 } });
  map.addLayer({ id: "record-point", type: "circle", source: "record", filter: ["==", ["geometry-type"], "Point"],
    paint: { "circle-color": colour, "circle-radius": 6, "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 } });
  window.mineactionMap = map;
  container.dataset.ready = "true";
});
