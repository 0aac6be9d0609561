import type { Database } from "./db/database.ts";
import { CatalogService } from "./domain/catalog/catalog.service.ts";
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
}

export function createServices(db: Database, log: Logger): Services {
  return {
    merchants: new MerchantsService(db.prisma),
    catalog: new CatalogService(db.prisma),
    orders: new OrdersService(db.prisma, log.child({ module: "orders" })),
    idempotency: new IdempotencyStore(db.prisma),
  };
}
