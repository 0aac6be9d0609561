import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const WIDGET_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

export interface EmbedAssets {
  /** /widget.js: the launcher and window.ChatWidget (a classic script, async). */
  loader: string;
  /** /widget/app.js: the conversation UI with the Socket.IO client, loaded on first open. */
  app: string;
  /** Bytes after gzip, as a browser downloads them. */
  gzip: { loader: number; app: number };
}

const bundle = async (entry: string, format: "esm" | "iife", appPath = "/widget/app.js") =>
  (
    await build({
      entryPoints: [entry],
      bundle: true,
      format,
      target: "es2020",
      minify: true,
      write: false,
      legalComments: "none",
      define: { "process.env.NODE_ENV": '"production"', __WIDGET_APP_PATH__: JSON.stringify(appPath) },
    })
  ).outputFiles[0]!.text;

/** The page apps, each at /<name>: the agent console, the dashboard, the merchant workspace. */
export const PAGES = ["console", "dashboard", "workspace"] as const;
export type PageName = (typeof PAGES)[number];

/** Bundles one page app (widget/<name>/main.ts) in memory. */
export async function buildPage(name: PageName): Promise<PageAssets> {
  const dir = path.join(WIDGET_DIR, name);
  return {
    html: readFileSync(path.join(dir, "index.html"), "utf8"),
    css: readFileSync(path.join(dir, "style.css"), "utf8"),
    js: await bundle(path.join(dir, "main.ts"), "esm"),
  };
}

/** Bundles the embeddable widget: a tiny loader and the app it loads on first open. */
export async function buildEmbed(): Promise<EmbedAssets> {
  const [loader, app] = await Promise.all([bundle(path.join(WIDGET_DIR, "embed/loader.ts"), "iife"), bundle(path.join(WIDGET_DIR, "embed/app.ts"), "esm")]);
  return { loader, app, gzip: { loader: gzipSync(loader).length, app: gzipSync(app).length } };
}

/** What `npm run build` writes to dist/public/manifest.json: public paths of the built files. */
export interface AssetManifest {
  /** /widget.js stays at its address (shops embed it); its content is this file's. */
  widgetLoader: string;
  widgetApp: string;
  pages: Record<PageName, { html: string; js: string; css: string }>;
}

/**
 * Builds every browser bundle once, for production: files named by their content's hash
 * under dist/public/assets/ (served with a year's caching: a new build is a new name), the
 * pages' HTML pointing at them, and a manifest the server reads at start-up.
 */
export async function buildBrowserAssets(outDir: string): Promise<AssetManifest> {
  const assets = path.join(outDir, "assets");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });
  const emit = (name: string, ext: string, body: string) => {
    const file = `${name}.${createHash("sha256").update(body).digest("hex").slice(0, 12)}.${ext}`;
    writeFileSync(path.join(assets, file), body);
    return `/assets/${file}`;
  };
  const widgetApp = emit("widget-app", "js", await bundle(path.join(WIDGET_DIR, "embed/app.ts"), "esm"));
  const widgetLoader = emit("widget", "js", await bundle(path.join(WIDGET_DIR, "embed/loader.ts"), "iife", widgetApp));
  const pages = {} as AssetManifest["pages"];
  for (const name of PAGES) {
    const page = await buildPage(name);
    const js = emit(`${name}-app`, "js", page.js);
    const css = emit(name, "css", page.css);
    const html = page.html.replace(`/${name}/app.js`, js).replace(`/${name}/style.css`, css);
    writeFileSync(path.join(outDir, `${name}.html`), html);
    pages[name] = { html: `${name}.html`, js, css };
  }
  const manifest: AssetManifest = { widgetLoader, widgetApp, pages };
  writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
