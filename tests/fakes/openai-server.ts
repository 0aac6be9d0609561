import type { IncomingMessage } from "node:http";
import { scriptCursor, scriptedUsage, sendWhole, serveScripted, streamPieces, type ScriptedReply } from "./scripted-server.ts";

export { scriptedUsage, type ScriptedReply } from "./scripted-server.ts";

/**
 * A scripted OpenAI-compatible server speaking the real Chat Completions wire format
 * (JSON and SSE streaming, tool calls), for tests of the LLM path: no model is reachable
 * from these machines. Replies are served in order; every request body is recorded.
 */
export async function startScriptedModel(script: ScriptedReply[]) {
  const requests: { body: any; headers: IncomingMessage["headers"] }[] = [];
  const cursor = scriptCursor(script);
  const server = await serveScripted(
    {
      probe: { path: "/v1/models", body: { object: "list", data: [{ id: "scripted", object: "model", created: 0, owned_by: "tests" }] } },
      isChat: (url) => url.endsWith("/chat/completions"),
      notFound: (res) => res.writeHead(404).end(),
    },
    async (req, res, raw) => {
      const body = JSON.parse(raw || "{}");
      requests.push({ body, headers: req.headers });
      const reply = await cursor.next(body);
      if ("status" in reply) return sendWhole(res, reply.status, reply.body ?? { error: { message: "scripted failure", type: "server_error" } });
      if ("malformed" in reply) return sendWhole(res, 200, "{not json");
      if ("streamError" in reply && !body.stream) return sendWhole(res, 500, { error: { message: reply.streamError, type: "server_error" } });
      const id = `chatcmpl-${cursor.served}`;
      const created = Math.floor(Date.now() / 1000);
      const model = body.model ?? "scripted";
      const toolCalls = "toolCalls" in reply ? reply.toolCalls.map((t, i) => ({ id: `call_${cursor.served}_${i}`, type: "function", function: { name: t.name, arguments: t.arguments } })) : undefined;
      const content = "content" in reply ? reply.content : null;
      const finish = toolCalls ? "tool_calls" : "stop";
      const used = scriptedUsage(body, content);
      const usage = { prompt_tokens: used.prompt, completion_tokens: used.completion, total_tokens: used.prompt + used.completion };
      if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const send = (delta: object, finishReason: string | null = null) =>
          res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
        send({ role: "assistant" });
        await streamPieces(reply, content, (piece) => send({ content: piece }));
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
      sendWhole(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }],
        usage,
      });
    },
  );
  return { baseUrl: `${server.origin}/v1`, requests, close: server.close };
}
