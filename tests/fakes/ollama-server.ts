import type { IncomingMessage } from "node:http";
import { parseOr, scriptCursor, scriptedUsage, sendWhole, serveScripted, streamPieces, type ScriptedReply } from "./scripted-server.ts";

/**
 * A scripted Ollama server: `POST /api/chat` answered as NDJSON lines (or one JSON object
 * with `stream: false`), tool calls as Ollama sends them (whole, arguments as an object, no
 * ids), usage as `prompt_eval_count` / `eval_count` on the last line, errors as
 * `{ "error": ... }`; `GET /api/tags` for readiness probes. Same script as the others; each
 * request is recorded as sent (`raw`) and as `body` in the Chat Completions shape.
 */
export async function startScriptedOllama(script: ScriptedReply[]) {
  const requests: { body: any; raw: any; headers: IncomingMessage["headers"] }[] = [];
  const cursor = scriptCursor(script);
  const server = await serveScripted(
    {
      probe: { path: "/api/tags", body: { models: [{ name: "scripted:latest", model: "scripted:latest", size: 1 }] } },
      isChat: (url) => url === "/api/chat",
      notFound: (res) => sendWhole(res, 404, { error: "not found" }),
    },
    async (req, res, text) => {
      const raw = JSON.parse(text || "{}");
      const body = { model: raw.model, stream: raw.stream !== false, messages: (raw.messages ?? []).map(chatMessage), ...(raw.tools ? { tools: raw.tools } : {}) };
      requests.push({ body, raw, headers: req.headers });
      const reply = await cursor.next(body);
      if ("status" in reply) return sendWhole(res, reply.status, reply.body ?? { error: "scripted failure" });
      if ("malformed" in reply) return sendWhole(res, 200, "{not json\n", "application/x-ndjson");
      const content = "content" in reply && reply.content ? reply.content : "";
      const toolCalls = "toolCalls" in reply ? reply.toolCalls.map((t) => ({ function: { name: t.name, arguments: parseOr(t.arguments) } })) : [];
      const used = scriptedUsage(body, content);
      const line = (message: object, done: boolean, extra: object = {}) => `${JSON.stringify({ model: raw.model, created_at: new Date().toISOString(), message: { role: "assistant", ...message }, done, ...extra })}\n`;
      const last = { done_reason: "stop", total_duration: 1, prompt_eval_count: used.prompt, eval_count: used.completion };
      if (raw.stream === false) return sendWhole(res, 200, line({ content, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, true, last));
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      await streamPieces(reply, content, (piece) => res.write(line({ content: piece }, false)));
      if ("streamError" in reply) {
        res.end(`${JSON.stringify({ error: reply.streamError })}\n`);
        return;
      }
      if (toolCalls.length) res.write(line({ content: "", tool_calls: toolCalls }, false));
      res.end(line({ content: "" }, true, last));
    },
  );
  return {
    /** The server root, as OLLAMA_BASE_URL takes it. */
    baseUrl: server.origin,
    requests,
    close: server.close,
  };
}

function chatMessage(m: any) {
  const calls = m.tool_calls?.map((c: any, i: number) => ({ id: `ollama_${i}`, type: "function", function: { name: c.function.name, arguments: JSON.stringify(c.function.arguments) } }));
  return { role: m.role, content: m.content ?? null, ...(calls?.length ? { tool_calls: calls } : {}) };
}
