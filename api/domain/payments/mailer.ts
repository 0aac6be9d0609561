import type { Transporter } from "nodemailer";
import type { Order } from "../../contracts/orders.ts";
import type { Payment } from "../../contracts/payments.ts";
import type { Logger } from "../../logger.ts";
import { formatMoney } from "./texts.ts";

/** Order and payment emails, sent only when SMTP_URL is configured (nothing promises them otherwise). */
export class Mailer {
  private transport: Promise<Transporter> | null = null;

  constructor(private readonly smtpUrl: string, private readonly from: string, private readonly log: Logger) {}

  async paymentLink(order: Order, payment: Payment) {
    const total = formatMoney(payment.amount.amount, payment.amount.currency, "en");
    await this.send(order.customer.email, `Order ${order.number}: pay ${total} / 订单 ${order.number}：请付款 ${total}`, [
      `Your order ${order.number} is placed. Total ${total}. Pay here before ${payment.expiresAt}: ${payment.payUrl}`,
      `订单 ${order.number} 已提交，合计 ${total}。请在 ${payment.expiresAt} 前付款：${payment.payUrl}`,
    ]);
  }

  async receipt(order: Order, payment: Payment) {
    const total = formatMoney(payment.amount.amount, payment.amount.currency, "en");
    await this.send(order.customer.email, `Order ${order.number} is paid / 订单 ${order.number} 已付款`, [
      `We received ${total} for order ${order.number}. Thank you!`,
      `已收到订单 ${order.number} 的付款 ${total}，谢谢！`,
    ]);
  }

  private async send(to: string, subject: string, lines: string[]) {
    // nodemailer loads on the first email, not at start-up.
    this.transport ??= import("nodemailer").then((m) => m.default.createTransport(this.smtpUrl));
    const info = await (await this.transport).sendMail({ from: this.from, to, subject, text: lines.join("\n\n") });
    this.log.info({ messageId: info.messageId, subject }, "email sent");
  }
}

/** A mailer when SMTP is configured, else null (and the chat shows the pay link only). */
export function createMailer(smtpUrl: string | undefined, log: Logger, from = "ShopChat <no-reply@shopchat.local>"): Mailer | null {
  return smtpUrl ? new Mailer(smtpUrl, from, log) : null;
}
