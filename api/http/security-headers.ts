import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { DOCS_INLINE_SCRIPT } from "../routes/system/pages.ts";
import type { AppBindings } from "./bindings.ts";

/**
 * The pages' Content-Security-Policy. Scripts only from this origin (the API reference's one
 * inline script by its hash); styles may be inline (Swagger UI and the pages use style
 * attributes); images from anywhere (product pictures live on merchants' hosts); no plugins,
 * no <base> tricks, forms only back here, and no page may be framed (clickjacking of the
 * console, dashboard and pay page). The widget is not affected: it is a script in a shadow
 * root on the merchant's page, under that page's own policy.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${createHash("sha256").update(DOCS_INLINE_SCRIPT).digest("base64")}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src * data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Security headers: the generic ones on every answer (nosniff, referrer policy, no
 * cross-origin opener); on HTML pages the CSP and X-Frame-Options DENY; HSTS only when the
 * request came over TLS or in production (behind a TLS-terminating proxy), so a local
 * http://localhost never pins HTTPS. The widget's script and API stay loadable from
 * merchants' sites (no Cross-Origin-Resource-Policy, CORS on /api/v1/widget/*).
 */
export function securityHeaders(options: { production: boolean }): MiddlewareHandler<AppBindings> {
  const generic = secureHeaders({ contentSecurityPolicy: undefined, crossOriginResourcePolicy: false, xFrameOptions: false, strictTransportSecurity: false });
  return async (c, next) => {
    await generic(c, next);
    if (c.res.headers.get("content-type")?.startsWith("text/html")) {
      c.res.headers.set("Content-Security-Policy", PAGE_CSP);
      c.res.headers.set("X-Frame-Options", "DENY");
    }
    const tls = new URL(c.req.url).protocol === "https:";
    if (options.production || tls) c.res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}
