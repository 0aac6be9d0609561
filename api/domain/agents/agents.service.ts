import type { PrismaClient } from "../../db/generated/client.ts";
import { AppError } from "../../errors.ts";
import { verifyPassword } from "../merchants/credentials.ts";
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

  authenticate(token: string): Promise<AgentSession | null> {
    return this.tokens.verify(token);
  }
}
