// The national map page: layer list, legend, search and popups.
import { config, createMap, setGroupVisible, maplibregl } from "./lib/basemap.js";

const cfg = config();
const container = document.getElementById("map");
const labels = cfg.labels || {};

createMap(container, cfg).then((map) => {
  window.mineactionMap = map; // for the end-to-end tests and the console
  container.dataset.ready = "true";

  for (const box of document.querySelectorAll("[data-layer-group]")) {
    // Every layer starts visible; a box the browser restored unticked hides its group.
    if (!box.checked) setGroupVisible(map, box.dataset.layerGroup, false);
    box.addEventListener("change", () => setGroupVisible(map, box.dataset.layerGroup, box.checked));
  }

  const clickable = ["accidents-circle", "finds-circle", "releases-fill", "hazards-fill"];
  for (const id of clickable) {
    map.on("mouseenter", id, () => (map.getCanvas().style.cursor = "pointer"));
    map.on("mouseleave", id, () => (map.getCanvas().style.cursor = ""));
  }
  map.on("click", (e) => {
    const layers = clickable.filter((id) => map.getLayer(id));
    const f = map.queryRenderedFeatures(e.point, { layers })[0];
    if (!f) return;
    new maplibregl.Popup({ maxWidth: "280px" }).setLngLat(e.lngLat).setDOMContent(popup(f)).addTo(map);
  });

  const form = document.getElementById("map-search");
  if (form) {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const q = form.elements.q.value.trim();
      const out = document.getElementById("search-results");
      out.replaceChildren();
      if (!q) return;
      const res = await fetch(form.action + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
      const hits = res.ok ? (await res.json()).results : [];
      if (!hits.length) {
        out.append(li(document.createTextNode(labels.noResults || "No match")));
        return;
      }
      for (const h of hits) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = "link";
        b.textContent = h.label;
        b.addEventListener("click", () => goTo(map, h));
        out.append(li(b));
      }
      goTo(map, hits[0]);
    });
  }
});

function li(child) {
  const el = document.createElement("li");
  el.append(child);
  return el;
}

function goTo(map, hit) {
  if (hit.bbox && (hit.bbox[0] !== hit.bbox[2] || hit.bbox[1] !== hit.bbox[3])) {
    map.fitBounds(hit.bbox, { padding: 60, maxZoom: 15 });
  } else if (hit.point) {
    map.flyTo({ center: hit.point, zoom: Math.max(map.getZoom(), 13) });
  }
}

// popup summarises a feature with a link to its record. Text only: no
// property is ever parsed as HTML.
function popup(f) {
  const p = f.properties;
  const div = document.createElement("div");
  div.className = "popup";
  const title = document.createElement("strong");
  const id = p.hid || p.hazard || p.activity || "";
  title.textContent = (labels[f.sourceLayer] || f.sourceLayer) + " " + id;
  div.append(title);
  const dl = document.createElement("dl");
  const add = (k, v) => {
    if (v === undefined || v === null || v === "") return;
    const dt = document.createElement("dt");
    dt.textContent = labels[k] || k;
    const dd = document.createElement("dd");
    dd.textContent = typeof v === "number" && k.endsWith("_m2") ? formatArea(v) : (labels[k + "." + v] || v);
    dl.append(dt, dd);
  };
  for (const k of ["status", "category", "remaining_m2", "original_m2", "kind", "date", "area_m2", "ordnance", "quantity", "disposal", "found_date", "accident_type", "victims"]) add(k, p[k]);
  div.append(dl);
  const link = p.hid || (f.sourceLayer === "releases" ? p.activity : "");
  if (link) {
    const a = document.createElement("a");
    a.href = "/records/" + encodeURIComponent(link);
    a.textContent = labels.open_record || "Open the record";
    div.append(a);
  }
  return div;
}

function formatArea(m2) {
  return m2 >= 10000 ? (m2 / 10000).toLocaleString(undefined, { maximumFractionDigits: 2 }) + " ha" : Math.round(m2).toLocaleString() + " m²";
}
