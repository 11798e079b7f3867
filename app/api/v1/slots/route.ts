import { slotListView } from "@/lib/booking/api-schemas";
import { listSlots, slotQuerySchema } from "@/lib/booking/list-slots";
import { parseStrict } from "@/lib/catalogue/search-params";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request) => {
  requireApiLocale(request);
  const query = parseStrict(slotQuerySchema, new URL(request.url).searchParams, ["locale"]);
  const data = await listSlots(getDb(), query);
  return Response.json(slotListView(data), { headers: { "Cache-Control": "no-store" } });
});
