import { ROLES } from "../../api/contracts/roles.ts";
import { clear, h } from "../shared/dom.ts";
import { api } from "./api.ts";
import { failure, toMajor, toMinor } from "./format.ts";
import { LANGS, t, type Key } from "./i18n.ts";
import { may, session } from "./session.ts";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Canned = { title: string; text: string; locale?: string };

/** A settings card: its own form, its own Save, its own status line. */
function card(title: Key, build: (form: HTMLFormElement) => (Node | null)[], save: ((form: HTMLFormElement) => Promise<{ ok: boolean; status: number; body: any } | null>) | null) {
  const status = h("p", { role: "status", class: "status" });
  const form = h("form", {
    class: "card setting",
    "aria-label": t(title),
    onsubmit: async (e: Event) => {
      e.preventDefault();
      if (!save) return;
      const res = await save(form);
      if (res) status.textContent = res.ok ? t("saved") : failure(res);
    },
  });
  form.append(h("h3", { text: t(title) }), ...build(form).filter((n): n is Node => n !== null), save && may("settings:write") ? h("button", { type: "submit", class: "primary", text: t("save") }) : "", status);
  return form;
}

const input = (id: string, label: string, props: Record<string, string | boolean | number | undefined> = {}) => [h("label", { for: id, text: label }), h("input", { id, name: id, ...props })];
const val = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
const checked = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).checked;

/** Business hours, SLAs, shipping, payments, the widget's theme, canned responses, reports, team and API key. */
export async function settingsSection(main: HTMLElement) {
  const [settingsRes, hoursRes, teamRes, keyRes] = await Promise.all([api("/settings"), api("/settings/business-hours"), api("/team"), api("/api-keys")]);
  main.append(h("h2", { text: t("nav.settings") }));
  if (!settingsRes.ok) return void main.append(h("p", { role: "alert", text: failure(settingsRes) }));
  const s = settingsRes.body;
  const currency: string = s.shipping?.flatFee.currency ?? (await api("/products?limit=1")).body?.data?.[0]?.price.currency ?? "CNY";
  const team: { id: string; name: string; email: string; role: string }[] = teamRes.ok ? teamRes.body.data : [];
  const grid = h("div", { class: "settings-grid" });
  main.append(grid);

  grid.append(
    card(
      "settings.hours",
      () => [
        ...input("timezone", t("settings.timezone"), { value: hoursRes.body?.timezone ?? "Asia/Shanghai", required: true }),
        h("p", { class: "muted small", text: t("settings.hoursHint") }),
        h(
          "table",
          { class: "hours" },
          h(
            "tbody",
            {},
            ...DAYS.map((d) => {
              const span = hoursRes.body?.hours?.[d] as [string, string] | null | undefined;
              const day = t(`day.${d}`);
              return h(
                "tr",
                {},
                h("th", { scope: "row" }, h("label", { class: "check" }, h("input", { type: "checkbox", name: `open-${d}`, checked: Boolean(span), "aria-label": t("settings.open", { day }) }), day)),
                h("td", {}, h("input", { type: "time", name: `from-${d}`, value: span?.[0] ?? "09:00", "aria-label": t("settings.opens", { day }) })),
                h("td", {}, h("input", { type: "time", name: `to-${d}`, value: span?.[1] ?? "18:00", "aria-label": t("settings.closes", { day }) })),
              );
            }),
          ),
        ),
      ],
      async (form) => {
        const hours = Object.fromEntries(DAYS.filter((d) => checked(form, `open-${d}`)).map((d) => [d, [val(form, `from-${d}`), val(form, `to-${d}`)]]));
        // Some days open: the others are closed (null); none open: always open.
        const full = Object.keys(hours).length ? Object.fromEntries(DAYS.map((d) => [d, hours[d] ?? null])) : {};
        return api("/settings/business-hours", { method: "PUT", body: { timezone: val(form, "timezone"), hours: full } });
      },
    ),
    card(
      "settings.sla",
      () => [
        ...input("complaintSlaHours", t("settings.complaintSlaHours"), { type: "number", min: 1, max: 720, value: s.handoff.complaintSlaHours }),
        ...input("ticketSlaHours", t("settings.ticketSlaHours"), { type: "number", min: 1, max: 720, value: s.handoff.ticketSlaHours }),
        ...input("renotifyMinutes", t("settings.renotifyMinutes"), { type: "number", min: 1, max: 1440, value: s.handoff.renotifyMinutes }),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "autoAssign", checked: s.handoff.autoAssign }), t("settings.autoAssign")),
      ],
      (form) =>
        api("/settings", { method: "PATCH", body: { handoff: { complaintSlaHours: Number(val(form, "complaintSlaHours")), ticketSlaHours: Number(val(form, "ticketSlaHours")), renotifyMinutes: Number(val(form, "renotifyMinutes")), autoAssign: checked(form, "autoAssign") } } }),
    ),
    card(
      "settings.shipping",
      () => [
        ...input("flatFee", t("settings.flatFee", { currency }), { type: "number", min: 0, step: "0.01", value: s.shipping ? toMajor(s.shipping.flatFee) : "0" }),
        ...input("freeOver", t("settings.freeOver", { currency }), { type: "number", min: 0, step: "0.01", value: s.shipping ? toMajor(s.shipping.freeOver) : "0" }),
      ],
      async (form) => {
        const flat = toMinor(val(form, "flatFee"), currency);
        const free = toMinor(val(form, "freeOver"), currency);
        return api("/settings/shipping", { method: "PUT", body: { flatFee: { amount: flat ?? -1, currency }, freeOver: { amount: free ?? -1, currency } } });
      },
    ),
    card(
      "settings.payments",
      () => [
        h("label", { for: "provider", text: t("settings.provider") }),
        h("select", { id: "provider", name: "provider" }, ...["sandbox", "alipay", "wechatpay", "stripe"].map((p) => h("option", { value: p, selected: s.payments.provider === p, text: p }))),
        ...input("windowMinutes", t("settings.windowMinutes"), { type: "number", min: 1, value: s.payments.windowMinutes }),
        h("p", { class: "muted small", text: t("settings.configured", { list: Object.keys(s.payments.configured).join(", ") || "—" }) }),
      ],
      (form) => api("/settings/payments", { method: "PUT", body: { provider: val(form, "provider"), windowMinutes: Number(val(form, "windowMinutes")) } }),
    ),
    themeCard(s.widget),
    cannedCard(s.cannedResponses),
    card(
      "settings.reports",
      () => [
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "weekly", checked: s.reports.weekly }), t("settings.weekly")),
        h("label", { class: "check" }, h("input", { type: "checkbox", name: "monthly", checked: s.reports.monthly }), t("settings.monthly")),
        h("fieldset", {}, h("legend", { text: t("settings.recipients") }), ...team.map((a) => h("label", { class: "check" }, h("input", { type: "checkbox", name: `to-${a.id}`, checked: s.reports.recipients.includes(a.id) }), `${a.name} · ${a.email}`))),
      ],
      (form) => api("/settings", { method: "PATCH", body: { reports: { weekly: checked(form, "weekly"), monthly: checked(form, "monthly"), recipients: team.filter((a) => checked(form, `to-${a.id}`)).map((a) => a.id) } } }),
    ),
    teamCard(team),
    keyCard(keyRes.ok ? keyRes.body : null),
  );
}

function themeCard(widget: { color?: string; position?: "left" | "right"; title?: { en?: string; "zh-CN"?: string } }) {
  const preview = h("div", { class: "theme-preview", role: "img" });
  const draw = (form: HTMLFormElement) => {
    const color = val(form, "color") || "#1d4ed8";
    const left = val(form, "position") === "left";
    clear(preview);
    preview.setAttribute("aria-label", t("settings.preview"));
    const panel = h("div", { class: "mock-panel" }, h("div", { class: "mock-head", text: val(form, "title-en") || "Chat" }), h("div", { class: "mock-bubble", text: t("settings.previewGreeting") }));
    const launcher = h("div", { class: "mock-launcher" });
    panel.style.setProperty(left ? "left" : "right", "8px");
    launcher.style.setProperty(left ? "left" : "right", "8px");
    (panel.firstChild as HTMLElement).style.background = color;
    launcher.style.background = color;
    preview.append(panel, launcher);
  };
  const form = card(
    "settings.theme",
    () => [
      ...input("color", t("settings.color"), { type: "color", value: widget.color ?? "#1d4ed8" }),
      h("label", { for: "position", text: t("settings.position") }),
      h("select", { id: "position", name: "position" }, ...(["right", "left"] as const).map((p) => h("option", { value: p, selected: (widget.position ?? "right") === p, text: t(`settings.${p}`) }))),
      ...LANGS.flatMap((l) => input(`title-${l}`, t("settings.widgetTitle", { locale: t(`locale.${l}`) }), { value: widget.title?.[l] ?? "", maxlength: 60 })),
      h("h4", { text: t("settings.preview") }),
      preview,
    ],
    (form) => {
      const title = Object.fromEntries(LANGS.map((l) => [l, val(form, `title-${l}`)]).filter(([, v]) => v));
      return api("/settings/widget", { method: "PUT", body: { color: val(form, "color"), position: val(form, "position"), title } });
    },
  );
  form.addEventListener("input", () => draw(form));
  draw(form);
  return form;
}

function cannedCard(initial: Canned[]) {
  const items = initial.map((c) => ({ ...c }));
  const list = h("ol", { class: "canned" });
  const draw = () => {
    clear(list);
    items.forEach((c, i) => {
      const id = (n: string) => `canned-${n}-${i}`;
      list.append(
        h(
          "li",
          {},
          h("label", { for: id("locale"), text: t("settings.cannedLocale") }),
          h("select", { id: id("locale"), onchange: (e: Event) => (c.locale = (e.target as HTMLSelectElement).value || undefined) }, h("option", { value: "", text: "—" }), ...LANGS.map((l) => h("option", { value: l, selected: c.locale === l, text: t(`locale.${l}`) }))),
          h("label", { for: id("title"), text: t("settings.cannedTitle") }),
          h("input", { id: id("title"), value: c.title, required: true, maxlength: 80, oninput: (e: Event) => (c.title = (e.target as HTMLInputElement).value) }),
          h("label", { for: id("text"), text: t("settings.cannedText", { placeholders: "{{name}}, {{order}}, {{agent}}" }) }),
          h("textarea", { id: id("text"), rows: 2, required: true, oninput: (e: Event) => (c.text = (e.target as HTMLTextAreaElement).value) }, c.text),
          h("button", { type: "button", class: "link", text: t("settings.remove"), onclick: () => (items.splice(i, 1), draw()) }),
        ),
      );
    });
  };
  draw();
  return card(
    "settings.canned",
    () => [list, h("button", { type: "button", text: t("settings.addCanned"), onclick: () => (items.push({ title: "", text: "", locale: undefined }), draw(), (list.lastElementChild?.querySelector("select") as HTMLElement | null)?.focus()) })],
    () => api("/settings/canned-responses", { method: "PUT", body: { cannedResponses: items.map((c) => ({ title: c.title.trim(), text: c.text.trim(), ...(c.locale ? { locale: c.locale } : {}) })) } }),
  );
}

function teamCard(team: { id: string; name: string; email: string; role: string }[]) {
  const status = h("p", { role: "status", class: "status" });
  const me = session.agent?.id;
  return card(
    "settings.team",
    () => [
      h(
        "ul",
        { class: "team" },
        ...team.map((a) =>
          h(
            "li",
            {},
            h("span", { text: `${a.name} · ${a.email}${a.id === me ? ` (${t("settings.you")})` : ""}` }),
            h(
              "select",
              {
                "aria-label": t("settings.roleOf", { name: a.name }),
                disabled: a.id === me || !may("team:write"),
                onchange: async (e: Event) => {
                  const res = await api(`/team/${a.id}`, { method: "PATCH", body: { role: (e.target as HTMLSelectElement).value } });
                  status.textContent = res.ok ? t("saved") : failure(res);
                },
              },
              ...ROLES.map((r) => h("option", { value: r, selected: a.role === r, text: t(`role.${r}`) })),
            ),
          ),
        ),
      ),
      h("h4", { text: t("settings.addMember") }),
      ...input("member-name", t("settings.name"), { maxlength: 120 }),
      ...input("member-email", t("email"), { type: "email" }),
      h("label", { for: "member-role", text: t("settings.role") }),
      h("select", { id: "member-role", name: "member-role" }, ...ROLES.map((r) => h("option", { value: r, text: t(`role.${r}`) }))),
      h(
        "button",
        {
          type: "button",
          text: t("settings.add"),
          onclick: async (e: Event) => {
            const form = (e.target as HTMLElement).closest("form")!;
            const res = await api("/team", { method: "POST", body: { name: val(form, "member-name"), email: val(form, "member-email"), role: val(form, "member-role") } });
            status.textContent = res.ok ? t("settings.newPassword", { email: res.body.agent.email, password: res.body.password ?? "" }) : failure(res);
          },
        },
      ),
      status,
    ],
    null,
  );
}

function keyCard(key: { prefix: string; active: boolean; lastChange: { at: string; action: string; actor: string } | null } | null) {
  const box = h("div", { class: "key" });
  const draw = (k: typeof key, fresh?: string) => {
    clear(box);
    if (!k) return;
    box.append(h("p", { text: k.active ? t("settings.keyActive", { prefix: k.prefix }) : t("settings.keyRevoked") }));
    if (k.lastChange) box.append(h("p", { class: "muted small", text: t("settings.keyLast", { action: k.lastChange.action, at: new Date(k.lastChange.at).toLocaleString(), actor: k.lastChange.actor }) }));
    if (fresh) box.append(h("p", { role: "alert", text: t("settings.newKey") }), h("code", { class: "secret", text: fresh }));
  };
  draw(key);
  const reload = async (fresh?: string) => draw((await api("/api-keys")).body, fresh);
  return card(
    "settings.keys",
    () => [
      box,
      may("keys:write")
        ? h(
            "div",
            { class: "actions" },
            h("button", { type: "button", text: t("settings.rotate"), onclick: async () => {
              const res = await api("/api-keys/rotate", { method: "POST" });
              if (res.ok) await reload(res.body.apiKey);
            } }),
            h("button", { type: "button", class: "danger", text: t("settings.revoke"), onclick: async () => {
              if ((await api("/api-keys/revoke", { method: "POST" })).ok) await reload();
            } }),
          )
        : null,
    ],
    null,
  );
}
