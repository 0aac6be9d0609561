import type { ConversationsService } from "../../domain/conversations/conversations.service.ts";
import { createRouter } from "../../http/openapi.ts";
import { widgetAuth } from "../../http/widget-auth.ts";
import * as routes from "./widget.routes.ts";

/** The shopper side over REST: enough for curl (or any client) to hold a whole conversation. */
export function widgetRoutes(conversations: ConversationsService) {
  const router = createRouter();
  const auth = widgetAuth(conversations);
  router.use("/widget/messages", auth);
  router.use("/widget/feedback", auth);
  return router
    .openapi(routes.createSession, async (c) => c.json(await conversations.createSession(c.req.valid("json")), 201))
    .openapi(routes.sendMessage, async (c) => c.json({ messages: await conversations.postMessage(c.get("session"), c.req.valid("json")) }, 200))
    .openapi(routes.listMessages, async (c) => c.json({ messages: await conversations.messagesAfter(c.get("session"), c.req.valid("query").after) }, 200))
    .openapi(routes.sendFeedback, async (c) => c.json(await conversations.feedback(c.get("session"), c.req.valid("json")), 200));
}
