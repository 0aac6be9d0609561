import { LOCALES } from "../contracts/common.ts";
/**
 * `npm run admin -- <command> [--flags]`: what an operator does to a production database
 * (where nothing is seeded): create merchants and agents, rotate and revoke keys. Secrets
 * are printed once, to stdout, as JSON, for the operator who asked; the database keeps only
 * hashes of API keys and passwords. Runs against DATABASE_URL, or the embedded database in
 * DATA_DIR (while `npm start` is stopped: PGlite is one process at a time). With REDIS_URL,
 * every running node drops its cached copy of a rotated key at once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { z } from "zod";
import { openDatabaseFromEnv } from "../db/database.ts";
import { migrate } from "../db/migrate.ts";
import { loadEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { hashPassword, newApiKey, newIdentitySecret, newWidgetKey } from "../domain/merchants/credentials.ts";
import { createCaches, type CacheArea } from "../domain/shared/caches.ts";
import { createInvalidationBus } from "../db/pg-notify-bus.ts";
import { revokeApiKey, rotateApiKey } from "../domain/merchants/api-keys.ts";

const USAGE = `usage: npm run admin -- <command> [flags]
  create-merchant --name NAME --slug SLUG [--currency CNY] [--locales en,zh-CN] [--default-locale en]
                  [--timezone Asia/Shanghai] [--order-prefix AB]
  create-agent    --merchant SLUG --email EMAIL --name NAME [--role agent|supervisor|admin] [--password PW]
  rotate-api-key  --merchant SLUG       a new API key; the old one stops working at once
  revoke-api-key  --merchant SLUG       no API key works until the next rotate-api-key
  rotate-widget-key --merchant SLUG     a new public widget key (update the embed tag)
  list-merchants`;

const [command, ...rest] = process.argv.slice(2);
const { values: flags } = parseArgs({
  args: rest,
  options: Object.fromEntries(
    ["name", "slug", "currency", "locales", "default-locale", "timezone", "order-prefix", "merchant", "email", "role", "password"].map((f) => [f, { type: "string" as const }]),
  ),
});

const merchantInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes"),
  currency: z.string().regex(/^[A-Z]{3}$/).default("CNY"),
  locales: z.string().default(LOCALES.join(",")).transform((s) => s.split(",").map((l) => l.trim())).pipe(z.array(z.enum(LOCALES)).min(1)),
  "default-locale": z.enum(LOCALES).default("en"),
  timezone: z.string().refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "an IANA time zone").default("Asia/Shanghai"),
  "order-prefix": z.string().regex(/^[A-Z]{2,4}$/, "2-4 capital letters").optional(),
});
const agentInput = z.object({
  merchant: z.string().min(1),
  email: z.email(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(["agent", "supervisor", "admin"]).default("agent"),
  password: z.string().min(10, "at least 10 characters").optional(),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parse<T extends z.ZodType>(schema: T): z.infer<T> {
  const parsed = schema.safeParse(flags);
  if (!parsed.success) fail(`${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`);
  return parsed.data;
}

if (!command || command === "help" || command === "--help") fail(USAGE);
const env = loadEnv();
const log = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL);
const db = openDatabaseFromEnv(env, log);
await db.withSession((session) => migrate(session, log));
const redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined;
const bus = createInvalidationBus({ redis, databaseUrl: env.DATABASE_URL, db, log });
const caches = createCaches(db, bus, log);
const audit = (merchantId: string, action: string, entity: string, entityId: string) =>
  db.prisma.auditLog.create({ data: { merchantId, actor: "admin:cli", action, entity, entityId } });

async function merchantBySlug(slug: string | undefined) {
  const merchant = slug ? await db.prisma.merchant.findUnique({ where: { slug } }) : null;
  if (!merchant) fail(`no merchant with slug ${JSON.stringify(slug ?? "")} (see list-merchants)`);
  return merchant;
}

async function changed(merchantId: string, ...areas: CacheArea[]) {
  await caches.changed(merchantId, ...areas);
}

const commands: Record<string, () => Promise<unknown>> = {
  async "create-merchant"() {
    const input = parse(merchantInput);
    if (await db.prisma.merchant.findUnique({ where: { slug: input.slug } })) fail(`a merchant with slug ${input.slug} exists already`);
    const apiKey = newApiKey();
    const widgetKey = newWidgetKey();
    const identitySecret = newIdentitySecret();
    const merchant = await db.prisma.merchant.create({
      data: {
        name: input.name,
        slug: input.slug,
        apiKeyHash: apiKey.hash,
        apiKeyPrefix: apiKey.prefix,
        widgetKey,
        identitySecret,
        locales: input.locales,
        defaultLocale: input.locales.includes(input["default-locale"]) ? input["default-locale"] : input.locales[0]!,
        currency: input.currency,
        timezone: input.timezone,
        orderPrefix: input["order-prefix"] ?? input.slug.replace(/[^a-z]/g, "").slice(0, 2).toUpperCase().padEnd(2, "X"),
        businessHours: {},
        settings: {},
      },
    });
    await audit(merchant.id, "merchant.created", "merchant", merchant.id);
    return { merchant: { id: merchant.id, name: merchant.name, slug: merchant.slug }, apiKey: apiKey.key, widgetKey, identitySecret, note: "Shown once: the database keeps only a hash of the API key." };
  },
  async "create-agent"() {
    const input = parse(agentInput);
    const merchant = await merchantBySlug(input.merchant);
    if (await db.prisma.agent.findUnique({ where: { email: input.email } })) fail(`an agent with email ${input.email} exists already`);
    const password = input.password ?? randomBytes(12).toString("base64url");
    const agent = await db.prisma.agent.create({
      data: { merchantId: merchant.id, email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(password) },
    });
    await audit(merchant.id, "agent.created", "agent", agent.id);
    return { agent: { id: agent.id, email: agent.email, role: agent.role, merchant: merchant.slug }, ...(input.password ? {} : { password, note: "Shown once." }) };
  },
  async "rotate-api-key"() {
    const merchant = await merchantBySlug(flags.merchant);
    const { apiKey } = await rotateApiKey(db.prisma, caches, merchant.id, "admin:cli");
    return { merchant: merchant.slug, apiKey, note: "Shown once. The previous key no longer works." };
  },
  async "revoke-api-key"() {
    const merchant = await merchantBySlug(flags.merchant);
    await revokeApiKey(db.prisma, caches, merchant.id, "admin:cli");
    return { merchant: merchant.slug, revoked: true };
  },
  async "rotate-widget-key"() {
    const merchant = await merchantBySlug(flags.merchant);
    const widgetKey = newWidgetKey();
    await db.prisma.merchant.update({ where: { id: merchant.id }, data: { widgetKey } });
    await changed(merchant.id, "merchant", "credentials");
    await audit(merchant.id, "widget_key.rotated", "merchant", merchant.id);
    return { merchant: merchant.slug, widgetKey };
  },
  async "list-merchants"() {
    const merchants = await db.prisma.merchant.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, slug: true, currency: true, apiKeyPrefix: true, createdAt: true, _count: { select: { agents: true } } } });
    return { merchants: merchants.map(({ _count, ...m }) => ({ ...m, agents: _count.agents })) };
  },
};

const run = commands[command];
if (!run) fail(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
try {
  process.stdout.write(`${JSON.stringify(await run(), null, 2)}\n`);
} finally {
  await bus.close();
  redis?.disconnect();
  await db.close();
}
process.exit(0);
