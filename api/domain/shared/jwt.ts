import { jwtVerify, SignJWT, type JWTPayload } from "jose";

/** Verified tokens kept per codec: the same session token arrives with every message. */
const VERIFIED_KEPT = 20_000;

/** HS256 JWTs for one audience, keyed by APP_SECRET plus the audience (so tokens never cross). */
export class JwtCodec {
  private readonly key: Uint8Array;
  /**
   * Tokens already checked, with their payload: jose's verification (WebCrypto HMAC, async)
   * was ~8% of a bot turn's CPU. An entry is used only until the token's own expiry, so a
   * cached answer is never more lenient than verifying again.
   */
  private readonly verified = new Map<string, JWTPayload & { sub: string }>();

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
    const known = this.verified.get(token);
    if (known && (known.exp ?? 0) * 1000 > Date.now()) return known;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: this.audience, algorithms: ["HS256"] });
      if (typeof payload.sub !== "string") return null;
      const valid = payload as JWTPayload & { sub: string };
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, valid);
      return valid;
    } catch {
      return null; // any malformed, forged, expired or foreign token is simply not valid
    }
  }
}
