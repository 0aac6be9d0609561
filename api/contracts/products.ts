import { z } from "zod";
import { localizedTextSchema, longLocalizedTextSchema, moneySchema } from "./common.ts";

export const productStatusSchema = z.enum(["active", "delisted"]);

export const productForecastFieldSchema = z
  .object({
    weeklyDemand: z.number().meta({ description: "Units expected to sell in the next 7 days" }),
    daysOfStockLeft: z.number().nullable().meta({ description: "Days until the stock runs out at the forecast rate; null when nothing is expected to sell" }),
    restockBy: z.string().nullable().meta({ description: "YYYY-MM-DD: the last day to order a restock that arrives (lead time) before it runs out; today when already late; null when nothing is expected to sell" }),
    warning: z.boolean().meta({ description: "It runs out within the lead time (the same rule as GET /analytics/forecasts' restockWarning)" }),
  })
  .meta({ id: "ProductStockForecast", description: "In GET /products only, for active products (null when delisted): the demand forecast of GET /analytics/forecasts" });

export const productSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: localizedTextSchema,
    description: longLocalizedTextSchema,
    price: moneySchema,
    stock: z.number().int(),
    status: productStatusSchema,
    imageUrl: z.string().nullable(),
    tags: z.array(z.string()),
    forecast: productForecastFieldSchema.nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Product" });
export type Product = z.infer<typeof productSchema>;

const imageUrlSchema = z
  .string()
  .max(200_000)
  .refine((url) => /^(https?:\/\/|\/|data:image\/(png|jpeg|webp|gif|svg\+xml)[;,])/.test(url), "an http(s) URL, a path, or a data:image URL");

export const productCreateSchema = z
  .object({
    sku: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, . _ - (up to 64)"),
    name: localizedTextSchema,
    description: longLocalizedTextSchema.optional(),
    price: moneySchema,
    stock: z.number().int().min(0).max(1_000_000),
    status: productStatusSchema.optional(),
    imageUrl: imageUrlSchema.optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  })
  .strict()
  .meta({ id: "ProductCreate" });
export type ProductCreate = z.infer<typeof productCreateSchema>;

export const productUpdateSchema = productCreateSchema
  .omit({ sku: true })
  .partial()
  .extend({ imageUrl: imageUrlSchema.nullable().optional() })
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, "nothing to change")
  .meta({ id: "ProductUpdate" });
export type ProductUpdate = z.infer<typeof productUpdateSchema>;

export { LOW_STOCK, RESTOCK_LEAD_DAYS } from "./stock.ts";

import { LOW_STOCK, RESTOCK_LEAD_DAYS } from "./stock.ts";

export const productListQuerySchema = z.object({
  status: productStatusSchema.optional(),
  lowStock: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ description: `Only products with at most ${LOW_STOCK} in stock` }),
  runningOut: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .meta({ description: "Only active products forecast to run out within the lead time (forecast.warning)" }),
  leadDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .optional()
    .meta({ description: `Days a restock takes to arrive, for forecast.warning and runningOut (default ${RESTOCK_LEAD_DAYS})` }),
  q: z.string().trim().min(1).max(100).optional(),
  tag: z.string().trim().min(1).max(40).optional(),
});

const productRef = z.union([z.object({ id: z.uuid() }).strict(), z.object({ sku: z.string().min(1).max(64) }).strict()]);

export const productBatchItemSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create"), product: productCreateSchema }).strict(),
  z.object({ op: z.literal("update"), ref: productRef, changes: productUpdateSchema }).strict(),
  z.object({ op: z.literal("delist"), ref: productRef }).strict(),
]);
export type ProductBatchItem = z.infer<typeof productBatchItemSchema>;

export const MAX_BATCH = 1000;

/** Items are validated one by one, so that one bad item does not sink the rest. */
export const productBatchSchema = z
  .object({ items: z.array(z.unknown()).min(1).max(MAX_BATCH) })
  .strict()
  .meta({
    id: "ProductBatch",
    description: `Up to ${MAX_BATCH} items, each {op:"create",product} | {op:"update",ref:{id}|{sku},changes} | {op:"delist",ref}`,
  });

export const productBatchResultSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({ index: z.number(), ok: z.literal(true), op: z.string(), product: productSchema }),
        z.object({
          index: z.number(),
          ok: z.literal(false),
          error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
        }),
      ]),
    ),
    summary: z.object({ succeeded: z.number(), failed: z.number() }),
  })
  .meta({ id: "ProductBatchResult" });
