import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { listOf, paginationQuerySchema } from "../../contracts/common.ts";
import { reportCreateSchema, reportSchema } from "../../contracts/reports.ts";
import type { ReportsService } from "../../domain/reports/reports.service.ts";
import { createRouter, errorResponses, jsonBody, jsonResponse, merchantSecurity } from "../../http/openapi.ts";

const common = { tags: ["Reports"], security: merchantSecurity };

/** `<id>`, `<id>.csv`, `<id>.html` or `<id>.pdf`: one path, so the id and the format come from one validated parameter. */
const refParamSchema = z.object({
  ref: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.(csv|html|json|pdf))?$/i, "a report id, optionally with .csv, .html, .pdf or .json")
    .meta({ param: { name: "ref", in: "path" }, example: "0b5c…-….csv" }),
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/reports",
  summary: "Write a weekly or monthly report now (sales, CSAT and complaints, bot containment, knowledge gaps)",
  description: "Figures are the analytics API's for the same days (`GET /analytics/sales?from=<from>&to=<to>`). Weeks run Monday to Sunday; days are UTC days as in the analytics API.",
  request: { body: jsonBody(reportCreateSchema) },
  responses: { 201: jsonResponse(reportSchema, "The report"), ...errorResponses },
});
const list = createRoute({
  ...common,
  method: "get",
  path: "/reports",
  summary: "Reports, newest first (scheduled and on demand)",
  request: { query: paginationQuerySchema },
  responses: { 200: jsonResponse(listOf(reportSchema), "A page of reports"), ...errorResponses },
});
const get = createRoute({
  ...common,
  method: "get",
  path: "/reports/{ref}",
  summary: "One report: JSON (`/reports/{id}`), CSV (`/reports/{id}.csv`), a PDF (`/reports/{id}.pdf`) or a printable page (`/reports/{id}.html`)",
  description: "The CSV, PDF and page are in the report's language (the shop's default locale when it was written).",
  request: { params: refParamSchema },
  responses: {
    200: { description: "The report", content: { "application/json": { schema: reportSchema }, "text/csv": { schema: z.string() }, "text/html": { schema: z.string() }, "application/pdf": { schema: z.string().meta({ format: "binary" }) } } },
    ...errorResponses,
  },
});

export function reportRoutes(reports: ReportsService) {
  return createRouter()
    .openapi(create, async (c) => c.json(await reports.create(c.get("merchant").merchantId, c.req.valid("json"), c.get("actor")), 201))
    .openapi(list, async (c) => c.json(await reports.list(c.get("merchant").merchantId, c.req.valid("query")), 200))
    .openapi(get, async (c) => {
      const [id, format = "json"] = c.req.valid("param").ref.toLowerCase().split(".") as [string, string?];
      const merchantId = c.get("merchant").merchantId;
      if (format === "csv") {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="report-${id}.csv"`);
        return c.body(await reports.csv(merchantId, id), 200);
      }
      if (format === "pdf") {
        const { report, pdf } = await reports.pdf(merchantId, id);
        c.header("Content-Type", "application/pdf");
        c.header("Content-Disposition", `attachment; filename="report-${report.from}-${report.to}.pdf"`);
        return c.body(new Uint8Array(pdf), 200);
      }
      if (format === "html") {
        c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        return c.html(await reports.html(merchantId, id), 200);
      }
      return c.json(await reports.get(merchantId, id), 200);
    });
}
