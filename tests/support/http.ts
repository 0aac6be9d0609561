import { createApp } from "../../api/app.ts";
import type { Database } from "../../api/db/database.ts";
import type { RateLimiters } from "../../api/http/rate-limit.ts";
import type { TrustProxy } from "../../api/http/client-address.ts";
import { createServices, type ServiceOptions } from "../../api/services.ts";
import { silentLogger } from "./logger.ts";
import { testNlu } from "./nlu.ts";

export const TEST_SECRET = "test-secret-0123456789abcdef0123456789";

/** The real app over a test database, driven with app.request() (no port). */
export function createTestClient(db: Database, options: { maxBodyBytes?: number; limiters?: RateLimiters; trustProxy?: TrustProxy; services?: Partial<ServiceOptions> } = {}) {
  const { services: serviceOptions, ...appOptions } = options;
  const services = createServices(db, silentLogger, { appSecret: TEST_SECRET, nlu: testNlu(), ...serviceOptions });
  const app = createApp({ db, log: silentLogger, services, ...appOptions });
  const call = async (method: string, path: string, init: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers["content-type"] ??= "application/json";
    const res = await app.request(`/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as any) : undefined;
    return { status: res.status, headers: res.headers, json };
  };
  return { app, call, services };
}
