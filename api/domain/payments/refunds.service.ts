import type { PrismaClient, Payment as PaymentRow, Refund as RefundRow } from "../../db/generated/client.ts";
import type { ProviderName, Refund } from "../../contracts/payments.ts";
import { notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import { nothingPaid, providerFailed, refundTooLarge } from "./errors.ts";
import type { PaymentNotices } from "./notices.ts";
import type { PaymentsService } from "./payments.service.ts";
import { TX_OPTIONS } from "./payments.service.ts";

/** Order statuses from which a whole refund moves the order to `refunded`. */
const REFUNDABLE_ORDER_STATUSES = ["paid", "processing", "shipped", "delivered", "completed", "refund_requested"] as const;

/**
 * Refunds through the payment's provider, never more than was paid: the amount is first
 * reserved on the payment by one conditional UPDATE (refundedAmount + x <= amount), so
 * concurrent refunds cannot add up past it; a provider failure gives the reservation back.
 */
export class RefundsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly payments: PaymentsService,
    private readonly notices: PaymentNotices,
    private readonly log: Logger,
  ) {}

  /** Refunds `amount` (default: everything still refundable) of an order's payments. */
  async refund(merchantId: string, orderId: string, input: { amount?: number; reason: string }, actor: string): Promise<Refund[]> {
    const order = await this.prisma.order.findFirst({ where: { id: orderId, merchantId }, select: { id: true } });
    if (!order) throw notFound("orders", "order");
    const paid = await this.prisma.payment.findMany({ where: { orderId, merchantId, status: { in: ["succeeded", "partially_refunded"] } }, orderBy: { paidAt: "asc" } });
    const refundable = paid.reduce((sum, p) => sum + p.amount - p.refundedAmount, 0);
    if (refundable === 0) throw nothingPaid();
    const wanted = input.amount ?? refundable;
    if (wanted > refundable) throw refundTooLarge(refundable);
    const done: Refund[] = [];
    let left = wanted;
    for (const payment of paid) {
      if (left === 0) break;
      const part = Math.min(left, payment.amount - payment.refundedAmount);
      if (part <= 0) continue;
      done.push(await this.refundPayment(payment, part, input.reason, actor, false));
      left -= part;
    }
    return done;
  }

  /** Money that landed after the order was cancelled or expired goes back in full, automatically. */
  async refundLate(payment: PaymentRow) {
    try {
      await this.refundPayment(payment, payment.amount - payment.refundedAmount, "payment arrived after the order was cancelled", "system", true);
    } catch (error) {
      this.log.error({ err: error, paymentId: payment.id }, "refunding a late payment failed: the reconciliation job tries again");
    }
  }

  /** Late payments whose automatic refund failed earlier (run by the reconciliation job). */
  async retryLateRefunds(limit = 20) {
    const rows = await this.prisma.payment.findMany({
      where: { status: "succeeded", order: { status: { in: ["cancelled", "refunded"] } }, refundedAmount: 0 },
      take: limit,
    });
    for (const row of rows) await this.refundLate(row);
    return rows.length;
  }

  private async refundPayment(payment: PaymentRow, amount: number, reason: string, actor: string, late: boolean): Promise<Refund> {
    const reserved = await this.prisma.$executeRaw`
      UPDATE "Payment"
      SET "refundedAmount" = "refundedAmount" + ${amount},
          "status" = (CASE WHEN "refundedAmount" + ${amount} = "amount" THEN 'refunded' ELSE 'partially_refunded' END)::"PaymentStatus",
          "updatedAt" = now()
      WHERE "id" = ${payment.id} AND "status" IN ('succeeded', 'partially_refunded') AND "refundedAmount" + ${amount} <= "amount"`;
    if (reserved === 0) {
      const now = await this.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
      throw refundTooLarge(Math.max(0, now.status === "succeeded" || now.status === "partially_refunded" ? now.amount - now.refundedAmount : 0));
    }
    const refund = await this.prisma.refund.create({
      data: { merchantId: payment.merchantId, orderId: payment.orderId, paymentId: payment.id, amount, currency: payment.currency, reason: reason.slice(0, 500), status: "requested", actor },
    });
    const provider = this.payments.providers[payment.provider as ProviderName];
    try {
      const result = await provider.refund(await this.payments.credentials(payment.merchantId, payment.provider as ProviderName), payment, { id: refund.id, amount, reason });
      await this.prisma.refund.update({ where: { id: refund.id }, data: { status: "succeeded", providerRef: result.providerRef ?? null } });
    } catch (error) {
      // Give the reservation back: the money did not move.
      await this.prisma.$executeRaw`
        UPDATE "Payment"
        SET "refundedAmount" = "refundedAmount" - ${amount},
            "status" = (CASE WHEN "refundedAmount" - ${amount} = 0 THEN 'succeeded' ELSE 'partially_refunded' END)::"PaymentStatus",
            "updatedAt" = now()
        WHERE "id" = ${payment.id}`;
      const message = error instanceof Error ? error.message : String(error);
      await this.prisma.refund.update({ where: { id: refund.id }, data: { status: "failed", error: message.slice(0, 500) } });
      this.log.warn({ err: error, paymentId: payment.id, refundId: refund.id }, "provider refund failed");
      throw providerFailed(`The payment provider refused the refund: ${message}`);
    }
    const after = await this.recordOnOrder(payment, refund, actor);
    this.log.info({ merchantId: payment.merchantId, orderId: payment.orderId, paymentId: payment.id, refundId: refund.id, amount }, "refund done");
    await this.notices.refunded(after, refund, late);
    return toRefundDto({ ...refund, status: "succeeded" });
  }

  /** The refund in the order's history; a fully refunded order becomes `refunded` (a cancelled one stays cancelled). */
  private async recordOnOrder(payment: PaymentRow, refund: RefundRow, actor: string) {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${payment.orderId} FOR UPDATE`;
      const order = await tx.order.findUniqueOrThrow({ where: { id: payment.orderId }, select: { status: true } });
      const open = await tx.payment.count({ where: { orderId: payment.orderId, status: { in: ["succeeded", "partially_refunded"] } } });
      const note = `refund ${refund.id}: ${refund.amount} ${refund.currency} of payment ${payment.id} (${refund.reason})`.slice(0, 1000);
      const whole = open === 0 && (REFUNDABLE_ORDER_STATUSES as readonly string[]).includes(order.status);
      const moved = whole ? await tx.order.updateMany({ where: { id: payment.orderId, status: order.status }, data: { status: "refunded" } }) : { count: 0 };
      const to = moved.count === 1 ? "refunded" : order.status;
      await tx.orderStatusChange.create({ data: { orderId: payment.orderId, fromStatus: order.status, status: to, actor, note } });
      return tx.payment.findUniqueOrThrow({ where: { id: payment.id } });
    }, TX_OPTIONS);
  }

  async list(merchantId: string, orderId: string): Promise<Refund[]> {
    const rows = await this.prisma.refund.findMany({ where: { merchantId, orderId }, orderBy: { createdAt: "asc" } });
    return rows.map(toRefundDto);
  }
}

function toRefundDto(row: RefundRow): Refund {
  return {
    id: row.id,
    orderId: row.orderId,
    paymentId: row.paymentId,
    amount: { amount: row.amount, currency: row.currency },
    reason: row.reason,
    status: row.status as Refund["status"],
    actor: row.actor,
    createdAt: row.createdAt.toISOString(),
  };
}
