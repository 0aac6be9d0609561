import { z } from "zod";
import { localeSchema } from "./common.ts";

export const articleSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    locale: localeSchema,
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    status: z.enum(["published", "draft"]),
    url: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Article" });
export type Article = z.infer<typeof articleSchema>;

export const articleCreateSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase words joined by hyphens").max(80),
    locale: localeSchema,
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(50_000).meta({ description: "Markdown; `##` sections become the passages the bot cites" }),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
    status: z.enum(["published", "draft"]).optional(),
  })
  .strict()
  .meta({ id: "ArticleCreate" });
export type ArticleCreate = z.infer<typeof articleCreateSchema>;

export const articleUpdateSchema = articleCreateSchema
  .omit({ slug: true, locale: true })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, "nothing to change")
  .meta({ id: "ArticleUpdate" });
export type ArticleUpdate = z.infer<typeof articleUpdateSchema>;

export const articleListQuerySchema = z.object({
  locale: localeSchema.optional(),
  status: z.enum(["published", "draft"]).optional(),
});
