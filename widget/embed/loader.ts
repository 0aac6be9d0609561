/**
 * /widget.js: the only script a shop embeds. It draws the launcher in a shadow root and
 * defines window.ChatWidget; the conversation UI (and Socket.IO) load on first open.
 * <script src="https://HOST/widget.js" data-widget-key="wk_…" data-locale="zh-CN" async></script>
 */
import { localeOf, strings, type WidgetLocale } from "./strings.ts";
import { icon } from "../shared/icons.ts";

/** Where the widget app lives: /widget/app.js, or its content-hashed file in a production build. */
declare const __WIDGET_APP_PATH__: string;

export interface WidgetConfig {
  name: string;
  locales: string[];
  defaultLocale: string;
  theme: { color: string; textColor: string; position: "left" | "right"; title?: Partial<Record<WidgetLocale, string>>; avatar?: string | null };
}

export interface Host {
  root: ShadowRoot;
  origin: string;
  widgetKey: string;
  locale: WidgetLocale;
  config: WidgetConfig;
  launcher: HTMLButtonElement;
  badge: HTMLSpanElement;
  listeners: Map<string, Set<(data: unknown) => void>>;
  identity?: { customerId: string; email?: string; hmac: string };
  /** A referral partner's code: the tag's data-ref, else the page's ?ref= (attributes sessions and orders). */
  ref?: string;
}

type Emit = (event: string, data?: unknown) => void;
type App = { open(): void; close(): void; identify(id: Host["identity"]): void; setLocale(l: WidgetLocale): void };

const script = document.currentScript as HTMLScriptElement | null;
const origin = new URL(script?.src ?? location.href).origin;
const widgetKey = script?.dataset.widgetKey ?? "";
let app: App | null = null;
let loading: Promise<App> | null = null;

const ref = (script?.dataset.ref ?? new URLSearchParams(location.search).get("ref") ?? "").slice(0, 40) || undefined;
const host: Partial<Host> = { origin, widgetKey, listeners: new Map(), locale: localeOf(script?.dataset.locale ?? navigator.language), ref };

function emit(event: string, data?: unknown) {
  for (const fn of host.listeners!.get(event) ?? []) {
    try {
      fn(data);
    } catch {
      // a host page's listener must not break the widget
    }
  }
}

async function load(): Promise<App> {
  loading ??= import(/* @vite-ignore */ `${origin}${__WIDGET_APP_PATH__}`).then((mod: { mount(host: Host, emit: Emit): App }) => (app = mod.mount(host as Host, emit)));
  return loading;
}

async function start() {
  const res = await fetch(`${origin}/api/v1/widget/config?widgetKey=${encodeURIComponent(widgetKey)}`);
  if (!res.ok) return;
  const config = (await res.json()) as WidgetConfig;
  // The page's (or browser's) language when the shop speaks it, else the shop's own.
  if (!config.locales.includes(host.locale!)) host.locale = localeOf(config.defaultLocale);
  host.config = config;
  const el = document.createElement("div");
  el.id = "shopchat-widget";
  document.body.append(el);
  const root = el.attachShadow({ mode: "open" });
  host.root = root;
  const style = document.createElement("style");
  const side = config.theme.position === "left" ? "left" : "right";
  style.textContent = `:host{all:initial}.launcher{position:fixed;${side}:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:none;cursor:pointer;background:${config.theme.color};color:${config.theme.textColor};box-shadow:0 4px 16px #0003;z-index:2147483000;display:grid;place-items:center;font:600 24px system-ui}.launcher:focus-visible{outline:3px solid #111;outline-offset:3px}.badge{position:absolute;top:-4px;${side === "right" ? "left" : "right"}:-4px;min-width:20px;height:20px;border-radius:10px;background:#b91c1c;color:#fff;font:600 12px/20px system-ui;padding:0 5px}.badge[hidden]{display:none}`;
  const launcher = document.createElement("button");
  launcher.className = "launcher";
  launcher.type = "button";
  launcher.setAttribute("aria-label", strings[host.locale!].open);
  launcher.setAttribute("aria-expanded", "false");
  // An inline SVG speech bubble: no emoji font needed.
  launcher.append(icon("chat", { size: 26, filled: true }));
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.hidden = true;
  launcher.append(badge);
  launcher.addEventListener("click", () => void (launcher.getAttribute("aria-expanded") === "true" ? app?.close() : load().then((a) => a.open())));
  root.append(style, launcher);
  host.launcher = launcher;
  host.badge = badge;
  emit("ready");
}

/** The page's API; calls made before the app has loaded are carried out once it has. */
(window as unknown as { ChatWidget: unknown }).ChatWidget = {
  open: () => void load().then((a) => a.open()),
  close: () => app?.close(),
  identify: (identity: Host["identity"]) => {
    host.identity = identity;
    app?.identify(identity);
  },
  setLocale: (locale: string) => {
    host.locale = localeOf(locale);
    app?.setLocale(host.locale);
    host.launcher?.setAttribute("aria-label", strings[host.locale].open);
  },
  on: (event: string, fn: (data: unknown) => void) => {
    const set = host.listeners!.get(event) ?? new Set();
    set.add(fn);
    host.listeners!.set(event, set);
    return () => set.delete(fn);
  },
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();
