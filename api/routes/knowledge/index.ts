import { createRoute } from "@hono/zod-openapi";
import { idParamSchema, listOf, paginationQuerySchema } from "../../contracts/common.ts";
import { articleCreateSchema, articleListQuerySchema, articleSchema, articleUpdateSchema } from "../../contracts/knowledge.ts";
import type { KnowledgeService } from "../../domain/knowledge/knowledge.service.ts";
import { conflictResponse, createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const common = { tags: ["Help center"], security: merchantSecurity };

const list = createRoute({
  ...common,
  method: "get",
  path: "/knowledge/articles",
  summary: "List help-center articles",
  request: { query: paginationQuerySchema.extend(articleListQuerySchema.shape) },
  responses: { 200: jsonResponse(listOf(articleSchema), "A page of articles"), ...errorResponses },
});
const create = createRoute({
  ...common,
  method: "post",
  path: "/knowledge/articles",
  summary: "Write an article (the bot answers from it at once)",
  request: { body: jsonBody(articleCreateSchema) },
  responses: { 201: jsonResponse(articleSchema, "The new article"), ...errorResponses, ...conflictResponse },
});
const get = createRoute({
  ...common,
  method: "get",
  path: "/knowledge/articles/{id}",
  summary: "Get an article",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(articleSchema, "The article"), ...errorResponses },
});
const update = createRoute({
  ...common,
  method: "patch",
  path: "/knowledge/articles/{id}",
  summary: "Change an article",
  request: { params: idParamSchema, body: jsonBody(articleUpdateSchema) },
  responses: { 200: jsonResponse(articleSchema, "The changed article"), ...errorResponses },
});
const remove = createRoute({
  ...common,
  method: "delete",
  path: "/knowledge/articles/{id}",
  summary: "Delete an article",
  request: { params: idParamSchema },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export function knowledgeRoutes(knowledge: KnowledgeService) {
  return createRouter()
    .openapi(list, async (c) => c.json(await knowledge.list(c.get("merchant").merchantId, c.req.valid("query")), 200))
    .openapi(create, async (c) => c.json(await knowledge.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(get, async (c) => c.json(await knowledge.get(c.get("merchant").merchantId, c.req.valid("param").id), 200))
    .openapi(update, async (c) => c.json(await knowledge.update(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json")), 200))
    .openapi(remove, async (c) => {
      await knowledge.remove(c.get("merchant").merchantId, c.req.valid("param").id);
      return c.body(null, 204);
    });
}
