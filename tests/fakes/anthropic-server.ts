import type { IncomingMessage } from "node:http";
import { parseOr, scriptCursor, scriptedUsage, sendWhole, serveScripted, streamPieces, type ScriptedReply } from "./scripted-server.ts";

/**
 * A scripted Anthropic Messages API server speaking the real wire format: `POST /v1/messages`
 * answered as JSON or as SSE events (message_start, content_block_start / delta (text_delta,
 * input_json_delta) / stop, message_delta with usage, message_stop), `tool_use` blocks, and
 * failures as the API sends them (529 overloaded, 5xx, 429, an `error` event mid-stream,
 * replies that never come). `GET /v1/models` answers for readiness probes.
 *
 * It takes the same script as the OpenAI one. Each request is recorded as sent (`raw`) and,
 * as `body`, in the Chat Completions shape the scripts and tests read (system and tool
 * messages, `tool_calls`, `tools[].function`), so one test reads either provider's requests.
 */
export async function startScriptedAnthropic(script: ScriptedReply[]) {
  const requests: { body: any; raw: any; headers: IncomingMessage["headers"] }[] = [];
  const cursor = scriptCursor(script);
  const server = await serveScripted(
    {
      probe: { path: "/v1/models", body: { data: [{ type: "model", id: "scripted", display_name: "Scripted" }], has_more: false, first_id: "scripted", last_id: "scripted" } },
      isChat: (url) => url.split("?")[0] === "/v1/messages",
      notFound: (res, url) => sendWhole(res, 404, { type: "error", error: { type: "not_found_error", message: `no route ${url}` } }),
    },
    async (req, res, text) => {
      const raw = JSON.parse(text || "{}");
      const invalid = validate(raw, req.headers);
      if (invalid) return sendWhole(res, 400, { type: "error", error: { type: "invalid_request_error", message: invalid } });
      const body = chatView(raw);
      requests.push({ body, raw, headers: req.headers });
      const reply = await cursor.next(body);
      if ("status" in reply) {
        const type = reply.status === 529 ? "overloaded_error" : reply.status === 429 ? "rate_limit_error" : reply.status === 401 ? "authentication_error" : "api_error";
        return sendWhole(res, reply.status, reply.body ?? { type: "error", error: { type, message: "scripted failure" } });
      }
      if ("malformed" in reply) return sendWhole(res, 200, "{not json");
      const id = `msg_${cursor.served}`;
      const model = raw.model ?? "scripted";
      const content = "content" in reply && reply.content ? reply.content : "";
      const tools = "toolCalls" in reply ? reply.toolCalls.map((t, i) => ({ id: `toolu_${cursor.served}_${i}`, name: t.name, arguments: t.arguments })) : [];
      const stopReason = tools.length ? "tool_use" : "end_turn";
      const used = scriptedUsage(body, content);
      const usage = { input_tokens: used.prompt, output_tokens: used.completion };
      if (raw.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const send = (event: string, data: object) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
        send("message_start", { message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } });
        send("ping", {});
        let index = 0;
        if (content) {
          send("content_block_start", { index, content_block: { type: "text", text: "" } });
          await streamPieces(reply, content, (piece) => send("content_block_delta", { index, delta: { type: "text_delta", text: piece } }));
          send("content_block_stop", { index });
          index++;
        }
        if ("streamError" in reply) {
          send("error", { error: { type: "overloaded_error", message: reply.streamError } });
          res.end();
          return;
        }
        for (const t of tools) {
          send("content_block_start", { index, content_block: { type: "tool_use", id: t.id, name: t.name, input: {} } });
          // The arguments arrive in pieces, as the API sends them.
          for (const piece of t.arguments.match(/.{1,10}/gsu) ?? []) send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } });
          send("content_block_stop", { index });
          index++;
        }
        send("message_delta", { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
        send("message_stop", {});
        res.end();
        return;
      }
      if ("streamError" in reply) return sendWhole(res, 529, { type: "error", error: { type: "overloaded_error", message: reply.streamError } });
      const blocks = [
        ...(content ? [{ type: "text", text: content }] : []),
        // A real server always sends an object; a broken script's arguments go as the raw string.
        ...tools.map((t) => ({ type: "tool_use", id: t.id, name: t.name, input: parseOr(t.arguments) })),
      ];
      sendWhole(res, 200, { id, type: "message", role: "assistant", model, content: blocks, stop_reason: stopReason, stop_sequence: null, usage });
    },
  );
  return {
    /** The root URL, as ANTHROPIC_BASE_URL and the official SDK take it. */
    baseUrl: server.origin,
    requests,
    close: server.close,
  };
}

/** What the real API refuses with a 400 (the parts a client could get wrong). */
function validate(raw: any, headers: IncomingMessage["headers"]): string | null {
  if (!headers["x-api-key"] && !headers.authorization) return "missing x-api-key";
  if (!headers["anthropic-version"]) return "missing anthropic-version header";
  if (typeof raw.model !== "string") return "model: required";
  if (!Number.isInteger(raw.max_tokens)) return "max_tokens: required";
  if (!Array.isArray(raw.messages) || raw.messages.length === 0) return "messages: at least one message is required";
  const toolUses = new Set<string>();
  for (const m of raw.messages) {
    if (m.role !== "user" && m.role !== "assistant") return `messages: unexpected role "${m.role}" (system goes in the top-level system parameter)`;
    for (const b of Array.isArray(m.content) ? m.content : []) {
      if (b.type === "tool_use") {
        if (m.role !== "assistant") return "tool_use blocks are the assistant's";
        if (typeof b.input !== "object" || b.input === null) return "tool_use.input: an object";
        toolUses.add(b.id);
      }
      if (b.type === "tool_result" && !toolUses.has(b.tool_use_id)) return `tool_result ${b.tool_use_id} has no tool_use before it`;
    }
  }
  for (const t of raw.tools ?? []) if (!t.name || !t.input_schema || t.input_schema.type !== "object") return "tools: name and an object input_schema";
  return null;
}

const blocks = (content: unknown): any[] => (typeof content === "string" ? [{ type: "text", text: content }] : Array.isArray(content) ? content : []);
const texts = (content: unknown) => blocks(content).filter((b) => b.type === "text").map((b) => b.text as string);

/** An Anthropic request in the Chat Completions shape: system and tool messages, tool_calls, tools[].function. */
function chatView(raw: any) {
  const messages: any[] = texts(raw.system).map((content) => ({ role: "system", content }));
  for (const m of raw.messages ?? []) {
    if (m.role === "assistant") {
      const calls = blocks(m.content).filter((b) => b.type === "tool_use").map((b) => ({ id: b.id, type: "function", function: { name: b.name, arguments: JSON.stringify(b.input) } }));
      messages.push({ role: "assistant", content: texts(m.content).join("") || null, ...(calls.length ? { tool_calls: calls } : {}) });
      continue;
    }
    for (const b of blocks(m.content)) {
      if (b.type === "tool_result") messages.push({ role: "tool", tool_call_id: b.tool_use_id, content: typeof b.content === "string" ? b.content : texts(b.content).join("") });
      else if (b.type === "text") messages.push({ role: "user", content: b.text });
    }
  }
  const tools = raw.tools?.map((t: any) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.input_schema } }));
  return { model: raw.model, max_tokens: raw.max_tokens, stream: raw.stream === true, messages, ...(tools ? { tools } : {}) };
}
