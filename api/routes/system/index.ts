import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import type { Database } from "../../db/database.ts";
import type { AppBindings } from "../../http/bindings.ts";
import { docsPage, landingPage } from "./pages.ts";

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const docAssets: Record<string, string> = Object.setPrototypeOf({
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
}, null);

/** Liveness, readiness, the landing page and the API reference (served from local files: no CDN here). */
export function systemRoutes(db: Database, redis?: { ping(): Promise<string> }, draining: () => boolean = () => false, llmReachability?: () => Promise<Record<string, "ok" | "down">>) {
  const assetCache = new Map<string, string>();
  return new Hono<AppBindings>()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      // A node shutting down says so first, so the load balancer stops sending it traffic.
      if (draining()) return c.json({ status: "draining", checks: {} }, 503);
      const checks: Record<string, "ok" | "down"> = {};
      // Each check answers within READY_CHECK_MS: a hung dependency is "down", not a hung probe.
      const [database, cache] = await Promise.all([within(db.ping()), redis ? within(redis.ping()) : Promise.resolve(undefined)]);
      checks.database = database;
      if (cache) checks.redis = cache;
      const ready = Object.values(checks).every((s) => s === "ok");
      // The model providers are reported but do not gate readiness: without them the local engine answers.
      const llm = llmReachability ? await llmReachability().catch(() => ({})) : undefined;
      return c.json({ status: ready ? "ok" : "unavailable", checks, ...(llm ? { llm } : {}) }, ready ? 200 : 503);
    })
    .get("/", (c) => c.html(landingPage()))
    .get("/docs", (c) => c.html(docsPage()))
    .get("/docs/assets/:file", (c) => {
      const file = c.req.param("file");
      const type = docAssets[file];
      if (!type) return c.notFound();
      let body = assetCache.get(file);
      if (body === undefined) {
        body = readFileSync(path.join(swaggerDir, file), "utf8");
        assetCache.set(file, body);
      }
      c.header("Content-Type", type);
      c.header("Cache-Control", "public, max-age=86400");
      return c.body(body);
    });
}

/** How long one readiness check may take. */
const READY_CHECK_MS = 1500;

function within(check: Promise<unknown>): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"down">((resolve) => {
    timer = setTimeout(() => resolve("down"), READY_CHECK_MS);
  });
  return Promise.race([check.then(() => "ok" as const, () => "down" as const), timeout]).finally(() => clearTimeout(timer));
}
