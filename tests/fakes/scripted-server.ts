import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** One scripted reply of a fake model (the OpenAI, Anthropic and Ollama servers take the same script). */
export type ScriptedReply =
  | { content: string; delayMs?: number; /** Pause between streamed pieces. */ chunkDelayMs?: number }
  | { toolCalls: { name: string; arguments: string }[]; delayMs?: number }
  | { status: number; body?: string; delayMs?: number }
  | { malformed: true }
  /** Text (if any) and then the server breaks off the stream with an error (a 529/500 when not streaming). */
  | { streamError: string; content?: string }
  /** Decides from the request (the conversation so far), like a model would. */
  | ((body: any) => Exclude<ScriptedReply, Function>);

/** A reply as the script decided it for one request. */
export type ScriptedStep = Exclude<ScriptedReply, Function>;

/**
 * The usage a scripted server reports for a request (in the Chat Completions shape) and its
 * reply: about three characters a token, so long conversations cost what they would.
 */
export function scriptedUsage(body: { messages?: { content?: unknown }[] }, reply: string | null | undefined) {
  const prompt = Math.ceil((body.messages ?? []).reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : 0), 0) / 3);
  const completion = Math.ceil((reply?.length ?? 0) / 3);
  return { prompt, completion };
}

/** Serves the script in order (its last reply for every request after it); a reply's delayMs is waited out here. */
export function scriptCursor(script: ScriptedReply[]) {
  let served = 0;
  return {
    /** How many requests the script has answered (so far, this one included): the servers number their ids with it. */
    get served() {
      return served;
    },
    async next(body: unknown): Promise<ScriptedStep> {
      const scripted = script[Math.min(served++, script.length - 1)] ?? { content: "" };
      const reply = typeof scripted === "function" ? scripted(body) : scripted;
      if ("delayMs" in reply && reply.delayMs) await sleep(reply.delayMs);
      return reply;
    },
  };
}

/** A whole response: a string body goes as it is (a script's raw body, a malformed one), anything else as JSON. */
export function sendWhole(res: ServerResponse, status: number, body: unknown, contentType = "application/json") {
  res.writeHead(status, { "content-type": contentType }).end(typeof body === "string" ? body : JSON.stringify(body));
}

/** Writes a streamed reply's text in pieces of up to 8 characters, with the reply's chunkDelayMs between them. */
export async function streamPieces(reply: ScriptedStep, text: string | null | undefined, write: (piece: string) => void) {
  const pause = "chunkDelayMs" in reply ? (reply.chunkDelayMs ?? 0) : 0;
  for (const piece of text?.match(/.{1,8}/gsu) ?? []) {
    write(piece);
    if (pause) await sleep(pause);
  }
}

/** Tool arguments as the object a server sends; a broken script's arguments stay the raw string. */
export function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ScriptedRoutes {
  /** The readiness probe: `GET path` answered with this JSON. */
  probe: { path: string; body: unknown };
  /** Whether a POST to this URL is the chat request. */
  isChat: (url: string) => boolean;
  /** The answer to any other request. */
  notFound: (res: ServerResponse, url: string | undefined) => void;
}

/**
 * The HTTP plumbing of a scripted model server: a server on a free loopback port that reads
 * each request body whole, answers the readiness probe and unknown routes, and hands chat
 * requests to `chat` with the body's text.
 */
export async function serveScripted(routes: ScriptedRoutes, chat: (req: IncomingMessage, res: ServerResponse, text: string) => Promise<void>) {
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", async () => {
      if (req.method === "GET" && req.url === routes.probe.path) return sendWhole(res, 200, routes.probe.body);
      if (req.method !== "POST" || !routes.isChat(req.url ?? "")) return routes.notFound(res, req.url);
      await chat(req, res, text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    /** `http://127.0.0.1:<port>`, without a path. */
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
