// POST /api/v1/bookings/{reference}/cancel: app/api/v1/bookings/[reference]/cancel/route.ts.
import { bookingViewSchema } from "../../booking/api-schemas";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  manageTokenHeader,
  payloadTooLarge,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const cancelBooking: ApiOperation = {
  method: "post",
  path: "/bookings/{reference}/cancel",
  operation: {
    operationId: "cancelBooking",
    tags: ["Manage booking"],
    summary: "Cancel a booking within the institution's cancellation window",
    security: manageTokenHeader,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    responses: {
      "200": json(bookingViewSchema, "The cancelled booking (cancelling again answers the same)"),
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such booking for this token"),
      "409": error(
        "CANCELLATION_WINDOW_CLOSED, CONFLICT when the booking is no longer active (completed, no-show, declined) or a simultaneous change won",
      ),
      "413": payloadTooLarge,
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
