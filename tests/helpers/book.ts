// The booking adapters' path (POST /api/v1/bookings, the booking form's
// action) for tests that send a body as a client would: the Idempotency-Key
// first, then the body parsed with bookingInputSchema, then createBooking.
import { bookingInputSchema } from "../../lib/booking/booking-input";
import { createBooking, requireIdempotencyKey } from "../../lib/booking/create-booking";
import type { DbClient } from "../../lib/db/create-client";
import { parseInput } from "../../lib/http/request";

export async function bookFromBody(
  db: DbClient,
  body: unknown,
  options: Parameters<typeof createBooking>[2],
): ReturnType<typeof createBooking> {
  requireIdempotencyKey(options.idempotencyKey);
  return createBooking(db, parseInput(bookingInputSchema, body), options);
}
