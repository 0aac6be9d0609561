import { JwtCodec } from "../shared/jwt.ts";

/** What a shopper's session token carries: the conversation, the merchant, and who they proved to be. */
export interface WidgetSession {
  conversationId: string;
  merchantId: string;
  customerId?: string;
  verified: boolean;
}

/** Widget session tokens: audience "widget", valid 30 days. */
export class SessionTokens {
  private readonly jwt: JwtCodec;

  constructor(secret: string) {
    this.jwt = new JwtCodec(secret, "widget", "30d");
  }

  sign(session: WidgetSession): Promise<string> {
    return this.jwt.sign(session.conversationId, { mid: session.merchantId, cid: session.customerId, ver: session.verified });
  }

  async verify(token: string): Promise<WidgetSession | null> {
    const payload = await this.jwt.verify(token);
    if (!payload || typeof payload.mid !== "string") return null;
    return {
      conversationId: payload.sub,
      merchantId: payload.mid,
      customerId: typeof payload.cid === "string" ? payload.cid : undefined,
      verified: payload.ver === true,
    };
  }
}
