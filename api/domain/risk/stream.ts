import type { RiskHistory, RiskOrder, SignalKind } from "./facts.ts";

/**
 * A seeded stream of orders for measuring risk scoring (npm run risk:eval): a week of a
 * shop's normal orders, with the honest oddities real shoppers have (gifts shipped to
 * someone else, families sharing an address, office and carrier networks shared by many,
 * an occasional large first order, a failed payment or two), mixed with fraud rings of
 * five kinds seen in practice: card testing, reshipping bursts, stolen-identity big
 * orders, coupon farms and address farms. Each order is labelled; the scorer never sees
 * the label.
 */

export interface StreamOrder extends RiskOrder {
  at: Date;
  fraud: boolean;
  pattern: string;
  /** Payment attempts that fail after the order is placed (only if it is not held). */
  failedAttempts: number;
}

/** mulberry32: small, fast, good enough for test data, and the same for a seed everywhere. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const FREE_MAIL = ["gmail.com", "qq.com", "163.com", "outlook.com", "126.com", "icloud.com"];
const DISPOSABLE = ["mailinator.com", "yopmail.com", "guerrillamail.com", "10minutemail.com", "temp-mail.org"];
const SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Smith", "Brown", "Garcia", "Müller", "Tanaka"];
const GIVEN = ["Fang", "Wei", "Min", "Jing", "Lei", "Yan", "Tao", "Anna", "Ben", "Chloe", "David", "Emma", "Hiro", "Lucas"];
const CITIES = ["Hangzhou", "Shanghai", "Beijing", "Shenzhen", "Chengdu", "Wuhan", "Nanjing", "Xi'an"];

export function generateStream(seed: number, options: { customers?: number; rings?: number; start?: Date } = {}): StreamOrder[] {
  const random = rng(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  /** Order values around the shop's typical ¥150 (log-normal). */
  const value = (median = 15_000, spread = 0.6) => Math.max(990, Math.round(median * Math.exp(spread * normal())));
  const normal = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
  const start = (options.start ?? new Date("2026-11-01T00:00:00Z")).getTime();
  const span = 7 * DAY;
  let serial = 0;
  const person = () => {
    const id = ++serial;
    const name = `${pick(GIVEN)} ${pick(SURNAMES)}`;
    return {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}${id}@${pick(FREE_MAIL)}`,
      phone: `+86 13${int(0, 9)} ${String(int(0, 9999)).padStart(4, "0")} ${String(id % 10000).padStart(4, "0")}`,
      address: { line1: `${int(1, 999)} ${pick(["Wensan", "Nanjing", "Huaihai", "Renmin", "Jiefang", "Zhongshan"])} Road, unit ${id}`, city: pick(CITIES), country: "CN" },
      device: `dev-${id}-${Math.floor(random() * 1e9).toString(36)}`,
      client: `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
    };
  };
  const sharedNetworks = Array.from({ length: 25 }, (_, i) => `100.64.${i}.1`);
  const orders: StreamOrder[] = [];

  // Normal shoppers.
  const customers = options.customers ?? 2500;
  for (let i = 0; i < customers; i++) {
    const p = person();
    if (chance(0.35)) p.client = pick(sharedNetworks); // office or carrier network shared with many
    const count = chance(0.7) ? 1 : chance(0.7) ? 2 : int(3, 5);
    const family = chance(0.04) && orders.length ? orders[Math.floor(random() * orders.length)]! : null;
    let at = start + random() * span;
    for (let k = 0; k < count; k++) {
      const gift = chance(0.06);
      const big = k === 0 && chance(0.02);
      const address = family && !family.fraud ? { ...family.shippingAddress } : { name: p.name, phone: p.phone, ...p.address };
      orders.push({
        at: new Date(at),
        fraud: false,
        pattern: gift ? "normal:gift" : big ? "normal:big_first" : family ? "normal:family" : "normal",
        email: p.email,
        name: p.name,
        phone: p.phone,
        shippingAddress: gift ? { name: `${pick(GIVEN)} ${pick(SURNAMES)}`, phone: `+86 139 ${int(1000, 9999)} ${int(1000, 9999)}`, line1: `${int(1, 999)} Gift Street`, city: pick(CITIES), country: "CN" } : address,
        total: big ? value(15_000 * 10, 0.3) : value(),
        clientAddress: chance(0.15) ? pick(sharedNetworks) : p.client,
        deviceToken: chance(0.1) ? `${p.device}-phone` : p.device,
        couponCode: chance(0.1) ? "WELCOME10" : null,
        failedAttempts: chance(0.03) ? 1 : chance(0.006) ? 2 : 0,
      });
      // Most repeat orders come days later; a few the same day.
      at += chance(0.1) ? random() * 3 * 3_600_000 : random() * 3 * DAY;
    }
  }

  // Fraud rings.
  const rings = options.rings ?? 60;
  for (let r = 0; r < rings; r++) {
    const kind = pick(["card_testing", "reshipping", "stolen_identity", "coupon_farm", "address_farm"] as const);
    const device = `dev-fraud-${r}`;
    const client = chance(0.5) ? pick(sharedNetworks) : `45.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
    const drop = { name: `${pick(GIVEN)} ${pick(SURNAMES)}`, phone: `+86 15${int(0, 9)} ${int(1000, 9999)} ${int(1000, 9999)}`, line1: `${int(1, 999)} Warehouse Road, bay ${r}`, city: pick(CITIES), country: "CN" };
    let at = start + random() * span;
    const n = kind === "stolen_identity" ? 1 : kind === "reshipping" ? int(3, 6) : int(4, 9);
    const mule = person();
    for (let k = 0; k < n; k++) {
      const fresh = person();
      const disposable = chance(kind === "coupon_farm" ? 0.7 : 0.5);
      const email = kind === "reshipping" ? mule.email : disposable ? `${fresh.name.toLowerCase().replace(/\W+/g, "")}${int(100, 999)}@${pick(DISPOSABLE)}` : fresh.email;
      const base = {
        at: new Date(at),
        fraud: true,
        pattern: `fraud:${kind}`,
        email,
        name: kind === "reshipping" ? mule.name : fresh.name,
        phone: kind === "reshipping" ? mule.phone : fresh.phone,
        clientAddress: client,
        deviceToken: device,
        couponCode: null as string | null,
        failedAttempts: 0,
      };
      if (kind === "card_testing") {
        orders.push({ ...base, shippingAddress: chance(0.6) ? drop : { name: fresh.name, phone: fresh.phone, ...fresh.address }, total: value(4_000, 0.5), failedAttempts: int(1, 4) });
      } else if (kind === "reshipping") {
        orders.push({ ...base, shippingAddress: drop, total: value(15_000 * 5, 0.4) });
      } else if (kind === "stolen_identity") {
        orders.push({ ...base, shippingAddress: drop, total: value(15_000 * 12, 0.4), failedAttempts: int(0, 2) });
      } else if (kind === "coupon_farm") {
        orders.push({ ...base, shippingAddress: chance(0.7) ? drop : { name: fresh.name, phone: fresh.phone, ...fresh.address }, total: value(9_000, 0.3), couponCode: "NEWUSER50" });
      } else {
        orders.push({ ...base, deviceToken: chance(0.5) ? device : fresh.device, clientAddress: chance(0.5) ? client : fresh.client, shippingAddress: { ...drop, name: fresh.name, phone: fresh.phone }, total: value(15_000 * 3, 0.5) });
      }
      at += random() * (kind === "address_farm" ? 2 * 3_600_000 : 12 * 60_000);
    }
  }
  return orders.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The history as the stream has built it so far: what RiskService reads from the database, kept in maps. */
export class MemoryHistory implements RiskHistory {
  private readonly signals = new Map<string, { emailHash: string; at: number; index: number }[]>();
  private readonly emails = new Map<string, number>();
  private readonly failures: { emailHash: string; deviceHash: string | null; at: number }[] = [];
  private readonly totals: number[] = [];

  async count(kind: SignalKind, valueHash: string, since: Date) {
    return (this.signals.get(`${kind}|${valueHash}`) ?? []).filter((s) => s.at >= since.getTime()).length;
  }
  async otherEmails(kind: SignalKind, valueHash: string, emailHash: string, since: Date) {
    return new Set((this.signals.get(`${kind}|${valueHash}`) ?? []).filter((s) => s.at >= since.getTime() && s.emailHash !== emailHash).map((s) => s.emailHash)).size;
  }
  async firstOrderAt(emailHash: string) {
    const at = this.emails.get(emailHash);
    return at === undefined ? null : new Date(at);
  }
  async failedPayments(emailHash: string, deviceHash: string | null, since: Date) {
    return this.failures.filter((f) => f.at >= since.getTime() && (f.emailHash === emailHash || (deviceHash !== null && f.deviceHash === deviceHash))).length;
  }
  async typicalTotal() {
    const recent = this.totals.slice(-200);
    if (recent.length < 20) return null;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** Earlier orders (their stream index) sharing one of these signals since `since`: a ring's orders. */
  linked(signals: { kind: SignalKind; valueHash: string }[], kinds: readonly string[], since: Date): Set<number> {
    const found = new Set<number>();
    for (const s of signals) {
      if (!kinds.includes(s.kind)) continue;
      for (const e of this.signals.get(`${s.kind}|${s.valueHash}`) ?? []) if (e.at >= since.getTime()) found.add(e.index);
    }
    return found;
  }

  record(signals: { kind: SignalKind; valueHash: string }[], emailHash: string, total: number, at: Date, index = -1) {
    for (const s of signals) {
      const key = `${s.kind}|${s.valueHash}`;
      const list = this.signals.get(key) ?? [];
      list.push({ emailHash, at: at.getTime(), index });
      this.signals.set(key, list);
    }
    if (!this.emails.has(emailHash)) this.emails.set(emailHash, at.getTime());
    this.totals.push(total);
  }

  failed(emailHash: string, deviceHash: string | null, at: Date) {
    this.failures.push({ emailHash, deviceHash, at: at.getTime() });
  }
}
