// POST /api/v1/bookings: app/api/v1/bookings/route.ts.
import { z } from "zod";
import { bookingConfirmationSchema } from "../../booking/api-schemas";
import { bookingInputSchema } from "../../booking/booking-input";
import {
  databaseUnavailable,
  error,
  json,
  localeParameter,
  payloadTooLarge,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const createBooking: ApiOperation = {
  method: "post",
  path: "/bookings",
  operation: {
    operationId: "createBooking",
    tags: ["Booking"],
    summary: "Book a slot",
    description:
      "A retry with the same Idempotency-Key and body gets the same answer, whatever the limits. Without locale in the body, the booking's language is the request's.",
    parameters: [localeParameter],
    requestParams: {
      header: z.object({
        "Idempotency-Key": z.string().min(8).max(200).meta({
          description: "Unique per booking attempt; a retry with the same key gets the same answer",
        }),
      }),
    },
    requestBody: { required: true, content: { "application/json": { schema: bookingInputSchema } } },
    responses: {
      "201": json(bookingConfirmationSchema, "The booking, with its reference and secret manage token"),
      "400": error(
        "VALIDATION_FAILED: the body is not JSON, a field is invalid, or Idempotency-Key is missing or invalid; error.fields names it",
      ),
      "409": error(
        "SLOT_FULL, QUOTA_EXCEEDED, DIRECT_BILLING_UNAVAILABLE (error.details.reason says why), or CONFLICT when a simultaneous request won",
      ),
      "410": error("HOLD_EXPIRED: the hold passed as holdToken has expired"),
      "413": payloadTooLarge,
      "422": error("IDEMPOTENCY_MISMATCH: the key was used for a different request"),
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
