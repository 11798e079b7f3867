// Apply a checked translation import (issue 19): the dry-run page's form
// posts here; the apply runs in one transaction (a city's texts in one
// language are few enough to wait for) and the browser goes back to the job's
// page, which then shows the result. The proxy has already refused a post
// from another site.
import { AppError } from "@/lib/errors";
import { actorFromHeaders } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/http/request";
import {
  applyTranslationImport,
  applyTranslationImportSchema,
} from "@/lib/translation/apply-translation-import";
import { signInPath } from "../../../../_console/page-guard";
import { refusal, routeLocale, seeOther, wantsPage } from "../../../../_console/upload-answer";

type Params = { params: Promise<{ locale: string; job: string }> };

export async function POST(request: Request, { params }: Params) {
  const { locale: raw, job } = await params;
  const locale = routeLocale(raw);
  const page = `/${locale}/admin/translations/${encodeURIComponent(job)}`;
  try {
    const db = getDb();
    const actor = await actorFromHeaders(db, request.headers);
    const result = await applyTranslationImport(db, actor, parseInput(applyTranslationImportSchema, { job }));
    return wantsPage(request) ? seeOther(page) : Response.json(result, { status: 200 });
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED" && wantsPage(request))
      return seeOther(signInPath(locale, page));
    return refusal(request, locale, page, error, "Admin.translations");
  }
}
