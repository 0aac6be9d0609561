import type { PrismaClient } from "../../db/generated/client.ts";
import type { Logger } from "../../logger.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentNotices } from "./notices.ts";
import type { PaymentsService } from "./payments.service.ts";
import type { RefundsService } from "./refunds.service.ts";

/**
 * The time-driven side of payments. Both jobs derive their work from the database, so a
 * restart (or the in-process runner losing its timers) loses nothing: the next sweep finds
 * every order past its window and every payment still open.
 */
export class PaymentJobs {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly notices: PaymentNotices,
    private readonly log: Logger,
  ) {}

  /** Cancels one order if its window has ended and it is still unpaid (the delayed per-order job). */
  async expire(orderId: string, now = new Date()): Promise<boolean> {
    const order = await this.orders.expireUnpaid(orderId, now);
    if (order) await this.notices.expired(order.id);
    return Boolean(order);
  }

  /** Every unpaid order past its window, across merchants (each with its own window, fixed at ordering). */
  async sweepExpired(now = new Date(), batch = 100): Promise<number> {
    let cancelled = 0;
    for (;;) {
      const due = await this.prisma.order.findMany({ where: { status: "pending_payment", payBy: { lte: now } }, select: { id: true }, orderBy: { payBy: "asc" }, take: batch });
      for (const { id } of due) if (await this.expire(id, now)) cancelled++;
      if (due.length < batch) break;
    }
    if (cancelled) this.log.info({ cancelled }, "expired unpaid orders");
    return cancelled;
  }

  /** Asks providers about payments still open, and retries automatic refunds that failed. */
  async reconcile(now = new Date()) {
    const result = await this.payments.reconcilePending(now);
    const lateRefunds = await this.refunds.retryLateRefunds();
    return { ...result, lateRefunds };
  }
}
