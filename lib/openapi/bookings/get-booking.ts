// GET /api/v1/bookings/{reference}: app/api/v1/bookings/[reference]/route.ts.
import { bookingViewSchema } from "../../booking/api-schemas";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  json,
  localeParameter,
  manageTokenHeader,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const getBooking: ApiOperation = {
  method: "get",
  path: "/bookings/{reference}",
  operation: {
    operationId: "getBooking",
    tags: ["Manage booking"],
    summary: "A booking, with its manage token",
    security: manageTokenHeader,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    responses: {
      "200": json(bookingViewSchema, "The booking"),
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such booking for this token (a missing or wrong token is the same answer)"),
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
