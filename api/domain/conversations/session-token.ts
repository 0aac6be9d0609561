import { jwtVerify, SignJWT } from "jose";

/** What a shopper's session token carries: the conversation, the merchant, and who they proved to be. */
export interface WidgetSession {
  conversationId: string;
  merchantId: string;
  customerId?: string;
  verified: boolean;
}

/** Widget session tokens: HS256 JWTs signed with APP_SECRET, valid for 30 days. */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(`widget:${secret}`);
  }

  sign(session: WidgetSession): Promise<string> {
    return new SignJWT({ mid: session.merchantId, cid: session.customerId, ver: session.verified })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(session.conversationId)
      .setAudience("widget")
      .setIssuedAt()
      .setExpirationTime("30d")
      .sign(this.key);
  }

  async verify(token: string): Promise<WidgetSession | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: "widget", algorithms: ["HS256"] });
      if (typeof payload.sub !== "string" || typeof payload.mid !== "string") return null;
      return {
        conversationId: payload.sub,
        merchantId: payload.mid,
        customerId: typeof payload.cid === "string" ? payload.cid : undefined,
        verified: payload.ver === true,
      };
    } catch {
      return null;
    }
  }
}
