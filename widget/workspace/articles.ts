import { clear, h } from "../shared/dom.ts";
import { all, api } from "./api.ts";
import { failure } from "./format.ts";
import { LANGS, t, type Lang } from "./i18n.ts";
import { may } from "./session.ts";

interface Article {
  id: string;
  slug: string;
  locale: Lang;
  title: string;
  body: string;
  status: "published" | "draft";
}

/**
 * Markdown the way the help center uses it (## sections, paragraphs, "- " lists), built as
 * DOM nodes from text: nothing in an article is ever parsed as HTML.
 */
export function preview(markdown: string): HTMLElement {
  const out = h("div", { class: "preview-body" });
  for (const block of markdown.split(/\n{2,}/)) {
    const lines = block.split("\n").filter((l) => l.trim());
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) out.append(h(heading[1]!.length <= 2 ? "h4" : "h5", { text: heading[2]! }));
      else if (/^\s*[-*]\s+/.test(line)) {
        const list = h("ul");
        while (i < lines.length && /^\s*[-*]\s+/.test(lines[i]!)) list.append(h("li", { text: lines[i++]!.replace(/^\s*[-*]\s+/, "") }));
        i--;
        out.append(list);
      } else {
        const para: string[] = [];
        while (i < lines.length && !/^(#{1,6}\s|\s*[-*]\s)/.test(lines[i]!)) para.push(lines[i++]!);
        i--;
        out.append(h("p", { text: para.join(" ") }));
      }
    }
  }
  return out;
}

/** The help center: articles by address with an editor and a live preview per language, and the gaps each one answers. */
export async function articlesSection(main: HTMLElement) {
  const status = h("p", { role: "status", class: "status" });
  const list = h("tbody");
  const editor = h("section", { class: "editor", "aria-label": t("nav.articles") });
  const editable = may("knowledge:write");
  let articles: Article[] = [];

  async function load() {
    articles = await all<Article>("/knowledge/articles");
    const slugs = [...new Set(articles.map((a) => a.slug))].sort();
    clear(list);
    for (const slug of slugs) {
      const versions = articles.filter((a) => a.slug === slug);
      list.append(
        h(
          "tr",
          {},
          h("td", {}, h("button", { type: "button", class: "link mono", text: slug, "aria-label": t("articles.edit", { slug }), onclick: () => void edit(slug) })),
          ...LANGS.map((l) => h("td", { text: versions.find((v) => v.locale === l)?.title ?? "—" })),
        ),
      );
    }
  }

  async function edit(slug: string) {
    clear(editor);
    editor.append(h("h3", { text: t("articles.editing", { slug }) }));
    const row = h("div", { class: "versions" });
    editor.append(row);
    for (const locale of LANGS) {
      const article = articles.find((a) => a.slug === slug && a.locale === locale);
      row.append(article ? version(article) : h("div", { class: "card", lang: locale }, h("h4", { text: t(`locale.${locale}`) }), h("p", { class: "muted", text: t("articles.missing", { locale: t(`locale.${locale}`) }) })));
    }
    (editor.querySelector("input") as HTMLInputElement | null)?.focus();
  }

  function version(article: Article) {
    const id = (name: string) => `${name}-${article.locale}`;
    const title = h("input", { id: id("title"), value: article.title, disabled: !editable, maxlength: "200" });
    const body = h("textarea", { id: id("body"), rows: 12, disabled: !editable }, article.body);
    const state = h("select", { id: id("status"), disabled: !editable }, ...(["published", "draft"] as const).map((s) => h("option", { value: s, selected: article.status === s, text: t(`articles.${s}`) })));
    // Focusable: a long preview scrolls, and keyboard users scroll it too.
    const shown = h("div", { class: "preview", lang: article.locale, tabindex: "0", role: "region", "aria-label": t("articles.preview", { locale: t(`locale.${article.locale}`) }) });
    const gaps = h("ul", { class: "gaps" });
    const refresh = () => {
      clear(shown);
      shown.append(h("h4", { text: title.value }), preview(body.value));
    };
    title.addEventListener("input", refresh);
    body.addEventListener("input", refresh);
    refresh();
    void api(`/knowledge/articles/${article.id}/gaps`).then((res) => {
      clear(gaps);
      const data = res.ok ? (res.body.data as { question: string; count: number }[]) : [];
      if (!data.length) gaps.append(h("li", { class: "muted", text: t("articles.noGaps") }));
      for (const g of data) gaps.append(h("li", { text: t("articles.gapLine", { question: g.question, count: g.count }) }));
    });
    return h(
      "form",
      {
        class: "card version",
        "aria-label": t(`locale.${article.locale}`),
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const res = await api(`/knowledge/articles/${article.id}`, { method: "PATCH", body: { title: title.value, body: body.value, status: state.value } });
          status.textContent = res.ok ? t("saved") : failure(res);
          if (res.ok) Object.assign(article, res.body), await load();
        },
      },
      h("h4", { text: t(`locale.${article.locale}`) }),
      h("label", { for: id("title"), text: t("articles.title") }),
      title,
      h("label", { for: id("body"), text: t("articles.body") }),
      body,
      h("label", { for: id("status"), text: t("articles.status") }),
      state,
      editable ? h("button", { type: "submit", class: "primary", text: t("save") }) : null,
      h("h5", { text: t("articles.preview", { locale: t(`locale.${article.locale}`) }) }),
      shown,
      h("h5", { text: t("articles.gaps") }),
      gaps,
    );
  }

  function createForm() {
    const f = (name: string) => `new-${name}`;
    return h(
      "form",
      {
        class: "card new-article",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const form = e.target as HTMLFormElement;
          const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
          const res = await api("/knowledge/articles", { method: "POST", body: { slug: value("slug"), locale: value("locale"), title: value("title"), body: value("body") } });
          status.textContent = res.ok ? t("saved") : failure(res);
          if (res.ok) await load(), await edit(res.body.slug);
        },
      },
      h("h3", { text: t("articles.new") }),
      h("label", { for: f("slug"), text: t("articles.slug") }),
      h("input", { id: f("slug"), name: "slug", required: true, pattern: "[a-z0-9]+(-[a-z0-9]+)*" }),
      h("label", { for: f("locale"), text: t("articles.locale") }),
      h("select", { id: f("locale"), name: "locale" }, ...LANGS.map((l) => h("option", { value: l, text: t(`locale.${l}`) }))),
      h("label", { for: f("title"), text: t("articles.title") }),
      h("input", { id: f("title"), name: "title", required: true }),
      h("label", { for: f("body"), text: t("articles.body") }),
      h("textarea", { id: f("body"), name: "body", rows: 4, required: true }),
      h("button", { type: "submit", text: t("articles.create") }),
    );
  }

  main.append(
    h("h2", { text: t("nav.articles") }),
    status,
    h(
      "div",
      { class: "split" },
      h("div", { class: "table-wrap" }, h("table", { class: "grid-table" }, h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("articles.slug") }), ...LANGS.map((l) => h("th", { scope: "col", text: t(`locale.${l}`) })))), list), editable ? createForm() : null),
      editor,
    ),
  );
  await load();
}
