import { holdView } from "@/lib/booking/api-schemas";
import { createHold, holdInputSchema } from "@/lib/booking/holds";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { clientAddress, clientKey, parseInput, readJson } from "@/lib/http/request";
import { limitHolds } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request) => {
  requireApiLocale(request);
  await limitHolds(getDb(), clientAddress(request));
  const input = parseInput(holdInputSchema, await readJson(request));
  const hold = await createHold(getDb(), input, clientKey(request));
  return Response.json(holdView(hold), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
