import { readFileSync } from "node:fs";
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

const bundle = async (entry: string, format: "esm" | "iife") =>
  (
    await build({
      entryPoints: [entry],
      bundle: true,
      format,
      target: "es2020",
      minify: true,
      write: false,
      legalComments: "none",
      define: { "process.env.NODE_ENV": '"production"' },
    })
  ).outputFiles[0]!.text;

/** Bundles one page app (widget/<name>/main.ts: the agent console, the dashboard) in memory. */
export async function buildPage(name: "console" | "dashboard"): Promise<PageAssets> {
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
