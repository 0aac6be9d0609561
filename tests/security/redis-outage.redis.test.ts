import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createCommandRedis } from "../../api/db/redis.ts";
import { createRateLimiters } from "../../api/http/rate-limit.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { silentLogger } from "../support/logger.ts";
import { createSeededDatabase } from "../support/seeded.ts";
import { servicesFor } from "../support/services.ts";

/**
 * Red team: a Redis outage hung /readyz, widget sessions and messages, sign-in and socket
 * sends for the whole outage (40 s), and the limiter's "let through when the store is down"
 * never triggered. Here Redis is a closed port, or a server that accepts and never answers.
 */
describe("a Redis outage fails fast", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let silent: Server;
  let silentPort = 0;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite"));
    // Accepts connections and never answers: a paused Redis.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    silent?.close();
    await test?.drop();
  });

  for (const [name, url] of [["a closed port", () => "redis://127.0.0.1:1"], ["a paused server", () => `redis://127.0.0.1:${silentPort}`]] as const) {
    it(`answers /readyz 503 and lets requests through within seconds with ${name}`, async () => {
      const redis = createCommandRedis(url());
      redis.on("error", () => undefined);
      try {
        const { services } = servicesFor(test.db);
        const app = createApp({ db: test.db, log: silentLogger, services, redis, limiters: createRateLimiters({}, redis) });
        let started = Date.now();
        const ready = await app.request("/readyz");
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as { checks: { redis: string } }).checks.redis).toBe("down");
        expect(Date.now() - started).toBeLessThan(3000);

        started = Date.now();
        const session = await app.request("/api/v1/widget/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ widgetKey: creds.merchants[0]!.widgetKey, locale: "en" }) });
        expect(session.status).toBe(201);
        const token = ((await session.json()) as { sessionToken: string }).sessionToken;
        const message = await app.request("/api/v1/widget/messages", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ clientMessageId: "outage-1", text: "hello" }) });
        expect(message.status).toBe(200);
        const login = await app.request("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: creds.agents[0]!.email, password: creds.agents[0]!.password }) });
        expect(login.status).toBe(200);
        // Fail open: each limited request waited at most one command timeout, not the outage.
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        redis.disconnect();
      }
    });
  }
});
