import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const WIDGET_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface PageAssets {
  html: string;
  css: string;
  js: string;
}

/** Bundles one browser app (widget/<name>/main.ts) with esbuild, in memory. */
export async function buildPage(name: "console"): Promise<PageAssets> {
  const dir = path.join(WIDGET_DIR, name);
  const result = await build({
    entryPoints: [path.join(dir, "main.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
  });
  return {
    html: readFileSync(path.join(dir, "index.html"), "utf8"),
    css: readFileSync(path.join(dir, "style.css"), "utf8"),
    js: result.outputFiles[0]!.text,
  };
}
