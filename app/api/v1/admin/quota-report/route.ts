import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { apiLocale, withApiErrors } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/request";
import { complianceCsv, complianceReport } from "@/lib/quota/compliance-report";
import { reportQuerySchema } from "@/lib/quota/quota-inputs";

export const dynamic = "force-dynamic";

/** The compliance report (rule 3) as CSV, for a city or system admin (session cookie). ?city=&from=YYYY-MM&to=YYYY-MM */
export const GET = withApiErrors(async (request) => {
  const actor = await actorFromHeaders(getDb(), request.headers);
  // Permission before the query: a role without it gets 401/403 whatever it sent.
  requireAdmin(actor, "quota.report");
  const query = parseInput(
    reportQuerySchema,
    Object.fromEntries([...new URL(request.url).searchParams.entries()].filter(([key]) => key !== "locale")),
  );
  const report = await complianceReport(getDb(), actor, query, apiLocale(request));
  return new Response(complianceCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="quota-${report.city.slug}-${report.from}-${report.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
});
