// GET /api/health: app/api/health/route.ts.
import { API_ROOT, databaseUnavailable, json, type ApiOperation } from "../shared";
import { healthReportSchema } from "./health-report";

export const getHealth: ApiOperation = {
  method: "get",
  path: "/health",
  base: API_ROOT,
  operation: {
    operationId: "getHealth",
    tags: ["Health"],
    summary: "Whether the database answers",
    description:
      "200 while the database answers SELECT 1 within 1 s, on a connection of its own (a locked table or a busy app pool does not make a healthy database look down).",
    responses: {
      "200": json(healthReportSchema, "The database answered"),
      "503": databaseUnavailable,
    },
  },
};
