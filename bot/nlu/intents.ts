/** The intent names of the contract: the 27 common customer-service intents, then the bot's own. */
export const SERVICE_INTENTS = [
  "cancel_order",
  "change_order",
  "place_order",
  "track_order",
  "change_shipping_address",
  "set_up_shipping_address",
  "check_cancellation_fee",
  "delivery_options",
  "delivery_period",
  "get_refund",
  "track_refund",
  "check_refund_policy",
  "get_invoice",
  "check_invoice",
  "check_payment_methods",
  "payment_issue",
  "complaint",
  "review",
  "contact_customer_service",
  "contact_human_agent",
  "create_account",
  "delete_account",
  "edit_account",
  "recover_password",
  "registration_problems",
  "switch_account",
  "newsletter_subscription",
] as const;

export const BOT_INTENTS = [
  "greet",
  "goodbye",
  "thanks",
  "affirm",
  "deny",
  "product_search",
  "product_info",
  "recommend",
  "promotions",
  "coupon",
  "price_protection",
  "out_of_scope",
] as const;

export const INTENTS = [...SERVICE_INTENTS, ...BOT_INTENTS] as const;
export type Intent = (typeof INTENTS)[number];

const known = new Set<string>(INTENTS);
export const isIntent = (name: string): name is Intent => known.has(name);
