// Appointment/$book (IHE ITI-117): books a proposed or held Appointment whose
// patient is a contained Patient, through bookingInputSchema and createBooking
// exactly as POST /api/v1/bookings does: a known request identifier with the
// same body is answered (200) before any limit runs, another body with it is
// 422; then the booking limits, the key, the input; a new booking is 201 with
// its manage token, this once. Problems name the FHIR element they are about.
import { bookingInputSchema } from "@/lib/booking/booking-input";
import { createBooking, findReplay } from "@/lib/booking/create-booking";
import { getDb } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { fhirJson, fhirLocale, readFhirJson, withFhirErrors } from "@/lib/fhir/http";
import { appointmentRow, appointmentSelect, toAppointment } from "@/lib/fhir/scheduling/appointment";
import { bookRequest, inFhirTerms, type BookRequest } from "@/lib/fhir/scheduling/book";
import { appointmentResult } from "@/lib/fhir/scheduling/result";
import { fhirUrl } from "@/lib/fhir/systems";
import { clientAddress, clientKey } from "@/lib/http/request";
import { limitBookings } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors(async (request) => {
  const db = getDb();
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
});
