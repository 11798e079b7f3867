import { bookingView } from "@/lib/booking/api-schemas";
import { getBooking } from "@/lib/booking/manage-booking";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  const token = bearerToken(request);
  const view = await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    getBooking(getDb(), reference, token),
  );
  return Response.json(bookingView(view), { headers: { "Cache-Control": "no-store" } });
});
