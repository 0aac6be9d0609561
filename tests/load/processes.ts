import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, startProcess } from "../support/server.ts";

export interface Proc {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** How the platform is started: `node --import tsx api/main.ts`, or the built files after `npm run build`. */
export function platformCommand(script: "main" | "worker"): string[] {
  const built = process.env.LOAD_BUILT === "1";
  return built ? [path.join(ROOT, "dist/server", `${script}.js`)] : ["--import", "tsx", path.join(ROOT, "api", `${script}.ts`)];
}

/** A node process of the load test, ready once it logs `ready` (`listening`, or `workers started`). */
export async function spawnNode(args: string[], env: Record<string, string>, ready = "listening"): Promise<Proc> {
  const proc = await startProcess(args, env, { ready });
  return { child: proc.child, url: proc.baseUrl, stop: proc.stop };
}

/** A data dir of its own, removed afterwards. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "shopchat-load-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LoadCredentials {
  apiKey: string;
  widgetKey: string;
  merchantId?: string;
  agent: { email: string; password: string };
}

export function readCredentials(dataDir: string): LoadCredentials {
  const creds = JSON.parse(readFileSync(path.join(dataDir, "demo-credentials.json"), "utf8")) as {
    merchants: { apiKey: string; widgetKey: string }[];
    agents: { email: string; password: string; merchant: string }[];
  };
  const first = creds.merchants[0]!;
  return { apiKey: first.apiKey, widgetKey: first.widgetKey, agent: creds.agents[0]! };
}
