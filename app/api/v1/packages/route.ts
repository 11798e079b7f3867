import { packageListView } from "@/lib/catalogue/api-schemas";
import { packageQuerySchema } from "@/lib/catalogue/package-filters";
import { searchPackages } from "@/lib/catalogue/search-packages";
import { parseStrict } from "@/lib/catalogue/search-params";
import { readDb } from "@/lib/db/replicas";
import { jsonOk, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const query = parseStrict(packageQuerySchema, new URL(request.url).searchParams, ["locale"]);
  const result = await searchPackages(await readDb(request.headers), query, locale);
  return jsonOk(packageListView(result, locale), locale);
});
