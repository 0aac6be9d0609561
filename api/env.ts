import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./http/client-address.ts";

/** The only reader of process.env: everything else receives an `Env`. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** PostgreSQL connections per process, and how long a query waits for one before answering 503. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).optional(),
  /** One model call gives up after this long and the local engine answers. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  /** Tokens each merchant may spend on the model per day (UTC); then the local engine answers. */
  OPENAI_DAILY_TOKENS: z.coerce.number().int().min(0).default(2_000_000),
  /** The model provider; unset: openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else anthropic, else ollama, when theirs are. */
  LLM_PROVIDER: z.enum(["openai", "anthropic", "ollama"]).optional(),
  /** The model of that provider (for openai, OPENAI_MODEL also works); a merchant's `settings.llm.model` wins. */
  LLM_MODEL: z.string().min(1).max(100).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** The root URL, as the official SDK takes it: requests go to $ANTHROPIC_BASE_URL/v1/messages. */
  ANTHROPIC_BASE_URL: z.url().optional(),
  /** An Ollama server's root URL (http://127.0.0.1:11434). */
  OLLAMA_BASE_URL: z.url().optional(),
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PUBLIC_URL: z.url().optional(),
  /** Per-minute limits: sign-ins per address, new widget sessions per address, messages per session. */
  RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_SESSIONS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).default(60),
  /** Order and payment emails go out through nodemailer when set (smtp://user:pass@host:587); otherwise the pay link is shown in chat only. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  /**
   * Proxies allowed to name the client's address in X-Forwarded-For: unset/false (none: the
   * header is ignored), a hop count ("1" behind one load balancer), or addresses/CIDRs
   * ("10.0.0.0/8,127.0.0.1").
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => parseTrustProxy(v) !== null, "must be false, a hop count, or a comma-separated list of IP addresses/CIDRs")
    .transform((v) => parseTrustProxy(v)!),
  /** Lets webhooks reach private, loopback and link-local addresses: for local development only (SSRF otherwise). */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** "inline": this process also runs the job workers; "off": only `npm run worker` does. */
  WORKERS: z.enum(["inline", "off"]).default("inline"),
});

export type Env = z.infer<typeof envSchema> & { APP_SECRET: string; DATA_DIR: string };

/** Parses process.env; prints every bad field and exits rather than guessing. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const emptyAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(emptyAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    process.stderr.write(`Invalid environment:\n${lines.join("\n")}\n`);
    process.exit(1);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  if (!env.APP_SECRET && env.NODE_ENV === "production") {
    process.stderr.write("Invalid environment:\n  APP_SECRET: required when NODE_ENV=production\n");
    process.exit(1);
  }
  return { ...env, DATA_DIR: dataDir, APP_SECRET: env.APP_SECRET ?? localSecret(dataDir) };
}

/** Outside production the secret is generated once and kept in the data dir. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
