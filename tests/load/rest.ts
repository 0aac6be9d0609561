import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

export interface ScenarioResult {
  scenario: string;
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  status5xx: number;
  ratio?: number;
  note?: string;
}

export interface RestScenario {
  name: string;
  /** One or more targets (several API nodes share the load; their throughput adds up). */
  urls: string[];
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** A body per request (fresh ids, rotating texts, rotating sessions). */
  request?: () => { body?: string; headers?: Record<string, string> };
  connections?: number;
  durationSec?: number;
  /** A fixed number of requests at a fixed overall rate (a burst) instead of a duration. */
  amount?: number;
  overallRate?: number;
}

/** Runs autocannon against every url at once (connections split between them) and adds up. */
export async function runRest(mode: string, s: RestScenario): Promise<ScenarioResult> {
  const connections = s.connections ?? 50;
  const perNode = Math.max(1, Math.floor(connections / s.urls.length));
  const results = await Promise.all(
    s.urls.map((url) =>
      autocannon({
        url: url + s.path,
        connections: perNode,
        ...(s.amount ? { amount: Math.ceil(s.amount / s.urls.length) } : { duration: s.durationSec ?? 10 }),
        ...(s.overallRate ? { overallRate: s.overallRate / s.urls.length } : {}),
        timeout: 30,
        requests: [
          {
            method: s.method ?? "GET",
            headers: { "content-type": "application/json", ...s.headers },
            ...(s.request
              ? {
                  setupRequest: (req: autocannon.Request) => {
                    const extra = s.request!();
                    return { ...req, body: extra.body, headers: { ...req.headers, ...extra.headers } };
                  },
                }
              : {}),
          },
        ],
      }),
    ),
  );
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((acc, r) => acc + f(r), 0);
  const requests = sum((r) => r.requests.total);
  // Percentiles of several nodes: weighted by requests (close enough for equal nodes).
  const weighted = (f: (r: autocannon.Result) => number) => (requests ? sum((r) => f(r) * r.requests.total) / requests : 0);
  return {
    scenario: s.name,
    mode,
    rps: Math.round(sum((r) => (s.amount ? r.requests.total / Math.max(r.duration, 0.001) : r.requests.average))),
    p50: round(weighted((r) => r.latency.p50)),
    p99: round(weighted((r) => r.latency.p99)),
    requests,
    errors: sum((r) => r.errors + r.timeouts),
    non2xx: sum((r) => r.non2xx),
    status5xx: sum((r) => r["5xx"]),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Bodies for `POST /widget/messages`: sessions in rotation (so no two requests of one client share a conversation), texts in rotation. */
export function turnRequests(tokens: string[], texts: string[]) {
  let i = 0;
  return () => {
    const n = i++;
    return {
      headers: { authorization: `Bearer ${tokens[n % tokens.length]}` },
      body: JSON.stringify({ clientMessageId: randomUUID(), text: texts[Math.floor(n / tokens.length) % texts.length] }),
    };
  };
}
