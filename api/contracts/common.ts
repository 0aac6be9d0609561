import { z } from "zod";

/** Shapes shared by every area of the REST API (plain zod: the browser bundles import these too). */

export { LOCALES, isLocale, matchLocale, type Locale } from "../../bot/locales/locales.ts";
import { LOCALES, type Locale } from "../../bot/locales/locales.ts";
export const localeSchema = z.enum(LOCALES);

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as CNY");

/** Money is an integer number of minor units (fen, cents) with its currency; never a float. */
export const moneySchema = z
  .object({
    amount: z.number().int("amount is in minor units and must be an integer").min(0).max(1_000_000_000),
    currency: currencySchema,
  })
  .meta({ id: "Money" });
export type Money = z.infer<typeof moneySchema>;

/** An object with one optional field per locale (`{ en?, "zh-CN"? }`), each of this schema. */
export const perLocale = <T extends z.ZodType>(field: T) =>
  z.object(Object.fromEntries(LOCALES.map((l) => [l, field.optional()])) as { [L in Locale]: z.ZodOptional<T> });

/** A text in one language or more (`{ en?, "zh-CN"? }`, at least one), each of this schema. */
export const someLocales = <T extends z.ZodType>(field: T) =>
  perLocale(field)
    .strict()
    .refine((text) => LOCALES.some((l) => text[l] !== undefined), `give at least one of ${LOCALES.join(", ")}`);

export const localizedTextSchema = someLocales(z.string().trim().min(1).max(500)).meta({ id: "LocalizedText" });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const longLocalizedTextSchema = perLocale(z.string().max(5000)).strict();

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "orders:not_found" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });

export const idParamSchema = z.object({
  id: z.uuid("not a valid id").meta({ param: { name: "id", in: "path" } }),
});

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}
