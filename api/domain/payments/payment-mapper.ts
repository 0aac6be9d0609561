import type { Payment as PaymentRow } from "../../db/generated/client.ts";
import type { Payment, ProviderName } from "../../contracts/payments.ts";

/** The QR code a phone scans, as an SVG data URL (no script, safe in an <img>). */
export async function qrDataUrl(text: string): Promise<string> {
  const QRCode = (await import("qrcode")).default;
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export async function toPaymentDto(row: PaymentRow): Promise<Payment> {
  return {
    id: row.id,
    orderId: row.orderId,
    provider: row.provider as ProviderName,
    status: row.status,
    amount: { amount: row.amount, currency: row.currency },
    refunded: { amount: row.refundedAmount, currency: row.currency },
    payUrl: row.payUrl,
    ...(row.status === "pending" ? { qr: await qrDataUrl(row.qrText ?? row.payUrl) } : {}),
    expiresAt: row.expiresAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
  };
}
