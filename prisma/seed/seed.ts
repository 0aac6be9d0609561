import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadArticles } from "../../knowledge/articles.ts";
import type { PrismaClient } from "../../api/db/generated/client.ts";
import type { OrderStatus } from "../../api/contracts/orders.ts";
import { hashPassword, newApiKey, newIdentitySecret, newWidgetKey } from "../../api/domain/merchants/credentials.ts";
import { OrdersService } from "../../api/domain/orders/orders.service.ts";
import type { Logger } from "../../api/logger.ts";
import { productImage } from "./images.ts";
import { storedImage } from "../../api/domain/catalog/product-images.ts";
import { randomUUID } from "node:crypto";
import { demoCustomer, seedShops, type SeedShop } from "./shops.ts";

export interface DemoCredentials {
  merchants: { name: string; apiKey: string; widgetKey: string; identitySecret: string }[];
  agents: { email: string; password: string; merchant: string }[];
  sampleOrder: { merchant: string; number: string; email: string };
}

/** The demo customer's orders: the path each one took, so every status shows up once. */
const DEMO_ORDER_PATHS: { skus: [string, number][]; path: OrderStatus[] }[] = [
  { skus: [["TEA-001", 1], ["MUG-001", 2]], path: ["paid", "processing", "shipped"] },
  { skus: [["AUD-001", 1]], path: ["paid", "processing", "shipped", "delivered", "completed"] },
  { skus: [["HOODIE-001", 1]], path: [] },
  { skus: [["CHG-001", 1], ["CBL-001", 2]], path: ["paid"] },
  { skus: [["SNK-001", 3]], path: ["cancelled"] },
  { skus: [["LAMP-002", 1]], path: ["paid", "processing", "shipped", "delivered", "refund_requested"] },
];

/**
 * Seeds the demo data into an empty database and writes DATA_DIR/demo-credentials.json.
 * Returns null (and changes nothing) when any merchant exists already.
 */
export async function seedDemo(prisma: PrismaClient, dataDir: string, log: Logger): Promise<DemoCredentials | null> {
  if ((await prisma.merchant.count()) > 0) return null;
  const credentials: DemoCredentials = { merchants: [], agents: [], sampleOrder: { merchant: "", number: "", email: "" } };
  for (const shop of seedShops) {
    const merchant = await seedShop(prisma, shop, log);
    credentials.merchants.push(merchant.credentials);
    for (const agent of shop.agents) credentials.agents.push({ email: agent.email, password: agent.password, merchant: shop.name });
  }
  const first = seedShops[0]!;
  const sample = await seedDemoOrders(prisma, first, log);
  credentials.sampleOrder = { merchant: first.name, number: sample, email: demoCustomer.email };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, "demo-credentials.json"), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function seedShop(prisma: PrismaClient, shop: SeedShop, log: Logger) {
  const apiKey = newApiKey();
  const widgetKey = newWidgetKey();
  const identitySecret = newIdentitySecret();
  const merchant = await prisma.merchant.create({
    data: {
      name: shop.name,
      slug: shop.slug,
      apiKeyHash: apiKey.hash,
      apiKeyPrefix: apiKey.prefix,
      widgetKey,
      identitySecret,
      locales: shop.locales,
      defaultLocale: shop.defaultLocale,
      currency: shop.currency,
      timezone: shop.timezone,
      orderPrefix: shop.orderPrefix,
      businessHours: shop.businessHours,
      settings: {
        shipping: shop.shipping,
        payments: { provider: "sandbox", windowMinutes: 30, credentials: {} },
        handoff: { complaintSlaHours: 24, ticketSlaHours: 48, renotifyMinutes: 5, autoAssign: true },
        cannedResponses: [
          { title: "Greeting", text: "Hi {{name}}, this is {{agent}}. How can I help?", locale: "en" },
          { title: "Order check", text: "Let me check order {{order}} for you, one moment please.", locale: "en" },
          { title: "问候", text: "{{name}}您好，我是客服{{agent}}，请问有什么可以帮您？", locale: "zh-CN" },
          { title: "查询订单", text: "我来帮您查一下订单 {{order}}，请稍等。", locale: "zh-CN" },
        ],
      },
    },
  });
  const products = shop.catalog.map((p) => {
    const id = randomUUID();
    return { id, p, image: storedImage(id, productImage(p.name.en, p.image.background)) };
  });
  await prisma.product.createMany({
    data: products.map(({ id, p, image }) => ({
      id,
      merchantId: merchant.id,
      sku: p.sku,
      name: p.name,
      description: p.description,
      priceAmount: p.price,
      currency: shop.currency,
      stock: p.stock,
      tags: p.tags,
      imageUrl: image.imageUrl,
    })),
  });
  await prisma.productImage.createMany({ data: products.map(({ id, image }) => ({ productId: id, dataUrl: image.dataUrl! })) });
  log.info({ shop: shop.name, products: shop.catalog.length }, "seeded catalog");
  const articles = loadArticles(shop.contentDir);
  await prisma.article.createMany({
    data: articles.map((a) => ({ merchantId: merchant.id, slug: a.slug, locale: a.locale, title: a.title, body: a.body, tags: a.tags })),
  });
  log.info({ shop: shop.name, articles: articles.length }, "seeded help-center articles");
  for (const agent of shop.agents) {
    await prisma.agent.create({
      data: { merchantId: merchant.id, email: agent.email, name: agent.name, role: agent.role, passwordHash: await hashPassword(agent.password) },
    });
  }
  log.info({ shop: shop.name, agents: shop.agents.length }, "seeded agents");
  return { merchant, credentials: { name: shop.name, apiKey: apiKey.key, widgetKey, identitySecret } };
}

/** Places the demo orders through the real order service, so stock and history are consistent. */
async function seedDemoOrders(prisma: PrismaClient, shop: SeedShop, log: Logger): Promise<string> {
  const merchant = await prisma.merchant.findUniqueOrThrow({ where: { slug: shop.slug } });
  const customer = await prisma.customer.create({
    data: {
      merchantId: merchant.id,
      externalId: demoCustomer.externalId,
      email: demoCustomer.email,
      name: demoCustomer.name,
      phone: demoCustomer.phone,
    },
  });
  const orders = new OrdersService(prisma, log);
  const scope = { merchantId: merchant.id, currency: merchant.currency, orderPrefix: merchant.orderPrefix };
  const numbers: string[] = [];
  for (const [index, plan] of DEMO_ORDER_PATHS.entries()) {
    const products = await prisma.product.findMany({ where: { merchantId: merchant.id, sku: { in: plan.skus.map(([sku]) => sku) } } });
    const items = plan.skus.map(([sku, quantity]) => {
      const product = products.find((p) => p.sku === sku);
      if (!product) throw new Error(`seed: no product ${sku} in ${shop.name}`);
      return { productId: product.id, quantity };
    });
    const order = await orders.create(
      scope,
      { customer: { email: demoCustomer.email, name: demoCustomer.name, phone: demoCustomer.phone }, items, shippingAddress: demoCustomer.address },
      `customer:${customer.id}`,
      { channel: index % 2 === 0 ? "bot" : "api", customerId: customer.id },
    );
    for (const status of plan.path) {
      const actor = status === "paid" ? "payments:alipay" : status === "refund_requested" ? `customer:${customer.id}` : "merchant:seed";
      await orders.changeStatus(scope, order.id, status, actor);
    }
    numbers.push(order.number);
  }
  log.info({ orders: numbers.length }, "seeded demo orders");
  return numbers[0]!;
}
