// GET /api/v1/admin/quota-report: app/api/v1/admin/quota-report/route.ts.
import { reportQuerySchema } from "../../quota/quota-inputs";
import {
  databaseUnavailable,
  download,
  error,
  invalidParameters,
  localeParameter,
  staffSession,
  type ApiOperation,
} from "../shared";

export const getQuotaReport: ApiOperation = {
  method: "get",
  path: "/admin/quota-report",
  operation: {
    operationId: "getQuotaReport",
    tags: ["Admin"],
    summary: "The special-service quota compliance report of a city (rule 3), as CSV",
    description:
      "Every public institution of the city, month by month: the declared volume, the percentage and cap in force, the units used and their share. city defaults to the admin's own city; from and to (YYYY-MM, at most 24 months) to three months back and two ahead.",
    security: staffSession,
    parameters: [localeParameter],
    requestParams: { query: reportQuerySchema },
    responses: {
      "200": download("text/csv", "The report, one row per institution and month"),
      "400": invalidParameters("a parameter (an unknown city, to before from, more than 24 months)"),
      "401": error("UNAUTHENTICATED: not signed in, or the session has expired"),
      "403": error("FORBIDDEN: the signed-in user is not a city or system admin, or not of this city"),
      "404": error("NOT_FOUND: there is no city to report on"),
      "503": databaseUnavailable,
    },
  },
};
