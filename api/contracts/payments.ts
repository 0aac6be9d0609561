import { z } from "zod";
import { moneySchema } from "./common.ts";

/** Payments over the REST API (see api/domain/payments/). */

export const PROVIDERS = ["sandbox", "alipay", "wechatpay", "stripe"] as const;
export const providerSchema = z.enum(PROVIDERS);
export type ProviderName = z.infer<typeof providerSchema>;

export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "expired", "refunded", "partially_refunded"] as const;
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

export const paymentSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    provider: providerSchema,
    status: paymentStatusSchema,
    amount: moneySchema,
    refunded: moneySchema,
    payUrl: z.string(),
    qr: z.string().optional().meta({ description: "An SVG data URL of the QR code a phone scans to pay" }),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    failureReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Payment" });
export type Payment = z.infer<typeof paymentSchema>;

export const refundCreateSchema = z
  .object({
    amount: z.number().int().min(1).max(1_000_000_000).optional().meta({ description: "Minor units; the whole refundable amount when left out" }),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .meta({ id: "RefundCreate" });

export const refundSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    paymentId: z.uuid(),
    amount: moneySchema,
    reason: z.string(),
    status: z.enum(["requested", "succeeded", "failed"]),
    actor: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "Refund" });
export type Refund = z.infer<typeof refundSchema>;

const secret = z.string().trim().min(8).max(10_000);
const pem = z.string().trim().min(64).max(10_000).refine((v) => v.includes("-----BEGIN"), "a PEM key");
const url = z.url().max(500);

/** Credentials per provider. Secrets are write-only: GET returns only which fields are set. */
export const credentialsSchemas = {
  sandbox: z.object({ secret: secret.optional() }).strict(),
  alipay: z.object({ appId: z.string().trim().min(1).max(64), privateKey: pem, alipayPublicKey: pem, gateway: url.optional() }).strict(),
  wechatpay: z
    .object({
      mchId: z.string().trim().min(1).max(32),
      appId: z.string().trim().min(1).max(64),
      serialNo: z.string().trim().min(1).max(64).meta({ description: "Serial number of the merchant API certificate" }),
      privateKey: pem,
      apiV3Key: z.string().length(32, "the 32-byte APIv3 key"),
      platformPublicKey: pem.meta({ description: "WeChat Pay platform public key (or certificate) that signs notifications" }),
      platformSerial: z.string().trim().max(64).optional(),
      baseUrl: url.optional(),
    })
    .strict(),
  stripe: z.object({ secretKey: z.string().trim().min(8).max(500), webhookSecret: z.string().trim().min(8).max(500), apiBase: url.optional() }).strict(),
} as const;

export const paymentSettingsInputSchema = z
  .object({
    provider: providerSchema,
    windowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
    credentials: z.record(z.string(), z.unknown()).optional().meta({ description: "The provider's credentials (write-only)" }),
  })
  .strict()
  .meta({ id: "PaymentSettingsInput" });

export const paymentSettingsSchema = z
  .object({
    provider: providerSchema,
    windowMinutes: z.number().int(),
    configured: z.record(z.string(), z.array(z.string())).meta({ description: "Per provider, the names of the credential fields that are set (never their values)" }),
  })
  .meta({ id: "PaymentSettings" });

export const shippingSettingsSchema = z
  .object({ flatFee: moneySchema, freeOver: moneySchema })
  .strict()
  .meta({ id: "ShippingSettings", description: "A flat fee per order, free from `freeOver` (after discounts)" });
export type ShippingSettings = z.infer<typeof shippingSettingsSchema>;

