import { z } from "zod";
import { providerSchema, shippingSettingsSchema, type ProviderName, type ShippingSettings } from "../../contracts/payments.ts";

/** How a merchant takes payments, as kept in `Merchant.settings.payments`. */
export interface PaymentSettings {
  provider: ProviderName;
  /** Minutes an unpaid order waits before it is cancelled. @defaultValue 30 */
  windowMinutes: number;
  credentials: Partial<Record<ProviderName, Record<string, string>>>;
}

export const DEFAULT_WINDOW_MINUTES = 30;

const storedPaymentsSchema = z.object({
  provider: providerSchema.catch("sandbox"),
  windowMinutes: z.number().int().min(1).catch(DEFAULT_WINDOW_MINUTES),
  credentials: z.record(z.string(), z.record(z.string(), z.string())).catch({}),
});

/** The merchant's payment settings with their defaults (sandbox, 30 minutes). */
export function paymentSettingsOf(settings: unknown): PaymentSettings {
  const raw = (settings as { payments?: unknown } | null)?.payments;
  const parsed = storedPaymentsSchema.safeParse(raw ?? {});
  return parsed.success
    ? (parsed.data as PaymentSettings)
    : { provider: "sandbox", windowMinutes: DEFAULT_WINDOW_MINUTES, credentials: {} };
}

/** The merchant's shipping rule, or null when it charges none. */
export function shippingOf(settings: unknown): ShippingSettings | null {
  const parsed = shippingSettingsSchema.safeParse((settings as { shipping?: unknown } | null)?.shipping);
  return parsed.success ? parsed.data : null;
}
