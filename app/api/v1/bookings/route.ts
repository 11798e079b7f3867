import { bookingConfirmationView } from "@/lib/booking/api-schemas";
import { createBooking, findReplay } from "@/lib/booking/create-booking";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { clientAddress, clientKey, readJson } from "@/lib/http/request";
import { limitBookings } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

/**
 * Books a slot; a retry with the same Idempotency-Key gets the same answer,
 * whatever the limits: a known key and body are answered before they run.
 */
export const POST = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const body = await readJson(request);
  const withLocale = body && typeof body === "object" && !("locale" in body) ? { ...body, locale } : body;
  const idempotencyKey = request.headers.get("idempotency-key");
  let confirmation = await findReplay(getDb(), withLocale, idempotencyKey);
  if (!confirmation) {
    await limitBookings(getDb(), clientAddress(request), body);
    confirmation = await createBooking(getDb(), withLocale, {
      idempotencyKey,
      clientKey: clientKey(request),
    });
  }
  return Response.json(bookingConfirmationView(confirmation), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
