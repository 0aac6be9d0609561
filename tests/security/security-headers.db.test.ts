import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { silentLogger } from "../support/logger.ts";
import { servicesFor } from "../support/services.ts";

describe("security headers", () => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let production: ReturnType<typeof createApp>;

  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    const { services } = servicesFor(test.db);
    app = createApp({ db: test.db, log: silentLogger, services });
    production = createApp({ db: test.db, log: silentLogger, services, production: true });
  });
  afterAll(async () => test?.drop());

  it("puts a CSP that forbids framing on every page, and DENY for old browsers", async () => {
    for (const page of ["/", "/console", "/dashboard", "/docs"]) {
      const res = await app.request(page);
      expect(res.status, page).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("keeps the widget embeddable on merchants' sites", async () => {
    const script = await app.request("/widget.js");
    expect(script.status).toBe(200);
    expect(["cross-origin", null]).toContain(script.headers.get("cross-origin-resource-policy"));
    expect(script.headers.get("x-frame-options")).toBeNull();
    const preflight = await app.request("/api/v1/widget/sessions", { method: "OPTIONS", headers: { origin: "https://shop.example.com", "access-control-request-method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("sends HSTS in production or over TLS only", async () => {
    expect((await app.request("http://localhost/healthz")).headers.get("strict-transport-security")).toBeNull();
    expect((await app.request("https://shop.example.com/healthz")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect((await production.request("http://localhost/healthz")).headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });
});
