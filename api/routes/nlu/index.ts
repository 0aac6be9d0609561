import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Nlu } from "../../../bot/nlu/nlu.ts";
import { nluParseSchema } from "../../contracts/widget.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse } from "../../http/openapi.ts";

const parseResult = z
  .object({
    text: z.string(),
    locale: z.string(),
    language: z.string(),
    intent: z.object({ name: z.string(), confidence: z.number() }),
    intent_ranking: z.array(z.object({ name: z.string(), confidence: z.number() })),
    entities: z.array(z.object({ entity: z.string(), value: z.unknown(), start: z.number(), end: z.number() })),
  })
  .meta({ id: "NluParseResult" });

const parse = createRoute({
  tags: ["NLU"],
  method: "post",
  path: "/nlu/parse",
  summary: "Intent and entities of one message (the bot's own NLU)",
  request: { body: jsonBody(nluParseSchema) },
  responses: { 200: jsonResponse(parseResult, "Intent ranking with confidences, and entities with offsets"), 400: errorResponses[400] },
});

export function nluRoutes(nlu: Nlu) {
  return createRouter().openapi(parse, (c) => {
    const { text, locale } = c.req.valid("json");
    return c.json(nlu.parse(text, { locale }), 200);
  });
}
