import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where webhooks may go. A merchant's URL is the attacker's choice, so every address its host
 * resolves to is checked at delivery time (DNS can change after the URL was accepted) and
 * the request then goes to that checked address, never through a second lookup.
 */

/** Ranges no webhook may reach: private, loopback, link-local, CGNAT, unique-local, multicast, reserved. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) BLOCKED.addSubnet(net, prefix, "ipv6");

/** Host names that lead inside whatever they resolve to (cloud metadata, local names). */
const BLOCKED_NAMES = /^(localhost|metadata|instance-data|metadata\.google\.internal)$|\.(localhost|internal|local)$/;

/** True when a webhook may be sent to this IP address (v4 or v6, in any textual form). */
export function isPublicAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").toLowerCase();
  const kind = isIP(ip);
  if (kind === 4) return !BLOCKED.check(ip, "ipv4");
  if (kind !== 6) return false;
  const embedded = embeddedIpv4(ip);
  if (embedded) return isPublicAddress(embedded);
  return !BLOCKED.check(ip, "ipv6");
}

/** The host part of a URL as a name to look up: no brackets, no trailing dots, lower case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
}

/** A name that is refused whatever it resolves to. */
export function isBlockedName(host: string): boolean {
  return BLOCKED_NAMES.test(host);
}

export type Resolver = (host: string) => Promise<string[]>;

/** Every address the host resolves to (the system resolver, as a connection would use). */
export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The address to connect to for `url`, or null when the host is a blocked name, does not
 * resolve, or ANY of its addresses is not public (one private answer is enough to refuse:
 * the connection could land on it). With `allowPrivate` (local development) only resolution counts.
 */
export async function checkedAddress(url: URL, options: { allowPrivate: boolean; resolve: Resolver }): Promise<{ address: string; family: 4 | 6 } | null> {
  const host = hostOf(url);
  if (!options.allowPrivate && isBlockedName(host)) return null;
  const addresses = isIP(host) ? [host] : await options.resolve(host).catch(() => []);
  if (addresses.length === 0) return null;
  if (!options.allowPrivate && !addresses.every(isPublicAddress)) return null;
  const address = addresses[0]!;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
function embeddedIpv4(ip: string): string | null {
  const words = expandIpv6(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zeros(0, 5) && words[5] === 0xffff) return v4(words[6]!, words[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (words[6]! > 0 || words[7]! > 1)) return v4(words[6]!, words[7]!); // ::a.b.c.d (compat)
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return v4(words[6]!, words[7]!); // 64:ff9b::/96
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!); // 6to4
  return null;
}

/** Eight 16-bit words of an IPv6 address (with "::" and a dotted-quad tail), or null. */
function expandIpv6(ip: string): number[] | null {
  let text = ip.split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((w) => parseInt(w, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const words = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}
