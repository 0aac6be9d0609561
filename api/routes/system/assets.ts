import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import type { AssetManifest, PageName } from "../../../widget/build.ts";
import type { AppBindings } from "../../http/bindings.ts";

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

/** The browser code the server hands out: bundled on first request (development) or read from `npm run build`'s output. */
export interface BrowserAssets {
  embed(): Promise<{ loader: string; app: string }>;
  page(name: PageName): Promise<PageAssets>;
  /** A content-hashed file under /assets/ (production builds only). */
  file(name: string): { body: string; type: string } | undefined;
}

/** Builds on first call and keeps the result; a failed build is tried again next time. */
export function lazyBuild<T>(build: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= build();
    result.catch(() => (result = undefined));
    return result;
  };
}

/** Development: esbuild (a dev dependency, loaded only here) bundles each app on first request, ~100 ms. */
export function devAssets(): BrowserAssets {
  const builder = lazyBuild(() => import("../../../widget/build.ts"));
  const embed = lazyBuild(async () => (await builder()).buildEmbed());
  const pages = Object.fromEntries(
    (["console", "dashboard", "workspace"] as const).map((name) => [name, lazyBuild(async () => (await builder()).buildPage(name))]),
  ) as Record<PageName, () => Promise<PageAssets>>;
  return { embed, page: (name) => pages[name](), file: () => undefined };
}

/** Production: the files `npm run build` wrote to dist/public, read once at start-up. */
export function builtAssets(dir: string): BrowserAssets {
  const manifestFile = path.join(dir, "manifest.json");
  if (!existsSync(manifestFile)) throw new Error(`no browser build in ${dir}: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as AssetManifest;
  const read = (publicPath: string) => readFileSync(path.join(dir, publicPath.replace(/^\//, "")), "utf8");
  const files = new Map<string, { body: string; type: string }>();
  for (const publicPath of [manifest.widgetLoader, manifest.widgetApp, ...Object.values(manifest.pages).flatMap((p) => [p.js, p.css])]) {
    files.set(path.basename(publicPath), { body: read(publicPath), type: publicPath.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8" });
  }
  const embed = { loader: read(manifest.widgetLoader), app: read(manifest.widgetApp) };
  const pages = Object.fromEntries(
    Object.entries(manifest.pages).map(([name, p]) => [name, { html: readFileSync(path.join(dir, p.html), "utf8"), js: read(p.js), css: read(p.css) }]),
  ) as Record<PageName, PageAssets>;
  return { embed: async () => embed, page: async (name) => pages[name], file: (name) => files.get(name) };
}

/** /assets/<name>.<hash>.<ext>: immutable, cacheable for a year (a new build has new names). */
export function assetRoutes(assets: BrowserAssets) {
  return new Hono<AppBindings>().get("/assets/:file", (c) => {
    const file = assets.file(c.req.param("file"));
    if (!file) return c.notFound();
    c.header("Content-Type", file.type);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body(file.body);
  });
}
