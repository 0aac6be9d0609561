import { cors } from "hono/cors";
import type { Database } from "./db/database.ts";
import type { AppBindings } from "./http/bindings.ts";
import { onError, onNotFound } from "./http/errors.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { readBody } from "./http/body.ts";
import { merchantAuth } from "./http/merchant-auth.ts";
import { createRateLimiters, rateLimit, sessionKey, type RateLimiters } from "./http/rate-limit.ts";
import { clientAddressWith, type TrustProxy } from "./http/client-address.ts";
import { createRouter } from "./http/openapi.ts";
import { requestLogger } from "./http/request-logger.ts";
import type { Logger } from "./logger.ts";
import { analyticsRoutes, merchantOrSupervisorAuth } from "./routes/analytics/index.ts";
import { authRoutes } from "./routes/auth/index.ts";
import { knowledgeRoutes } from "./routes/knowledge/index.ts";
import { nluRoutes } from "./routes/nlu/index.ts";
import { orderRoutes } from "./routes/orders/index.ts";
import { productRoutes } from "./routes/products/index.ts";
import { helpRoutes } from "./routes/system/help.ts";
import { embedRoutes } from "./routes/system/embed.ts";
import { mediaRoutes } from "./routes/system/media.ts";
import type { InFlight } from "./domain/shared/in-flight.ts";
import { assetRoutes, devAssets, type BrowserAssets } from "./routes/system/assets.ts";
import { pageApp } from "./routes/system/pages-static.ts";
import { systemRoutes } from "./routes/system/index.ts";
import { settingsRoutes } from "./routes/settings/index.ts";
import { webhookRoutes } from "./routes/webhooks/index.ts";
import { widgetRoutes } from "./routes/widget/index.ts";
import { paymentRoutes } from "./routes/payments/index.ts";
import { payPageRoutes } from "./routes/payments/pay-page.ts";
import type { Services } from "./services.ts";

export interface AppDeps {
  db: Database;
  log: Logger;
  services: Services;
  /** When set, readiness also checks Redis. */
  redis?: { ping(): Promise<string> };
  /** Largest accepted request body. @defaultValue 2 MiB */
  maxBodyBytes?: number;
  /** The browser bundles: built on first request unless the caller passes `npm run build`'s. */
  assets?: BrowserAssets;
  /** True while the process shuts down: /readyz answers 503. */
  draining?: () => boolean;
  /** HTTP requests in progress (a draining process waits for them). */
  inFlight?: InFlight;
  /** Per-client limits (shared with the Socket.IO layer through `services`-level limiters). */
  limiters?: RateLimiters;
  /** Which proxies may name the client's address (TRUST_PROXY). @defaultValue none: X-Forwarded-For is ignored */
  trustProxy?: TrustProxy;
  /** NODE_ENV=production: HSTS on every answer (TLS ends at the proxy in front). @defaultValue false */
  production?: boolean;
}

/** Builds the HTTP app from ready-made dependencies; performs no I/O itself. */
export function createApp({ db, log, services, redis, maxBodyBytes = 2 * 1024 * 1024, limiters = createRateLimiters(), assets = devAssets(), draining, inFlight, trustProxy = { kind: "none" }, production = false }: AppDeps) {
  const clientAddress = clientAddressWith(trustProxy);
  const app = createRouter();
  app.onError(onError);
  app.notFound(onNotFound);
  if (inFlight) app.use("*", (_c, next) => inFlight.track(next));
  app.use("*", requestLogger(log));
  app.use("*", securityHeaders({ production }));
  // The widget runs on merchants' own sites: its endpoints answer any origin (auth is the session token, not cookies).
  app.use("/api/v1/widget/*", cors({ origin: "*", allowHeaders: ["Authorization", "Content-Type"], allowMethods: ["GET", "POST", "OPTIONS"], maxAge: 600 }));
  app.use("/api/*", readBody(maxBodyBytes));

  app.use("/api/v1/auth/login", rateLimit(limiters.login, clientAddress, log));
  app.on("POST", "/api/v1/widget/sessions", rateLimit(limiters.sessions, clientAddress, log));
  app.on("POST", "/api/v1/widget/messages", rateLimit(limiters.messages, sessionKey((token) => services.conversations.authenticate(token), clientAddress), log));

  const api = createRouter();
  api.openAPIRegistry.registerComponent("securitySchemes", "merchantApiKey", {
    type: "http",
    scheme: "bearer",
    description: "The merchant API key (mk_...), printed by the seed and kept in demo-credentials.json",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "widgetSession", {
    type: "http",
    scheme: "bearer",
    description: "The sessionToken from POST /widget/sessions",
  });
  const merchantOnly = merchantAuth(services.merchants);
  // The dashboard (a supervisor signed in) reads analytics and writes help articles too.
  const merchantOrSupervisor = merchantOrSupervisorAuth(services.merchants, services.agents, db.prisma);
  for (const area of ["/analytics", "/knowledge"]) {
    api.use(area, merchantOrSupervisor);
    api.use(`${area}/*`, merchantOrSupervisor);
  }
  for (const area of ["/products", "/orders", "/webhooks", "/settings"]) {
    api.use(area, merchantOnly);
    api.use(`${area}/*`, merchantOnly);
  }
  api.route("/", productRoutes(services.catalog));
  api.route("/", orderRoutes(services.orders, services.idempotency));
  api.route("/", knowledgeRoutes(services.knowledge));
  api.route("/", widgetRoutes(services.conversations));
  api.route("/", nluRoutes(services.nlu));
  api.route("/", authRoutes(services.agents, limiters.loginFailures, log.child({ module: "auth" })));
  api.route("/", webhookRoutes(services.webhooks));
  api.route("/", settingsRoutes(services.merchants));
  api.route("/", paymentRoutes(db.prisma, services.payments, services.refunds, services.merchants));
  api.openAPIRegistry.registerComponent("securitySchemes", "agentToken", { type: "http", scheme: "bearer", description: "A supervisor's or admin's token from POST /auth/login" });
  api.route("/", analyticsRoutes(services.analytics, db.prisma));
  api.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "ShopChat API",
      version: "1.0.0",
      description:
        "Merchant REST API. Errors are `{ error: { code, message } }`; lists are `{ data, nextCursor }` " +
        "(`?limit=&cursor=`); money is `{ amount, currency }` in integer minor units.",
    },
    servers: [{ url: `${new URL(c.req.url).origin}/api/v1` }],
  }));

  app.route("/api/v1", api);
  app.route("/", systemRoutes(db, redis, draining));
  app.route("/", helpRoutes(services.knowledge));
  app.route("/", pageApp("console", assets));
  app.route("/", pageApp("dashboard", assets));
  app.route("/", embedRoutes(db.prisma, services.merchants, assets));
  app.route("/", assetRoutes(assets));
  app.route("/", mediaRoutes(db.prisma));
  // The sandbox's Pay button notifies this very app through its public endpoint, without a network hop.
  app.route("/", payPageRoutes({ prisma: db.prisma, payments: services.payments, sandbox: services.payments.providers.sandbox as never, dispatch: async (request) => app.fetch(request), log: log.child({ module: "pay-page" }) }));
  return app;
}

export type App = ReturnType<typeof createApp>;
export type { AppBindings };
