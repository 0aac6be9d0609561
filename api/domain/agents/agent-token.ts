import { JwtCodec } from "../shared/jwt.ts";

export interface AgentSession {
  agentId: string;
  merchantId: string;
  role: "agent" | "supervisor" | "admin";
  name: string;
}

/** Console tokens: audience "console", valid 12 hours. */
export class AgentTokens {
  private readonly jwt: JwtCodec;

  constructor(secret: string) {
    this.jwt = new JwtCodec(secret, "console", "12h");
  }

  sign(session: AgentSession): Promise<string> {
    return this.jwt.sign(session.agentId, { mid: session.merchantId, role: session.role, name: session.name });
  }

  async verify(token: string): Promise<AgentSession | null> {
    const payload = await this.jwt.verify(token);
    const role = payload?.role;
    if (!payload || typeof payload.mid !== "string" || (role !== "agent" && role !== "supervisor" && role !== "admin")) return null;
    return { agentId: payload.sub, merchantId: payload.mid, role, name: typeof payload.name === "string" ? payload.name : "" };
  }
}
