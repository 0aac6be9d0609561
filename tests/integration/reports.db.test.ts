import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoCredentials } from "../../prisma/seed/seed.ts";
import { DATABASE_KINDS, type TestDatabase } from "../support/databases.ts";
import { createTestClient } from "../support/http.ts";
import { readPdf, rowsOf } from "../support/pdf.ts";
import { createSeededDatabase } from "../support/seeded.ts";
import { startSmtpServer } from "../support/smtp-server.ts";
import en from "../../api/domain/reports/locales/en.json" with { type: "json" };
import zhCN from "../../api/domain/reports/locales/zh-CN.json" with { type: "json" };

describe.each(DATABASE_KINDS)("reports and the workspace's auth rule (%s)", (kind) => {
  let test: TestDatabase;
  let creds: DemoCredentials;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let call: ReturnType<typeof createTestClient>["call"];
  let services: ReturnType<typeof createTestClient>["services"];
  let supervisor: string;
  let agent: string;

  beforeAll(async () => {
    ({ test, creds } = await createSeededDatabase(kind));
    smtp = await startSmtpServer();
    ({ call, services } = createTestClient(test.db, { services: { smtpUrl: smtp.url } }));
    const login = async (i: number) => (await call("POST", "/auth/login", { body: { email: creds.agents[i]!.email, password: creds.agents[i]!.password } })).json;
    const [a, b] = [await login(0), await login(1)];
    [supervisor, agent] = a.agent.role === "agent" ? [b.token, a.token] : [a.token, b.token];
    // Ratings and an unanswered question, so that satisfaction and gaps have figures.
    let n = 0;
    for (const [text, csat] of [["what payment methods do you accept?", 5], ["is there a physical store in Paris?", 2]] as const) {
      const { sessionToken } = (await call("POST", "/widget/sessions", { body: { widgetKey: creds.merchants[0]!.widgetKey, locale: "en" } })).json;
      await call("POST", "/widget/messages", { key: sessionToken, body: { clientMessageId: `r${++n}`, text } });
      await call("POST", "/widget/feedback", { key: sessionToken, body: { csat, comment: "ok", tags: csat < 3 ? ["late_delivery"] : undefined } });
    }
  }, 120_000);
  afterAll(async () => {
    await smtp?.close();
    await test?.drop();
  });

  it("writes a weekly report on demand whose figures are the analytics API's for the same days", async () => {
    const created = await call("POST", "/reports", { key: supervisor, body: { period: "weekly" } });
    expect(created.status).toBe(201);
    const report = created.json;
    expect(report.period).toBe("weekly");
    expect(new Date(`${report.from}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
    expect(report.to > report.from).toBe(true);
    const merchant = await test.db.prisma.merchant.findFirstOrThrow({ where: { widgetKey: creds.merchants[0]!.widgetKey } });
    expect(report.locale).toBe(merchant.defaultLocale);

    const q = `from=${report.from}&to=${report.to}`;
    const sales = (await call("GET", `/analytics/sales?${q}`, { key: creds.merchants[0]!.apiKey })).json;
    const feedback = (await call("GET", `/analytics/feedback?${q}&locale=${report.locale}`, { key: creds.merchants[0]!.apiKey })).json;
    expect(sales.revenue.amount).toBeGreaterThan(0); // the seed's paid orders are this week's
    expect(report.data.sales).toMatchObject({
      orders: sales.orders,
      paidOrders: sales.paidOrders,
      cancelled: sales.cancelled,
      awaitingPayment: sales.awaitingPayment,
      failedPayments: sales.failedPayments,
      revenue: sales.revenue,
      averageOrder: sales.averageOrder,
      byChannel: sales.byChannel,
    });
    expect(report.data.sales.topProducts.map((p: { sku: string }) => p.sku)).toEqual(sales.topProducts.slice(0, 5).map((p: { sku: string }) => p.sku));
    expect(feedback.csat.count).toBe(2);
    expect(report.data.satisfaction.csat).toEqual(feedback.csat);
    expect(report.data.satisfaction.thumbs).toEqual({ up: feedback.thumbs.up, down: feedback.thumbs.down });
    expect(report.data.satisfaction.complaints.tags).toEqual(feedback.complaintTags);
    expect(report.data.satisfaction.complaints.lowRated).toBe(feedback.lowRated.length);
    expect(report.data.bot).toEqual({ conversations: feedback.conversations, containmentRate: feedback.containmentRate, escalationRate: feedback.escalationRate });
    expect(report.data.knowledgeGaps.map((g: { question: string }) => g.question)).toEqual(feedback.knowledgeGaps.slice(0, 10).map((g: { question: string }) => g.question));
    expect(report.data.summary).toBe(feedback.summary.text);

    // The same report as JSON, CSV and a printable page; listed.
    expect((await call("GET", `/reports/${report.id}`, { key: supervisor })).json).toEqual(report);
    const list = (await call("GET", "/reports", { key: supervisor })).json;
    expect(list.data.map((r: { id: string }) => r.id)).toContain(report.id);
    const { app } = createTestClient(test.db);
    const csv = await app.request(`/api/v1/reports/${report.id}.csv`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const csvText = await csv.text();
    const money = new Intl.NumberFormat(report.locale, { style: "currency", currency: sales.currency }).format(sales.revenue.amount / 100);
    expect(csvText).toContain(money);
    const html = await app.request(`/api/v1/reports/${report.id}.html`, { headers: { authorization: `Bearer ${supervisor}` } });
    const page = await html.text();
    expect(page).toContain("<!doctype html>");
    expect(page).toContain(money);
    expect(page).not.toContain("<script");
  });

  it("serves a report as a PDF in the shop's language whose rows hold the analytics API's figures (zh-CN and en shops)", async () => {
    const { app } = createTestClient(test.db);
    for (const [i, labels] of [[0, zhCN], [1, en]] as const) {
      const key = creds.merchants[i]!.apiKey;
      const report = (await call("POST", "/reports", { key, body: { period: "weekly" } })).json;
      expect(report.locale).toBe(i === 0 ? "zh-CN" : "en");
      const q = `from=${report.from}&to=${report.to}`;
      const sales = (await call("GET", `/analytics/sales?${q}`, { key })).json;
      const feedback = (await call("GET", `/analytics/feedback?${q}&locale=${report.locale}`, { key })).json;

      const res = await app.request(`/api/v1/reports/${report.id}.pdf`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain(`report-${report.from}-${report.to}.pdf`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
      const pdf = readPdf(bytes); // checks the xref offsets, the trailer and the page tree
      expect(pdf.pageCount).toBeGreaterThan(0);

      const shop = (await test.db.prisma.merchant.findFirstOrThrow({ where: { widgetKey: creds.merchants[i]!.widgetKey } })).name;
      expect(pdf.title).toBe(labels.title.replace("{{shop}}", shop).replace("{{period}}", labels.weekly));
      const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat(report.locale, { style: "currency", currency: m.currency }).format(m.amount / 100);
      const pct = (v: number) => new Intl.NumberFormat(report.locale, { style: "percent", maximumFractionDigits: 1 }).format(v);
      const rows = rowsOf(pdf);
      const row = (label: string) => rows.find((r) => r[0] === label)?.slice(1).join(" ");
      if (i === 0) expect(sales.paidOrders).toBeGreaterThan(0); // the seed's paid orders are the first shop's, this week
      expect(row(labels.orders)).toBe(String(sales.orders));
      expect(row(labels.paidOrders)).toBe(String(sales.paidOrders));
      expect(row(labels.revenue)).toBe(money(sales.revenue));
      expect(row(labels.averageOrder)).toBe(money(sales.averageOrder));
      expect(row(labels.awaitingPayment)).toBe(String(sales.awaitingPayment));
      expect(row(labels.cancelled)).toBe(String(sales.cancelled));
      expect(row(labels.conversations)).toBe(String(feedback.conversations));
      expect(row(labels.containment)).toBe(pct(feedback.containmentRate));
      expect(row(labels.escalation)).toBe(pct(feedback.escalationRate));
      expect(row(labels.thumbs)).toBe(`${feedback.thumbs.up} / ${feedback.thumbs.down}`);
      // Headings in the shop's language, and each top product's revenue on its row.
      const text = pdf.lines.map((l) => l.text).join("\n");
      for (const heading of [labels.summary, labels.sales, labels.satisfaction, labels.bot, labels.gaps]) expect(pdf.lines.map((l) => l.text)).toContain(heading);
      for (const p of sales.topProducts.slice(0, 5)) expect(text).toContain(money(p.revenue));
      expect(text.replace(/\s+/g, "")).toContain(report.data.summary.replace(/\s+/g, ""));
    }
  });

  it("keeps each shop's PDF to itself and from plain agents", async () => {
    const report = (await call("POST", "/reports", { key: supervisor, body: { period: "monthly" } })).json;
    expect((await call("GET", `/reports/${report.id}.pdf`, { key: creds.merchants[1]!.apiKey })).status).toBe(404);
    const denied = await call("GET", `/reports/${report.id}.pdf`, { key: agent });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("auth:forbidden");
    expect((await call("GET", `/reports/${report.id}.pdf`)).status).toBe(401);
  });

  it("keeps reports inside their shop and validates what it is asked", async () => {
    const report = (await call("POST", "/reports", { key: creds.merchants[0]!.apiKey, body: { period: "monthly", date: "2026-10-15" } })).json;
    expect([report.from, report.to]).toEqual(["2026-10-01", "2026-10-31"]);
    expect((await call("GET", `/reports/${report.id}`, { key: creds.merchants[1]!.apiKey })).status).toBe(404);
    expect((await call("GET", `/reports/${report.id}.exe`, { key: creds.merchants[0]!.apiKey })).status).toBe(400);
    const bad = await call("POST", "/reports", { key: supervisor, body: { period: "daily" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBeTypeOf("string");
  });

  it("lets supervisors manage the shop with their token and keeps plain agents read-only", async () => {
    const products = (await call("GET", "/products?limit=1", { key: agent })).json;
    expect(products.data).toHaveLength(1);
    const id = products.data[0].id;
    const denied = await call("PATCH", `/products/${id}`, { key: agent, body: { stock: 3 } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("auth:forbidden");
    expect((await call("POST", "/reports", { key: agent, body: { period: "weekly" } })).status).toBe(403);
    expect((await call("GET", "/settings", { key: agent })).status).toBe(403);
    expect((await test.db.prisma.product.findUniqueOrThrow({ where: { id } })).stock).not.toBe(3);
    const changed = await call("PATCH", `/products/${id}`, { key: supervisor, body: { stock: 3 } });
    expect(changed.status).toBe(200);
    expect(changed.json.stock).toBe(3);
    expect((await call("GET", "/products?limit=1", { key: "not-a-token" })).status).toBe(401);
    // An order changed with a supervisor's token names the supervisor in its history.
    const order = (await call("GET", "/orders?status=paid", { key: supervisor })).json.data[0];
    const moved = await call("POST", `/orders/${order.id}/status`, { key: supervisor, body: { status: "processing" } });
    expect(moved.json.history.at(-1).actor).toMatch(/^agent:[0-9a-f-]{36}$/);
  });

  it("rotates and revokes the API key from the workspace, as the admin CLI does", async () => {
    const rotated = await call("POST", "/api-keys/rotate", { key: supervisor });
    expect(rotated.status).toBe(201);
    expect((await call("GET", "/products?limit=1", { key: creds.merchants[0]!.apiKey })).status).toBe(401);
    expect((await call("GET", "/products?limit=1", { key: rotated.json.apiKey })).status).toBe(200);
    expect((await call("POST", "/api-keys/revoke", { key: supervisor })).json.active).toBe(false);
    expect((await call("GET", "/products?limit=1", { key: rotated.json.apiKey })).status).toBe(401);
    const fresh = (await call("POST", "/api-keys/rotate", { key: supervisor })).json.apiKey;
    creds.merchants[0]!.apiKey = fresh;
    expect((await call("GET", "/api-keys", { key: fresh })).json).toMatchObject({ active: true, lastChange: { action: "api_key.rotated" } });
  });

  it("writes each whole week's and month's report once on schedule and emails the chosen team members", async () => {
    const team = (await call("GET", "/team", { key: supervisor })).json.data as { id: string; email: string; role: string }[];
    const chosen = team.find((a) => a.role !== "agent")!;
    expect((await call("PATCH", "/settings", { key: supervisor, body: { reports: { weekly: true, monthly: false, recipients: [chosen.id] } } })).status).toBe(200);
    const before = smtp.messages.length;
    const now = new Date("2026-12-02T08:00:00Z"); // a Wednesday: the week of Nov 23 is the last whole one
    await Promise.all([services.reports.runSchedule(now), services.reports.runSchedule(now)]);
    const merchantId = (await test.db.prisma.merchant.findFirstOrThrow({ where: { widgetKey: creds.merchants[0]!.widgetKey } })).id;
    const scheduled = await test.db.prisma.report.findMany({ where: { merchantId, trigger: "schedule" } });
    expect(scheduled.map((r) => [r.period, r.fromDay, r.toDay])).toEqual([["weekly", "2026-11-23", "2026-11-29"]]);
    await expect.poll(() => smtp.messages.length - before).toBe(1);
    expect(smtp.messages.at(-1)!.to.join()).toContain(chosen.email);
    expect(scheduled[0]!.emailedTo).toEqual([chosen.email]);
  });
});
