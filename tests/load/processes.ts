import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT } from "../support/server.ts";

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

/** Spawns a node process and resolves once it logs `listening` (or `workers started`). */
export async function spawnNode(args: string[], env: Record<string, string>, ready = "listening", timeoutMs = 120_000): Promise<Proc & { port: number }> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env, PORT: String(port), HOST: "127.0.0.1", CI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not get ready in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.includes(`"msg":"${ready}"`)) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(" ")} exited with ${code}:\n${stderr}`));
    });
  });
  child.stdout!.resume();
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
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
