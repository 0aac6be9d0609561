import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
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
export function settingsRoutes(merchants: MerchantsService) {
  const settingsOf = async (merchantId: string) => ((await merchants.get(merchantId))?.settings ?? {}) as { cannedResponses?: unknown[]; widget?: unknown };
  return createRouter()
    .openapi(get, async (c) => {
      const cannedResponses = ((await settingsOf(c.get("merchant").merchantId)).cannedResponses ?? []) as z.infer<typeof cannedSchema>[];
      return c.json({ cannedResponses }, 200);
    })
    .openapi(put, async (c) => {
      const { cannedResponses } = c.req.valid("json");
      await merchants.setSetting(c.get("merchant").merchantId, "cannedResponses", cannedResponses);
      return c.json({ cannedResponses }, 200);
    })
    .openapi(getWidget, async (c) => {
      return c.json(((await settingsOf(c.get("merchant").merchantId)).widget ?? {}) as z.infer<typeof widgetSettingsSchema>, 200);
    })
    .openapi(putWidget, async (c) => {
      const widget = c.req.valid("json");
      await merchants.setSetting(c.get("merchant").merchantId, "widget", widget);
      return c.json(widget, 200);
    });
}
