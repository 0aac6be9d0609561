import { z } from "zod";
import { LOCALES, moneySchema, perLocale } from "../../contracts/common.ts";
import { providerSchema, shippingSettingsSchema } from "../../contracts/payments.ts";
import { LLM_PROVIDERS } from "../../../bot/llm/client.ts";

/**
 * Every merchant setting, defined once: its shape, its bounds and its default. What is kept in
 * `Merchant.settings` (jsonb) is read only through `settingsOf`, which gives each section its
 * default when it is missing or no longer valid (a bad section never hides the good ones), and
 * written only through `MerchantsService.updateSettings`, which merges whole sections in one
 * statement. A new setting is one more entry here.
 */

export const cannedResponseSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    text: z.string().trim().min(1).max(2000).meta({ description: "Variables: {{name}} (customer), {{order}} (latest order number), {{agent}}" }),
    locale: z.enum(LOCALES).optional(),
  })
  .strict();
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

export const widgetSettingsSchema = z
  .object({
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour").optional(),
    position: z.enum(["left", "right"]).optional(),
    title: perLocale(z.string().trim().max(60)).strict().optional(),
    avatar: z.string().max(200_000).refine((v) => v.startsWith("https://") || v.startsWith("data:image/"), "an https or data:image URL").optional(),
  })
  .strict()
  .meta({ id: "WidgetSettings" });
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

const DEFAULT_WINDOW_MINUTES = 30;

/** How a merchant takes payments. Credentials are secrets: never returned by any route. */
export const paymentsSettingsSchema = z.object({
  provider: providerSchema,
  windowMinutes: z.number().int().min(1).max(7 * 24 * 60),
  credentials: z.record(z.string(), z.record(z.string(), z.string())),
});

/** The payment settings as any route shows them: which credential fields are set, never their values. */
export function publicPaymentSettings({ provider, windowMinutes, credentials }: z.infer<typeof paymentsSettingsSchema>) {
  const configured = Object.fromEntries(Object.entries(credentials).map(([name, fields]) => [name, Object.keys(fields).sort()]));
  return { provider, windowMinutes, configured };
}

/** Service levels and routing of conversations handed to people. */
export const handoffSettingsSchema = z
  .object({
    complaintSlaHours: z.number().int().min(1).max(720).meta({ description: "Hours to resolve a complaint ticket" }),
    ticketSlaHours: z.number().int().min(1).max(720).meta({ description: "Hours to resolve any other ticket" }),
    renotifyMinutes: z.number().int().min(1).max(1440).meta({ description: "Minutes before a waiting conversation is announced again" }),
    autoAssign: z.boolean().meta({ description: "Give queued conversations to the least busy online agent" }),
  })
  .strict()
  .meta({ id: "HandoffSettings" });
export type HandoffSettings = z.infer<typeof handoffSettingsSchema>;

/** A merchant's own model provider and model among those the deployment configures; unset parts are the deployment's. */
export const llmSettingsSchema = z
  .object({
    provider: z.enum(LLM_PROVIDERS).optional().meta({ description: "One of the providers this deployment configures; unset: the deployment's default" }),
    model: z.string().trim().min(1).max(100).optional().meta({ description: "The provider's model name; unset: the deployment's default (LLM_MODEL)" }),
  })
  .strict()
  .meta({ id: "LlmSettings" });
/** Which periodic reports are written for the shop, and which team members get them by email. */
export const reportsSettingsSchema = z
  .object({
    weekly: z.boolean().meta({ description: "Write a report every Monday for the week before" }),
    monthly: z.boolean().meta({ description: "Write a report on the 1st for the month before" }),
    recipients: z.array(z.uuid()).max(50).meta({ description: "Agent ids the reports are emailed to (when SMTP_URL is set)" }),
  })
  .strict()
  .meta({ id: "ReportsSettings" });
/** Risk scoring thresholds (api/domain/risk): scores at or above `holdAt` put the order on hold. */
export const riskSettingsSchema = z
  .object({
    enabled: z.boolean().meta({ description: "Score orders and hold the risky ones" }),
    reviewAt: z.number().int().min(1).max(100).meta({ description: "Score from which an order is medium risk (shown, not held)" }),
    holdAt: z.number().int().min(1).max(100).meta({ description: "Score from which an order is high risk and goes on_hold" }),
    windowMinutes: z.number().int().min(1).max(7 * 24 * 60).meta({ description: "Velocity window" }),
    velocityLimit: z.number().int().min(1).max(1000).meta({ description: "Orders per email, phone, address or client address within the window before velocity counts" }),
    accountsPerDevice: z.number().int().min(2).max(1000).meta({ description: "Distinct emails on one device token or client address before it counts" }),
    firstOrderMultiple: z.number().min(1).max(1000).meta({ description: "A first order above this multiple of the shop's typical order value is unusual" }),
  })
  .strict()
  .refine((r) => r.reviewAt <= r.holdAt, "reviewAt must not exceed holdAt")
  .meta({ id: "RiskSettings" });
export type RiskSettings = z.infer<typeof riskSettingsSchema>;

/** Privacy rights: what a shopper's erasure request in chat does, and how long closed conversations keep their texts. */
export const privacySettingsSchema = z
  .object({
    selfServiceErasure: z.enum(["immediate", "queue"]).meta({ description: "A verified shopper's erasure request in chat: carried out at once, or queued for the merchant" }),
    retentionDays: z.number().int().min(1).max(3650).nullable().meta({ description: "Closed conversations older than this are anonymised (null: kept)" }),
  })
  .strict()
  .meta({ id: "PrivacySettings" });
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
/** VIP tier: customers whose paid spend reaches `spendOver` are VIPs, with a standing offer and an account manager. */
export const vipSettingsSchema = z
  .object({
    spendOver: moneySchema.nullable().meta({ description: "Paid lifetime spend from which a customer is VIP; null: no VIP tier" }),
    offerPercent: z.number().int().min(0).max(100).optional().meta({ description: "Standing discount for VIPs on every order (percent of the subtotal)" }),
    accountManagerId: z.uuid().nullable().optional().meta({ description: "The agent who takes VIP chats when online (unless the customer has their own)" }),
  })
  .strict()
  .meta({ id: "VipSettings" });
export type VipSettings = z.infer<typeof vipSettingsSchema>;

/** Each section with the schema that checks it and the value it has when unset. */
export const SETTINGS = {
  shipping: { schema: shippingSettingsSchema.nullable(), default: null },
  payments: { schema: paymentsSettingsSchema, default: { provider: "sandbox", windowMinutes: DEFAULT_WINDOW_MINUTES, credentials: {} } },
  widget: { schema: widgetSettingsSchema, default: {} },
  cannedResponses: { schema: z.array(cannedResponseSchema).max(200), default: [] },
  llm: { schema: llmSettingsSchema, default: {} },
  handoff: { schema: handoffSettingsSchema, default: { complaintSlaHours: 24, ticketSlaHours: 48, renotifyMinutes: 5, autoAssign: true } },
  reports: { schema: reportsSettingsSchema, default: { weekly: true, monthly: true, recipients: [] } },
  risk: { schema: riskSettingsSchema, default: { enabled: true, reviewAt: 35, holdAt: 60, windowMinutes: 60, velocityLimit: 2, accountsPerDevice: 3, firstOrderMultiple: 6 } },
  privacy: { schema: privacySettingsSchema, default: { selfServiceErasure: "queue", retentionDays: null } },
  vip: { schema: vipSettingsSchema, default: { spendOver: null } },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type SettingsKey = keyof typeof SETTINGS;
export type MerchantSettings = { [K in SettingsKey]: z.infer<(typeof SETTINGS)[K]["schema"]> };

/** A section's stored value, or its default. Sections that are objects are completed field by field. */
function sectionOf<K extends SettingsKey>(key: K, stored: unknown): MerchantSettings[K] {
  const { schema, default: fallback } = SETTINGS[key];
  if (stored === undefined) return structuredClone(fallback) as MerchantSettings[K];
  const whole = schema.safeParse(stored);
  if (whole.success) return whole.data as MerchantSettings[K];
  if (isPlainObject(fallback) && isPlainObject(stored)) {
    // Keep the valid fields of an object section, default the others.
    const merged: Record<string, unknown> = { ...fallback };
    for (const [field, value] of Object.entries(stored)) {
      if (Object.hasOwn(fallback, field) && schema.safeParse({ ...fallback, [field]: value }).success) merged[field] = value;
    }
    const parsed = schema.safeParse(merged);
    if (parsed.success) return parsed.data as MerchantSettings[K];
  }
  return structuredClone(fallback) as MerchantSettings[K];
}

/**
 * Settings kept by earlier versions at the top level (`complaintSlaHours`, `autoAssign`, …),
 * read into their section so existing shops keep them.
 */
const LEGACY_HANDOFF_FIELDS = ["complaintSlaHours", "ticketSlaHours", "renotifyMinutes", "autoAssign"] as const;

const parsedRows = new WeakMap<object, MerchantSettings>();

/** The merchant's settings with every default filled in. Memoised per stored object. */
export function settingsOf(stored: unknown): MerchantSettings {
  const raw = isPlainObject(stored) ? stored : {};
  const cached = parsedRows.get(raw);
  if (cached) return cached;
  const handoffStored = isPlainObject(raw.handoff) ? { ...raw.handoff } : raw.handoff;
  const legacy = Object.fromEntries(LEGACY_HANDOFF_FIELDS.filter((f) => Object.hasOwn(raw, f)).map((f) => [f, raw[f]]));
  const handoff = Object.keys(legacy).length > 0 && (handoffStored === undefined || isPlainObject(handoffStored)) ? { ...legacy, ...(handoffStored ?? {}) } : handoffStored;
  const settings = {} as Record<SettingsKey, unknown>;
  for (const key of Object.keys(SETTINGS) as SettingsKey[]) {
    settings[key] = sectionOf(key, key === "handoff" ? handoff : Object.hasOwn(raw, key) ? raw[key] : undefined);
  }
  const result = settings as MerchantSettings;
  parsedRows.set(raw, result);
  return result;
}

/** A partial update: any sections, each whole and valid. */
export const settingsPatchSchema = z
  .object(Object.fromEntries(Object.entries(SETTINGS).map(([key, { schema }]) => [key, schema.optional()])) as { [K in SettingsKey]: z.ZodOptional<(typeof SETTINGS)[K]["schema"]> })
  .strict();
export type SettingsPatch = Partial<MerchantSettings>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
