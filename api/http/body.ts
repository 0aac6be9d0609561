import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "../errors.ts";
import { jsonHasBadText, queryHasBadText, TEXT_ERROR } from "./text-guard.ts";

/**
 * Reads a request body once, straight from Node's IncomingMessage, under a size limit, and
 * hands it to Hono's body cache (as bytes and as text), so `c.req.json()` / `.text()` /
 * `.arrayBuffer()` (raw bytes for signature checks) never build a WHATWG Request with a
 * body stream. That construction was the largest single cost of a small POST (undici's
 * Request, abort signal and web stream: ~40% of `POST /nlu/parse`). Under `app.request()`
 * (tests) there is no IncomingMessage and the body is read from the Request instead.
 */
export function readBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (queryHasBadText(c.req.url)) return c.json(errorBody(TEXT_ERROR.code, TEXT_ERROR.message), 400);
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBytes) return tooLarge(c, maxBytes);
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const bytes = incoming ? await readIncoming(incoming, maxBytes) : await readRequest(c.req.raw, maxBytes);
    if (!bytes) return tooLarge(c, maxBytes);
    const text = bytes.toString("utf8");
    if (jsonHasBadText(text)) return c.json(errorBody(TEXT_ERROR.code, TEXT_ERROR.message), 400);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // Hono keeps promises in its body cache (its BodyCache type says values).
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache.arrayBuffer = Promise.resolve(buffer);
    cache.text = Promise.resolve(text);
    await next();
  };
}

const tooLarge = (c: Context, maxBytes: number) => c.json(errorBody("request:too_large", `The request body is over ${maxBytes} bytes.`), 400);

/** The whole body, or null as soon as it grows past the limit (the rest is discarded). */
async function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      incoming.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

async function readRequest(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
