import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { LLM_PROVIDERS, type LlmProvider } from "../../../bot/llm/client.ts";
import { merchantLlmChoice } from "../../adapters/llm.ts";
import type { MerchantsService } from "../../domain/merchants/merchants.service.ts";
import { llmSettingsSchema } from "../../domain/merchants/settings.ts";
import { AppError } from "../../errors.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const llmSettingsBody = llmSettingsSchema;
const llmSettingsView = llmSettingsBody.extend({ available: z.array(z.enum(LLM_PROVIDERS)).meta({ description: "The providers a merchant may choose here" }) }).meta({ id: "LlmSettingsView" });

const common = { tags: ["Settings"], security: merchantSecurity };
const get = createRoute({ ...common, method: "get", path: "/settings/llm", summary: "The shop's model provider and model", responses: { 200: jsonResponse(llmSettingsView, "Model settings"), ...errorResponses } });
const put = createRoute({
  ...common,
  method: "put",
  path: "/settings/llm",
  summary: "Choose the model provider and model the shop's bot uses (among the configured providers)",
  request: { body: jsonBody(llmSettingsBody) },
  responses: { 200: jsonResponse(llmSettingsView, "Saved"), ...errorResponses },
});

/** `settings.llm = { provider?, model? }`: a merchant's own choice among the providers the deployment configures. */
export function llmSettingsRoutes(merchants: MerchantsService, available: LlmProvider[]) {
  return createRouter()
    .openapi(get, async (c) => {
      const merchant = await merchants.get(c.get("merchant").merchantId);
      return c.json({ ...merchantLlmChoice(merchant?.settings), available }, 200);
    })
    .openapi(put, async (c) => {
      const choice = c.req.valid("json");
      if (available.length === 0) throw new AppError(400, "settings:llm_not_configured", "No model provider is configured on this server: the bot answers with its local engine.");
      if (choice.provider && !available.includes(choice.provider)) {
        throw new AppError(400, "settings:llm_provider_unavailable", `The provider ${choice.provider} is not configured on this server (available: ${available.join(", ")}).`);
      }
      await merchants.updateSettings(c.get("merchant").merchantId, { llm: choice });
      return c.json({ ...choice, available }, 200);
    });
}
