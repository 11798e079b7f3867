// POST /api/v1/bookings/{reference}/erase: app/api/v1/bookings/[reference]/erase/route.ts.
import { z } from "zod";
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

export const eraseBookingData: ApiOperation = {
  method: "post",
  path: "/bookings/{reference}/erase",
  operation: {
    operationId: "eraseBookingData",
    tags: ["Manage booking"],
    summary: "Erase the patient's personal data (cancelling the visit if it is still ahead)",
    security: manageTokenHeader,
    parameters: [localeParameter],
    requestParams: { path: referencePath },
    responses: {
      "200": json(z.object({ erased: z.literal(true) }), "Erased"),
      "400": invalidParameters("?locale="),
      "404": error("NOT_FOUND: no such booking for this token, or its data is already erased"),
      "409": error("CONFLICT: a simultaneous change won; retry"),
      "413": payloadTooLarge,
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
