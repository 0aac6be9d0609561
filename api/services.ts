import type { Nlu } from "../bot/nlu/nlu.ts";
import { createBot } from "../bot/engine.ts";
import { createAgent } from "../bot/llm/agent.ts";
import type { TokenBudget } from "../bot/llm/budget.ts";
import type { LlmClient } from "../bot/llm/client.ts";
import { writeSummary } from "../bot/llm/summary.ts";
import { createBotPorts } from "./adapters/bot-ports.ts";
import type { Database } from "./db/database.ts";
import { AgentTokens } from "./domain/agents/agent-token.ts";
import { AnalyticsService } from "./domain/analytics/analytics.service.ts";
import { RollupService } from "./domain/analytics/rollups.ts";
import { AgentsService } from "./domain/agents/agents.service.ts";
import { MemoryPresence, type Presence } from "./domain/agents/presence.ts";
import { CatalogService } from "./domain/catalog/catalog.service.ts";
import { ConversationsService } from "./domain/conversations/conversations.service.ts";
import { ConversationEvents } from "./domain/conversations/events.ts";
import { MessageLog } from "./domain/conversations/message-log.ts";
import { SessionTokens } from "./domain/conversations/session-token.ts";
import { HandoffService } from "./domain/handoff/handoff.service.ts";
import { KnowledgeService } from "./domain/knowledge/knowledge.service.ts";
import { MerchantsService } from "./domain/merchants/merchants.service.ts";
import { OrdersService } from "./domain/orders/orders.service.ts";
import { IdempotencyStore } from "./domain/shared/idempotency.ts";
import { InProcessQueue } from "./jobs/in-process-queue.ts";
import type { JobQueue } from "./jobs/queue.ts";
import { SlaService } from "./domain/sla/sla.service.ts";
import { WebhooksService } from "./domain/webhooks/webhooks.service.ts";
import type { Logger } from "./logger.ts";
import { createCaches, LocalBus, type Caches, type InvalidationBus } from "./domain/shared/caches.ts";
import { createPaymentServices, type PaymentServices } from "./domain/payments/payment-services.ts";

/** Every domain service, built once per process from the one database and logger. */
export interface Services {
  merchants: MerchantsService;
  caches: Caches;
  catalog: CatalogService;
  orders: OrdersService;
  idempotency: IdempotencyStore;
  knowledge: KnowledgeService;
  conversations: ConversationsService;
  handoff: HandoffService;
  agents: AgentsService;
  events: ConversationEvents;
  webhooks: WebhooksService;
  sla: SlaService;
  analytics: AnalyticsService;
  rollups: RollupService;
  queue: JobQueue;
  nlu: Nlu;
  payments: PaymentServices["payments"];
  refunds: PaymentServices["refunds"];
  paymentJobs: PaymentServices["paymentJobs"];
}

export interface ServiceOptions {
  /** Signs widget session tokens and agent tokens. */
  appSecret: string;
  /** The trained NLU (training takes a moment, so the caller does it once). */
  nlu: Nlu;
  /** Agent presence; in-memory unless the caller passes the Redis one. */
  presence?: Presence;
  /** Background jobs; the in-process runner unless the caller passes BullMQ. */
  queue?: JobQueue;
  /** Refuse webhook URLs on private networks (production). @defaultValue false */
  publicWebhooksOnly?: boolean;
  /** Carries cache invalidations to the other nodes (Redis pub/sub); none with one node. */
  bus?: InvalidationBus;
  /** An OpenAI-compatible model: the bot's agent and the analytics summaries use it. Unset: local engine only. */
  llm?: { client: LlmClient; budget: TokenBudget; linkHosts?: string[] };
  /** The public origin for pay pages and provider notify URLs (else set when the server listens). */
  publicUrl?: string;
  /** Order and payment emails go out through nodemailer only when set. */
  smtpUrl?: string;
}

export function createServices(db: Database, log: Logger, options: ServiceOptions): Services {
  const queue = options.queue ?? new InProcessQueue(log.child({ module: "jobs" }));
  const caches = createCaches(db, options.bus ?? new LocalBus(), log.child({ module: "caches" }));
  const merchants = new MerchantsService(db.prisma, db, caches);
  const rollups = new RollupService(db.prisma, log.child({ module: "rollups" }));
  const webhooks = new WebhooksService(db.prisma, queue, log.child({ module: "webhooks" }), { allowPrivateHosts: !options.publicWebhooksOnly });
  const catalog = new CatalogService(db.prisma, caches);
  let onOrderCreated: (order: { id: string; payBy: string | null }, merchantId: string) => void = () => undefined;
  const orders = new OrdersService(db.prisma, log.child({ module: "orders" }), (event) => {
    // Orders move stock: product lists and the bot's catalog are dropped on every node.
    void caches.touched(event.merchantId, "catalog");
    void webhooks.publish(event.merchantId, event.type, { order: event.order }).catch((err) => log.error({ err }, "publishing a webhook failed"));
    if (event.type === "order.created") onOrderCreated(event.order, event.merchantId);
  });
  const idempotency = new IdempotencyStore(db.prisma);
  const knowledge = new KnowledgeService(db.prisma, caches);
  const events = new ConversationEvents();
  const messages = new MessageLog(db.prisma, db, events);
  const paying = createPaymentServices({ prisma: db.prisma, log, queue, webhooks, messages, orders, appSecret: options.appSecret, publicUrl: options.publicUrl, smtpUrl: options.smtpUrl });
  onOrderCreated = paying.onOrderCreated;
  const handoff = new HandoffService(db.prisma, messages, events, options.presence ?? new MemoryPresence(), log.child({ module: "handoff" }));
  const { llm } = options;
  const agent = llm ? createAgent({ client: llm.client, budget: llm.budget, linkHosts: llm.linkHosts }) : undefined;
  const bot = createBot(options.nlu, createBotPorts({ prisma: db.prisma, catalog, orders, knowledge, idempotency, handoff, caches, merchants, payments: paying.payments }), { agent });
  const conversations = new ConversationsService(db.prisma, (key, fn) => db.withLock(key, fn), messages, bot, handoff, new SessionTokens(options.appSecret), log.child({ module: "conversations" }), events, merchants, db, caches);
  return {
    merchants,
    caches,
    catalog,
    orders,
    idempotency,
    knowledge,
    conversations,
    handoff,
    agents: new AgentsService(db.prisma, new AgentTokens(options.appSecret)),
    events,
    webhooks,
    sla: new SlaService(db.prisma, messages, events, log.child({ module: "sla" })),
    analytics: new AnalyticsService(db.prisma, rollups, llm ? (input) => writeSummary(llm.client, llm.budget, input) : undefined, knowledge),
    rollups,
    queue,
    nlu: options.nlu,
    payments: paying.payments,
    refunds: paying.refunds,
    paymentJobs: paying.paymentJobs,
  };
}
