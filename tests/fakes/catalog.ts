import type { ProductView } from "../../bot/ports.ts";
import { demoShopCatalog } from "../../prisma/seed/catalog.ts";

/** The demo shop's catalog as the bot sees it, with stable ids. */
export function demoProducts(): ProductView[] {
  return demoShopCatalog.map((p, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    sku: p.sku,
    name: p.name,
    description: p.description,
    tags: p.tags,
    price: { amount: p.price, currency: "CNY" },
    stock: p.stock,
    status: "active" as const,
    imageUrl: null,
  }));
}
