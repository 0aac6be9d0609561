import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../api/db/database.ts";
import { newApiKey, newIdentitySecret, newWidgetKey } from "../../api/domain/merchants/credentials.ts";

/** A merchant of its own for each test, with a known plaintext API key. */
export async function createMerchant(
  prisma: PrismaClient,
  options: { currency?: string; orderPrefix?: string; name?: string } = {},
) {
  const key = newApiKey();
  const slug = `shop-${randomBytes(5).toString("hex")}`;
  const merchant = await prisma.merchant.create({
    data: {
      name: options.name ?? slug,
      slug,
      apiKeyHash: key.hash,
      apiKeyPrefix: key.prefix,
      widgetKey: newWidgetKey(),
      identitySecret: newIdentitySecret(),
      locales: ["en", "zh-CN"],
      defaultLocale: "en",
      currency: options.currency ?? "CNY",
      timezone: "Asia/Shanghai",
      orderPrefix: options.orderPrefix ?? "TS",
      businessHours: {},
    },
  });
  return { merchant, apiKey: key.key };
}

export async function createProduct(
  prisma: PrismaClient,
  merchantId: string,
  overrides: { sku?: string; stock?: number; priceAmount?: number; currency?: string; status?: "active" | "delisted" } = {},
) {
  return prisma.product.create({
    data: {
      merchantId,
      sku: overrides.sku ?? `SKU-${randomBytes(4).toString("hex").toUpperCase()}`,
      name: { en: "Test teapot", "zh-CN": "测试茶壶" },
      priceAmount: overrides.priceAmount ?? 2990,
      currency: overrides.currency ?? "CNY",
      stock: overrides.stock ?? 100,
      status: overrides.status ?? "active",
      tags: ["test"],
    },
  });
}

export const shippingAddress = {
  name: "Wang Fang",
  phone: "+86 139 0000 1111",
  line1: "1 Wensan Road",
  city: "Hangzhou",
  country: "CN",
};

export function orderBody(productId: string, quantity = 1, email = "shopper@example.com") {
  return { customer: { email }, items: [{ productId, quantity }], shippingAddress };
}
