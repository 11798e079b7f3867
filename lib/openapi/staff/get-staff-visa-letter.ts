// GET /api/v1/staff/bookings/{reference}/visa-letter: app/api/v1/staff/bookings/[reference]/visa-letter/route.ts.
import {
  databaseUnavailable,
  download,
  error,
  invalidParameters,
  referencePath,
  staffSession,
  type ApiOperation,
} from "../shared";

export const getStaffVisaLetter: ApiOperation = {
  method: "get",
  path: "/staff/bookings/{reference}/visa-letter",
  operation: {
    operationId: "getStaffVisaLetter",
    tags: ["Staff"],
    summary: "The visa letter of a booking of the signed-in staff member's institution (PDF)",
    security: staffSession,
    requestParams: { path: referencePath },
    responses: {
      "200": download("application/pdf", "The letter"),
      "400": invalidParameters("the path"),
      "401": error("UNAUTHENTICATED: not signed in, or the session has expired"),
      "403": error(
        "FORBIDDEN: the signed-in user is not staff of an institution allowed to read its bookings",
      ),
      "404": error(
        "NOT_FOUND: no such booking at this institution, no letter issued, or the patient's data is erased",
      ),
      "503": databaseUnavailable,
    },
  },
};
