import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { RESTOCK_LEAD_DAYS } from "../../contracts/stock.ts";
import type { ForecastsService } from "../../domain/recommendations/forecasts.service.ts";
import { createRouter, errorResponses, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const forecastSchema = z
  .object({
    productId: z.uuid(),
    sku: z.string(),
    name: z.object({ en: z.string().optional(), "zh-CN": z.string().optional() }),
    stock: z.number().int(),
    weeklyDemand: z.number().meta({ description: "Units expected to sell in the next 7 days" }),
    daysOfStockLeft: z.number().nullable().meta({ description: "Days until the stock runs out at the forecast rate; null when nothing is expected to sell" }),
    restockWarning: z.boolean().meta({ description: "It runs out within the lead time" }),
  })
  .meta({ id: "ProductForecast" });

const forecastsRoute = createRoute({
  tags: ["Analytics"],
  security: [...merchantSecurity, { agentToken: [] }],
  method: "get",
  path: "/analytics/forecasts",
  summary: "Demand forecast per active product (Holt-Winters on daily sales), days of stock left, restock warnings",
  request: { query: z.object({ leadDays: z.coerce.number().int().min(1).max(90).default(RESTOCK_LEAD_DAYS).meta({ description: "Days a restock takes to arrive: products running out sooner are flagged" }) }) },
  responses: { 200: jsonResponse(z.object({ data: z.array(forecastSchema), leadDays: z.number().int(), warnings: z.number().int() }), "Products, those running out first"), ...errorResponses },
});

export function forecastRoutes(forecasts: ForecastsService) {
  return createRouter().openapi(forecastsRoute, async (c) => {
    const { leadDays } = c.req.valid("query");
    const data = await forecasts.forProducts(c.get("merchant").merchantId, { leadDays });
    return c.json({ data, leadDays, warnings: data.filter((f) => f.restockWarning).length }, 200);
  });
}
