import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema } from "../../contracts/common.ts";
import type { PrismaClient } from "../../db/generated/client.ts";
import { gapsAnsweredBy } from "../../domain/knowledge/article-gaps.ts";
import type { KnowledgeService } from "../../domain/knowledge/knowledge.service.ts";
import { createRouter, errorResponses, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const gaps = createRoute({
  tags: ["Help center"],
  security: merchantSecurity,
  method: "get",
  path: "/knowledge/articles/{id}/gaps",
  summary: "The knowledge gaps (unanswered questions of the last 90 days, clustered) this article answers now",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(z.object({ data: z.array(z.object({ question: z.string(), count: z.number(), score: z.number() })) }), "Gaps"), ...errorResponses },
});

export function articleGapRoutes(prisma: PrismaClient, knowledge: KnowledgeService) {
  return createRouter().openapi(gaps, async (c) => c.json({ data: await gapsAnsweredBy(prisma, knowledge, c.get("merchant").merchantId, c.req.valid("param").id) }, 200));
}
