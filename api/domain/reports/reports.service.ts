import type { Transporter } from "nodemailer";
import { isLocale, type Locale } from "../../contracts/common.ts";
import { reportDataSchema, type Report, type ReportCreate } from "../../contracts/reports.ts";
import type { Prisma, PrismaClient, Report as ReportRow } from "../../db/generated/client.ts";
import { notFound } from "../../errors.ts";
import type { Logger } from "../../logger.ts";
import type { AnalyticsService } from "../analytics/analytics.service.ts";
import { periodContaining, periodOfDays, previousPeriod, type ReportPeriod } from "../analytics/period.ts";
import type { MerchantsService } from "../merchants/merchants.service.ts";
import { isUniqueViolation } from "../shared/prisma-errors.ts";
import { pageArgs, toPage } from "../shared/pagination.ts";
import { reportDataOf } from "./report-data.ts";
import { reportCsv, reportHtml, reportPdf, reportRows, reportText, reportTitle } from "./report-render.ts";

export interface ReportsOptions {
  /** Reports are emailed only when set. */
  smtpUrl?: string;
  /** @defaultValue "ShopChat <no-reply@shopchat.local>" */
  from?: string;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Weekly and monthly reports per merchant: written on demand or by the schedule job, in the
 * shop's language, from the analytics service's own answers for the report's days, kept as
 * written, and emailed to the team members chosen in `settings.reports`.
 */
export class ReportsService {
  private transport: Promise<Transporter> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly analytics: AnalyticsService,
    private readonly merchants: MerchantsService,
    private readonly log: Logger,
    private readonly options: ReportsOptions = {},
  ) {}

  /** A report on the week or month containing `date` (default today: the period so far). */
  async create(merchantId: string, input: ReportCreate, actor: string, now = new Date()): Promise<Report> {
    const days = periodContaining(input.period, input.date ?? today(now));
    const report = await this.write(merchantId, input.period, days, { trigger: "manual", createdBy: actor });
    return input.send ? this.email(merchantId, report) : report;
  }

  /**
   * What the schedule job does (hourly): for each merchant, the last whole week and month
   * get their report once (a unique key per period makes a retry or a second node a no-op).
   */
  async runSchedule(now = new Date()): Promise<number> {
    let written = 0;
    for (const { id } of await this.prisma.merchant.findMany({ select: { id: true } })) {
      const settings = await this.merchants.settings(id);
      if (!settings) continue;
      for (const period of ["weekly", "monthly"] as const) {
        if (!settings.reports[period]) continue;
        const days = previousPeriod(period, today(now));
        const scheduleKey = `${id}:${period}:${days.from}`;
        if (await this.prisma.report.findUnique({ where: { scheduleKey }, select: { id: true } })) continue;
        try {
          const report = await this.write(id, period, days, { trigger: "schedule", createdBy: "system", scheduleKey });
          await this.email(id, report);
          written++;
        } catch (err) {
          if (isUniqueViolation(err)) continue; // another node wrote it first
          this.log.error({ err, merchantId: id, period }, "writing a scheduled report failed");
        }
      }
    }
    return written;
  }

  async list(merchantId: string, query: { limit: number; cursor?: string }) {
    const rows = await this.prisma.report.findMany({ where: { merchantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageArgs(query.limit, query.cursor) });
    return toPage(rows, query.limit, toReport);
  }

  async get(merchantId: string, id: string): Promise<Report> {
    const row = await this.prisma.report.findFirst({ where: { id, merchantId } });
    if (!row) throw notFound("reports");
    return toReport(row);
  }

  async csv(merchantId: string, id: string) {
    return reportCsv(await this.get(merchantId, id));
  }

  async html(merchantId: string, id: string) {
    const report = await this.get(merchantId, id);
    return reportHtml(report, await this.shopName(merchantId));
  }

  async pdf(merchantId: string, id: string) {
    const report = await this.get(merchantId, id);
    return { report, pdf: reportPdf(report, await this.shopName(merchantId)) };
  }

  private async write(merchantId: string, period: ReportPeriod, days: { from: string; to: string }, meta: { trigger: "schedule" | "manual"; createdBy: string; scheduleKey?: string }) {
    const merchant = await this.merchants.get(merchantId);
    if (!merchant) throw notFound("merchants");
    const locale: Locale = isLocale(merchant.defaultLocale) ? merchant.defaultLocale : "en";
    const range = periodOfDays(days);
    const [sales, feedback] = await Promise.all([this.analytics.sales(merchantId, range), this.analytics.feedback(merchantId, range, locale)]);
    const row = await this.prisma.report.create({
      data: { merchantId, period, fromDay: days.from, toDay: days.to, locale, trigger: meta.trigger, scheduleKey: meta.scheduleKey ?? null, createdBy: meta.createdBy, data: reportDataOf(sales, feedback) as Prisma.InputJsonObject, emailedTo: [] },
    });
    this.log.info({ merchantId, reportId: row.id, period, from: days.from, trigger: meta.trigger }, "report written");
    return toReport(row);
  }

  /** Sends the report to the chosen team members of this merchant (no one else: ids are checked against its agents). */
  private async email(merchantId: string, report: Report): Promise<Report> {
    const { smtpUrl, from = "ShopChat <no-reply@shopchat.local>" } = this.options;
    const settings = await this.merchants.settings(merchantId);
    if (!smtpUrl || !settings?.reports.recipients.length) return report;
    const team = await this.prisma.agent.findMany({ where: { merchantId, id: { in: settings.reports.recipients } }, select: { email: true } });
    if (!team.length) return report;
    const shop = await this.shopName(merchantId);
    const { title, range } = reportTitle(report, shop);
    const { tr } = reportText(report.locale);
    const text = [tr("emailIntro", { shop, period: tr(report.period), range }), report.data.summary, ...reportRows(report).map(({ section, rows }) => [section, ...rows.map(([k, v]) => `  ${k}: ${v}`)].join("\n"))].join("\n\n");
    // nodemailer loads on the first email, not at start-up.
    this.transport ??= import("nodemailer").then((m) => m.default.createTransport(smtpUrl));
    const to = team.map((a) => a.email);
    const info = await (await this.transport).sendMail({
      from,
      to,
      subject: `${title} (${range})`,
      text,
      html: reportHtml(report, shop),
      attachments: [
        { filename: `report-${report.from}-${report.to}.pdf`, content: reportPdf(report, shop), contentType: "application/pdf" },
        { filename: `report-${report.from}-${report.to}.csv`, content: reportCsv(report), contentType: "text/csv; charset=utf-8" },
      ],
    });
    this.log.info({ merchantId, reportId: report.id, messageId: info.messageId, recipients: to.length }, "report emailed");
    const row = await this.prisma.report.update({ where: { id: report.id }, data: { emailedTo: to } });
    return toReport(row);
  }

  private async shopName(merchantId: string) {
    return (await this.merchants.get(merchantId))?.name ?? "";
  }
}

function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    period: row.period as ReportPeriod,
    from: row.fromDay,
    to: row.toDay,
    locale: row.locale as Locale,
    trigger: row.trigger as Report["trigger"],
    createdBy: row.createdBy,
    emailedTo: row.emailedTo,
    createdAt: row.createdAt.toISOString(),
    data: reportDataSchema.parse(row.data),
  };
}
