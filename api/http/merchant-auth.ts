import type { MiddlewareHandler } from "hono";
import { errorBody } from "../errors.ts";
import type { MerchantsService } from "../domain/merchants/merchants.service.ts";
import { bearerToken } from "./bearer.ts";
import type { AppBindings } from "./bindings.ts";

/** `Authorization: Bearer <merchant API key>`; sets `merchant` for the handlers. */
export function merchantAuth(merchants: MerchantsService): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const key = bearerToken(c);
    if (!key) {
      c.header("WWW-Authenticate", 'Bearer realm="merchant-api"');
      return c.json(errorBody("auth:missing_api_key", "Send the merchant API key as 'Authorization: Bearer <key>'."), 401);
    }
    const merchant = await merchants.authenticateApiKey(key);
    if (!merchant) return c.json(errorBody("auth:invalid_api_key", "This API key is not valid."), 401);
    c.set("merchant", merchant);
    c.set("log", c.get("log").child({ merchantId: merchant.merchantId }));
    await next();
  };
}
