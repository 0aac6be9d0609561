import type { Prisma } from "../../db/generated/client.ts";
import type { RiskSettings } from "../merchants/settings.ts";
import { assessOrder, type RiskHistory, type RiskOrder, type SignalKind } from "./facts.ts";
import { pointsAtRing, RING_LINKS, type Risk } from "./score.ts";

type Tx = Prisma.TransactionClient;

/** Orders the shop's typical value is taken from, and how many it needs before it trusts the median. */
const TYPICAL_SAMPLE = 200;
const TYPICAL_MIN = 20;

/**
 * Risk scoring over the database, called by OrdersService inside the order's own
 * transaction (risk changes orders only through the orders service): it reads the
 * history, scores, and after the order row exists records the order's signals.
 */
export class RiskService {
  constructor(
    /** Keys the hashes of contact details kept in RiskSignal. */
    private readonly hashKey: string,
  ) {}

  async assess(tx: Tx, merchantId: string, order: RiskOrder, settings: RiskSettings, now = new Date()) {
    if (!settings.enabled) return { risk: { score: 0, level: "low", reasons: [] } satisfies Risk, record: async () => undefined };
    const assessed = await assessOrder(order, databaseHistory(tx, merchantId, order.email), settings, `${this.hashKey}:${merchantId}`, now);
    return {
      risk: assessed.risk,
      /** Keeps the order's signals so later orders count it (call once the order row exists). */
      record: async (orderId: string, number: string) => {
        await tx.riskSignal.createMany({
          data: assessed.signals.map((s) => ({ merchantId, orderId, kind: s.kind, valueHash: s.valueHash, emailHash: assessed.emailHash, at: now })),
        });
        if (pointsAtRing(assessed.risk)) await this.holdRing(tx, merchantId, orderId, number, assessed.signals, now);
      },
    };
  }

  /**
   * Holds the earlier orders of a ring (same email, phone, address or device within a day)
   * that still await payment, with the held order named in their history. Conditional on
   * pending_payment, so a payment landing at the same moment wins or loses cleanly.
   */
  private async holdRing(tx: Tx, merchantId: string, orderId: string, number: string, signals: { kind: string; valueHash: string }[], now: Date) {
    const links = signals.filter((s) => (RING_LINKS as readonly string[]).includes(s.kind));
    if (links.length === 0) return;
    const since = new Date(now.getTime() - RING_WINDOW_MS);
    const siblings = await tx.riskSignal.findMany({
      where: { merchantId, at: { gte: since }, orderId: { not: orderId }, OR: links.map((s) => ({ kind: s.kind, valueHash: s.valueHash })) },
      distinct: ["orderId"],
      select: { orderId: true },
      // One lock order for every transaction that holds a ring: no deadlock between two of them.
      orderBy: { orderId: "asc" },
      take: 100,
    });
    for (const { orderId: sibling } of siblings) {
      const moved = await tx.order.updateMany({
        where: { id: sibling, merchantId, status: "pending_payment" },
        data: { status: "on_hold", payBy: null, riskLevel: "high", riskReasons: { push: "ring:linked_to_held_order" } },
      });
      if (moved.count) await tx.payment.updateMany({ where: { orderId: sibling, status: "pending" }, data: { status: "expired" } });
      if (moved.count) await tx.orderStatusChange.create({ data: { orderId: sibling, fromStatus: "pending_payment", status: "on_hold", actor: "system:risk", note: `linked to held order ${number}` } });
    }
  }
}

/** How far back a ring's earlier orders are looked for. */
const RING_WINDOW_MS = 24 * 60 * 60_000;

function databaseHistory(tx: Tx, merchantId: string, email: string): RiskHistory {
  return {
    count: (kind: SignalKind, valueHash, since) => tx.riskSignal.count({ where: { merchantId, kind, valueHash, at: { gte: since } } }),
    async otherEmails(kind, valueHash, emailHash, since) {
      const rows = await tx.riskSignal.findMany({
        where: { merchantId, kind, valueHash, at: { gte: since }, emailHash: { not: emailHash } },
        distinct: ["emailHash"],
        select: { emailHash: true },
        take: 100,
      });
      return rows.length;
    },
    // Orders from before risk scoring existed count too: the email is at hand here.
    async firstOrderAt() {
      const first = await tx.order.findFirst({ where: { merchantId, customerEmail: email.trim().toLowerCase() }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
      return first?.createdAt ?? null;
    },
    async failedPayments(_emailHash, deviceHash, since) {
      const deviceOrders = deviceHash
        ? (await tx.riskSignal.findMany({ where: { merchantId, kind: "device", valueHash: deviceHash, at: { gte: since } }, select: { orderId: true }, take: 500 })).map((r) => r.orderId)
        : [];
      return tx.payment.count({
        where: {
          merchantId,
          status: "failed",
          createdAt: { gte: since },
          OR: [{ order: { customerEmail: email.trim().toLowerCase() } }, ...(deviceOrders.length ? [{ orderId: { in: deviceOrders } }] : [])],
        },
      });
    },
    async typicalTotal() {
      const rows = await tx.order.findMany({ where: { merchantId }, orderBy: { createdAt: "desc" }, take: TYPICAL_SAMPLE, select: { totalAmount: true } });
      if (rows.length < TYPICAL_MIN) return null;
      const totals = rows.map((r) => r.totalAmount).sort((a, b) => a - b);
      return totals[Math.floor(totals.length / 2)]!;
    },
  };
}
