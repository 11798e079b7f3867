// POST /api/v1/bookings/{reference}/reschedule: app/api/v1/bookings/[reference]/reschedule/route.ts.
import { bookingViewSchema } from "../../booking/api-schemas";
import { rescheduleInputSchema } from "../../booking/reschedule-booking";
import {
  databaseUnavailable,
  error,
  json,
  localeParameter,
  manageTokenHeader,
  payloadTooLarge,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const rescheduleBooking: ApiOperation = {
  method: "post",
  path: "/bookings/{reference}/reschedule",
  operation: {
    operationId: "rescheduleBooking",
    tags: ["Manage booking"],
    summary: "Move a booking to another free slot of the same department or package, in one step",
    security: manageTokenHeader,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    requestBody: { required: true, content: { "application/json": { schema: rescheduleInputSchema } } },
    responses: {
      "200": json(bookingViewSchema, "The booking at its new time"),
      "400": error(
        "VALIDATION_FAILED: the body is not JSON, slotId is invalid or not a slot of the same department or package, or ?locale= is invalid",
      ),
      "404": error("NOT_FOUND: no such booking for this token"),
      "409": error(
        "SLOT_FULL, QUOTA_EXCEEDED, CANCELLATION_WINDOW_CLOSED, or CONFLICT when the booking is no longer active or a simultaneous change won",
      ),
      "413": payloadTooLarge,
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
