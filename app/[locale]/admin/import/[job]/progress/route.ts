// How far an import's apply has come, for the job page's progress bar (polled
// every second): its status and processed/total rows. Signed out 401, without
// the console 403, another city's job (or none) 404, as the job page.
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { getImportJob, getImportJobSchema } from "@/lib/catalogue/import/get-import-job";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/request";
import { routeLocale } from "../../../../_console/upload-answer";

type Params = { params: Promise<{ locale: string; job: string }> };

export async function GET(request: Request, { params }: Params) {
  const { locale: raw, job: jobId } = await params;
  const locale = routeLocale(raw);
  try {
    const db = getDb();
    const actor = requireAdmin(await actorFromHeaders(db, request.headers), "catalogue.manage").actor;
    const job = await getImportJob(db, actor, parseInput(getImportJobSchema, { jobId }));
    return Response.json(
      { status: job.status, processedRows: job.processedRows, totalRows: job.totalRows },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, locale);
  }
}
