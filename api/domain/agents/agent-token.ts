import { jwtVerify, SignJWT } from "jose";

export interface AgentSession {
  agentId: string;
  merchantId: string;
  role: "agent" | "supervisor" | "admin";
  name: string;
}

/** Console tokens: HS256 JWTs signed with APP_SECRET, audience "console", valid 12 hours. */
export class AgentTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(`console:${secret}`);
  }

  sign(session: AgentSession): Promise<string> {
    return new SignJWT({ mid: session.merchantId, role: session.role, name: session.name })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(session.agentId)
      .setAudience("console")
      .setIssuedAt()
      .setExpirationTime("12h")
      .sign(this.key);
  }

  async verify(token: string): Promise<AgentSession | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: "console", algorithms: ["HS256"] });
      const role = payload.role;
      if (typeof payload.sub !== "string" || typeof payload.mid !== "string" || (role !== "agent" && role !== "supervisor" && role !== "admin")) return null;
      return { agentId: payload.sub, merchantId: payload.mid, role, name: typeof payload.name === "string" ? payload.name : "" };
    } catch {
      return null;
    }
  }
}
