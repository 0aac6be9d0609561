import { createRoute } from "@hono/zod-openapi";
import { idParamSchema, listOf, paginationQuerySchema } from "../../contracts/common.ts";
import {
  productBatchResultSchema,
  productBatchSchema,
  productCreateSchema,
  productListQuerySchema,
  productSchema,
  productUpdateSchema,
} from "../../contracts/products.ts";
import {
  conflictResponse,
  errorResponses,
  jsonBody,
  jsonResponse,
  merchantSecurity,
  unprocessableResponse,
} from "../../http/openapi.ts";

const tags = ["Products"];
const common = { tags, security: merchantSecurity };

export const listProducts = createRoute({
  ...common,
  method: "get",
  path: "/products",
  summary: "List the catalog",
  request: { query: paginationQuerySchema.extend(productListQuerySchema.shape) },
  responses: { 200: jsonResponse(listOf(productSchema), "A page of products"), ...errorResponses },
});

export const createProduct = createRoute({
  ...common,
  method: "post",
  path: "/products",
  summary: "Add a product",
  request: { body: jsonBody(productCreateSchema) },
  responses: {
    201: jsonResponse(productSchema, "The new product"),
    ...errorResponses,
    ...conflictResponse,
    ...unprocessableResponse,
  },
});

export const batchProducts = createRoute({
  ...common,
  method: "post",
  path: "/products/batch",
  summary: "Create, update or delist many products; one result per item",
  request: { body: jsonBody(productBatchSchema) },
  responses: { 200: jsonResponse(productBatchResultSchema, "One result per item, in order"), ...errorResponses },
});

export const getProduct = createRoute({
  ...common,
  method: "get",
  path: "/products/{id}",
  summary: "Get a product",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(productSchema, "The product"), ...errorResponses },
});

export const updateProduct = createRoute({
  ...common,
  method: "patch",
  path: "/products/{id}",
  summary: "Change a product",
  request: { params: idParamSchema, body: jsonBody(productUpdateSchema) },
  responses: { 200: jsonResponse(productSchema, "The changed product"), ...errorResponses, ...unprocessableResponse },
});

export const deleteProduct = createRoute({
  ...common,
  method: "delete",
  path: "/products/{id}",
  summary: "Delist a product (orders keep referring to it, so it is never erased)",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(productSchema, "The delisted product"), ...errorResponses },
});

