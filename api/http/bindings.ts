import type { Logger } from "../logger.ts";
import type { WidgetSession } from "../domain/conversations/session-token.ts";
import type { MerchantContext } from "../domain/merchants/merchants.service.ts";

/** Hono variables every handler can rely on. */
export interface AppBindings {
  Variables: {
    requestId: string;
    log: Logger;
    merchant: MerchantContext;
    /** Who acts on the merchant API: `api-key:<prefix>` or `agent:<id>` (kept in order histories). */
    actor: string;
    session: WidgetSession;
    /** Set by handlers whose service wrote its own audit entry (see http/audit.ts). */
    audited: boolean;
  };
}
