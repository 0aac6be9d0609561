import { demoShopCatalog, secondShopCatalog, type SeedProduct } from "./catalog.ts";

/** The two demo merchants: a bilingual CNY shop, and a second one so the tenant walls show. */
export interface SeedShop {
  contentDir: string;
  name: string;
  slug: string;
  locales: string[];
  defaultLocale: string;
  currency: string;
  timezone: string;
  orderPrefix: string;
  businessHours: Record<string, [string, string] | null>;
  catalog: SeedProduct[];
  /** Shipping as the shop's help center states it (minor units). */
  shipping: { flatFee: { amount: number; currency: string }; freeOver: { amount: number; currency: string } };
  agents: { email: string; name: string; password: string; role: "agent" | "supervisor" | "admin" }[];
}

const weekdays = (open: string, close: string, weekend: [string, string] | null) => ({
  mon: [open, close] as [string, string],
  tue: [open, close] as [string, string],
  wed: [open, close] as [string, string],
  thu: [open, close] as [string, string],
  fri: [open, close] as [string, string],
  sat: weekend,
  sun: weekend,
});

export const seedShops: SeedShop[] = [
  {
    contentDir: "demo-shop",
    name: "Lumen Lane 流明小铺",
    slug: "lumen-lane",
    locales: ["zh-CN", "en"],
    defaultLocale: "zh-CN",
    currency: "CNY",
    timezone: "Asia/Shanghai",
    orderPrefix: "LL",
    businessHours: weekdays("09:00", "21:00", ["10:00", "18:00"]),
    catalog: demoShopCatalog,
    // "Orders under ¥99 pay a flat ¥8 for standard delivery" (shipping-options.md).
    shipping: { flatFee: { amount: 800, currency: "CNY" }, freeOver: { amount: 9900, currency: "CNY" } },
    agents: [
      { email: "lina@lumenlane.example", name: "李娜 Li Na", password: "demo-lina-2026", role: "supervisor" },
      { email: "tom@lumenlane.example", name: "Tom Zhou", password: "demo-tom-2026", role: "agent" },
    ],
  },
  {
    contentDir: "second-shop",
    name: "Trailhead Outfitters",
    slug: "trailhead",
    locales: ["en"],
    defaultLocale: "en",
    currency: "USD",
    timezone: "America/Denver",
    orderPrefix: "TH",
    businessHours: weekdays("08:00", "18:00", null),
    catalog: secondShopCatalog,
    // Free shipping from $50 (refunds.md), $6.95 below it (the rate of its prepaid label).
    shipping: { flatFee: { amount: 695, currency: "USD" }, freeOver: { amount: 5000, currency: "USD" } },
    agents: [
      { email: "sam@trailhead.example", name: "Sam Rivera", password: "demo-sam-2026", role: "supervisor" },
      { email: "alex@trailhead.example", name: "Alex Kim", password: "demo-alex-2026", role: "agent" },
    ],
  },
];

/** The demo shopper of the first shop, with orders in several statuses. */
export const demoCustomer = {
  externalId: "demo-customer-1",
  email: "mei.chen@example.com",
  name: "陈美 Mei Chen",
  phone: "+86 138 0013 8000",
  address: {
    name: "陈美",
    phone: "+86 138 0013 8000",
    line1: "西湖区文三路 90 号 3 单元 502",
    city: "杭州 Hangzhou",
    region: "浙江 Zhejiang",
    postalCode: "310012",
    country: "CN",
  },
};
