// The translated file's upload (issue 19): a multipart form with the file,
// its language and the city, read no further than the file limit plus the
// form's framing, then the dry run (planTranslationImport), which keeps the
// job; the browser goes on to the job's page. Server actions stop at 256 KiB,
// so this is a route; it checks the session, the origin and the size itself.
// A refused file writes nothing and sends the browser back with the reason.
import { AppError } from "@/lib/errors";
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { readBodyBytes } from "@/lib/http/read-body";
import { parseInput } from "@/lib/http/request";
import { isForeignOrigin } from "@/lib/http/same-origin";
import { MAX_TRANSLATION_FILE_BYTES } from "@/lib/translation/translation-file";
import {
  planTranslationImport,
  planTranslationImportSchema,
} from "@/lib/translation/plan-translation-import";
import { signInPath } from "../../../_console/page-guard";
import { refusal, routeLocale, seeOther, uploadedForm, wantsPage } from "../../../_console/upload-answer";

/** The file and the multipart framing around it. */
const UPLOAD_BODY_LIMIT_BYTES = MAX_TRANSLATION_FILE_BYTES + 64 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = routeLocale((await params).locale);
  const page = `/${locale}/admin/translations`;
  try {
    if (isForeignOrigin(request)) throw new AppError("FORBIDDEN");
    const db = getDb();
    // Permission before the body is read.
    const { actor } = requireAdmin(await actorFromHeaders(db, request.headers), "catalogue.manage");
    const { form, file } = await uploadedForm(request, await readBodyBytes(request, UPLOAD_BODY_LIMIT_BYTES));
    const city = form.get("city");
    const input = parseInput(planTranslationImportSchema, {
      city: typeof city === "string" && city !== "" ? city : undefined,
      language: form.get("language") ?? undefined,
      fileName: file.name || "translation",
      bytes: new Uint8Array(await file.arrayBuffer()),
      locale,
    });
    const { job, counts } = await planTranslationImport(db, actor, input);
    const next = `${page}/${job}`;
    return wantsPage(request)
      ? seeOther(next)
      : Response.json({ job, counts, location: next }, { status: 201 });
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED" && wantsPage(request))
      return seeOther(signInPath(locale, page));
    return refusal(request, locale, page, error, "Admin.translations");
  }
}
