import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { ConversationsService } from "../../domain/conversations/conversations.service.ts";
import { shopperKey, type RecommendationsService } from "../../domain/recommendations/recommendations.service.ts";
import { createRouter, errorResponses, jsonResponse } from "../../http/openapi.ts";
import { widgetAuth } from "../../http/widget-auth.ts";

const recommendationSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.object({ en: z.string().optional(), "zh-CN": z.string().optional() }),
    description: z.object({ en: z.string().optional(), "zh-CN": z.string().optional() }),
    price: z.object({ amount: z.number().int(), currency: z.string() }),
    stock: z.number().int(),
    imageUrl: z.string().nullable(),
    tags: z.array(z.string()),
    reason: z.enum(["related", "personal", "popular"]).meta({ description: "Bought or viewed with the product, the shopper's own taste, or popularity alone" }),
  })
  .meta({ id: "Recommendation" });

const route = createRoute({
  tags: ["Widget (shopper)"],
  security: [{ widgetSession: [] }],
  method: "get",
  path: "/widget/recommendations",
  summary: "Products to suggest: with productId, what goes with it; without, for this shopper (their history when identified, else popular)",
  request: {
    query: z.object({
      productId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(20).default(5),
    }),
  },
  responses: { 200: jsonResponse(z.object({ data: z.array(recommendationSchema) }), "Active, in-stock products of this shop, best first"), ...errorResponses },
});

/** The widget's recommendations; the same recommender as the bot's recommend answers. */
export function widgetRecommendationRoutes(conversations: ConversationsService, recommendations: RecommendationsService) {
  const router = createRouter();
  router.use("/widget/recommendations", widgetAuth(conversations));
  return router.openapi(route, async (c) => {
    const session = c.get("session");
    const { productId, limit } = c.req.valid("query");
    const data = await recommendations.recommend(session.merchantId, {
      productIds: productId ? [productId] : undefined,
      shopper: session.verified && session.customerId ? shopperKey(session.customerId, "") : undefined,
      limit,
    });
    return c.json({ data }, 200);
  });
}
