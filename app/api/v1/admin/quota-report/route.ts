import { actorFromHeaders } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { apiLocale, withApiErrors } from "@/lib/http/errors";
import { complianceCsv, complianceReport } from "@/lib/quota/compliance-report";

export const dynamic = "force-dynamic";

/** The compliance report (rule 3) as CSV, for a city or system admin (session cookie). ?city=&from=YYYY-MM&to=YYYY-MM */
export const GET = withApiErrors(async (request) => {
  const actor = await actorFromHeaders(getDb(), request.headers);
  const query = Object.fromEntries(
    [...new URL(request.url).searchParams.entries()].filter(([key]) => key !== "locale"),
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
