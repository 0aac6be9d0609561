import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errorSchema } from "../../contracts/common.ts";
import { feedbackSchema, messageSchema, messageSendSchema, messagesQuerySchema, sessionCreateSchema, sessionSchema } from "../../contracts/widget.ts";
import { errorResponses, jsonBody, jsonResponse } from "../../http/openapi.ts";

const tags = ["Widget (shopper)"];
const security = [{ widgetSession: [] }];
const messages = z.object({ messages: z.array(messageSchema) });

export const createSession = createRoute({
  tags,
  method: "post",
  path: "/widget/sessions",
  summary: "Start (or, for an identified shopper, resume) a conversation",
  description:
    "`identity.hmac` is hex HMAC-SHA256(customerId) with the merchant's identity secret, or HMAC-SHA256(customerId + \"\\n\" + lowercased email) to vouch for the email too. Without a valid one the shopper is anonymous; an email the hmac does not cover is ignored (it never grants access to orders).",
  request: { body: jsonBody(sessionCreateSchema) },
  responses: { 201: jsonResponse(sessionSchema, "A session token for the other widget calls"), 400: errorResponses[400], 401: { description: "Unknown widget key or bad identity", content: { "application/json": { schema: errorSchema } } } },
});

export const sendMessage = createRoute({
  tags,
  security,
  method: "post",
  path: "/widget/messages",
  summary: "Send a message; answers with it and every reply the bot produced for it",
  description: "Idempotent on clientMessageId: a retry returns the same stored messages and the bot does not answer twice.",
  request: { body: jsonBody(messageSendSchema) },
  responses: { 200: jsonResponse(messages, "The stored message first, then the bot's replies"), ...errorResponses },
});

export const listMessages = createRoute({
  tags,
  security,
  method: "get",
  path: "/widget/messages",
  summary: "Messages after a sequence number (for resync)",
  request: { query: messagesQuerySchema },
  responses: { 200: jsonResponse(messages, "Messages with seq > after, in order"), ...errorResponses },
});

export const sendFeedback = createRoute({
  tags,
  security,
  method: "post",
  path: "/widget/feedback",
  summary: "Rate a bot answer (thumbs) or the conversation (CSAT 1-5); a later rating replaces an earlier one",
  request: { body: jsonBody(feedbackSchema) },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), messageId: z.string().nullable(), thumbs: z.string().nullable(), csat: z.number().nullable(), comment: z.string().nullable() }), "The stored rating"),
    ...errorResponses,
  },
});
