import type { ExperimentsService } from "../../domain/recommendations/experiments.service.ts";
import { createRouter } from "../../http/openapi.ts";
import * as routes from "./experiments.routes.ts";

/** Merchant (or supervisor) side of A/B tests; the rules live in ExperimentsService. */
export function experimentRoutes(experiments: ExperimentsService) {
  return createRouter()
    .openapi(routes.createExperiment, async (c) => c.json(await experiments.create(c.get("merchant").merchantId, c.req.valid("json")), 201))
    .openapi(routes.listExperiments, async (c) => c.json({ data: await experiments.list(c.get("merchant").merchantId), nextCursor: null }, 200))
    .openapi(routes.getExperiment, async (c) => c.json(await experiments.get(c.get("merchant").merchantId, c.req.valid("param").id), 200))
    .openapi(routes.updateExperiment, async (c) => c.json(await experiments.setStatus(c.get("merchant").merchantId, c.req.valid("param").id, c.req.valid("json").status), 200))
    .openapi(routes.experimentResults, async (c) => c.json(await experiments.results(c.get("merchant").merchantId, c.req.valid("param").id), 200));
}
