import { createServer, type IncomingMessage, type Server } from "node:http";
import { scriptedUsage, type ScriptedReply } from "./openai-server.ts";

/**
 * A scripted Ollama server: `POST /api/chat` answered as NDJSON lines (or one JSON object
 * with `stream: false`), tool calls as Ollama sends them (whole, arguments as an object, no
 * ids), usage as `prompt_eval_count` / `eval_count` on the last line, errors as
 * `{ "error": ... }`; `GET /api/tags` for readiness probes. Same script as the others; each
 * request is recorded as sent (`raw`) and as `body` in the Chat Completions shape.
 */
export async function startScriptedOllama(script: ScriptedReply[]) {
  const requests: { body: any; raw: any; headers: IncomingMessage["headers"] }[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", async () => {
      if (req.method === "GET" && req.url === "/api/tags") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ models: [{ name: "scripted:latest", model: "scripted:latest", size: 1 }] }));
        return;
      }
      if (req.method !== "POST" || req.url !== "/api/chat") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
        return;
      }
      const raw = JSON.parse(text || "{}");
      const body = { model: raw.model, stream: raw.stream !== false, messages: (raw.messages ?? []).map(chatMessage), ...(raw.tools ? { tools: raw.tools } : {}) };
      requests.push({ body, raw, headers: req.headers });
      const scripted = script[Math.min(next++, script.length - 1)] ?? { content: "" };
      const reply = typeof scripted === "function" ? scripted(body) : scripted;
      if ("delayMs" in reply && reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if ("status" in reply) {
        res.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body ?? JSON.stringify({ error: "scripted failure" }));
        return;
      }
      if ("malformed" in reply) {
        res.writeHead(200, { "content-type": "application/x-ndjson" }).end("{not json\n");
        return;
      }
      const content = "content" in reply && reply.content ? reply.content : "";
      const toolCalls = "toolCalls" in reply ? reply.toolCalls.map((t) => ({ function: { name: t.name, arguments: parseOr(t.arguments) } })) : [];
      const used = scriptedUsage(body, content);
      const line = (message: object, done: boolean, extra: object = {}) => `${JSON.stringify({ model: raw.model, created_at: new Date().toISOString(), message: { role: "assistant", ...message }, done, ...extra })}\n`;
      const last = { done_reason: "stop", total_duration: 1, prompt_eval_count: used.prompt, eval_count: used.completion };
      if (raw.stream === false) {
        res.writeHead(200, { "content-type": "application/json" }).end(line({ content, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, true, last));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      const pause = "chunkDelayMs" in reply ? (reply.chunkDelayMs ?? 0) : 0;
      for (const piece of content.match(/.{1,8}/gsu) ?? []) {
        res.write(line({ content: piece }, false));
        if (pause) await new Promise((r) => setTimeout(r, pause));
      }
      if ("streamError" in reply) {
        res.end(`${JSON.stringify({ error: reply.streamError })}\n`);
        return;
      }
      if (toolCalls.length) res.write(line({ content: "", tool_calls: toolCalls }, false));
      res.end(line({ content: "" }, true, last));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    /** The server root, as OLLAMA_BASE_URL takes it. */
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const parseOr = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function chatMessage(m: any) {
  const calls = m.tool_calls?.map((c: any, i: number) => ({ id: `ollama_${i}`, type: "function", function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments) } }));
  return { role: m.role, content: m.content ?? null, ...(calls?.length ? { tool_calls: calls } : {}) };
}
