import { packageDetailView } from "@/lib/catalogue/api-schemas";
import { getPackage } from "@/lib/catalogue/get-package";
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
  const detail = await getPackage(await readDb(request.headers), slug, locale);
  return jsonOk(packageDetailView(detail), locale);
});
