import { serve } from "@hono/node-server";
import type { Server as HttpServer } from "node:http";
import type { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { createApp } from "../../api/app.ts";
import type { Database } from "../../api/db/database.ts";
import { MemoryPresence, RedisPresence } from "../../api/domain/agents/presence.ts";
import { attachRealtime } from "../../api/realtime/realtime.ts";
import { createServices, type ServiceOptions } from "../../api/services.ts";
import { silentLogger } from "./logger.ts";
import { testNlu } from "./nlu.ts";
import { TEST_SECRET } from "./http.ts";

/** The whole server (HTTP + Socket.IO) on a real port, over a test database (and Redis when given). */
export async function startRealtimeServer(db: Database, options: { redis?: Redis; redisPrefix?: string; llm?: ServiceOptions["llm"] } = {}) {
  // The adapter blocks its connection on XREAD: presence needs a connection of its own.
  const presenceRedis = options.redis?.duplicate();
  const presence = presenceRedis ? new RedisPresence(presenceRedis, options.redisPrefix) : new MemoryPresence();
  const services = createServices(db, silentLogger, { appSecret: TEST_SECRET, nlu: testNlu(), presence, llm: options.llm });
  const app = createApp({ db, log: silentLogger, services });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as HttpServer;
  await new Promise((resolve) => server.once("listening", resolve));
  const realtime = attachRealtime(server, { services, log: silentLogger, redis: options.redis, streamName: options.redisPrefix, blockTimeInMs: 100, recoveryMs: 60_000 });
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  services.payments.setBaseUrl(baseUrl);
  const sockets: Socket[] = [];
  return {
    baseUrl,
    services,
    /** The Socket.IO server (to see which events its sockets listen to). */
    io: realtime.io,
    async post(path: string, body: unknown, token?: string) {
      const res = await fetch(`${baseUrl}/api/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as any };
    },
    socket(namespace: "/widget" | "/console", auth: Record<string, string>, extra: Record<string, unknown> = {}) {
      const socket = connect(`${baseUrl}${namespace}`, { auth, transports: ["websocket"], reconnection: false, ...extra });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await realtime.close();
      await presenceRedis?.quit().catch(() => undefined);
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves with the next event of that name that passes the filter. */
export function next<T = any>(socket: Socket, event: string, filter: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

export const emitAck = <T = any>(socket: Socket, event: string, payload: unknown): Promise<T> =>
  socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
