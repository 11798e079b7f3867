// GET /api/v1/bookings/{reference}/export: app/api/v1/bookings/[reference]/export/route.ts.
import { z } from "zod";
import {
  databaseUnavailable,
  error,
  invalidParameters,
  localeParameter,
  manageTokenHeaderOrQuery,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

/** What lib/booking/personal-data.ts exportPersonalData returns, in outline. */
const personalDataSchema = z.looseObject({
  exportedAt: z.string(),
  booking: z.looseObject({ reference: z.string(), status: z.string() }),
  patient: z.looseObject({ name: z.string(), email: z.string() }),
});

export const exportBookingData: ApiOperation = {
  method: "get",
  path: "/bookings/{reference}/export",
  operation: {
    operationId: "exportBookingData",
    tags: ["Manage booking"],
    summary: "Everything held about the patient of this booking (JSON download)",
    security: manageTokenHeaderOrQuery,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    responses: {
      "200": {
        description: "The patient's data as JSON, as an attachment",
        headers: { "Content-Disposition": { schema: { type: "string" } } },
        content: { "application/json": { schema: personalDataSchema } },
      },
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such booking for this token, or its data is already erased"),
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
