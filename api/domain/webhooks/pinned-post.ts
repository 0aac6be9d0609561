import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

/**
 * POSTs `body` to `url` over a connection to `address` (already checked), never resolving
 * the host again: the Host header and the TLS name stay the URL's. Redirects are not
 * followed (the answer's status is returned as is). Resolves with the status code.
 */
export function pinnedPost(
  url: URL,
  target: { address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
