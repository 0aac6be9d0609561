import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "../../api/domain/webhooks/address-guard.ts";
import type { ServiceOptions } from "../../api/services.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { createMerchant } from "../support/fixtures.ts";
import { createTestClient } from "../support/http.ts";

/** A local endpoint that records every call and answers `status`. */
async function endpoint(status = 200) {
  const calls: IncomingMessage["headers"][] = [];
  const server: Server = createServer((req, res) => {
    calls.push(req.headers);
    res.statusCode = status;
    if (status === 302) res.setHeader("location", "http://127.0.0.1:9/elsewhere");
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { calls, port: (server.address() as { port: number }).port, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Red team: production mode accepted mapped, compat and unique-local IPv6 forms, trailing-dot
 * and metadata hostnames and CGNAT addresses, and delivered to loopback; the default mode
 * accepted any internal address; the delivery log told `fetch failed` from `HTTP 500`.
 */
describe("webhook deliveries reach public addresses only", () => {
  const HOSTILE = [
    "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.100.100.200", "100.64.0.1", "0.0.0.0", "0.1.2.3",
    "::1", "::", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::127.0.0.1", "fd00::1", "fc00::1", "fe80::1", "64:ff9b::7f00:1", "2002:7f00:1::", "ff02::1", "224.0.0.1", "255.255.255.255",
  ];

  it("classifies every private, loopback, link-local, CGNAT, unique-local and mapped form as not public", () => {
    for (const address of HOSTILE) expect(isPublicAddress(address), address).toBe(false);
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"]) expect(isPublicAddress(address), address).toBe(true);
  });

  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
  });
  afterAll(async () => test?.drop());

  const setUp = async (options: Partial<ServiceOptions>) => {
    const { services, call } = createTestClient(test.db, { services: options });
    const { merchant, apiKey } = await createMerchant(test.db.prisma);
    const create = (url: string) => call("POST", "/webhooks", { key: apiKey, body: { url, events: ["order.created"] } });
    /** Stores an endpoint without the creation check (as if DNS changed after it was accepted) and delivers one event to it. */
    const deliverTo = async (url: string) => {
      const row = await test.db.prisma.webhookEndpoint.create({ data: { merchantId: merchant.id, url, events: ["order.created"], secret: "whsec_x" } });
      const delivery = await test.db.prisma.webhookDelivery.create({ data: { merchantId: merchant.id, endpointId: row.id, event: "order.created", payload: {} } });
      await services.webhooks.deliver(delivery.id).catch(() => undefined);
      return test.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    };
    return { services, create, deliverTo };
  };

  it("refuses hostile URLs at creation in the default mode and in production", async () => {
    for (const options of [{}, { publicWebhooksOnly: true }]) {
      const { create } = await setUp(options);
      for (const url of [
        "http://[::ffff:127.0.0.1]/x", "http://[::ffff:7f00:1]/x", "http://[::]/x", "http://localhost./x", "http://[::ffff:a9fe:a9fe]/x",
        "http://metadata.google.internal./x", "http://[fd00::1]/x", "http://[fe80::1]/x", "http://100.100.100.200/x", "http://127.1/x", "http://2130706433/x", "http://0x7f000001/x",
      ]) {
        const res = await create(url.replace("http:", options.publicWebhooksOnly ? "https:" : "http:"));
        expect(res.status, url).toBe(400);
        expect(res.json.error.code).toBe("webhooks:bad_url");
      }
    }
  });

  it("checks every resolved address at delivery time and never connects to a private one", async () => {
    const target = await endpoint(200);
    try {
      const { deliverTo } = await setUp({ webhookResolver: async (host) => (host === "rebind.example.com" ? ["93.184.216.34", "127.0.0.1"] : ["127.0.0.1"]) });
      for (const url of [`http://127.0.0.1:${target.port}/x`, `http://localhost.:${target.port}/x`, `http://rebind.example.com:${target.port}/x`, `http://[::ffff:127.0.0.1]:${target.port}/x`]) {
        const row = await deliverTo(url);
        expect(row.status, url).toBe("failed");
      }
      expect(target.calls).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it("with WEBHOOKS_ALLOW_PRIVATE connects to the address it checked (no second lookup) and follows no redirect", async () => {
    const target = await endpoint(200);
    const redirecting = await endpoint(302);
    try {
      const { deliverTo } = await setUp({ webhooksAllowPrivate: true, webhookResolver: async () => ["127.0.0.1"] });
      const ok = await deliverTo(`http://hooks.invalid:${target.port}/x`);
      expect(ok.status).toBe("succeeded");
      expect(target.calls[0]?.host).toBe(`hooks.invalid:${target.port}`);
      const moved = await deliverTo(`http://hooks.invalid:${redirecting.port}/x`);
      expect(moved.status).toBe("failed");
      expect(redirecting.calls).toHaveLength(1);
    } finally {
      await target.close();
      await redirecting.close();
    }
  });

  it("writes one failure text whatever went wrong (no port-scanner oracle)", async () => {
    const failing = await endpoint(500);
    try {
      const open = await setUp({ webhooksAllowPrivate: true });
      const closed = await open.deliverTo("http://127.0.0.1:9/x");
      const answered500 = await open.deliverTo(`http://127.0.0.1:${failing.port}/x`);
      const blocked = await (await setUp({})).deliverTo(`http://127.0.0.1:${failing.port}/x`);
      expect(new Set([closed.lastError, answered500.lastError, blocked.lastError]).size).toBe(1);
      expect(closed.lastError).not.toMatch(/fetch failed|HTTP \d|ECONNREFUSED/);
      expect([closed.lastStatusCode, answered500.lastStatusCode, blocked.lastStatusCode]).toEqual([null, null, null]);
    } finally {
      await failing.close();
    }
  });
});
