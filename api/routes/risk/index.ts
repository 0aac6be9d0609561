import { createRoute } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import type { MerchantContext } from "../../domain/merchants/merchants.service.ts";
import type { OrdersService } from "../../domain/orders/orders.service.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { createRouter, errorResponses, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const heldSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        total: z.object({ amount: z.number().int(), currency: z.string() }),
        createdAt: z.string(),
        risk: z.object({ score: z.number().int(), level: z.string(), reasons: z.array(z.string()) }),
      }),
    ),
  })
  .meta({ id: "HeldOrders" });

const held = createRoute({
  tags: ["Orders"],
  security: [...merchantSecurity, { agentToken: [] }],
  method: "get",
  path: "/risk/holds",
  summary: "Orders on hold for risk review, newest first, with the reasons (for the dashboard)",
  description: "Numbers, totals and reasons only (no contact details); release or reject each with POST /orders/{id}/review.",
  responses: { 200: jsonResponse(heldSchema, "Held orders"), ...errorResponses },
});

const scopeOf = (m: MerchantContext) => ({ merchantId: m.merchantId, currency: m.currency, orderPrefix: m.orderPrefix });

/** The dashboard's view of held orders (a supervisor's token or the API key). */
export function riskRoutes(orders: OrdersService, auth: MiddlewareHandler<AppBindings>) {
  const router = createRouter();
  router.use("/risk/*", auth);
  return router.openapi(held, async (c) => {
    const page = await orders.list(scopeOf(c.get("merchant")), { limit: 50, status: "on_hold" });
    return c.json({ data: page.data.map((o) => ({ id: o.id, number: o.number, total: o.total, createdAt: o.createdAt, risk: o.risk })) }, 200);
  });
}
