import type { PrismaClient, Payment as PaymentRow } from "../../db/generated/client.ts";
import type { Payment } from "../../contracts/payments.ts";
import type { Logger } from "../../logger.ts";
import type { MessageLog } from "../conversations/message-log.ts";
import { orderInclude, toOrderDto } from "../orders/order-mapper.ts";
import type { WebhookEvent } from "../webhooks/webhooks.service.ts";
import type { Mailer } from "./mailer.ts";
import { toPaymentDto } from "./payment-mapper.ts";
import { payBlock } from "../../../bot/dialogue/pay.ts";
import { matchLocale } from "../../contracts/common.ts";
import { formatMoney, paymentText, type PaymentTextKey } from "./texts.ts";

export interface NoticeDeps {
  prisma: PrismaClient;
  log: Logger;
  publish: (merchantId: string, event: WebhookEvent, data: unknown) => Promise<void>;
  messages: Pick<MessageLog, "append">;
  mailer: Mailer | null;
}

/**
 * Tells everyone who should know about a payment event: the merchant's webhooks, the
 * shopper's conversation (a live message the widget turns into the block's new status)
 * and, when SMTP is configured, the shopper's inbox. Failures here are logged, never
 * undo the money movement that already committed.
 */
export class PaymentNotices {
  constructor(private readonly deps: NoticeDeps) {}

  async created(payment: Payment) {
    if (!this.deps.mailer) return;
    await this.guard("created", async () => {
      await this.deps.mailer?.paymentLink((await this.order(payment.orderId)).dto, payment);
    });
  }

  async succeeded(row: PaymentRow, orderPaid: boolean) {
    await this.guard("succeeded", async () => {
      const order = await this.order(row.orderId);
      // The shopper first: the widget is waiting for this message; webhooks and mail can follow.
      if (orderPaid) await this.say(row, "paid", { number: order.number }, [{ type: "payment_status", paymentId: row.id, orderId: row.orderId, status: "succeeded", tone: "green", text: paymentText(row.locale, "paid", { number: order.number }) }]);
      const payment = await toPaymentDto(row);
      await this.deps.publish(row.merchantId, "payment.succeeded", { payment, order: order.dto });
      if (!orderPaid) return;
      await this.deps.publish(row.merchantId, "order.status_changed", { order: order.dto });
      await this.deps.mailer?.receipt(order.dto, payment);
    });
  }

  async failed(row: PaymentRow, retry: Payment | null) {
    await this.guard("failed", async () => {
      const [payment, order] = await Promise.all([toPaymentDto(row), this.order(row.orderId)]);
      const blocks: unknown[] = [{ type: "payment_status", paymentId: row.id, orderId: row.orderId, status: "failed", tone: "red", text: paymentText(row.locale, "failed", { number: order.number }) }];
      if (retry) blocks.push(payBlock(retry, matchLocale(row.locale) ?? "en"));
      await this.say(row, "failed", { number: order.number }, blocks);
      await this.deps.publish(row.merchantId, "payment.failed", { payment, order: order.dto });
    });
  }

  async refunded(row: PaymentRow, refund: { id: string; amount: number; reason: string }, late: boolean) {
    await this.guard("refunded", async () => {
      const [payment, order] = await Promise.all([toPaymentDto(row), this.order(row.orderId)]);
      await this.deps.publish(row.merchantId, "payment.refunded", { payment, order: order.dto, refund: { id: refund.id, amount: { amount: refund.amount, currency: row.currency }, reason: refund.reason } });
      const amount = formatMoney(refund.amount, row.currency, row.locale);
      await this.say(row, late ? "lateRefund" : "refunded", { number: order.number, amount }, [{ type: "payment_status", paymentId: row.id, orderId: row.orderId, status: row.status, tone: "blue", text: paymentText(row.locale, late ? "lateRefund" : "refunded", { number: order.number, amount }) }]);
    });
  }

  async expired(orderId: string) {
    await this.guard("expired", async () => {
      const order = await this.order(orderId);
      const payments = await this.deps.prisma.payment.findMany({ where: { orderId, conversationId: { not: null } }, orderBy: { createdAt: "desc" }, take: 1 });
      // order.status_changed went out from the orders service already.
      const row = payments[0];
      if (row) await this.say(row, "expired", { number: order.number }, [{ type: "payment_status", paymentId: row.id, orderId, status: "expired", tone: "yellow", text: paymentText(row.locale, "expired", { number: order.number }) }]);
    });
  }

  private async say(row: PaymentRow, key: PaymentTextKey, vars: Record<string, string>, blocks: unknown[]) {
    if (!row.conversationId) return;
    const locale = row.locale ?? "en";
    await this.deps.messages.append(row.conversationId, row.merchantId, [{ role: "bot", text: paymentText(locale, key, vars), locale, blocks, intent: "payment_status" }]);
  }

  private async order(orderId: string) {
    const row = await this.deps.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
    return { dto: toOrderDto(row), number: row.number, merchantId: row.merchantId };
  }

  private async guard(what: string, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      this.deps.log.warn({ err: error, notice: what }, "telling about a payment event failed");
    }
  }
}
