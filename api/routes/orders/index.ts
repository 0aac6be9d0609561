import type { MerchantContext } from "../../domain/merchants/merchants.service.ts";
import type { OrdersService } from "../../domain/orders/orders.service.ts";
import type { IdempotencyStore } from "../../domain/shared/idempotency.ts";
import type { Order } from "../../contracts/orders.ts";
import { createRouter } from "../../http/openapi.ts";
import * as routes from "./orders.routes.ts";
import { AppError } from "../../errors.ts";
import { clientAddress } from "../../http/rate-limit.ts";

const scopeOf = (m: MerchantContext) => ({ merchantId: m.merchantId, currency: m.currency, orderPrefix: m.orderPrefix });

/** Merchant order endpoints: validation in the route definitions, rules in OrdersService. */
export function orderRoutes(orders: OrdersService, idempotency: IdempotencyStore) {
  return createRouter()
    .openapi(routes.listOrders, async (c) => c.json(await orders.list(scopeOf(c.get("merchant")), c.req.valid("query")), 200))
    .openapi(routes.createOrder, async (c) => {
      const merchant = c.get("merchant");
      const body = c.req.valid("json");
      const result = await idempotency.run<Order>(
        { merchantId: merchant.merchantId, operation: "orders:create", key: c.req.valid("header")["idempotency-key"], request: body },
        async () => ({ status: 201, body: await orders.create(scopeOf(merchant), body, c.get("actor")) }),
      );
      if (result.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(result.body, 201);
    })
    .openapi(routes.getOrder, async (c) => c.json(await orders.get(scopeOf(c.get("merchant")), c.req.valid("param").id), 200))
    .openapi(routes.updateOrder, async (c) => {
      const merchant = c.get("merchant");
      c.set("audited", true); // OrdersService records the edit (which fields, never their values)
      return c.json(await orders.update(scopeOf(merchant), c.req.valid("param").id, c.req.valid("json"), c.get("actor"), { clientAddress: clientAddress(c) }), 200);
    })
    .openapi(routes.cancelOrder, async (c) => {
      const merchant = c.get("merchant");
      const reason = (c.req.valid("json") as { reason?: string } | undefined)?.reason;
      return c.json(await orders.cancel(scopeOf(merchant), c.req.valid("param").id, c.get("actor"), reason), 200);
    })
    .openapi(routes.reviewOrder, async (c) => {
      const merchant = c.get("merchant");
      c.set("audited", true);
      return c.json(await orders.review(scopeOf(merchant), c.req.valid("param").id, c.req.valid("json").decision, c.get("actor"), { clientAddress: clientAddress(c) }), 200);
    })
    .openapi(routes.changeOrderStatus, async (c) => {
      const merchant = c.get("merchant");
      const { status, note } = c.req.valid("json");
      if (status === "paid") {
        await orders.get(scopeOf(merchant), c.req.valid("param").id); // not yours: 404 first
        // Money is recorded only from what a provider verified (a signed notification or a query).
        throw new AppError(409, "orders:paid_by_payment_only", "An order becomes paid only through a verified payment: create one with POST /orders/{id}/payments.");
      }
      return c.json(await orders.changeStatus(scopeOf(merchant), c.req.valid("param").id, status, c.get("actor"), note), 200);
    });
}
