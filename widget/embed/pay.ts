import { h, safeHref } from "../shared/dom.ts";
import { strings, type WidgetLocale } from "./strings.ts";
import { interpolate } from "../shared/i18n.ts";

type Block = { type: string; [key: string]: unknown };

/** Under this much time left, a pending payment turns yellow (a warning). */
const NEAR_EXPIRY_MS = 5 * 60_000;

/**
 * The pay block: a button to the pay page, a QR code for phones, the amount and the time
 * left. Its status changes live when a `payment_status` message for the same payment
 * arrives (see `applyPaymentStatus`).
 */
export function renderPayBlock(block: Block, locale: WidgetLocale, origin: string): HTMLElement {
  const t = strings[locale];
  const href = safeHref(String(block.payUrl ?? ""), origin);
  const qr = typeof block.qr === "string" && block.qr.startsWith("data:image/") ? block.qr : null;
  const expiresAt = Date.parse(String(block.expiresAt ?? ""));
  const left = h("span", { class: "left" });
  const status = h("div", { class: "pay-status", role: "status" });
  const box = h(
    "div",
    { class: "pay yellow", "data-payment-id": String(block.paymentId ?? ""), "data-status": String(block.status ?? "pending") },
    h("div", { class: "price", text: `${t.toPay}: ${String(block.amountText ?? "")}` }),
    left,
    status,
    href ? h("a", { class: "pay-button", href, target: "_blank", rel: "noopener noreferrer", text: t.payNow }) : null,
    qr ? h("img", { class: "qr", src: qr, alt: t.scanToPay }) : null,
    qr ? h("small", { class: "scan", text: t.scanToPay }) : null,
  );
  const tick = () => {
    if (box.dataset.status !== "pending") return;
    const ms = expiresAt - Date.now();
    if (!Number.isFinite(ms)) return;
    if (ms <= 0) return setStatus(box, "expired", t.payExpired, "yellow");
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.floor((ms % 60_000) / 1000);
    left.textContent = interpolate(t.timeLeft, { time: `${minutes}:${String(seconds).padStart(2, "0")}` });
    box.className = `pay ${ms < NEAR_EXPIRY_MS ? "yellow near" : "blue"}`;
    setTimeout(tick, 1000);
  };
  if (block.status && block.status !== "pending") setStatus(box, String(block.status), statusText(t, String(block.status)), toneOf(String(block.status)));
  else tick();
  return box;
}

/** A payment's new status, applied to every pay block of that payment already on screen. */
export function applyPaymentStatus(root: ParentNode, block: Block, locale: WidgetLocale) {
  const t = strings[locale];
  const id = String(block.paymentId ?? "");
  const status = String(block.status ?? "");
  for (const box of root.querySelectorAll<HTMLElement>(`.pay[data-payment-id="${CSS.escape(id)}"]`)) {
    setStatus(box, status, statusText(t, status), toneOf(status));
  }
}

/** The status line inside a chat message about a payment (paid, failed, refunded…). */
export function renderPaymentStatus(block: Block, locale: WidgetLocale): HTMLElement {
  const status = String(block.status ?? "");
  return h("div", { class: `payment-status tone-${toneOf(status)}`, "data-payment-status": status, text: statusText(strings[locale], status) });
}

function setStatus(box: HTMLElement, status: string, text: string, tone: string) {
  box.dataset.status = status;
  box.className = `pay ${tone}`;
  const line = box.querySelector<HTMLElement>(".pay-status");
  if (line) line.textContent = text;
  const left = box.querySelector<HTMLElement>(".left");
  if (left) left.textContent = "";
  if (status !== "pending") box.querySelectorAll(".pay-button, .qr, .scan").forEach((el) => el.remove());
}

type Strings = (typeof strings)[WidgetLocale];

function statusText(t: Strings, status: string): string {
  if (status === "succeeded") return t.paid;
  if (status === "failed") return t.payFailed;
  if (status === "expired") return t.payExpired;
  if (status === "refunded" || status === "partially_refunded") return t.refunded;
  return "";
}

const toneOf = (status: string) => (status === "succeeded" ? "green" : status === "failed" ? "red" : status === "refunded" || status === "partially_refunded" ? "blue" : "yellow");
