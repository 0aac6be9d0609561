import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./paths.ts";

/** A help-center article as written in knowledge/content/<shop>/<locale>/<slug>.md. */
export interface ArticleSource {
  slug: string;
  locale: string;
  title: string;
  tags: string[];
  body: string;
}

export const CONTENT_DIR = path.join(PROJECT_ROOT, "knowledge/content");

/** Reads every article of one demo shop, in every locale it has. */
export function loadArticles(shop: string, root = CONTENT_DIR): ArticleSource[] {
  const shopDir = path.join(root, shop);
  if (!existsSync(shopDir)) return [];
  return readdirSync(shopDir).flatMap((locale) =>
    readdirSync(path.join(shopDir, locale))
      .filter((file) => file.endsWith(".md"))
      .sort()
      .map((file) => parseArticle(file.slice(0, -3), locale, readFileSync(path.join(shopDir, locale, file), "utf8"))),
  );
}

/** Front matter is two fields (`title: ...`, `tags: [a, b]`) between `---` lines. */
export function parseArticle(slug: string, locale: string, source: string): ArticleSource {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`article ${locale}/${slug}: missing front matter`);
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const title = fields.get("title");
  if (!title) throw new Error(`article ${locale}/${slug}: no title`);
  const tags = (fields.get("tags") ?? "")
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  return { slug, locale, title, tags, body: match[2]!.trim() };
}
