// The catalogue upload (issue 19): a multipart form with one spreadsheet,
// read no further than the file limit plus the form's framing, then the dry
// run (planCatalogueImport), which keeps the job; the browser goes on to the
// job's page. Server actions stop at 256 KiB and the proxy's copy of a body
// too, so this route is outside the proxy (proxy.ts's matcher) and checks the
// origin and the size itself. Nothing is written for a refused upload.
import { AppError } from "@/lib/errors";
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { planCatalogueImport, planCatalogueImportSchema } from "@/lib/catalogue/import/plan-catalogue-import";
import { MAX_FILE_BYTES } from "@/lib/catalogue/import/read-file";
import { getDb } from "@/lib/db/client";
import { readBodyBytes } from "@/lib/http/read-body";
import { parseInput } from "@/lib/http/request";
import { isForeignOrigin } from "@/lib/http/same-origin";
import { signInPath } from "../../../_console/page-guard";
import { refusal, routeLocale, seeOther, uploadedForm, wantsPage } from "../../../_console/upload-answer";

/** The file and the multipart framing around it (boundaries, part headers, the locale field). */
export const UPLOAD_BODY_LIMIT_BYTES = MAX_FILE_BYTES + 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = routeLocale((await params).locale);
  const page = `/${locale}/admin/import`;
  try {
    if (isForeignOrigin(request)) throw new AppError("FORBIDDEN");
    const db = getDb();
    // Permission before the body is read: no one signed out or without the console uploads 10 MiB.
    const { actor } = requireAdmin(await actorFromHeaders(db, request.headers), "catalogue.manage");
    const { file } = await uploadedForm(request, await readBodyBytes(request, UPLOAD_BODY_LIMIT_BYTES));
    const input = parseInput(planCatalogueImportSchema, {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      locale,
    });
    const { jobId } = await planCatalogueImport(db, actor, input);
    const next = `${page}/${jobId}`;
    return wantsPage(request) ? seeOther(next) : Response.json({ jobId, location: next }, { status: 201 });
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED" && wantsPage(request))
      return seeOther(signInPath(locale, page));
    return refusal(request, locale, page, error);
  }
}
