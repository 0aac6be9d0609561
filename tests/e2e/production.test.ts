import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedModel } from "../fakes/openai-server.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { ROOT, startPlatform, type RunningPlatform } from "../support/server.ts";

const run = promisify(execFile);
const SECRET = "production-secret-0123456789abcdef0123";

/** `npm run admin -- ...` as an operator runs it, against the same database. */
async function admin(env: Record<string, string>, ...args: string[]) {
  const { stdout } = await run(process.execPath, ["api/start.mjs", "admin", ...args], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: "warn" } });
  return JSON.parse(stdout) as Record<string, any>;
}

describe.runIf(DATABASE_KINDS.includes("postgres"))("production mode (built files, PostgreSQL)", () => {
  let test: TestDatabase;
  let platform: RunningPlatform;
  let model: Awaited<ReturnType<typeof startScriptedModel>>;
  let env: Record<string, string>;
  let stdout = "";

  beforeAll(async () => {
    await run("npm", ["run", "--silent", "build"], { cwd: ROOT });
    test = await createTestDatabase("postgres");
    // A model that takes its time, so that a turn is still running when the node is told to stop.
    model = await startScriptedModel([{ content: "Happy to help with that.", delayMs: 1500 }]);
    env = { NODE_ENV: "production", APP_SECRET: SECRET, DATABASE_URL: test.url!, DATA_DIR: mkdtempSync(path.join(tmpdir(), "prod-")), OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: "k" };
    platform = await startPlatform(env);
    platform.child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await model?.close();
    await test?.drop();
  });

  it("seeds nothing, writes no credentials, prints no secret, and serves hashed browser bundles", async () => {
    expect(await test.db.prisma.merchant.count()).toBe(0);
    expect(existsSync(path.join(env.DATA_DIR!, "demo-credentials.json"))).toBe(false);
    const printed = JSON.stringify(platform.logs) + stdout;
    expect(printed).not.toMatch(/mk_[A-Za-z0-9_-]{20}|demo-credentials|password/i);
    const html = await (await fetch(`${platform.baseUrl}/console`)).text();
    const asset = /\/assets\/console-app\.[0-9a-f]{12}\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const res = await fetch(`${platform.baseUrl}${asset}`);
    expect(res.headers.get("cache-control")).toContain("immutable");
  });

  it("creates a merchant and an agent with npm run admin, and a rotated key stops working on the running node", async () => {
    const created = await admin(env, "create-merchant", "--name", "Tea House", "--slug", "tea-house", "--locales", "en,zh-CN");
    const products = (key: string) => fetch(`${platform.baseUrl}/api/v1/products`, { headers: { authorization: `Bearer ${key}` } });
    expect((await products(created.apiKey)).status).toBe(200);
    const agent = await admin(env, "create-agent", "--merchant", "tea-house", "--email", "ann@tea.example", "--name", "Ann", "--role", "supervisor");
    const login = await fetch(`${platform.baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "ann@tea.example", password: agent.password }) });
    expect(login.status).toBe(200);
    const rotated = await admin(env, "rotate-api-key", "--merchant", "tea-house");
    // Heard over LISTEN/NOTIFY: no Redis here.
    await new Promise((r) => setTimeout(r, 200));
    expect((await products(created.apiKey)).status).toBe(401);
    expect((await products(rotated.apiKey)).status).toBe(200);
    await expect(admin(env, "create-merchant", "--name", "Again", "--slug", "tea-house")).rejects.toThrow(/exists already/);
  });

  it("drains on SIGTERM: /readyz fails, the turn in flight is answered, then the process exits", async () => {
    const widgetKey = (await test.db.prisma.merchant.findFirstOrThrow()).widgetKey;
    const session = await (await fetch(`${platform.baseUrl}/api/v1/widget/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ widgetKey, locale: "en" }) })).json();
    const turn = fetch(`${platform.baseUrl}/api/v1/widget/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.sessionToken}` },
      body: JSON.stringify({ clientMessageId: "in-flight", text: "could you tell me what makes your shop special?" }),
    });
    await new Promise((r) => setTimeout(r, 400));
    const exited = new Promise<number | null>((resolve) => platform.child.once("exit", (code) => resolve(code)));
    platform.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    const ready = await fetch(`${platform.baseUrl}/readyz`).catch(() => null);
    if (ready) expect(ready.status).toBe(503);
    const answered = await turn;
    expect(answered.status).toBe(200);
    expect((await answered.json()).messages.length).toBeGreaterThanOrEqual(2);
    expect(await exited).toBe(0);
    const stored = await test.db.prisma.message.count({ where: { conversationId: session.conversationId } });
    expect(stored).toBeGreaterThanOrEqual(3);
  });
});
