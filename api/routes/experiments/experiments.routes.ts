import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema } from "../../contracts/common.ts";
import { experimentCreateSchema, experimentResultsSchema, experimentSchema, experimentUpdateSchema } from "../../contracts/experiments.ts";
import { conflictResponse, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const common = { tags: ["Experiments"], security: [...merchantSecurity, { agentToken: [] }] };

export const createExperiment = createRoute({
  ...common,
  method: "post",
  path: "/experiments",
  summary: "Start an A/B test of the greeting, its quick replies or a promotion with weighted variants",
  description: "The newest running experiment decides the greeting (and the quick replies under it) of new conversations. A shopper keeps their variant: it is a hash of the experiment and the verified customer (or the widget's visitorId). With the goal quick_reply, a click on one of the greeting's quick replies (a message sent with the action quick_reply) is the conversion.",
  request: { body: jsonBody(experimentCreateSchema) },
  responses: { 201: jsonResponse(experimentSchema, "The experiment, running"), ...errorResponses, ...conflictResponse },
});

export const listExperiments = createRoute({
  ...common,
  method: "get",
  path: "/experiments",
  summary: "The merchant's experiments, newest first",
  responses: { 200: jsonResponse(z.object({ data: z.array(experimentSchema), nextCursor: z.null() }), "Experiments"), ...errorResponses },
});

export const getExperiment = createRoute({
  ...common,
  method: "get",
  path: "/experiments/{id}",
  summary: "One experiment",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(experimentSchema, "The experiment"), ...errorResponses },
});

export const updateExperiment = createRoute({
  ...common,
  method: "patch",
  path: "/experiments/{id}",
  summary: "Stop (or restart) an experiment",
  request: { params: idParamSchema, body: jsonBody(experimentUpdateSchema) },
  responses: { 200: jsonResponse(experimentSchema, "The experiment"), ...errorResponses },
});

export const experimentResults = createRoute({
  ...common,
  method: "get",
  path: "/experiments/{id}/results",
  summary: "Per variant: sessions, conversions, rate and its 95% Wilson interval; the winner when clear",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(experimentResultsSchema, "Results"), ...errorResponses },
});
