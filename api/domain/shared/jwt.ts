import { jwtVerify, SignJWT, type JWTPayload } from "jose";

/** HS256 JWTs for one audience, keyed by APP_SECRET plus the audience (so tokens never cross). */
export class JwtCodec {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly audience: string,
    private readonly ttl: string,
  ) {
    this.key = new TextEncoder().encode(`${audience}:${secret}`);
  }

  sign(subject: string, claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setSubject(subject).setAudience(this.audience).setIssuedAt().setExpirationTime(this.ttl).sign(this.key);
  }

  /** The payload of a valid, unexpired token for this audience, or null. */
  async verify(token: string): Promise<(JWTPayload & { sub: string }) | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: this.audience, algorithms: ["HS256"] });
      return typeof payload.sub === "string" ? (payload as JWTPayload & { sub: string }) : null;
    } catch {
      return null;
    }
  }
}
