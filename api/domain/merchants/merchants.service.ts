import type { PrismaClient } from "../../db/generated/client.ts";
import { hashApiKey } from "./credentials.ts";

/** What a request knows about the merchant it acts for once its API key checked out. */
export interface MerchantContext {
  merchantId: string;
  name: string;
  currency: string;
  orderPrefix: string;
  defaultLocale: string;
  apiKeyPrefix: string;
}

export class MerchantsService {
  constructor(private readonly prisma: PrismaClient) {}

  async authenticateApiKey(key: string): Promise<MerchantContext | null> {
    if (!/^mk_[A-Za-z0-9_-]{20,64}$/.test(key)) return null;
    const merchant = await this.prisma.merchant.findUnique({ where: { apiKeyHash: hashApiKey(key) } });
    if (!merchant) return null;
    return {
      merchantId: merchant.id,
      name: merchant.name,
      currency: merchant.currency,
      orderPrefix: merchant.orderPrefix,
      defaultLocale: merchant.defaultLocale,
      apiKeyPrefix: merchant.apiKeyPrefix,
    };
  }
}
