/**
 * Text no column can hold: PostgreSQL refuses NUL in text and jsonb, and jsonb refuses
 * unpaired UTF-16 surrogates. Such input used to reach the database and answer 500; it is
 * refused at the edge instead (400, nothing changed), for request bodies, query strings and
 * socket payloads alike.
 */
const RAW_JSON = /\u0000|\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;
const DECODED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_ERROR = { code: "validation:invalid_text", message: "Text may not contain NUL characters or unpaired UTF-16 surrogates." } as const;

/** True when a JSON document (as sent) would put unstorable text in a string. */
export function jsonHasBadText(raw: string): boolean {
  return RAW_JSON.test(raw) || DECODED.test(raw);
}

/** True when any string in a parsed value (keys included) is unstorable. */
export function valueHasBadText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return DECODED.test(value);
  if (depth > 32 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => valueHasBadText(v, depth + 1));
  for (const [key, v] of Object.entries(value)) if (DECODED.test(key) || valueHasBadText(v, depth + 1)) return true;
  return false;
}

/** True when the URL's query string decodes to unstorable text. */
export function queryHasBadText(url: string): boolean {
  const q = url.indexOf("?");
  if (q < 0) return false;
  for (const part of url.slice(q + 1).split("&")) {
    try {
      if (DECODED.test(decodeURIComponent(part.replace(/\+/g, " ")))) return true;
    } catch {
      return true; // a malformed escape (a lone %D8 and the like) is no storable text either
    }
  }
  return false;
}
