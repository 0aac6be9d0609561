import { Hono } from "hono";
import { isLocale } from "../../contracts/common.ts";
import type { KnowledgeService } from "../../domain/knowledge/knowledge.service.ts";
import type { AppBindings } from "../../http/bindings.ts";

/** The public help-center page a bot citation links to: /help/:merchant/:locale/:slug. */
export function helpRoutes(knowledge: KnowledgeService) {
  return new Hono<AppBindings>().get("/help/:merchant/:locale/:slug", async (c) => {
    const { merchant, locale, slug } = c.req.param();
    const article = await knowledge.findPublished(merchant, locale, slug);
    if (!article) return c.html(page("Not found", "<p>This article does not exist.</p>", "en"), 404);
    return c.html(page(escapeHtml(article.title), renderMarkdown(article.body), locale));
  });
}

/** Escapes first, then adds the little markdown articles use: ## headings, bullets, **bold**. */
export function renderMarkdown(markdown: string): string {
  const blocks: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) blocks.push(`<ul>${list.map((li) => `<li>${li}</li>`).join("")}</ul>`);
    list = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = inline(escapeHtml(raw.trim()));
    if (!line) flush();
    else if (/^#{2,3}\s/.test(raw.trim())) {
      flush();
      blocks.push(`<h2>${line.replace(/^#+\s*/, "")}</h2>`);
    } else if (/^[-*+]\s/.test(raw.trim())) list.push(line.replace(/^[-*+]\s*/, ""));
    else {
      flush();
      blocks.push(`<p>${line}</p>`);
    }
  }
  flush();
  return blocks.join("\n");
}

const inline = (escaped: string) => escaped.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const page = (title: string, body: string, locale: string) => `<!doctype html>
<html lang="${isLocale(locale) ? locale : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:42rem;margin:3rem auto;padding:0 1.25rem;color:#0f172a}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.6rem}</style>
</head><body><article><h1>${title}</h1>
${body}
</article></body></html>`;
