import fc from "fast-check";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { agentMessageSchema, conversationRefSchema, consoleTypingSchema, feedbackSchema, noteSchema, presenceSchema, readSchema, transferSchema, typingSchema, widgetMessageSchema, widgetReadSchema } from "../../api/contracts/realtime.ts";
import { valueHasBadText } from "../../api/http/text-guard.ts";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import type { TestDatabase } from "../support/databases.ts";
import { connected, emitAck, startRealtimeServer } from "../support/realtime-server.ts";
import { createSeededDatabase } from "../support/seeded.ts";

/** What an attacker puts in a socket payload (the REST fuzz's list, plus binary and number edges). */
const HOSTILE: unknown[] = [
  "\u0000", "a\u0000b", "\ud800", "x\udfffy", "constructor", "__proto__", "prototype", "toString", "x".repeat(200_000), "", " ", "-1", "1e400",
  -1, 0, -0.5, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY, true, false, null,
  [], {}, [[[[[]]]]], { a: { b: { c: { d: { e: {} } } } } }, Object.fromEntries([["__proto__", { polluted: 1 }]]), { constructor: { prototype: { polluted: 1 } } },
  ["\u0000"], [1e308], Array.from({ length: 1000 }, (_, i) => i), Buffer.from([0, 1, 2, 255]), new Uint8Array(16),
];
const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.anything({ maxDepth: 3, withNullPrototype: true }), fc.string({ unit: "binary", maxLength: 50 }));
/** Keys that ask for prototype pollution, or cannot be stored. */
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "\u0000", "\ud800", ""];

interface EventCase {
  event: string;
  schema: z.ZodType;
  /** A payload the server accepts; the fuzz spoils one part of it at a time. */
  valid: () => Record<string, unknown>;
  /** Acked events answer `{ data } | { error }`; the others (hints) ignore what they cannot use. */
  acked: boolean;
}

/**
 * Red team, sockets: every event the /widget and /console namespaces accept gets hostile
 * payloads over real sockets (wrong types, huge strings, NUL bytes, lone surrogates,
 * prototype words, nested objects and arrays, numbers beyond 2^53, binary, no payload, extra
 * arguments, no ack callback). An acked event answers `{ error: { code, message } }`, never
 * `internal:error`; an event without an ack ignores it; nothing in the database changes; the
 * server keeps serving (a valid event works afterwards). Bounded in time (about 20 s of fuzz).
 */
describe("fuzzing every Socket.IO event", () => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;
  let shopper: Socket;
  let agent: Socket;
  let conversationId: string;
  let otherAgentId: string;
  let sessionToken: string;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase("pglite", { alwaysOpen: true }));
    server = await startRealtimeServer(test.db);
    const shop = creds.merchants[0]!;
    const agents = creds.agents.filter((a) => a.merchant === shop.name);
    const login = (await server.post("/auth/login", { email: agents[0]!.email, password: agents[0]!.password })).json;
    otherAgentId = (await test.db.prisma.agent.findFirstOrThrow({ where: { email: agents[1]?.email ?? agents[0]!.email } })).id;
    const session = (await server.post("/widget/sessions", { widgetKey: shop.widgetKey, locale: "en" })).json;
    sessionToken = session.sessionToken;
    conversationId = session.conversationId;
    shopper = server.socket("/widget", { sessionToken });
    agent = server.socket("/console", { token: login.token });
    await Promise.all([connected(shopper), connected(agent)]);
    // A conversation with messages in it, so that valid parts of a payload point at real rows.
    expect((await emitAck(shopper, "message:send", { clientMessageId: "setup-1", text: "Hello, where is my parcel?" })).data).toBeDefined();
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await test?.drop();
  });

  const widgetEvents = (): EventCase[] => [
    { event: "message:send", schema: widgetMessageSchema, valid: () => ({ clientMessageId: "fuzz-widget", text: "hello" }), acked: true },
    { event: "feedback:submit", schema: feedbackSchema, valid: () => ({ csat: 5, comment: "fine" }), acked: true },
    { event: "typing", schema: typingSchema, valid: () => ({ isTyping: true }), acked: false },
    { event: "message:read", schema: widgetReadSchema, valid: () => ({ seq: 1 }), acked: false },
  ];
  const consoleEvents = (): EventCase[] => [
    ...["conversation:claim", "conversation:open", "conversation:resolve", "conversation:handback"].map((event) => ({ event, schema: conversationRefSchema, valid: () => ({ conversationId }), acked: true })),
    { event: "message:send", schema: agentMessageSchema, valid: () => ({ conversationId, clientMessageId: "fuzz-agent", text: "hello" }), acked: true },
    { event: "note:add", schema: noteSchema, valid: () => ({ conversationId, text: "a note" }), acked: true },
    { event: "conversation:transfer", schema: transferSchema, valid: () => ({ conversationId, agentId: otherAgentId }), acked: true },
    { event: "presence:set", schema: presenceSchema, valid: () => ({ status: "away" }), acked: true },
    { event: "typing", schema: consoleTypingSchema, valid: () => ({ conversationId, isTyping: true }), acked: false },
    { event: "message:read", schema: readSchema, valid: () => ({ conversationId, seq: 1 }), acked: false },
  ];

  /** Everything a hostile event could change: messages, conversations, feedback, audit, orders, presence. */
  const fingerprint = async () => {
    const { prisma } = test.db;
    const [messages, conversations, feedback, audit, orders] = await Promise.all([
      prisma.message.findMany({ orderBy: [{ conversationId: "asc" }, { seq: "asc" }], select: { id: true, seq: true, text: true, internal: true } }),
      prisma.conversation.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, agentId: true, shopperReadSeq: true, agentReadSeq: true, priority: true } }),
      prisma.feedback.findMany({ orderBy: { id: "asc" } }),
      prisma.auditLog.count(),
      prisma.order.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    ]);
    const merchantId = (await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).merchantId;
    const presence = (await server.services.handoff.agents(merchantId)).map((a) => `${a.id}:${a.status}`).sort();
    return JSON.stringify({ messages, conversations, feedback, audit, orders, presence });
  };

  /** Emits raw arguments and waits for the ack, if one is asked for (the client adds it as the last argument). */
  const send = (socket: Socket, event: string, args: unknown[], withAck: boolean) =>
    withAck ? (socket.timeout(10_000).emitWithAck(event, ...args) as Promise<unknown>).catch((error: Error) => ({ timeout: error.message })) : (socket.emit(event, ...args), Promise.resolve(undefined));

  it("every event the server listens to is fuzzed here", async () => {
    const listened = (nsp: string) => [...new Set([...server.io.of(nsp).sockets.values()].flatMap((s) => s.eventNames().map(String)))].filter((e) => e !== "disconnect" && e !== "disconnecting" && e !== "error").sort();
    expect(listened("/widget")).toEqual(widgetEvents().map((e) => e.event).sort());
    expect(listened("/console")).toEqual(consoleEvents().map((e) => e.event).sort());
  });

  it("answers hostile payloads with an error ack or ignores them, changes nothing and keeps serving", { timeout: 150_000 }, async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    const sides = [
      { name: "widget", socket: shopper, events: widgetEvents() },
      { name: "console", socket: agent, events: consoleEvents() },
    ];
    const deadline = Date.now() + 20_000;
    let sent = 0;
    let skipped = 0;
    for (let round = 0; Date.now() < deadline && round < 200; round++) {
      for (const { name, socket, events } of sides) {
        for (const { event, schema, valid, acked } of events) {
          const [value] = fc.sample(hostile, { numRuns: 1, seed: sent + 1 });
          const base = valid();
          const fields = Object.keys(base);
          // Each round spoils one thing: the whole payload, one field, an extra (prototype) key,
          // the payload left out, or extra arguments before the ack.
          const shape = round % (fields.length + 4);
          let args: unknown[];
          if (shape < fields.length) args = [{ ...base, [fields[shape]!]: value }];
          else if (shape === fields.length) args = [value];
          else if (shape === fields.length + 1) args = [{ ...base, ...Object.fromEntries([[HOSTILE_KEYS[round % HOSTILE_KEYS.length]!, value]]) }];
          else if (shape === fields.length + 2) args = [];
          else args = [base, value];
          // Only hostile input is the point here: a spoilt payload that is still valid is skipped.
          if (args.length === 1 && schema.safeParse(args[0]).success && !valueHasBadText(args[0])) {
            skipped++;
            continue;
          }
          sent++;
          // Acked events are sent with and without an ack callback, in turn.
          const withAck = acked && round % 3 !== 2;
          const reply = (await send(socket, event, args, withAck)) as { error?: { code?: unknown; message?: unknown }; timeout?: string } | undefined;
          const shown = `${name} ${event} ${JSON.stringify(args)?.slice(0, 80)}`;
          if (!withAck) continue;
          if (!reply || reply.timeout) failures.push(`${shown}: no ack`);
          else if (typeof reply.error?.code !== "string" || typeof reply.error.message !== "string") failures.push(`${shown}: ${JSON.stringify(reply).slice(0, 120)}`);
          else if (!reply.error.code.startsWith("validation:")) failures.push(`${shown}: ${reply.error.code}`);
        }
      }
      // Unknown and odd event names are nobody's: they are ignored.
      for (const odd of ["error", "constructor", "__proto__", "toString", "hasOwnProperty", "message:send\u0000", "\ud800"]) shopper.emit(odd, value0(round));
      if (!shopper.connected || !agent.connected) failures.push(`round ${round}: a socket was dropped`);
    }
    process.stderr.write(`socket fuzz: ${sent} hostile events (${skipped} spoilt payloads still valid, skipped), ${failures.length} failures\n`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThan(200);

    // Let the events without an ack finish what they do, then nothing may have changed.
    await new Promise((r) => setTimeout(r, 500));
    expect(await fingerprint()).toEqual(before);

    // The server keeps serving on the same sockets.
    expect(shopper.connected && agent.connected).toBe(true);
    const opened = await emitAck(agent, "conversation:open", { conversationId });
    expect(opened.data.conversation.id).toBe(conversationId);
    const stored = await emitAck(shopper, "message:send", { clientMessageId: "after-fuzz", text: "Still there?" });
    expect(stored.data).toMatchObject({ role: "shopper", text: "Still there?" });
  });

  it("keeps read receipts to messages that exist: a seq from the future or beyond int4 changes nothing", async () => {
    const conversation = () => test.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { shopperReadSeq: true, agentReadSeq: true } });
    const last = (await test.db.prisma.message.findFirstOrThrow({ where: { conversationId }, orderBy: { seq: "desc" } })).seq;
    const before = await conversation();
    for (const seq of [last + 1, 1_000_000, 2 ** 31, 2 ** 53 + 2]) {
      shopper.emit("message:read", { seq });
      agent.emit("message:read", { conversationId, seq });
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await conversation()).toEqual(before);
    // A real seq still moves them.
    shopper.emit("message:read", { seq: last });
    agent.emit("message:read", { conversationId, seq: last });
    await expect.poll(conversation, { timeout: 5000 }).toEqual({ shopperReadSeq: last, agentReadSeq: last });
  });

  it("answers an ack sent without a payload, or after extra arguments, with an error", async () => {
    for (const [socket, event] of [[shopper, "message:send"], [shopper, "feedback:submit"], [agent, "conversation:claim"], [agent, "presence:set"]] as const) {
      const alone = (await socket.timeout(5000).emitWithAck(event)) as { error: { code: string } };
      expect(alone.error.code).toBe("validation:invalid");
      const extra = (await socket.timeout(5000).emitWithAck(event, { conversationId }, "extra")) as { error: { code: string } };
      expect(extra.error.code).toBe("validation:invalid");
    }
  });

  it("drops only the socket that sends a payload over the size limit; others and new ones are served", async () => {
    const big = server.socket("/widget", { sessionToken });
    await connected(big);
    const dropped = new Promise<string>((resolve) => big.once("disconnect", (reason) => resolve(reason)));
    big.emit("message:send", { clientMessageId: "big", text: "x".repeat(400_000) });
    expect(await dropped).toMatch(/transport/);
    expect(shopper.connected).toBe(true);
    const again = server.socket("/widget", { sessionToken });
    await connected(again);
    expect((await emitAck(again, "message:send", { clientMessageId: "after-big", text: "hello again" })).data).toMatchObject({ text: "hello again" });
  });

  it("refuses hostile handshakes without crashing", async () => {
    for (const auth of [{ sessionToken: "\u0000" }, { sessionToken: "x".repeat(100_000) }, { token: "\ud800" }, { sessionToken: { $ne: "" } }, { token: ["a"] }, {}] as Record<string, unknown>[]) {
      for (const nsp of ["/widget", "/console"] as const) {
        const socket = server.socket(nsp, auth as Record<string, string>);
        const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
        expect(error.message).toMatch(/^auth:/);
      }
    }
    expect((await emitAck(agent, "conversation:open", { conversationId })).data.conversation.id).toBe(conversationId);
  });
});

/** A hostile value for the odd event names, from the fixed list. */
function value0(round: number) {
  return HOSTILE[round % HOSTILE.length];
}
