// Apply a checked import (issue 19): the job page's form posts here. The dry
// run must have no errors and at least one change; then the apply runs after
// the answer (next/server's after()), in its own transaction, and the browser
// goes back to the job page at once, where a progress bar follows it. The
// proxy has already refused a post from another site.
import { after } from "next/server";
import { AppError } from "@/lib/errors";
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import {
  applyCatalogueImport,
  applyCatalogueImportSchema,
} from "@/lib/catalogue/import/apply-catalogue-import";
import { getImportJob, getImportJobSchema } from "@/lib/catalogue/import/get-import-job";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/http/request";
import { signInPath } from "../../../../_console/page-guard";
import { refusal, routeLocale, seeOther, wantsPage } from "../../../../_console/upload-answer";
import { applicable } from "../../job-view";

type Params = { params: Promise<{ locale: string; job: string }> };

export async function POST(request: Request, { params }: Params) {
  const { locale: raw, job: jobId } = await params;
  const locale = routeLocale(raw);
  const page = `/${locale}/admin/import/${encodeURIComponent(jobId)}`;
  try {
    const db = getDb();
    const { actor } = requireAdmin(await actorFromHeaders(db, request.headers), "catalogue.manage");
    const input = parseInput(applyCatalogueImportSchema, { jobId });
    const job = await getImportJob(db, actor, parseInput(getImportJobSchema, input));
    if (job.status !== "PLANNED" || !applicable(job.plan))
      throw new AppError("CONFLICT", { detail: `import ${jobId} is ${job.status}, not applicable` });
    after(async () => {
      // The job records its own failure (FAILED and its code); this only keeps a log line of it.
      await applyCatalogueImport(db, actor, input).catch((error: unknown) =>
        console.warn(`[import] ${jobId}: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
    return wantsPage(request)
      ? seeOther(`${page}?started=1`)
      : Response.json({ jobId, location: page }, { status: 202 });
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED" && wantsPage(request))
      return seeOther(signInPath(locale, page));
    return refusal(request, locale, page, error);
  }
}
