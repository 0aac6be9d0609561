import type { CommercePort, CommerceResult, OrderView, PaymentView } from "../../bot/ports.ts";
import type { Payment } from "../contracts/payments.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { computeTotals } from "../domain/orders/totals.ts";
import { settingsOf } from "../domain/merchants/settings.ts";
import type { PaymentsService } from "../domain/payments/payments.service.ts";

type Attempt = <T>(fn: () => Promise<T>) => Promise<CommerceResult<T>>;

/** The bot's payment calls over the payments service. */
export function paymentPorts(payments: PaymentsService, attempt: Attempt): Pick<Required<CommercePort>, "createPayment" | "checkPayment"> {
  return {
    createPayment: (merchantId, orderId, context) => attempt(async () => toPaymentView(await payments.create(merchantId, orderId, context))),
    checkPayment: (merchantId, orderId) =>
      attempt(async () => {
        const { orderStatus, payment } = await payments.check(merchantId, orderId);
        return { orderStatus, payment: payment ? toPaymentView(payment) : null };
      }),
  };
}

/** The same totals an order placed now would get (shipping from the merchant's rule). */
export async function quoteWithShipping(prisma: PrismaClient, merchantId: string, lines: OrderView["items"], currency: string, discount = 0) {
  const merchant = await prisma.merchant.findUnique({ where: { id: merchantId }, select: { settings: true } });
  const totals = computeTotals(lines.map((l) => ({ unitPrice: l.unitPrice.amount, quantity: l.quantity })), settingsOf(merchant?.settings).shipping, discount);
  const money = (amount: number) => ({ amount, currency });
  return { lines, subtotal: money(totals.subtotal), shipping: money(totals.shipping), discount: money(totals.discount), total: money(totals.total) };
}

function toPaymentView(p: Payment): PaymentView {
  return { id: p.id, orderId: p.orderId, provider: p.provider, status: p.status, payUrl: p.payUrl, ...(p.qr ? { qr: p.qr } : {}), amount: p.amount, expiresAt: p.expiresAt };
}
