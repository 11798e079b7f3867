// GET /api/health/ready: app/api/health/ready/route.ts.
import { API_ROOT, databaseUnavailable, json, type ApiOperation } from "../shared";
import { healthReportSchema } from "./health-report";

export const getReadiness: ApiOperation = {
  method: "get",
  path: "/health/ready",
  base: API_ROOT,
  operation: {
    operationId: "getReadiness",
    tags: ["Health"],
    summary: "Readiness for a load balancer: the database is reachable within 1 s",
    responses: {
      "200": json(healthReportSchema, "Ready"),
      "503": databaseUnavailable,
    },
  },
};
