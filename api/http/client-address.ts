import { BlockList, isIP } from "node:net";
import type { Context } from "hono";

/**
 * Which proxies in front of this server may tell us the client's address (TRUST_PROXY):
 * none (X-Forwarded-For is ignored: anyone can send it), a number of hops (the Nth address
 * from the right, as each proxy appends the one it saw), or a list of proxy addresses/CIDRs
 * (addresses from the right are skipped while they belong to a trusted proxy).
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "cidrs"; list: BlockList };

/** Parses TRUST_PROXY: unset/"false" -> none, "1".."9" -> hops, "10.0.0.0/8,127.0.0.1" -> cidrs; null when malformed. */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  if (!value || value === "false") return { kind: "none" };
  if (/^\d+$/.test(value)) return Number(value) > 0 ? { kind: "hops", hops: Number(value) } : { kind: "none" };
  const list = new BlockList();
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [net, bits] = entry.split("/") as [string, string | undefined];
    const family = isIP(net);
    if (!family) return null;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(net, type);
    else if (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) list.addSubnet(net, Number(bits), type);
    else return null;
  }
  return { kind: "cidrs", list };
}

const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.)/, "");

function trusted(list: BlockList, address: string): boolean {
  const ip = plain(address);
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** The client's address as far as the configured proxies vouch for it; the socket's otherwise. */
export function clientAddressWith(trust: TrustProxy) {
  return (c: Context): string => {
    const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? "unknown";
    if (trust.kind === "none") return plain(socket);
    const chain = [...(c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean), socket];
    if (trust.kind === "hops") return plain(chain[Math.max(0, chain.length - 1 - trust.hops)]!);
    for (let i = chain.length - 1; i > 0; i--) if (!trusted(trust.list, chain[i]!)) return plain(chain[i]!);
    return plain(chain[0]!);
  };
}
