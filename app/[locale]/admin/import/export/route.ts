// The city's catalogue as a file in the import format (issue 19): edited and
// uploaded again, it updates only the rows that changed.
import { actorFromHeaders } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { exportCatalogue, exportCatalogueSchema } from "@/lib/catalogue/import/export-catalogue";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/request";
import { routeLocale } from "../../../_console/upload-answer";
import { downloadQuery, fileResponse } from "../download";

export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const locale = routeLocale((await params).locale);
  try {
    const db = getDb();
    const { actor } = requireAdmin(await actorFromHeaders(db, request.headers), "catalogue.manage");
    const query = downloadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw validationError(query.error);
    const { entity, format, city } = query.data;
    const input = parseInput(exportCatalogueSchema, {
      city,
      format,
      entity: entity === "all" ? undefined : entity,
      locale,
    });
    const bytes = await exportCatalogue(db, actor, input);
    const day = new Date().toISOString().slice(0, 10);
    return fileResponse(
      bytes,
      `catalogue-${city ?? "all"}${entity === "all" ? "" : `-${entity}`}-${day}.${format}`,
      format,
    );
  } catch (error) {
    return errorResponse(error, locale);
  }
}
