import type { Nlu } from "../bot/nlu/nlu.ts";
import { createBot } from "../bot/engine.ts";
import { createAgent } from "../bot/llm/agent.ts";
import type { TokenBudget } from "../bot/llm/budget.ts";
import type { LlmClient, LlmProvider } from "../bot/llm/client.ts";
import type { LlmClients } from "../bot/llm/providers.ts";
import { merchantLlmChoice } from "./adapters/llm.ts";
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
import { ReportsService } from "./domain/reports/reports.service.ts";
import { IdempotencyStore } from "./domain/shared/idempotency.ts";
import { InProcessQueue } from "./jobs/in-process-queue.ts";
import type { JobQueue } from "./jobs/queue.ts";
import { SlaService } from "./domain/sla/sla.service.ts";
import { WebhooksService } from "./domain/webhooks/webhooks.service.ts";
import type { Resolver } from "./domain/webhooks/address-guard.ts";
import { ProofAttempts, type ProofLimits } from "./domain/orders/proof-attempts.ts";
import type { Redis } from "ioredis";
import type { Logger } from "./logger.ts";
import { createCaches, LocalBus, type Caches, type InvalidationBus } from "./domain/shared/caches.ts";
import { ForecastsService } from "./domain/recommendations/forecasts.service.ts";
import { RecommendationsService } from "./domain/recommendations/recommendations.service.ts";
import { ExperimentsService } from "./domain/recommendations/experiments.service.ts";
import { CouponsService } from "./domain/promotions/coupons.service.ts";
import { CampaignsService } from "./domain/promotions/campaigns.service.ts";
import { ReferralsService } from "./domain/promotions/referrals.service.ts";
import { CustomerProfiles } from "./domain/customers/profiles.ts";
import { createPaymentServices, type PaymentServices } from "./domain/payments/payment-services.ts";
import { AuditService } from "./domain/audit/audit.service.ts";
import { PrivacyService } from "./domain/privacy/privacy.service.ts";
import { RiskService } from "./domain/risk/risk.service.ts";

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
  /** The configured model providers (a merchant may choose among them) and whether each answers (for /readyz); absent without a model. */
  llm?: { providers: LlmProvider[]; reachability(): Promise<Partial<Record<LlmProvider, "ok" | "down">>> };
  reports: ReportsService;
  experiments: ExperimentsService;
  forecasts: ForecastsService;
  recommendations: RecommendationsService;
  audit: AuditService;
  privacy: PrivacyService;
  coupons: CouponsService;
  campaigns: CampaignsService;
  referrals: ReferralsService;
  customers: CustomerProfiles;
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
  /** Only https webhook URLs (production). @defaultValue false */
  publicWebhooksOnly?: boolean;
  /** Webhooks may reach private, loopback and link-local addresses (WEBHOOKS_ALLOW_PRIVATE, local development). @defaultValue false */
  webhooksAllowPrivate?: boolean;
  /** Caps on order proofs through the bot (see ProofAttempts). */
  orderProofs?: ProofLimits;
  /** Shared store for the order-proof caps across nodes; in memory when unset. */
  limiterRedis?: Redis;
  /** How webhook hosts are resolved. @defaultValue dns.lookup, every address */
  webhookResolver?: Resolver;
  /** Carries cache invalidations to the other nodes (Redis pub/sub); none with one node. */
  bus?: InvalidationBus;
  /**
   * A model (OpenAI-compatible, Anthropic or Ollama): the bot's agent and the analytics summaries use it. Unset: local engine only.
   * `client` serves every merchant, or with `clients` those who chose nothing in `settings.llm`.
   */
  llm?: { client?: LlmClient; clients?: LlmClients; budget: TokenBudget; linkHosts?: string[] };
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
  const webhooks = new WebhooksService(db.prisma, queue, log.child({ module: "webhooks" }), {
    allowPrivateHosts: options.webhooksAllowPrivate === true,
    httpsOnly: options.publicWebhooksOnly === true,
    resolve: options.webhookResolver,
  });
  const catalog = new CatalogService(db.prisma, caches, log.child({ module: "catalog" }));
  let onOrderCreated: (order: { id: string; payBy: string | null }, merchantId: string) => void = () => undefined;
  const orders = new OrdersService(db.prisma, log.child({ module: "orders" }), (event) => {
    // Orders move stock: product lists and the bot's catalog are dropped on every node.
    void caches.touched(event.merchantId, "catalog");
    void webhooks.publish(event.merchantId, event.type, { order: event.order }).catch((err) => log.error({ err }, "publishing a webhook failed"));
    // A new order, or one released from a risk hold: its payment window starts.
    if (event.type === "order.created" || (event.type === "order.status_changed" && event.order.status === "pending_payment")) onOrderCreated(event.order, event.merchantId);
    if (event.type === "order.created" && event.order.couponCode) {
      const { order } = event;
      void webhooks.publish(event.merchantId, "coupon.redeemed", { code: order.couponCode, orderId: order.id, number: order.number, discount: order.discount }).catch((err) => log.error({ err }, "publishing a webhook failed"));
    }
  });
  const campaigns = new CampaignsService(db.prisma, db, log.child({ module: "campaigns" }), (merchantId, campaign) => {
    void webhooks.publish(merchantId, "campaign.ended", { campaign }).catch((err) => log.error({ err }, "publishing a webhook failed"));
  });
  const audit = new AuditService(db.prisma, log.child({ module: "audit" }));
  orders.useRisk(new RiskService(options.appSecret));
  orders.useAudit(audit);
  const agents = new AgentsService(db.prisma, new AgentTokens(options.appSecret));
  agents.useAudit(audit);
  const privacy = new PrivacyService(db.prisma, audit, log.child({ module: "privacy" }), (merchantId) => void caches.changed(merchantId, "sessions"));
  const idempotency = new IdempotencyStore(db.prisma);
  const knowledge = new KnowledgeService(db.prisma, caches);
  const events = new ConversationEvents();
  const messages = new MessageLog(db.prisma, db, events);
  const paying = createPaymentServices({ prisma: db.prisma, log, queue, webhooks, messages, orders, appSecret: options.appSecret, publicUrl: options.publicUrl, smtpUrl: options.smtpUrl, withLock: (key, fn) => db.withLock(key, fn) });
  onOrderCreated = paying.onOrderCreated;
  const coupons = new CouponsService(db.prisma);
  const handoff = new HandoffService(db.prisma, messages, events, options.presence ?? new MemoryPresence(), log.child({ module: "handoff" }));
  const recommendations = new RecommendationsService(db.prisma, db, log.child({ module: "recommendations" }), caches);
  const experiments = new ExperimentsService(db.prisma, log.child({ module: "experiments" }));
  const { llm } = options;
  // The merchant's own choice of provider and model (settings.llm), among those configured.
  const clientFor = async (merchantId: string): Promise<LlmClient> => {
    if (!llm?.clients) return llm!.client!;
    const merchant = await merchants.get(merchantId).catch(() => null);
    return llm.clients.for(merchantLlmChoice(merchant?.settings));
  };
  const agent = llm ? createAgent({ client: clientFor, budget: llm.budget, linkHosts: llm.linkHosts }) : undefined;
  const bot = createBot(options.nlu, createBotPorts({ prisma: db.prisma, catalog, orders, knowledge, idempotency, handoff, caches, merchants, payments: paying.payments, coupons, proofs: new ProofAttempts(options.orderProofs ?? {}, log.child({ module: "order-proofs" }), options.limiterRedis), recommendations, privacy, onOrderPlaced: (merchantId, conversationId) => experiments.converted(merchantId, conversationId, "order").catch((err) => log.warn({ err, conversationId }, "counting an experiment conversion failed")) }), { agent });
  handoff.useAudit(audit);
  const conversations = new ConversationsService(db.prisma, (key, first, rest) => db.withFoldedLock(key, first, rest), messages, bot, handoff, new SessionTokens(options.appSecret), log.child({ module: "conversations" }), events, merchants, db, caches, experiments);
  const forecasts = new ForecastsService(db.prisma, db);
  catalog.useForecasts(forecasts);
  const analytics = new AnalyticsService(db.prisma, rollups, llm ? async (input) => writeSummary(await clientFor(input.merchantId), llm.budget, input) : undefined, knowledge);
  return {
    merchants,
    caches,
    catalog,
    orders,
    idempotency,
    knowledge,
    conversations,
    handoff,
    agents,
    events,
    webhooks,
    sla: new SlaService(db.prisma, messages, events, log.child({ module: "sla" })),
    analytics,
    rollups,
    queue,
    nlu: options.nlu,
    payments: paying.payments,
    refunds: paying.refunds,
    paymentJobs: paying.paymentJobs,
    llm: llm && {
      providers: llm.clients?.providers ?? [llm.client!.provider],
      reachability: async () => (llm.clients ? llm.clients.reachability() : { [llm.client!.provider]: (await llm.client!.reachable()) ? "ok" : "down" }),
    },
    reports: new ReportsService(db.prisma, analytics, merchants, log.child({ module: "reports" }), { smtpUrl: options.smtpUrl }),
    experiments,
    forecasts,
    recommendations,
    audit,
    privacy,
    coupons,
    campaigns,
    referrals: new ReferralsService(db.prisma),
    customers: new CustomerProfiles(db.prisma, merchants),
  };
}
