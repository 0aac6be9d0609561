/**
 * Tiny DOM helpers for the browser apps. Text always goes in as text (textContent), never
 * as HTML: shopper, agent, article and model output is rendered inert.
 */
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | number | ((event: Event) => void) | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, "").toLowerCase(), value as EventListener);
    else if (key === "class") el.className = String(value);
    else if (key === "text") el.textContent = String(value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** Only http(s) links are ever made clickable. */
export function safeHref(url: string, base = location.origin): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function clear(el: Element) {
  while (el.firstChild) el.firstChild.remove();
}

/** A button that looks like a link (language switches, sign-out). */
export function linkButton(text: string, onclick: () => void) {
  return h("button", { type: "button", class: "link", text, onclick });
}
