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

/** Merchant settings over the API (canned responses for now). */
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
    });
}
