import { translate } from "../../../bot/render.ts";
import { isLocale, localeSchema, matchLocale, type Locale } from "../../contracts/common.ts";
import { Hono } from "hono";
import { z } from "zod";
import type { SandboxProvider } from "../../adapters/payments/sandbox.ts";
import { SANDBOX_SIGNATURE_HEADER } from "../../adapters/payments/sandbox.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { qrDataUrl } from "../../domain/payments/payment-mapper.ts";
import type { PaymentsService } from "../../domain/payments/payments.service.ts";
import { formatMoney } from "../../domain/payments/texts.ts";
import type { Logger } from "../../logger.ts";
import { renderPayPage, type PayPageView } from "../../../widget/pay/page.ts";

const tokenSchema = z.string().regex(/^pt_[A-Za-z0-9_-]{10,60}$/);
const completeSchema = z.object({ outcome: z.enum(["succeeded", "failed"]), lang: localeSchema.optional() });

/**
 * The sandbox's hosted pay page (`GET /pay/:token`) and its buttons. Pressing Pay or Fail
 * makes this server send itself the provider notification, signed with the merchant's
 * sandbox secret and passed through the public notify endpoint like any remote provider's.
 */
export function payPageRoutes(deps: { prisma: PrismaClient; payments: PaymentsService; sandbox: SandboxProvider; dispatch: (request: Request) => Promise<Response>; log: Logger }) {
  const { prisma, payments, sandbox } = deps;

  async function view(token: string, lang: string | undefined, error?: string): Promise<{ view: PayPageView; payment: NonNullable<Awaited<ReturnType<typeof payments.byToken>>> } | null> {
    const payment = await payments.byToken(token);
    if (!payment) return null;
    const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: payment.merchantId }, select: { name: true, defaultLocale: true, timezone: true } });
    const locale: Locale = (isLocale(lang) ? lang : undefined) ?? matchLocale(payment.locale) ?? matchLocale(merchant.defaultLocale) ?? "en";
    const money = (amount: number) => formatMoney(amount, payment.currency, locale);
    const { order } = payment;
    const open = payment.status === "pending" && payment.expiresAt > new Date() && order.status === "pending_payment";
    const state: PayPageView["state"] = open
      ? "pending"
      : payment.status === "succeeded" || payment.status === "failed" ? payment.status
      : payment.status === "refunded" || payment.status === "partially_refunded" ? "refunded"
      : payment.expiresAt <= new Date() ? "expired" : "closed";
    const name = (n: unknown) => ((n as Record<string, string>)[locale] ?? Object.values(n as Record<string, string>)[0] ?? "");
    return {
      payment,
      view: {
        locale,
        token,
        shop: merchant.name,
        orderNumber: order.number,
        items: order.items.map((i) => ({ name: name(i.name), quantity: i.quantity, priceText: money(i.unitPrice * i.quantity) })),
        subtotalText: money(order.subtotalAmount),
        shippingText: order.shippingAmount === 0 ? translate(locale, "shipping_free") : money(order.shippingAmount),
        discountText: order.discountAmount > 0 ? money(order.discountAmount) : null,
        amountText: money(payment.amount),
        expiresAtText: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: merchant.timezone }).format(payment.expiresAt),
        qr: state === "pending" ? await qrDataUrl(payment.qrText ?? payment.payUrl) : null,
        state,
        provider: payment.provider,
        payUrl: payment.payUrl,
        error,
      },
    };
  }

  const notFoundPage = (lang?: string) => translate(matchLocale(lang) ?? "en", "payment_not_found");

  return new Hono()
    .get("/pay/:token", async (c) => {
      const token = tokenSchema.safeParse(c.req.param("token"));
      const found = token.success ? await view(token.data, c.req.query("lang")) : null;
      if (!found) return c.text(notFoundPage(c.req.query("lang")), 404);
      c.header("cache-control", "no-store");
      return c.html(renderPayPage(found.view));
    })
    .post("/pay/:token/complete", async (c) => {
      const token = tokenSchema.safeParse(c.req.param("token"));
      const form = completeSchema.safeParse(Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)])));
      if (!token.success) return c.text(notFoundPage(), 404);
      if (!form.success) return c.text("Choose Pay or Fail.", 400);
      const found = await view(token.data, form.data.lang);
      if (!found) return c.text(notFoundPage(form.data.lang), 404);
      const { payment, view: page } = found;
      // An expired or cancelled order cannot be paid: the sandbox refuses as a provider refuses a closed trade.
      if (page.state !== "pending" || payment.provider !== "sandbox") return c.html(renderPayPage(page), 409);
      const secret = (await payments.credentials(payment.merchantId, "sandbox")).secret!;
      const { body, signature } = sandbox.record(secret, payment, form.data.outcome);
      const origin = new URL(c.req.url).origin;
      const response = await deps.dispatch(
        new Request(`${origin}/api/v1/payments/sandbox/notify`, { method: "POST", headers: { "content-type": "application/json", [SANDBOX_SIGNATURE_HEADER]: signature }, body }),
      );
      if (!response.ok) {
        const detail = await response.text();
        deps.log.warn({ status: response.status, detail, paymentId: payment.id }, "the sandbox notification was refused");
        const after = await view(token.data, form.data.lang, `${response.status}: ${detail.slice(0, 200)}`);
        return c.html(renderPayPage(after!.view), 409);
      }
      return c.redirect(`/pay/${token.data}?lang=${page.locale}`, 303);
    });
}
