import { hospitalListBody } from "@/lib/catalogue/api";
import { hospitalListSchema } from "@/lib/catalogue/api-schemas";
import { hospitalQuerySchema } from "@/lib/catalogue/hospital-filters";
import { searchHospitals } from "@/lib/catalogue/search-hospitals";
import { parseStrict } from "@/lib/catalogue/search-params";
import { getDb } from "@/lib/db/client";
import { jsonOk, requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const query = parseStrict(hospitalQuerySchema, new URL(request.url).searchParams, ["locale"]);
  const result = await searchHospitals(getDb(), query, locale);
  return jsonOk(hospitalListSchema.parse(hospitalListBody(result, locale)), locale);
});
