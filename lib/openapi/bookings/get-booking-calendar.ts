// GET /api/v1/bookings/{reference}/calendar: app/api/v1/bookings/[reference]/calendar/route.ts.
import {
  databaseUnavailable,
  download,
  error,
  invalidParameters,
  localeParameter,
  manageTokenHeaderOrQuery,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const getBookingCalendar: ApiOperation = {
  method: "get",
  path: "/bookings/{reference}/calendar",
  operation: {
    operationId: "getBookingCalendar",
    tags: ["Manage booking"],
    summary: "The booking as a calendar file (.ics)",
    description:
      "The visit's time, place (in Chinese, for a driver) and the institution's phone, as the booking stands now: " +
      "METHOD:REQUEST (STATUS:CONFIRMED, or TENTATIVE while the insurer's guarantee is awaited) while the visit stands, " +
      "METHOD:CANCEL with STATUS:CANCELLED once cancelled. One UID per booking; SEQUENCE grows with every change, " +
      "so a calendar that imports the newer file updates or removes the event.",
    security: manageTokenHeaderOrQuery,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    responses: {
      "200": download("text/calendar", "The iCalendar file"),
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such booking for this token"),
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
