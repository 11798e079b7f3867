// GET /api/health/live: app/api/health/live/route.ts.
import { z } from "zod";
import { API_ROOT, json, type ApiOperation } from "../shared";

export const getLiveness: ApiOperation = {
  method: "get",
  path: "/health/live",
  base: API_ROOT,
  operation: {
    operationId: "getLiveness",
    tags: ["Health"],
    summary: "Liveness: the process answers HTTP",
    description:
      "Never touches the database, so a database outage never gets healthy app processes restarted.",
    responses: { "200": json(z.object({ status: z.literal("ok") }), "Alive") },
  },
};
