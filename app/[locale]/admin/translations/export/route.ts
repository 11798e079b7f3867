// A translator's file (issue 19): the city's texts missing or outdated in one
// language, as XLIFF 2.0 or XLSX, downloaded from the translations page's form.
import { actorFromHeaders } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/request";
import { exportTranslations, exportTranslationsSchema } from "@/lib/translation/export-translations";
import { routeLocale } from "../../../_console/upload-answer";

const contentTypes = {
  xliff: "application/xliff+xml; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = routeLocale((await params).locale);
  try {
    const db = getDb();
    const actor = await actorFromHeaders(db, request.headers);
    const q = new URL(request.url).searchParams;
    const input = parseInput(exportTranslationsSchema, {
      city: q.get("city") || undefined,
      language: q.get("language") ?? undefined,
      scope: q.get("scope") ?? "missing_and_outdated",
      format: q.get("format") ?? "xliff",
      locale,
    });
    const file = await exportTranslations(db, actor, input);
    return new Response(new Blob([new Uint8Array(file.bytes)]), {
      headers: {
        "Content-Type": contentTypes[input.format],
        "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
