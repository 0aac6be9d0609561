import { createSessions } from "./chat.ts";
import type { ScenarioResult } from "./rest.ts";

/**
 * Red-packet rain under load: 2,000 claims for 500 packets, fired as fast as 100 connections
 * allow across the nodes. 1,500 shoppers claim once and the first 500 of them a second time,
 * so "one per shopper" is tested along with "exactly `packets`". The result notes whether the
 * outcome was exact (500 distinct packets won, none twice, no 5xx) and the claims per second.
 */
export async function runRedPackets(mode: string, options: { urls: string[]; apiKey: string; widgetKey: string; claims?: number; packets?: number; shoppers?: number; connections?: number }): Promise<ScenarioResult> {
  const { urls, apiKey, widgetKey, claims = 2000, packets = 500, shoppers = 1500, connections = 100 } = options;
  const now = Date.now();
  const created = await fetch(`${urls[0]}/api/v1/campaigns`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ type: "red_packet", name: "load test", startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), packets, value: { min: 100, max: 888 } }),
  });
  if (!created.ok) throw new Error(`campaign: ${created.status} ${await created.text()}`);
  const campaign = (await created.json()) as { id: string };
  const sessions = (await createSessions(urls[0]!, widgetKey, shoppers)).map((s) => s.sessionToken);
  const plan = Array.from({ length: claims }, (_, i) => sessions[i % sessions.length]!);

  const latencies: number[] = [];
  const byShopper = new Map<string, Set<string>>();
  let status5xx = 0;
  let errors = 0;
  let won = 0;
  let soldOut = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (next < plan.length) {
        const i = next++;
        const token = plan[i]!;
        const t0 = performance.now();
        try {
          const res = await fetch(`${urls[(i + worker) % urls.length]}/api/v1/widget/campaigns/${campaign.id}/claim`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
          latencies.push(performance.now() - t0);
          if (res.status >= 500) status5xx++;
          const body = (await res.json()) as { coupon?: { code: string }; repeated?: boolean };
          if (res.status === 200 && body.coupon) {
            if (!body.repeated) won++;
            const codes = byShopper.get(token) ?? new Set<string>();
            codes.add(body.coupon.code);
            byShopper.set(token, codes);
          } else if (res.status === 409) soldOut++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const distinct = new Set([...byShopper.values()].flatMap((s) => [...s])).size;
  const twice = [...byShopper.values()].filter((s) => s.size > 1).length;
  const exact = won === packets && distinct === packets && twice === 0 && status5xx === 0 && errors === 0;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return {
    scenario: `red packets: ${claims} claims for ${packets} packets`,
    mode,
    rps: Math.round(claims / seconds),
    p50: at(0.5),
    p99: at(0.99),
    requests: claims,
    errors,
    non2xx: claims - latencies.length + soldOut,
    status5xx,
    note: `claims/s ${Math.round(claims / seconds)}; won ${won}; distinct packets ${distinct}; shoppers with two packets ${twice}; sold out ${soldOut}; exact ${exact}`,
  };
}
