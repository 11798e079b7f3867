import { hospitalDetailView } from "@/lib/catalogue/api-schemas";
import { getInstitution } from "@/lib/catalogue/get-institution";
import { parseStrict } from "@/lib/catalogue/search-params";
import { getDb } from "@/lib/db/client";
import { jsonOk, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { z } from "zod";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request, context: { params: Promise<{ slug: string }> }) => {
  const locale = requireApiLocale(request);
  parseStrict(z.object({}), new URL(request.url).searchParams, ["locale"]);
  const { slug } = await context.params;
  const detail = await getInstitution(getDb(), slug, locale);
  return jsonOk(hospitalDetailView(detail), locale);
});
