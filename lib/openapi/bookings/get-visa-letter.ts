// GET /api/v1/bookings/{reference}/visa-letter: app/api/v1/bookings/[reference]/visa-letter/route.ts.
import {
  databaseUnavailable,
  download,
  error,
  invalidParameters,
  manageTokenHeaderOrQuery,
  referencePath,
  tooManyRequests,
  type ApiOperation,
} from "../shared";

export const getVisaLetter: ApiOperation = {
  method: "get",
  path: "/bookings/{reference}/visa-letter",
  operation: {
    operationId: "getVisaLetter",
    tags: ["Manage booking"],
    summary: "The patient's visa support letter (PDF), once the institution has issued it",
    security: manageTokenHeaderOrQuery,
    requestParams: { path: referencePath },
    responses: {
      "200": download("application/pdf", "The letter"),
      "400": invalidParameters("the path"),
      "404": error(
        "NOT_FOUND: no such booking for this token, no letter issued yet, or the patient's data is erased",
      ),
      "429": tooManyRequests,
      "503": databaseUnavailable,
    },
  },
};
