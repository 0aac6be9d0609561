/**
 * Output guards for model-written replies (OWASP LLM05 improper output handling, LLM02
 * sensitive information disclosure, LLM07 system prompt leakage). A reply is plain text:
 * markup is dropped, links survive only to allowed hosts (or the shop's own help pages),
 * and every price, order number, email or phone in it must have come from a tool result
 * of this turn (order numbers, emails and phones also from the shopper's own words; prices
 * never, and never ¥0). A reply that fails is not shown at all: the
 * caller answers with the local engine instead.
 */

/** What the tools returned this turn: the only facts a reply may state. */
export interface Grounding {
  /** Money amounts in major units, normalised by `amountKey`. */
  amounts: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
  /** Phone numbers, digits only. */
  phones: Set<string>;
  /** Hosts links may point to (besides relative /help/ links). */
  hosts: Set<string>;
}

export const emptyGrounding = (hosts: Iterable<string> = []): Grounding => ({
  amounts: new Set(),
  orderNumbers: new Set(),
  emails: new Set(),
  phones: new Set(),
  hosts: new Set([...hosts].map((h) => h.toLowerCase())),
});

export type GuardResult = { ok: true; text: string } | { ok: false; reason: "ungrounded_price" | "unknown_order" | "personal_data" | "prompt_leak" | "empty" };

const MAX_REPLY_CHARS = 1500;

const CURRENCY_BEFORE = String.raw`(?:CN¥|US\$|HK\$|[¥￥$€£]|\b(?:RMB|CNY|USD|EUR|HKD)\s?)`;
const NUMBER = String.raw`(\d[\d,，]*(?:\.\d+)?)`;
const CURRENCY_AFTER = String.raw`\s?(?:元|块钱|块|(?:RMB|CNY|USD|EUR|HKD|yuan|dollars?|bucks)\b)`;
const MONEY = new RegExp(`${CURRENCY_BEFORE}\\s?${NUMBER}|${NUMBER}${CURRENCY_AFTER}`, "giu");
const ORDER_NUMBER = /\b[A-Z]{2}\d{6}\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?<![\d\w])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)|\+\d{1,3}[\s-]?\d[\d\s-]{6,}\d/g;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>()[\]"'，。）」]+|(?<![\w/])\/help\/[\w/.-]+|\b(?:javascript|data|vbscript):[^\s]*/gi;
const MARKDOWN_LINK = /!?\[([^\]\n]{0,200})\]\(([^)\s]{0,500})\)/g;
const TAG = /<\/?[a-z][^>]*>/gi;

/** "1,299.00" / "1299" -> "1299.00", so amounts compare however they are written. */
export function amountKey(text: string | number): string {
  const n = typeof text === "number" ? text : Number(text.replace(/[,，]/g, ""));
  return Number.isFinite(n) ? n.toFixed(2) : "";
}

/**
 * Adds every fact a piece of tool output contains (amounts named with a currency, order numbers, emails, phones, hosts).
 * `amounts: false` for text that may not vouch for a price (the shopper's own words).
 */
export function learnFrom(grounding: Grounding, text: string, options: { amounts?: boolean } = {}): void {
  if (options.amounts !== false) for (const m of text.matchAll(MONEY)) grounding.amounts.add(amountKey(m[1] ?? m[2] ?? ""));
  for (const m of text.matchAll(ORDER_NUMBER)) grounding.orderNumbers.add(m[0]);
  for (const m of text.matchAll(EMAIL)) grounding.emails.add(m[0].toLowerCase());
  for (const m of text.matchAll(PHONE)) grounding.phones.add(digits(m[0]));
}

/**
 * Makes a model reply safe to show, or says why it cannot be shown. `secrets` are strings
 * from the instructions that must never appear in a reply (a canary, the instructions):
 * see `leaks`. A zero price is never grounded: the shop says "free" in words, and a "¥0"
 * is what a poisoned article or product asks a model to say.
 */
export function guardReply(raw: string, grounding: Grounding, secrets: string[] = []): GuardResult {
  if (leaks(raw, secrets)) return { ok: false, reason: "prompt_leak" };
  let text = raw
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(MARKDOWN_LINK, (_, label: string, href: string) => (allowedLink(href, grounding) ? `${label} (${href})` : label))
    .replace(TAG, "")
    .replace(LINK, (link) => (allowedLink(link, grounding) ? link : ""))
    .replace(/\[(?:\d{1,2})\]/g, "")
    .replace(/\*\*([^*\n]+)\*\*/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([,.，。!?！？])/g, "$1")
    .trim();
  if (!text) return { ok: false, reason: "empty" };
  // Markup or extra spaces between the words of a leak are gone now.
  if (leaks(text, secrets)) return { ok: false, reason: "prompt_leak" };
  if (text.length > MAX_REPLY_CHARS) text = `${text.slice(0, MAX_REPLY_CHARS - 1)}…`;
  for (const m of text.matchAll(MONEY)) {
    const amount = amountKey(m[1] ?? m[2] ?? "");
    if (Number(amount) === 0 || !grounding.amounts.has(amount)) return { ok: false, reason: "ungrounded_price" };
  }
  for (const m of text.matchAll(ORDER_NUMBER)) if (!grounding.orderNumbers.has(m[0])) return { ok: false, reason: "unknown_order" };
  for (const m of text.matchAll(EMAIL)) if (!grounding.emails.has(m[0].toLowerCase())) return { ok: false, reason: "personal_data" };
  for (const m of text.matchAll(PHONE)) if (!grounding.phones.has(digits(m[0]))) return { ok: false, reason: "personal_data" };
  return { ok: true, text };
}

/** Secrets are compared without whitespace, invisible characters or case; a long one in overlapping runs of this many characters. */
const LEAK_RUN = 40;
const squash = (s: string) => s.replace(/[\s\p{Cf}]/gu, "").toLowerCase();

/** Whether the text repeats a secret, or any run of a long one (a leak of the instructions need not start at their start). */
function leaks(text: string, secrets: string[]): boolean {
  const flat = squash(text);
  return secrets.some((secret) => {
    const s = squash(secret);
    if (!s) return false;
    if (s.length <= LEAK_RUN) return flat.includes(s);
    for (let i = 0; i + LEAK_RUN <= s.length; i += LEAK_RUN / 2) if (flat.includes(s.slice(i, i + LEAK_RUN))) return true;
    return flat.includes(s.slice(-LEAK_RUN));
  });
}

/** Chinese text for a Chinese reader, English for an English one (names and numbers aside). */
export function inLanguage(text: string, locale: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]{2,}/g)?.join("").length ?? 0;
  return locale === "zh-CN" ? han > 0 : han <= latin;
}

function allowedLink(link: string, grounding: Grounding): boolean {
  if (/^\/help\/[\w/.-]+$/.test(link)) return true;
  try {
    const url = new URL(link.startsWith("www.") ? `https://${link}` : link);
    return (url.protocol === "https:" || url.protocol === "http:") && grounding.hosts.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * Streams a reply while the model writes it, through the same guard: the draft grows only
 * at word or sentence boundaries (so a link or a price is judged whole), and stops for
 * good the moment the text so far would not pass. The stored final message replaces it.
 */
export class DraftStream {
  private raw = "";
  private shown = "";
  private stopped = false;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly grounding: Grounding,
    private readonly secrets: string[],
  ) {}

  push(delta: string): void {
    if (this.stopped) return;
    this.raw += delta;
    const boundary = lastBoundary(this.raw);
    if (boundary <= 0) return;
    const checked = guardReply(this.raw.slice(0, boundary), this.grounding, this.secrets);
    if (!checked.ok) {
      if (checked.reason !== "empty") this.stopped = true;
      return;
    }
    if (checked.text.length > this.shown.length) {
      this.shown = checked.text;
      this.emit(this.shown);
    }
  }

  /** The model turned to tools after writing something: start the draft afresh. */
  reset(): void {
    this.raw = "";
    if (this.shown) this.emit("");
    this.shown = "";
  }
}

/** The end of the last complete word: whitespace, or after a CJK character or punctuation. */
function lastBoundary(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i]!;
    if (/\s/.test(c)) return i;
    if (/[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\u4E00-\u9FFF]/.test(c)) return i + 1;
  }
  return 0;
}
