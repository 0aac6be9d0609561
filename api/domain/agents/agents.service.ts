import type { PrismaClient } from "../../db/generated/client.ts";
import { AppError } from "../../errors.ts";
import { verifyPassword } from "../merchants/credentials.ts";
import type { AgentSession, AgentTokens } from "./agent-token.ts";

/** A hash to compare against when the email is unknown, so both cases take as long. */
const DUMMY_HASH = "scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export class AgentsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: AgentTokens,
  ) {}

  async login(email: string, password: string) {
    const agent = await this.prisma.agent.findUnique({ where: { email: email.trim().toLowerCase() }, include: { merchant: { select: { name: true } } } });
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok) throw new AppError(401, "auth:bad_credentials", "Wrong email or password.");
    const session: AgentSession = { agentId: agent.id, merchantId: agent.merchantId, role: agent.role, name: agent.name };
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
}
