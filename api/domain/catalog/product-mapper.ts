import type { Product as ProductRow } from "../../db/generated/client.ts";
import type { LocalizedText } from "../../contracts/common.ts";
import type { Product } from "../../contracts/products.ts";

export function toProductDto(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name as LocalizedText,
    description: (row.description ?? {}) as Product["description"],
    price: { amount: row.priceAmount, currency: row.currency },
    stock: row.stock,
    status: row.status,
    imageUrl: row.imageUrl,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
