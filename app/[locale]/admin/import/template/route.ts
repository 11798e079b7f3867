// A catalogue template (issue 19): the workbook with every sheet, or one
// entity's CSV, with headers in the admin's language and each column's key.
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { catalogueTemplate, templateFileName } from "@/lib/catalogue/import/write-file";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { routeLocale } from "../../../_console/upload-answer";
import { downloadQuery, fileResponse } from "../download";

export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = routeLocale((await params).locale);
  try {
    requireAdmin(await actorFromHeaders(getDb(), request.headers), "catalogue.manage");
    const query = downloadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const { entity, format } = query.data;
    const bytes = await catalogueTemplate(entity, { format, locale });
    return fileResponse(bytes, templateFileName(entity, format), format);
  } catch (error) {
    return errorResponse(error, locale);
  }
}
