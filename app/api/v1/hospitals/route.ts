import { findHospitals } from "@/lib/catalogue/find-hospitals";
import { hospitalFinderView } from "@/lib/catalogue/finder-api";
import { hospitalQuerySchema } from "@/lib/catalogue/hospital-filters";
import { parseStrict } from "@/lib/catalogue/search-params";
import { readDb } from "@/lib/db/replicas";
import { jsonOk, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const query = parseStrict(hospitalQuerySchema, new URL(request.url).searchParams, ["locale"]);
  const result = await findHospitals(await readDb(request.headers), query, locale);
  return jsonOk(hospitalFinderView(result, locale), locale);
});
