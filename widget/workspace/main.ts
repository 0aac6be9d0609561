import { clear, h, linkButton } from "../shared/dom.ts";
import { useToken } from "./api.ts";
import { articlesSection } from "./articles.ts";
import { setLang, t, type Key, type Lang } from "./i18n.ts";
import { ordersSection } from "./orders.ts";
import { productsSection } from "./products.ts";
import { reportsSection } from "./reports.ts";
import { may, session } from "./session.ts";
import { settingsSection } from "./settings.ts";

/**
 * The merchant workspace: catalog, orders, help center, settings and reports, over the same
 * REST API as any integration, with the signed-in agent's token. What a role may not do is
 * not offered (and the API refuses it anyway).
 */
const SECTIONS = [
  { id: "products", label: "nav.products", permission: "catalog:read", render: productsSection },
  { id: "orders", label: "nav.orders", permission: "orders:read", render: ordersSection },
  { id: "articles", label: "nav.articles", permission: "knowledge:read", render: articlesSection },
  { id: "settings", label: "nav.settings", permission: "settings:read", render: settingsSection },
  { id: "reports", label: "nav.reports", permission: "reports:read", render: reportsSection },
] as const;
type SectionId = (typeof SECTIONS)[number]["id"];

const root = document.getElementById("app")!;
let current: SectionId = (location.hash.slice(1) as SectionId) || "products";
let lang: Lang = (localStorage.getItem("workspace.lang") as Lang | null) ?? (navigator.language.startsWith("zh") ? "zh-CN" : "en");
setLang(lang);
useToken(session.token, signOut);

function render() {
  document.documentElement.lang = lang;
  document.title = t("title");
  clear(root);
  if (!session.token || !session.agent) return root.append(login());
  const allowed = SECTIONS.filter((s) => may(s.permission));
  if (!allowed.some((s) => s.id === current)) current = allowed[0]!.id;
  const section = allowed.find((s) => s.id === current)!;
  const main = h("main", { id: "main", tabindex: "-1" });
  root.append(
    h(
      "header",
      {},
      h("h1", { text: t("title") }),
      h(
        "nav",
        { "aria-label": t("nav.label") },
        ...allowed.map((s) =>
          h("a", {
            href: `#${s.id}`,
            text: t(s.label as Key),
            "aria-current": s.id === current ? "page" : undefined,
            onclick: (e: Event) => {
              e.preventDefault();
              go(s.id);
            },
          }),
        ),
      ),
      h("span", { class: "who", text: `${session.agent.merchant} · ${t("signedInAs", { name: session.agent.name, role: t(`role.${session.agent.role}` as Key) })}` }),
      linkButton(t("language"), switchLang),
      linkButton(t("signOut"), signOut),
    ),
    main,
  );
  if (!may("catalog:write")) main.append(h("p", { class: "notice", role: "note", text: t("readOnly") }));
  void section.render(main);
}

function go(id: SectionId) {
  current = id;
  history.replaceState(null, "", `#${id}`);
  render();
  document.getElementById("main")?.focus();
}

function switchLang() {
  lang = lang === "en" ? "zh-CN" : "en";
  localStorage.setItem("workspace.lang", lang);
  setLang(lang);
  render();
}

function login() {
  const email = h("input", { type: "email", id: "login-email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", id: "login-password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "error", role: "alert" });
  return h(
    "main",
    { class: "center" },
    h(
      "form",
      {
        class: "login card",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const res = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email.value, password: password.value }) });
          if (!res.ok) {
            error.textContent = t("badLogin");
            return;
          }
          const body = await res.json();
          session.token = body.token;
          session.agent = body.agent;
          sessionStorage.setItem("workspace.token", body.token);
          sessionStorage.setItem("workspace.agent", JSON.stringify(body.agent));
          useToken(session.token, signOut);
          render();
        },
      },
      h("h1", { text: t("title") }),
      h("label", { for: "login-email", text: t("email") }),
      email,
      h("label", { for: "login-password", text: t("password") }),
      password,
      h("button", { type: "submit", class: "primary", text: t("signIn") }),
      error,
      linkButton(t("language"), switchLang),
    ),
  );
}

function signOut() {
  session.token = null;
  session.agent = null;
  sessionStorage.removeItem("workspace.token");
  sessionStorage.removeItem("workspace.agent");
  render();
}

window.addEventListener("hashchange", () => {
  const id = location.hash.slice(1) as SectionId;
  if (id !== current && SECTIONS.some((s) => s.id === id)) go(id);
});
render();
