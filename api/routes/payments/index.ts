import type { Context } from "hono";
import { credentialsSchemas, type ProviderName } from "../../contracts/payments.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { PaymentsService } from "../../domain/payments/payments.service.ts";
import type { RefundsService } from "../../domain/payments/refunds.service.ts";
import { AppError } from "../../errors.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { createRouter } from "../../http/openapi.ts";
import { validationError } from "../../http/errors.ts";
import * as routes from "./payments.routes.ts";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
import { publicPaymentSettings, type MerchantSettings } from "../../domain/merchants/settings.ts";

const originOf = (c: Context<AppBindings>, publicUrl?: string) => publicUrl ?? new URL(c.req.url).origin;

/** Payments, refunds and their settings (merchant key), and the providers' public notify endpoint. */
export function paymentRoutes(
  prisma: PrismaClient,
  payments: PaymentsService,
  refunds: RefundsService,
  /** Saves one settings key in one statement and tells every node (no lost update between two saves). */
  settings: Pick<MerchantsService, "settings" | "updateSettings">,
  options: { publicUrl?: string } = {},
) {
  const notifyHandler = async (c: Context<AppBindings>) => {
    const provider = c.req.param("provider") as ProviderName;
    const body = await c.req.text();
    const ack = await payments.notify(provider, { body, headers: c.req.header(), query: c.req.query() });
    if (ack.status === 204) return c.body(null, 204);
    return c.body(ack.body, 200, { "content-type": ack.contentType });
  };
  return createRouter()
    .openapi(routes.createPayment, async (c) => {
      const payment = await payments.create(c.get("merchant").merchantId, c.req.valid("param").id, { baseUrl: originOf(c, options.publicUrl) });
      return c.json(payment, 201);
    })
    .openapi(routes.listPayments, async (c) => c.json({ data: await payments.list(c.get("merchant").merchantId, c.req.valid("param").id) }, 200))
    .openapi(routes.createRefund, async (c) => {
      const merchant = c.get("merchant");
      const data = await refunds.refund(merchant.merchantId, c.req.valid("param").id, c.req.valid("json"), c.get("actor"));
      return c.json({ data }, 201);
    })
    .openapi(routes.listRefunds, async (c) => {
      const merchantId = c.get("merchant").merchantId;
      const order = await prisma.order.findFirst({ where: { id: c.req.valid("param").id, merchantId }, select: { id: true } });
      if (!order) throw new AppError(404, "orders:not_found", "No such order.");
      return c.json({ data: await refunds.list(merchantId, order.id) }, 200);
    })
    .openapi(routes.getPaymentSettings, async (c) => c.json(publicPaymentSettings((await settingsOf(settings, c.get("merchant").merchantId)).payments), 200))
    .openapi(routes.putPaymentSettings, async (c) => {
      const input = c.req.valid("json");
      const merchantId = c.get("merchant").merchantId;
      const current = (await settingsOf(settings, merchantId)).payments;
      const credentials = { ...current.credentials };
      if (input.credentials !== undefined) {
        const parsed = credentialsSchemas[input.provider].safeParse(input.credentials);
        if (!parsed.success) {
          const body = validationError(parsed.error.issues.map((i) => ({ ...i, path: ["credentials", ...i.path] })), "json");
          throw new AppError(400, body.error.code, body.error.message, body.error.details);
        }
        credentials[input.provider] = parsed.data as Record<string, string>;
      } else if (input.provider !== "sandbox" && !credentials[input.provider]) {
        throw new AppError(400, "payments:credentials_required", `Give the ${input.provider} credentials.`);
      }
      const payments = { provider: input.provider, windowMinutes: input.windowMinutes, credentials };
      await settings.updateSettings(merchantId, { payments });
      return c.json(publicPaymentSettings(payments), 200);
    })
    .openapi(routes.getShipping, async (c) => {
      return c.json((await settingsOf(settings, c.get("merchant").merchantId)).shipping, 200);
    })
    .openapi(routes.putShipping, async (c) => {
      const shipping = c.req.valid("json");
      const { merchantId, currency } = c.get("merchant");
      if (shipping.flatFee.currency !== currency || shipping.freeOver.currency !== currency) {
        throw new AppError(400, "settings:currency_mismatch", `Shipping is charged in the shop's currency, ${currency}.`);
      }
      await settings.updateSettings(merchantId, { shipping });
      return c.json(shipping, 200);
    })
    .openapi(routes.notify, notifyHandler as never)
    .openapi(routes.webhookAlias, notifyHandler as never);
}

async function settingsOf(merchants: Pick<MerchantsService, "settings">, merchantId: string): Promise<MerchantSettings> {
  const settings = await merchants.settings(merchantId);
  if (!settings) throw new AppError(404, "merchants:not_found", "No such merchant.");
  return settings;
}

