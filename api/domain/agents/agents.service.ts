import type { PrismaClient } from "../../db/generated/client.ts";
import { AppError } from "../../errors.ts";
import { randomBytes } from "node:crypto";
import type { Role } from "../../contracts/roles.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { hashPassword, verifyPassword } from "../merchants/credentials.ts";
import type { AgentSession, AgentTokens } from "./agent-token.ts";
import type { AuditTrail } from "../audit/audit.service.ts";

/** A hash to compare against when the email is unknown, so both cases take as long. */
const DUMMY_HASH = "scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export class AgentsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: AgentTokens,
  ) {}

  private audit: AuditTrail | null = null;
  /** Where sign-ins are recorded (api/domain/audit). */
  useAudit(audit: AuditTrail) {
    this.audit = audit;
  }

  async login(email: string, password: string, context: { clientAddress?: string } = {}) {
    const agent = await this.prisma.agent.findUnique({ where: { email: email.trim().toLowerCase() }, include: { merchant: { select: { name: true } } } });
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok) throw new AppError(401, "auth:bad_credentials", "Wrong email or password.");
    const session: AgentSession = { agentId: agent.id, merchantId: agent.merchantId, role: agent.role, name: agent.name };
    await this.audit?.record({ merchantId: agent.merchantId, actor: `agent:${agent.id}`, action: "agent.signed_in", entity: "agent", entityId: agent.id, clientAddress: context.clientAddress });
    return {
      token: await this.tokens.sign(session),
      agent: { id: agent.id, name: agent.name, email: agent.email, role: agent.role, merchant: agent.merchant.name },
    };
  }

  /**
   * The agent behind a token as they are now: the token proves who signed in, the row says
   * what they may do. A role taken away, a removed agent or a deleted merchant (its agents
   * go with it) take effect at once instead of at the token's expiry (red team).
   */
  async authenticate(token: string): Promise<AgentSession | null> {
    const session = await this.tokens.verify(token);
    if (!session) return null;
    const agent = await this.prisma.agent.findUnique({ where: { id: session.agentId }, select: { merchantId: true, role: true, name: true } });
    if (!agent || agent.merchantId !== session.merchantId) return null;
    return { ...session, role: agent.role, name: agent.name };
  }

  /** The token's agent as the database has it now (role changes count at once), or null when gone. */
  async current(token: string): Promise<AgentSession | null> {
    const session = await this.tokens.verify(token);
    if (!session) return null;
    const row = await this.prisma.agent.findFirst({ where: { id: session.agentId, merchantId: session.merchantId }, select: { role: true, name: true } });
    return row ? { ...session, role: row.role, name: row.name } : null;
  }

  /** The merchant's team, for the workspace (no password hashes). */
  async team(merchantId: string) {
    const rows = await this.prisma.agent.findMany({ where: { merchantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true, email: true, role: true, createdAt: true } });
    return rows.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }));
  }

  /** A new team member; without a password one is made up and returned once. */
  async add(merchantId: string, input: { email: string; name: string; role: Role; password?: string }) {
    const password = input.password ?? randomBytes(12).toString("base64url");
    try {
      const a = await this.prisma.agent.create({ data: { merchantId, email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash: await hashPassword(password) }, select: { id: true, name: true, email: true, role: true, createdAt: true } });
      return { agent: { ...a, createdAt: a.createdAt.toISOString() }, ...(input.password ? {} : { password }) };
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, "team:email_taken", "Someone has this email already.");
      throw err;
    }
  }

  /** Changes a member's role; nobody changes their own (so a shop cannot lock itself out by a slip). */
  async setRole(merchantId: string, agentId: string, role: Role, byAgentId: string | null) {
    if (agentId === byAgentId) throw new AppError(409, "team:own_role", "You cannot change your own role.");
    const { count } = await this.prisma.agent.updateMany({ where: { id: agentId, merchantId }, data: { role } });
    if (count === 0) throw new AppError(404, "team:not_found", "No such team member.");
    return (await this.team(merchantId)).find((a) => a.id === agentId)!;
  }
}
