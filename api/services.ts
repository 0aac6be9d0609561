import type { Nlu } from "../bot/nlu/nlu.ts";
import { createBot } from "../bot/engine.ts";
import { createBotPorts } from "./adapters/bot-ports.ts";
import type { Database } from "./db/database.ts";
import { CatalogService } from "./domain/catalog/catalog.service.ts";
import { ConversationsService } from "./domain/conversations/conversations.service.ts";
import { SessionTokens } from "./domain/conversations/session-token.ts";
import { KnowledgeService } from "./domain/knowledge/knowledge.service.ts";
import { MerchantsService } from "./domain/merchants/merchants.service.ts";
import { OrdersService } from "./domain/orders/orders.service.ts";
import { IdempotencyStore } from "./domain/shared/idempotency.ts";
import type { Logger } from "./logger.ts";

/** Every domain service, built once per process from the one database and logger. */
export interface Services {
  merchants: MerchantsService;
  catalog: CatalogService;
  orders: OrdersService;
  idempotency: IdempotencyStore;
  knowledge: KnowledgeService;
  conversations: ConversationsService;
  nlu: Nlu;
}

export interface ServiceOptions {
  /** Signs widget session tokens. */
  appSecret: string;
  /** The trained NLU (training takes a moment, so the caller does it once). */
  nlu: Nlu;
}

export function createServices(db: Database, log: Logger, options: ServiceOptions): Services {
  const catalog = new CatalogService(db.prisma);
  const orders = new OrdersService(db.prisma, log.child({ module: "orders" }));
  const idempotency = new IdempotencyStore(db.prisma);
  const knowledge = new KnowledgeService(db.prisma);
  const bot = createBot(options.nlu, createBotPorts({ prisma: db.prisma, catalog, orders, knowledge, idempotency }));
  return {
    merchants: new MerchantsService(db.prisma),
    catalog,
    orders,
    idempotency,
    knowledge,
    conversations: new ConversationsService(db.prisma, bot, new SessionTokens(options.appSecret), log.child({ module: "conversations" })),
    nlu: options.nlu,
  };
}
