// The $hold and $book operations as their routes run them, on a given
// database client (the routes pass getDb(); the randomized model in
// tests/model drives these same functions among the other use cases).
// $hold: createHold under limitHolds, as POST /api/v1/holds. $book:
// bookingInputSchema and createBooking as POST /api/v1/bookings: a known
// request identifier with the same body is answered (200) before any limit
// runs, another body with it is 422; then the booking limits, the key, the
// input; a new booking is 201 with its manage token, this once. Problems name
// the FHIR element they are about.
import type { DbClient } from "../../db/create-client";
import { bookingInputSchema } from "../../booking/booking-input";
import { createBooking, findReplay } from "../../booking/create-booking";
import { createHold, holdInputSchema } from "../../booking/holds";
import { validationError } from "../../errors";
import { clientAddress, clientKey, parseInput } from "../../http/request";
import { limitBookings, limitHolds } from "../../rate-limit/rate-limit";
import { fhirJson, fhirLocale, readFhirJson } from "../http";
import { fhirUrl } from "../systems";
import { appointmentRow, appointmentSelect, heldAppointment, toAppointment } from "./appointment";
import { bookRequest, inFhirTerms, type BookRequest } from "./book";
import { placeOfSlot, slotToHold } from "./hold";
import { appointmentResult } from "./result";

export async function holdOperation(db: DbClient, request: Request): Promise<Response> {
  await limitHolds(db, clientAddress(request));
  const input = parseInput(holdInputSchema, { slotId: slotToHold(await readFhirJson(request)) });
  const hold = await createHold(db, input, clientKey(request));
  const place = await placeOfSlot(db, hold.slotId);
  return fhirJson(appointmentResult(heldAppointment(place, hold)), { status: 201 });
}

export async function bookOperation(db: DbClient, request: Request): Promise<Response> {
  const body = await readFhirJson(request);
  let book: BookRequest | null = null;
  let unreadable: unknown = null;
  try {
    book = bookRequest(body, request.headers.get("if-none-exist"), fhirLocale(request));
  } catch (error) {
    unreadable = error;
  }
  const parsed = book ? bookingInputSchema.safeParse(book.raw) : null;
  const paths = book?.paths ?? {};
  let confirmation =
    book && parsed?.success
      ? await findReplay(db, parsed.data, book.idempotencyKey).catch((error: unknown) => {
          throw inFhirTerms(error, paths);
        })
      : null;
  const replayed = confirmation !== null;
  if (!confirmation) {
    await limitBookings(db, clientAddress(request), book?.raw ?? null);
    if (!book || !parsed) throw unreadable;
    // The key is answered before the body, as ever.
    const idempotencyKey = book.requireKey();
    if (!parsed.success) throw inFhirTerms(validationError(parsed.error), paths);
    confirmation = await createBooking(db, parsed.data, {
      idempotencyKey,
      clientKey: clientKey(request),
    }).catch((error: unknown) => {
      throw inFhirTerms(error, paths);
    });
  }
  const row = await db.booking.findUniqueOrThrow({
    where: { reference: confirmation.reference },
    select: appointmentSelect,
  });
  const appointment = toAppointment(appointmentRow(row, { personal: true, fullPolicyNumber: false }), {
    manageToken: confirmation.manageToken,
  });
  return fhirJson(appointmentResult(appointment), {
    status: replayed ? 200 : 201,
    headers: replayed ? {} : { Location: fhirUrl(`Appointment/${row.id}`) },
  });
}
