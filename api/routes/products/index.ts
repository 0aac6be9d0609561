import type { CatalogService } from "../../domain/catalog/catalog.service.ts";
import type { MerchantContext } from "../../domain/merchants/merchants.service.ts";
import { createRouter } from "../../http/openapi.ts";
import * as routes from "./products.routes.ts";

const scopeOf = (m: MerchantContext) => ({ merchantId: m.merchantId, currency: m.currency });

/** Merchant catalog endpoints: validation in the route definitions, rules in CatalogService. */
export function productRoutes(catalog: CatalogService) {
  return createRouter()
    // Sent as the cached JSON text: the same body `c.json` would send, without re-serialising it.
    .openapi(routes.listProducts, async (c) => c.body(await catalog.listJson(scopeOf(c.get("merchant")), c.req.valid("query")), 200, { "Content-Type": "application/json" }) as never)
    .openapi(routes.createProduct, async (c) =>
      c.json(await catalog.create(scopeOf(c.get("merchant")), c.req.valid("json")), 201),
    )
    .openapi(routes.batchProducts, async (c) => {
      const results = await catalog.batch(scopeOf(c.get("merchant")), c.req.valid("json").items);
      const succeeded = results.filter((r) => r.ok).length;
      return c.json({ results, summary: { succeeded, failed: results.length - succeeded } }, 200);
    })
    .openapi(routes.getProduct, async (c) => c.json(await catalog.get(scopeOf(c.get("merchant")), c.req.valid("param").id), 200))
    .openapi(routes.updateProduct, async (c) =>
      c.json(await catalog.update(scopeOf(c.get("merchant")), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(routes.deleteProduct, async (c) =>
      c.json(await catalog.delist(scopeOf(c.get("merchant")), c.req.valid("param").id), 200),
    );
}
