import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPlatform {
  child: ChildProcess;
  baseUrl: string;
  /** Every structured log line the process printed so far. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Starts the platform the way `npm start` does (api/start.mjs: tsx, or the built files with NODE_ENV=production) and waits until it listens. */
export function startPlatform(env: Record<string, string>, timeoutMs = 140_000): Promise<RunningPlatform> {
  return startProcess(["api/start.mjs", "main"], env, { timeoutMs });
}

/**
 * Starts `node <args>` on a free port (PORT, HOST) and waits for the JSON log line whose
 * msg is `ready`; keeps every structured line it prints. SIGTERM stops it (SIGKILL 15 s later).
 */
export async function startProcess(args: string[], env: Record<string, string>, options: { ready?: string; timeoutMs?: number } = {}): Promise<RunningPlatform> {
  const { ready = "listening", timeoutMs = 140_000 } = options;
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CI: "", LOG_LEVEL: "info", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not get ready in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === ready) {
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
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
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
