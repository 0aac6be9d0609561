import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { PrismaClient } from "../../db/generated/client.ts";
import type { Caches } from "../../domain/shared/caches.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const day = z
  .tuple([time, time])
  .refine(([open, close]) => open < close, "opens before it closes")
  .nullable()
  .meta({ description: "[opens, closes] in the shop's time zone, or null: closed" });
/** The shape api/domain/handoff/business-hours.ts reads: no day set at all means always open. */
export const businessHoursSchema = z
  .object({
    timezone: z.string().refine((tz) => tz === "UTC" || Intl.supportedValuesOf("timeZone").includes(tz), "an IANA time zone"),
    hours: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }).partial().strict(),
  })
  .strict()
  .meta({ id: "BusinessHours" });

const common = { tags: ["Settings"], security: merchantSecurity };
const get = createRoute({ ...common, method: "get", path: "/settings/business-hours", summary: "Opening hours per weekday and the shop's time zone", responses: { 200: jsonResponse(businessHoursSchema, "Business hours"), ...errorResponses } });
const put = createRoute({
  ...common,
  method: "put",
  path: "/settings/business-hours",
  summary: "Set the opening hours (outside them the bot takes messages for later instead of queueing for an agent)",
  request: { body: jsonBody(businessHoursSchema) },
  responses: { 200: jsonResponse(businessHoursSchema, "Saved"), ...errorResponses },
});

/** Business hours live in their own columns (the handoff reads them with the time zone), so they have their own route. */
export function businessHoursRoutes(prisma: PrismaClient, caches: Caches) {
  return createRouter()
    .openapi(get, async (c) => {
      const m = await prisma.merchant.findUniqueOrThrow({ where: { id: c.get("merchant").merchantId }, select: { businessHours: true, timezone: true } });
      const parsed = businessHoursSchema.shape.hours.safeParse(m.businessHours);
      return c.json({ timezone: m.timezone, hours: parsed.success ? parsed.data : {} }, 200);
    })
    .openapi(put, async (c) => {
      const body = c.req.valid("json");
      const merchantId = c.get("merchant").merchantId;
      await prisma.merchant.update({ where: { id: merchantId }, data: { businessHours: body.hours, timezone: body.timezone } });
      await caches.changed(merchantId, "merchant");
      return c.json(body, 200);
    });
}
