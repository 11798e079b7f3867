import { holdSchema } from "@/lib/booking/api-schemas";
import { createHold } from "@/lib/booking/holds";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { clientAddress, clientKey, readJson } from "@/lib/http/request";
import { limitHolds } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request) => {
  requireApiLocale(request);
  await limitHolds(getDb(), clientAddress(request));
  const hold = await createHold(getDb(), await readJson(request), clientKey(request));
  return Response.json(holdSchema.parse({ ...hold, expiresAt: hold.expiresAt.toISOString() }), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
