// The geometry editor of the report forms: draw a polygon (or place a
// point) on the map with terra-draw; the drawing is written as GeoJSON into
// the form's geometry field, which the server validates like any other
// input. Typed coordinates and traverses need no script.
import { TerraDraw, TerraDrawPolygonMode, TerraDrawPointMode, TerraDrawSelectMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { config, createMap } from "./lib/basemap.js";

const cfg = config();
const container = document.getElementById("map");
const input = document.getElementById("geometry-geojson");
const kind = cfg.geometry === "point" ? "point" : "polygon";

createMap(container, { ...cfg, bbox: cfg.fit || cfg.bbox }).then((map) => {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPolygonMode({ styles: { fillColor: "#c62828", outlineColor: "#c62828", fillOpacity: 0.3 } }),
      new TerraDrawPointMode({ styles: { pointColor: "#6a1b9a" } }),
      new TerraDrawSelectMode({
        flags: {
          polygon: { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } },
          point: { feature: { draggable: true } },
        },
      }),
    ],
  });
  draw.start();
  window.mineactionMap = map;
  window.mineactionDraw = draw;

  const current = parse(input.value);
  if (current) {
    const g = current.type === "MultiPolygon" ? { type: "Polygon", coordinates: current.coordinates[0] } : current;
    draw.addFeatures([{ type: "Feature", geometry: g, properties: { mode: g.type === "Point" ? "point" : "polygon" } }]);
  }
  const status = document.getElementById("draw-status");
  // drawing is the shape being drawn, if any: terra-draw keeps it in the
  // store with the pointer's position as a provisional corner until the
  // ring is closed, so it must never reach the form.
  const drawing = () => draw.getSnapshot().find((f) => f.properties.currentlyDrawing);
  // write puts the last finished shape into the form's geometry field.
  const write = () => {
    const type = kind === "point" ? "Point" : "Polygon";
    // (Guidance points, such as the corners shown while editing, share the
    // mode of their shape: the geometry type tells them apart.)
    const fs = draw.getSnapshot().filter((f) => f.geometry.type === type && f.properties.mode === kind && !f.properties.currentlyDrawing);
    const f = fs[fs.length - 1];
    const value = f ? JSON.stringify(f.geometry) : "";
    if (input.value !== value) {
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    if (!drawing()) {
      status.classList.remove("error-text");
      status.textContent = f ? cfg.labels?.drawn || "" : "";
    } else if (!status.classList.contains("error-text")) {
      status.textContent = cfg.labels?.drawing || "";
    }
  };
  draw.on("finish", (id) => {
    // One shape per field: a new drawing replaces the old one.
    const others = draw.getSnapshot().filter((f) => f.id !== id).map((f) => f.id);
    if (others.length) draw.removeFeatures(others);
    write();
    draw.setMode("select");
  });
  draw.on("change", (ids, type) => {
    if (type === "create" || type === "update" || type === "delete") write();
  });
  // A save while a shape is half drawn would save the shape as it was
  // before (or none): stop and say how to close it instead.
  input.form.addEventListener("submit", (e) => {
    if (document.querySelector("input[name=geom_mode]:checked")?.value !== "draw" || !drawing()) return;
    e.preventDefault();
    status.textContent = cfg.labels?.unfinished || "";
    status.classList.add("error-text");
    map.getCanvas().focus();
  });

  for (const b of document.querySelectorAll("[data-draw]")) {
    b.hidden = false;
    b.addEventListener("click", () => {
      const action = b.dataset.draw;
      if (action === "clear") {
        draw.clear();
        write();
        return;
      }
      draw.setMode(action === "shape" ? kind : "select");
      map.getCanvas().focus();
    });
  }
  // The map pane is hidden while another way of entry is chosen.
  for (const radio of document.querySelectorAll("input[name=geom_mode]")) {
    radio.addEventListener("change", () => map.resize());
  }
  container.dataset.ready = "true";
});

function parse(v) {
  try {
    return v ? JSON.parse(v) : null;
  } catch {
    return null;
  }
}
