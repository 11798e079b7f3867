import { bookingConfirmationSchema } from "@/lib/booking/api-schemas";
import { createBooking } from "@/lib/booking/create-booking";
import { getDb } from "@/lib/db/client";
import { requireApiLocale } from "@/lib/http/api";
import { withApiErrors } from "@/lib/http/errors";
import { clientAddress, clientKey, readJson } from "@/lib/http/request";
import { limitBookings } from "@/lib/http/rate-limit";

export const dynamic = "force-dynamic";

/** Books a slot; a retry with the same Idempotency-Key gets the same answer. */
export const POST = withApiErrors(async (request) => {
  const locale = requireApiLocale(request);
  const body = await readJson(request);
  await limitBookings(getDb(), clientAddress(request), body);
  const withLocale = body && typeof body === "object" && !("locale" in body) ? { ...body, locale } : body;
  const confirmation = await createBooking(getDb(), withLocale, {
    idempotencyKey: request.headers.get("idempotency-key"),
    clientKey: clientKey(request),
  });
  return Response.json(bookingConfirmationSchema.parse(confirmation), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
});
