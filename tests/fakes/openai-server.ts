import { createServer, type IncomingMessage, type Server } from "node:http";

/** One scripted reply of the fake model. */
export type ScriptedReply =
  | { content: string; delayMs?: number; /** Pause between streamed pieces. */ chunkDelayMs?: number }
  | { toolCalls: { name: string; arguments: string }[]; delayMs?: number }
  | { status: number; body?: string; delayMs?: number }
  | { malformed: true }
  /** Text (if any) and then the server breaks off the stream with an error (a 529/500 when not streaming). */
  | { streamError: string; content?: string }
  /** Decides from the request (the conversation so far), like a model would. */
  | ((body: any) => Exclude<ScriptedReply, Function>);

/**
 * The usage a scripted server reports for a request (in the Chat Completions shape) and its
 * reply: about three characters a token, so long conversations cost what they would.
 */
export function scriptedUsage(body: { messages?: { content?: unknown }[] }, reply: string | null | undefined) {
  const prompt = Math.ceil((body.messages ?? []).reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : 0), 0) / 3);
  const completion = Math.ceil((reply?.length ?? 0) / 3);
  return { prompt, completion };
}

/**
 * A scripted OpenAI-compatible server speaking the real Chat Completions wire format
 * (JSON and SSE streaming, tool calls), for tests of the LLM path: no model is reachable
 * from these machines. Replies are served in order; every request body is recorded.
 */
export async function startScriptedModel(script: ScriptedReply[]) {
  const requests: { body: any; headers: IncomingMessage["headers"] }[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      if (req.method === "GET" && req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data: [{ id: "scripted", object: "model", created: 0, owned_by: "tests" }] }));
        return;
      }
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw || "{}");
      requests.push({ body, headers: req.headers });
      const scripted = script[Math.min(next++, script.length - 1)] ?? { content: "" };
      const reply = typeof scripted === "function" ? scripted(body) : scripted;
      if ("delayMs" in reply && reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if ("status" in reply) {
        res.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body ?? JSON.stringify({ error: { message: "scripted failure", type: "server_error" } }));
        return;
      }
      if ("malformed" in reply) {
        res.writeHead(200, { "content-type": "application/json" }).end("{not json");
        return;
      }
      if ("streamError" in reply && !body.stream) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: reply.streamError, type: "server_error" } }));
        return;
      }
      const id = `chatcmpl-${next}`;
      const created = Math.floor(Date.now() / 1000);
      const model = body.model ?? "scripted";
      const toolCalls = "toolCalls" in reply ? reply.toolCalls.map((t, i) => ({ id: `call_${next}_${i}`, type: "function", function: { name: t.name, arguments: t.arguments } })) : undefined;
      const content = "content" in reply ? reply.content : null;
      const finish = toolCalls ? "tool_calls" : "stop";
      const used = scriptedUsage(body, content);
      const usage = { prompt_tokens: used.prompt, completion_tokens: used.completion, total_tokens: used.prompt + used.completion };
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const send = (delta: object, finishReason: string | null = null) =>
          res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
        send({ role: "assistant" });
        const pause = "chunkDelayMs" in reply ? (reply.chunkDelayMs ?? 0) : 0;
        for (const piece of content?.match(/.{1,8}/gsu) ?? []) {
          send({ content: piece });
          if (pause) await new Promise((r) => setTimeout(r, pause));
        }
        if ("streamError" in reply) {
          res.end(`data: ${JSON.stringify({ error: { message: reply.streamError, type: "server_error" } })}\n\n`);
          return;
        }
        if (toolCalls) toolCalls.forEach((t, index) => send({ tool_calls: [{ index, ...t }] }));
        send({}, finish);
        if (body.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`);
        res.end("data: [DONE]\n\n");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message: { role: "assistant", content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }],
          usage,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
