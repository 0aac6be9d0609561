import type { MiddlewareHandler } from "hono";
import type { ConversationsService } from "../domain/conversations/conversations.service.ts";
import { errorBody } from "../errors.ts";
import { bearerToken } from "./bearer.ts";
import type { AppBindings } from "./bindings.ts";

/** `Authorization: Bearer <sessionToken>` from POST /widget/sessions; sets `session`. */
export function widgetAuth(conversations: ConversationsService): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) return c.json(errorBody("auth:missing_session", "Send the session token as 'Authorization: Bearer <sessionToken>'."), 401);
    const session = await conversations.authenticate(token);
    if (!session) return c.json(errorBody("auth:invalid_session", "This session token is not valid or has expired."), 401);
    c.set("session", session);
    await next();
  };
}
