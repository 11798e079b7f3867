import { erasePersonalData } from "@/lib/booking/personal-data";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  const token = bearerToken(request);
  await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    erasePersonalData(getDb(), reference, token),
  );
  return Response.json({ erased: true }, { headers: { "Cache-Control": "no-store" } });
});
