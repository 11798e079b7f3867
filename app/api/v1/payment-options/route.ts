import { parseStrict } from "@/lib/catalogue/search-params";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { paymentOptionsView } from "@/lib/payment/api-schemas";
import { paymentOptions, paymentQuerySchema } from "@/lib/payment/payment-options";

export const dynamic = "force-dynamic";

/** Rule 4 as an API: can this insurer bill this hospital directly for this visit on this date? */
export const GET = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const query = parseStrict(paymentQuerySchema, new URL(request.url).searchParams, ["locale"]);
  const result = await paymentOptions(getDb(), query, locale);
  return Response.json(paymentOptionsView(result), { headers: { "Cache-Control": "no-store" } });
});
