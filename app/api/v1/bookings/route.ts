import { bookingConfirmationView } from "@/lib/booking/api-schemas";
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { createBooking, findReplay, requireIdempotencyKey } from "@/lib/booking/create-booking";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
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
  const parsed = bookingInputSchema.safeParse(withLocale);
  const idempotencyKey = request.headers.get("idempotency-key");
  let confirmation = parsed.success ? await findReplay(getDb(), parsed.data, idempotencyKey) : null;
  if (!confirmation) {
    await limitBookings(getDb(), clientAddress(request), body);
    // The key is answered before the body, as ever.
    requireIdempotencyKey(idempotencyKey);
    if (!parsed.success) throw validationError(parsed.error);
    confirmation = await createBooking(getDb(), parsed.data, {
      idempotencyKey,
      clientKey: clientKey(request),
      replayChecked: true,
    });
  }
  return Response.json(bookingConfirmationView(confirmation), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
