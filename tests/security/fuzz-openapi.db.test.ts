import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { createSeededDatabase } from "../support/seeded.ts";

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; required?: string[]; enum?: unknown[]; $ref?: string; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Operation = { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

/** What an attacker types into any field. */
const HOSTILE: unknown[] = [
  "\u0000", "a\u0000b", "\ud800", "x\udfffy", "constructor", "__proto__", "toString", "x".repeat(200_000), "", " ", "-1", "1e400", "9999-12-31", "0001-01-01",
  -1, 0, -0.5, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, true, null, [], {}, { __proto__: { polluted: 1 } }, { constructor: { prototype: {} } }, ["\u0000"], [1e308],
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.anything({ maxDepth: 2, withNullPrototype: true }), fc.string({ unit: "binary", maxLength: 50 }));

/**
 * Red team: 205 answers of 500 in one fuzz run (NUL bytes, lone surrogates, huge numbers,
 * wrong types). Every operation in the OpenAPI document gets hostile values in each field of
 * its body, query and path; nothing may answer 5xx. Bounded in time (about 45 s).
 */
describe("fuzzing every REST operation from the OpenAPI document", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let client: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite"));
    client = createTestClient(test.db);
  });
  afterAll(async () => test?.drop());

  it("answers hostile input with a 4xx error body, never a 5xx", { timeout: 180_000 }, async () => {
    const doc = (await client.call("GET", "/openapi.json")).json as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    const resolve = (schema: Schema | undefined): Schema => (schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split("/").pop()!]) : (schema ?? {}));
    const session = (await client.call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json.sessionToken as string;
    const keyFor = (path: string) => (path.startsWith("/widget/") ? session : creds.merchants[0]!.apiKey);

    /** A plausible value for a schema, so that one hostile field is what the server has to refuse. */
    const plausible = (raw: Schema | undefined, depth = 0): unknown => {
      const schema = resolve(raw);
      const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
      if (variant) return plausible(variant, depth);
      if (schema.enum) return schema.enum[0];
      const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
      if (type === "object" && depth < 3) return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausible(v, depth + 1)]));
      if (type === "array") return depth < 3 ? [plausible(schema.items, depth + 1)] : [];
      if (type === "integer" || type === "number") return 1;
      if (type === "boolean") return true;
      return "x";
    };

    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m)).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const deadline = Date.now() + 45_000;
    let requests = 0;
    for (let round = 0; Date.now() < deadline && round < 40; round++) {
      for (const { path, method, op } of operations) {
        if (Date.now() > deadline) break;
        const [value] = fc.sample(hostile, { numRuns: 1, seed: requests + 1 });
        const params = op.parameters ?? [];
        const bodySchema = resolve(op.requestBody?.content?.["application/json"]?.schema);
        const base = op.requestBody ? plausible(bodySchema) : undefined;
        const fields = base && typeof base === "object" && !Array.isArray(base) ? Object.keys(base) : [];
        // Each round attacks one place: a body field, the whole body, a query parameter or a path parameter.
        const targets = [...fields.map((f) => `body.${f}`), ...(op.requestBody ? ["body"] : []), ...params.map((p) => `${p.in}.${p.name}`)];
        const target = targets[(round + requests) % Math.max(1, targets.length)];
        let body = base;
        if (target === "body") body = value;
        else if (target?.startsWith("body.")) body = { ...(base as object), [target.slice(5)]: value };
        const text = (v: unknown) => {
          try {
            return encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v) ?? "");
          } catch {
            return "%ED%A0%80x"; // a lone surrogate as raw bytes (not valid UTF-8)
          }
        };
        let url = path.replace(/\{(\w+)\}/g, (_, name) => (target === `path.${name}` ? text(value) : "00000000-0000-4000-8000-000000000000"));
        const query = params.filter((p) => p.in === "query").map((p) => `${p.name}=${target === `query.${p.name}` ? text(value) : text(plausible(p.schema))}`);
        if (query.length) url += `?${query.join("&")}`;
        let rawBody: string | undefined;
        try {
          rawBody = body === undefined ? undefined : JSON.stringify(body);
        } catch {
          rawBody = '{"a":';
        }
        const res = await client.call(method.toUpperCase(), url, { key: keyFor(path), rawBody, headers: { "idempotency-key": `fuzz-${requests}`, ...(rawBody ? { "content-type": "application/json" } : {}) } }).catch((error: Error) => ({ status: 599, json: { error: { code: "thrown", message: error.message } }, headers: new Headers() }));
        requests++;
        if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} [${target}] = ${JSON.stringify(value)?.slice(0, 60)} -> ${res.status} ${JSON.stringify(res.json)?.slice(0, 120)}`);
        else if (res.status >= 400 && res.json !== undefined) expect(res.json.error?.code, `${method} ${url}`).toEqual(expect.any(String));
      }
    }
    process.stderr.write(`fuzz: ${requests} requests over ${operations.length} operations, ${failures.length} 5xx\n`);
    expect(failures).toEqual([]);
  });
});
