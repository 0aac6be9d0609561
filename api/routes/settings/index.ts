import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
import { handoffSettingsSchema, publicPaymentSettings, SETTINGS, settingsPatchSchema, widgetSettingsSchema, type MerchantSettings } from "../../domain/merchants/settings.ts";
import { AppError } from "../../errors.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const cannedListSchema = z.object({ cannedResponses: SETTINGS.cannedResponses.schema }).strict().meta({ id: "CannedResponses" });

/** Every section but the payment credentials, which are write-only (see PUT /settings/payments). */
const settingsViewSchema = z
  .object({
    shipping: SETTINGS.shipping.schema,
    payments: z.object({ provider: z.string(), windowMinutes: z.number().int(), configured: z.record(z.string(), z.array(z.string())) }),
    widget: widgetSettingsSchema,
    cannedResponses: SETTINGS.cannedResponses.schema,
    handoff: handoffSettingsSchema,
    vip: SETTINGS.vip.schema,
  })
  .meta({ id: "MerchantSettings" });
/** Payments have their own route, which checks the provider's credentials. */
const patchSchema = settingsPatchSchema.omit({ payments: true }).meta({ id: "MerchantSettingsPatch", description: "Any sections, each given whole; the others are kept" });

const common = { tags: ["Settings"], security: merchantSecurity };
const getAll = createRoute({ ...common, method: "get", path: "/settings", summary: "Every setting, with defaults filled in (secrets left out)", responses: { 200: jsonResponse(settingsViewSchema, "Settings"), ...errorResponses } });
const patchAll = createRoute({
  ...common,
  method: "patch",
  path: "/settings",
  summary: "Replace some sections of the settings in one step",
  request: { body: jsonBody(patchSchema) },
  responses: { 200: jsonResponse(settingsViewSchema, "Saved"), ...errorResponses },
});
const get = createRoute({ ...common, method: "get", path: "/settings/canned-responses", summary: "The agents' canned responses", responses: { 200: jsonResponse(cannedListSchema, "Canned responses"), ...errorResponses } });
const put = createRoute({
  ...common,
  method: "put",
  path: "/settings/canned-responses",
  summary: "Replace the canned responses",
  request: { body: jsonBody(cannedListSchema) },
  responses: { 200: jsonResponse(cannedListSchema, "Saved"), ...errorResponses },
});
const getWidget = createRoute({ ...common, method: "get", path: "/settings/widget", summary: "The widget's look", responses: { 200: jsonResponse(widgetSettingsSchema, "Widget settings"), ...errorResponses } });
const putWidget = createRoute({
  ...common,
  method: "put",
  path: "/settings/widget",
  summary: "Theme the widget (colour, position, title per locale, avatar)",
  request: { body: jsonBody(widgetSettingsSchema) },
  responses: { 200: jsonResponse(widgetSettingsSchema, "Saved"), ...errorResponses },
});

/** What the settings routes show: everything but secrets. */
export function settingsView(settings: MerchantSettings): z.infer<typeof settingsViewSchema> {
  return { ...settings, payments: publicPaymentSettings(settings.payments) };
}

/** Merchant settings over the API: all of them at once, and the canned responses and widget look on their own. */
export function settingsRoutes(merchants: MerchantsService) {
  const settingsOf = async (merchantId: string) => {
    const settings = await merchants.settings(merchantId);
    if (!settings) throw new AppError(404, "merchants:not_found", "No such merchant.");
    return settings;
  };
  return createRouter()
    .openapi(getAll, async (c) => c.json(settingsView(await settingsOf(c.get("merchant").merchantId)), 200))
    .openapi(patchAll, async (c) => {
      const { merchantId, currency } = c.get("merchant");
      const patch = c.req.valid("json");
      if (patch.shipping && (patch.shipping.flatFee.currency !== currency || patch.shipping.freeOver.currency !== currency)) {
        throw new AppError(400, "settings:currency_mismatch", `Shipping is charged in the shop's currency, ${currency}.`);
      }
      await merchants.updateSettings(merchantId, patch);
      return c.json(settingsView(await settingsOf(merchantId)), 200);
    })
    .openapi(get, async (c) => c.json({ cannedResponses: (await settingsOf(c.get("merchant").merchantId)).cannedResponses }, 200))
    .openapi(put, async (c) => {
      const { cannedResponses } = c.req.valid("json");
      await merchants.updateSettings(c.get("merchant").merchantId, { cannedResponses });
      return c.json({ cannedResponses }, 200);
    })
    .openapi(getWidget, async (c) => c.json((await settingsOf(c.get("merchant").merchantId)).widget, 200))
    .openapi(putWidget, async (c) => {
      const widget = c.req.valid("json");
      await merchants.updateSettings(c.get("merchant").merchantId, { widget });
      return c.json(widget, 200);
    });
}
