import type { Merchant, PrismaClient } from "../../db/generated/client.ts";
import type { Database } from "../../db/database.ts";
import type { Caches } from "../shared/caches.ts";
import { TtlCache } from "../shared/ttl-cache.ts";
import { hashApiKey } from "./credentials.ts";
import { settingsOf, settingsPatchSchema, type MerchantSettings, type SettingsPatch } from "./settings.ts";

/** What a request knows about the merchant it acts for once its API key checked out. */
export interface MerchantContext {
  merchantId: string;
  name: string;
  currency: string;
  orderPrefix: string;
  defaultLocale: string;
  apiKeyPrefix: string;
}

/**
 * Merchants as requests see them. API keys and widget keys are looked up on every merchant
 * request and every new widget session, so their answers are cached per node and dropped on
 * every node when the merchant's credentials or settings change (see Caches); the TTL only
 * bounds a lost invalidation.
 */
export class MerchantsService {
  private readonly byApiKey = new TtlCache<MerchantContext | null>(60_000);
  private readonly byWidget = new TtlCache<Merchant | null>(60_000);
  private readonly byId = new TtlCache<Merchant | null>(60_000);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly db: Pick<Database, "query">,
    private readonly caches: Caches,
  ) {
    caches.register("credentials", (merchantId) => this.byApiKey.dropMerchant(merchantId));
    for (const area of ["merchant", "credentials"] as const) {
      caches.register(area, (merchantId) => {
        this.byWidget.dropMerchant(merchantId);
        this.byId.dropMerchant(merchantId);
      });
    }
  }

  async authenticateApiKey(key: string): Promise<MerchantContext | null> {
    if (!/^mk_[A-Za-z0-9_-]{20,64}$/.test(key)) return null;
    const hash = hashApiKey(key);
    return this.byApiKey.get(
      hash,
      async () => {
        const merchant = await this.prisma.merchant.findUnique({ where: { apiKeyHash: hash } });
        return merchant ? contextOf(merchant) : null;
      },
      (context) => context?.merchantId,
    );
  }

  /** The merchant behind a public widget key, or null. */
  byWidgetKey(widgetKey: string): Promise<Merchant | null> {
    return this.byWidget.get(widgetKey, () => this.prisma.merchant.findUnique({ where: { widgetKey } }), (m) => m?.id);
  }

  /** The merchant's row (settings included), as of its last change. */
  get(merchantId: string): Promise<Merchant | null> {
    return this.byId.get(merchantId, () => this.prisma.merchant.findUnique({ where: { id: merchantId } }), (m) => m?.id);
  }

  /** The merchant's typed settings with their defaults (see settings.ts), or null for an unknown merchant. */
  async settings(merchantId: string): Promise<MerchantSettings | null> {
    const merchant = await this.get(merchantId);
    return merchant ? settingsOf(merchant.settings) : null;
  }

  /**
   * Replaces the given sections of the merchant's settings in one statement (no read-modify-write
   * race between two saves of different sections), then tells every node. Each section is
   * checked against its schema first: an invalid patch throws and changes nothing.
   */
  async updateSettings(merchantId: string, patch: SettingsPatch): Promise<void> {
    const sections = settingsPatchSchema.parse(patch);
    if (Object.keys(sections).length === 0) return;
    // Earlier versions kept the handoff fields at the top level; a saved handoff section replaces them.
    const legacy = sections.handoff ? ["complaintSlaHours", "ticketSlaHours", "renotifyMinutes", "autoAssign"] : [];
    await this.db.query(`update "Merchant" set settings = (coalesce(settings, '{}'::jsonb) - $3::text[]) || $2::jsonb, "updatedAt" = now() where id = $1`, [
      merchantId,
      JSON.stringify(sections),
      legacy,
    ]);
    await this.caches.changed(merchantId, "merchant");
  }
}

/** What a request acting for this merchant knows about it. */
export function contextOf(merchant: Merchant): MerchantContext {
  return {
    merchantId: merchant.id,
    name: merchant.name,
    currency: merchant.currency,
    orderPrefix: merchant.orderPrefix,
    defaultLocale: merchant.defaultLocale,
    apiKeyPrefix: merchant.apiKeyPrefix,
  };
}
