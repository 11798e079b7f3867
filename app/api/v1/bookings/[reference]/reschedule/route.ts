import { bookingView } from "@/lib/booking/api-schemas";
import { rescheduleBooking, rescheduleInputSchema } from "@/lib/booking/reschedule-booking";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { bearerToken, clientAddress, parseInput, readJson } from "@/lib/http/request";
import { withManageTokenLimit } from "@/lib/rate-limit/manage-limit";

export const dynamic = "force-dynamic";

/** Moves the booking to another free slot of the same department or package, in one step. */
export const POST = withApiErrors(async (request, context: { params: Promise<{ reference: string }> }) => {
  requireApiLocale(request);
  const { reference } = await context.params;
  const token = bearerToken(request);
  const body = await readJson(request);
  const view = await withManageTokenLimit(getDb(), clientAddress(request), { reference, token }, () =>
    // Parsed under the limit, as before: a bad body from a limited address is still RATE_LIMITED.
    rescheduleBooking(getDb(), reference, token, parseInput(rescheduleInputSchema, body)),
  );
  return Response.json(bookingView(view), { headers: { "Cache-Control": "no-store" } });
});
