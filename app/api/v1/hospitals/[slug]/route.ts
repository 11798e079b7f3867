import { hospitalDetailView } from "@/lib/catalogue/api-schemas";
import { getInstitution } from "@/lib/catalogue/get-institution";
import { resolveInstitutionSlug } from "@/lib/catalogue/institution-slug";
import { AppError } from "@/lib/errors";
import { parseStrict } from "@/lib/catalogue/search-params";
import { readDb } from "@/lib/db/replicas";
import { jsonOk, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { z } from "zod";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request, context: { params: Promise<{ slug: string }> }) => {
  const locale = requireApiLocale(request);
  parseStrict(z.object({}), new URL(request.url).searchParams, ["locale"]);
  const { slug } = await context.params;
  const db = await readDb(request.headers);
  const detail = await getInstitution(db, slug, locale).catch(async (e: unknown) => {
    // A renamed institution's old slug: 308 to the same request under its current slug.
    const found =
      e instanceof AppError && e.code === "NOT_FOUND" ? await resolveInstitutionSlug(db, slug) : null;
    if (!found?.redirected) throw e;
    // A relative Location: the client resolves it against the URL it asked (behind any proxy).
    const { pathname, search } = new URL(request.url);
    const location = `${pathname.replace(/[^/]+$/, encodeURIComponent(found.slug))}${search}`;
    return new Response(null, { status: 308, headers: { Location: location } });
  });
  if (detail instanceof Response) return detail;
  return jsonOk(hospitalDetailView(detail), locale);
});
