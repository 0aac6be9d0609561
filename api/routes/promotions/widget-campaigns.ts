import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { idParamSchema } from "../../contracts/common.ts";
import { campaignSchema, claimSchema } from "../../contracts/promotions.ts";
import type { ConversationsService } from "../../domain/conversations/conversations.service.ts";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
import type { CampaignsService } from "../../domain/promotions/campaigns.service.ts";
import { notFound } from "../../errors.ts";
import { conflictResponse, createRouter, errorResponses, jsonResponse, unprocessableResponse } from "../../http/openapi.ts";
import { widgetAuth } from "../../http/widget-auth.ts";

const common = { tags: ["Widget (shopper)"], security: [{ widgetSession: [] }] };

const running = createRoute({
  ...common,
  method: "get",
  path: "/widget/campaigns",
  summary: "Campaigns running now with packets left (the widget's red-packet banner)",
  responses: { 200: jsonResponse(z.object({ data: z.array(campaignSchema) }), "Running campaigns"), ...errorResponses },
});

const claim = createRoute({
  ...common,
  method: "post",
  path: "/widget/campaigns/{id}/claim",
  summary: "Claim a red packet: a personal coupon; a second claim returns the first packet",
  description: "409 `campaigns:sold_out` when every packet is taken; 422 `campaigns:not_running` before or after the campaign.",
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(claimSchema, "The shopper's packet"), ...errorResponses, ...conflictResponse, ...unprocessableResponse },
});

/** The shopper's side of campaigns (widget session). */
export function widgetCampaignRoutes(campaigns: CampaignsService, conversations: ConversationsService, merchants: Pick<MerchantsService, "get">) {
  const router = createRouter();
  const auth = widgetAuth(conversations);
  router.use("/widget/campaigns", auth);
  router.use("/widget/campaigns/*", auth);
  return router
    .openapi(running, async (c) => c.json({ data: await campaigns.running(c.get("session").merchantId) }, 200))
    .openapi(claim, async (c) => {
      const session = c.get("session");
      const merchant = await merchants.get(session.merchantId);
      if (!merchant) throw notFound("merchants", "merchant");
      const who = { merchantId: session.merchantId, conversationId: session.conversationId, customerId: session.verified ? session.customerId : undefined, currency: merchant.currency };
      return c.json(await campaigns.claim(who, c.req.valid("param").id), 200);
    });
}
