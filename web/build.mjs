// Builds the front-end bundle: esbuild bundles the map, drawing and chart
// code with their npm dependencies (pinned in package-lock.json) and the
// style sheet into internal/web/static/dist, with content hashes in the
// file names, a gzip copy of each file, and manifest.json mapping the
// logical names the templates use to the fingerprinted ones (and each
// script to the chunks it imports, for preloading). MapLibre's
// worker is copied as is (it is already a self-contained module).
//
//   node web/build.mjs
//
// The manifest records the hash of the sources (web/sources.sh prints the
// same), so a Go test can tell that the committed bundle is stale.
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const web = dirname(fileURLToPath(import.meta.url));
const out = join(web, "..", "internal", "web", "static", "dist");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: web,
  entryPoints: {
    map: "src/map.js",
    record: "src/record.js",
    edit: "src/edit.js",
    dashboard: "src/dashboard.js",
    app: "src/app.css",
  },
  bundle: true,
  splitting: true,
  format: "esm",
  target: ["es2022"],
  minify: true,
  legalComments: "linked",
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  assetNames: "[name]-[hash]",
  outdir: out,
  metafile: true,
  logLevel: "warning",
});

const manifest = { source_hash: execFileSync(join(web, "sources.sh"), { cwd: join(web, "..") }).toString().trim(), files: {}, imports: {} };
const outputs = result.metafile.outputs;
// staticImports lists the chunks a script imports, directly or not, so
// that a page can ask for them with its script (<link rel=modulepreload>)
// instead of one round trip after another.
const staticImports = (file, seen = new Set()) => {
  for (const imp of outputs[file].imports) {
    if (imp.kind === "import-statement" && !seen.has(imp.path)) {
      seen.add(imp.path);
      staticImports(imp.path, seen);
    }
  }
  return seen;
};
for (const [file, meta] of Object.entries(outputs)) {
  const name = basename(file);
  if (meta.entryPoint) {
    const logical = name.replace(/-[A-Z0-9]+\./, ".");
    manifest.files[logical] = name;
    const chunks = [...staticImports(file)].map((f) => basename(f)).sort();
    if (chunks.length) manifest.imports[logical] = chunks;
  }
}
// MapLibre's worker, fingerprinted like the rest.
const worker = readFileSync(join(web, "node_modules", "maplibre-gl", "dist", "maplibre-gl-worker.mjs"));
const workerName = `maplibre-worker-${createHash("sha256").update(worker).digest("hex").slice(0, 8).toUpperCase()}.js`;
writeFileSync(join(out, workerName), worker);
manifest.files["maplibre-worker.js"] = workerName;

let total = 0;
for (const name of readdirSync(out)) {
  if (name.endsWith(".map")) continue;
  const data = readFileSync(join(out, name));
  const gz = gzipSync(data, { level: 9 });
  writeFileSync(join(out, name + ".gz"), gz);
  if (name.endsWith(".js")) total += gz.length;
}
manifest.js_gzip_bytes = total;
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`bundle: ${Object.keys(manifest.files).length} entries, JavaScript ${(total / 1024).toFixed(0)} KiB gzipped`);
