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
import { analyticsRoutes } from "./routes/analytics/index.ts";
import { reportRoutes } from "./routes/reports/index.ts";
import { teamRoutes } from "./routes/team/index.ts";
import { articleGapRoutes } from "./routes/knowledge/article-gaps.ts";
import { businessHoursRoutes } from "./routes/settings/business-hours.ts";
import type { Area } from "./contracts/roles.ts";
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
import { llmSettingsRoutes } from "./routes/settings/llm.ts";
import { forecastRoutes } from "./routes/forecasts/index.ts";
import { experimentRoutes } from "./routes/experiments/index.ts";
import { webhookRoutes } from "./routes/webhooks/index.ts";
import { widgetRoutes } from "./routes/widget/index.ts";
import { widgetRecommendationRoutes } from "./routes/widget/recommendations.ts";
import { paymentRoutes } from "./routes/payments/index.ts";
import { payPageRoutes } from "./routes/payments/pay-page.ts";
import type { Services } from "./services.ts";
import { auditMutations } from "./http/audit.ts";
import { auditRoutes } from "./routes/audit/index.ts";
import { privacyRoutes } from "./routes/customers/privacy.ts";
import { riskRoutes } from "./routes/risk/index.ts";
import { promotionRoutes } from "./routes/promotions/index.ts";
import { widgetCampaignRoutes } from "./routes/promotions/widget-campaigns.ts";
import { customerRoutes } from "./routes/customers/index.ts";

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
  // Every successful merchant change lands in the audit log (http/audit.ts).
  api.use("*", auditMutations(services.audit, log));
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
  // One auth rule for every merchant area: the API key, or a signed-in agent whose role may (contracts/roles.ts).
  const areas: Record<string, Area> = { "/products": "catalog", "/orders": "orders", "/knowledge": "knowledge", "/settings": "settings", "/webhooks": "settings", "/analytics": "analytics", "/reports": "reports", "/team": "team", "/api-keys": "keys", "/experiments": "growth", "/coupons": "growth", "/campaigns": "growth", "/referrals": "growth" };
  for (const [path, area] of Object.entries(areas)) {
    const auth = merchantAuth(services.merchants, services.agents, area);
    api.use(path, auth);
    api.use(`${path}/*`, auth);
  }
  api.route("/", productRoutes(services.catalog));
  api.route("/", orderRoutes(services.orders, services.idempotency));
  api.route("/", knowledgeRoutes(services.knowledge));
  api.route("/", widgetRoutes(services.conversations));
  api.route("/", widgetRecommendationRoutes(services.conversations, services.recommendations));
  api.route("/", nluRoutes(services.nlu));
  api.route("/", authRoutes(services.agents, limiters.loginFailures, log.child({ module: "auth" })));
  api.route("/", webhookRoutes(services.webhooks));
  api.route("/", settingsRoutes(services.merchants));
  api.route("/", llmSettingsRoutes(services.merchants, services.llm?.providers ?? []));
  api.route("/", privacyRoutes(services.privacy, merchantAuth(services.merchants, services.agents, "customers")));
  api.route("/", auditRoutes(services.audit, merchantAuth(services.merchants, services.agents, "audit")));
  api.route("/", riskRoutes(services.orders, merchantAuth(services.merchants, services.agents, "orders")));
  api.route("/", paymentRoutes(db.prisma, services.payments, services.refunds, services.merchants));
  api.openAPIRegistry.registerComponent("securitySchemes", "agentToken", { type: "http", scheme: "bearer", description: "A supervisor's or admin's token from POST /auth/login" });
  api.route("/", analyticsRoutes(services.analytics, db.prisma));
  api.route("/", reportRoutes(services.reports));
  api.route("/", teamRoutes(services.agents, db.prisma, services.caches));
  api.route("/", articleGapRoutes(db.prisma, services.knowledge));
  api.route("/", businessHoursRoutes(db.prisma, services.caches));
  api.route("/", experimentRoutes(services.experiments));
  api.route("/", forecastRoutes(services.forecasts));
  api.route("/", promotionRoutes(services.coupons, services.campaigns, services.referrals));
  api.route("/", widgetCampaignRoutes(services.campaigns, services.conversations, services.merchants));
  api.route("/", customerRoutes(services.customers));
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
  app.route("/", systemRoutes(db, redis, draining, services.llm?.reachability));
  app.route("/", helpRoutes(services.knowledge));
  app.route("/", pageApp("console", assets));
  app.route("/", pageApp("dashboard", assets));
  app.route("/", pageApp("workspace", assets));
  app.route("/", embedRoutes(db.prisma, services.merchants, assets));
  app.route("/", assetRoutes(assets));
  app.route("/", mediaRoutes(db.prisma));
  // The sandbox's Pay button notifies this very app through its public endpoint, without a network hop.
  app.route("/", payPageRoutes({ prisma: db.prisma, payments: services.payments, sandbox: services.payments.providers.sandbox as never, dispatch: async (request) => app.fetch(request), log: log.child({ module: "pay-page" }) }));
  return app;
}

export type App = ReturnType<typeof createApp>;
export type { AppBindings };
