import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { PrismaClient } from "../../db/generated/client.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const cannedSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    text: z.string().trim().min(1).max(2000).meta({ description: "Variables: {{name}} (customer), {{order}} (latest order number), {{agent}}" }),
    locale: z.enum(["en", "zh-CN"]).optional(),
  })
  .strict();
const cannedListSchema = z.object({ cannedResponses: z.array(cannedSchema).max(200) }).strict().meta({ id: "CannedResponses" });

const common = { tags: ["Settings"], security: merchantSecurity };
const get = createRoute({ ...common, method: "get", path: "/settings/canned-responses", summary: "The agents' canned responses", responses: { 200: jsonResponse(cannedListSchema, "Canned responses"), ...errorResponses } });
const put = createRoute({
  ...common,
  method: "put",
  path: "/settings/canned-responses",
  summary: "Replace the canned responses",
  request: { body: jsonBody(cannedListSchema) },
  responses: { 200: jsonResponse(cannedListSchema, "Saved"), ...errorResponses },
});

const widgetSettingsSchema = z
  .object({
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour").optional(),
    position: z.enum(["left", "right"]).optional(),
    title: z.object({ en: z.string().trim().max(60).optional(), "zh-CN": z.string().trim().max(60).optional() }).strict().optional(),
    avatar: z.string().max(200_000).refine((v) => v.startsWith("https://") || v.startsWith("data:image/"), "an https or data:image URL").optional(),
  })
  .strict()
  .meta({ id: "WidgetSettings" });
const getWidget = createRoute({ ...common, method: "get", path: "/settings/widget", summary: "The widget's look", responses: { 200: jsonResponse(widgetSettingsSchema, "Widget settings"), ...errorResponses } });
const putWidget = createRoute({
  ...common,
  method: "put",
  path: "/settings/widget",
  summary: "Theme the widget (colour, position, title per locale, avatar)",
  request: { body: jsonBody(widgetSettingsSchema) },
  responses: { 200: jsonResponse(widgetSettingsSchema, "Saved"), ...errorResponses },
});

/** Merchant settings over the API: canned responses and the widget's look. */
export function settingsRoutes(prisma: PrismaClient) {
  return createRouter()
    .openapi(get, async (c) => {
      const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: c.get("merchant").merchantId }, select: { settings: true } });
      const cannedResponses = ((merchant.settings as { cannedResponses?: unknown[] }).cannedResponses ?? []) as z.infer<typeof cannedSchema>[];
      return c.json({ cannedResponses }, 200);
    })
    .openapi(put, async (c) => {
      const { cannedResponses } = c.req.valid("json");
      const merchantId = c.get("merchant").merchantId;
      const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true } });
      await prisma.merchant.update({ where: { id: merchantId }, data: { settings: { ...(merchant.settings as object), cannedResponses } } });
      return c.json({ cannedResponses }, 200);
    })
    .openapi(getWidget, async (c) => {
      const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: c.get("merchant").merchantId }, select: { settings: true } });
      return c.json(((merchant.settings as { widget?: z.infer<typeof widgetSettingsSchema> }).widget ?? {}) as z.infer<typeof widgetSettingsSchema>, 200);
    })
    .openapi(putWidget, async (c) => {
      const widget = c.req.valid("json");
      const merchantId = c.get("merchant").merchantId;
      const merchant = await prisma.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { settings: true } });
      await prisma.merchant.update({ where: { id: merchantId }, data: { settings: { ...(merchant.settings as object), widget } } });
      return c.json(widget, 200);
    });
}
