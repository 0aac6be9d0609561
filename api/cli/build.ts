/**
 * `npm run build`: the server, worker and admin tool compiled to dist/server/*.js (one ESM
 * file each, npm packages left to node_modules) and the browser bundles to dist/public with
 * content-hashed names, so that production runs `node` on built files: no tsx, no esbuild.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { buildBrowserAssets } from "../../widget/build.ts";
import { PROJECT_ROOT } from "../../knowledge/paths.ts";

const started = performance.now();
const out = path.join(PROJECT_ROOT, "dist");
rmSync(path.join(out, "server"), { recursive: true, force: true });
const progress = (msg: string) => process.stderr.write(`[build] ${msg} (${Math.round(performance.now() - started)} ms)\n`);

await build({
  entryPoints: { main: "api/main.ts", worker: "api/worker.ts", admin: "api/cli/admin.ts", migrate: "api/db/migrate.cli.ts" },
  absWorkingDir: PROJECT_ROOT,
  outdir: path.join(out, "server"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: true,
  // esbuild and the browser bundler are for development and this script only.
  external: ["esbuild", "../../../widget/build.ts"],
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
progress("server compiled to dist/server");
const manifest = await buildBrowserAssets(path.join(out, "public"));
progress(`browser bundles written to dist/public (${[manifest.widgetLoader, manifest.widgetApp].join(", ")}, …)`);
