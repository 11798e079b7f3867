// GET /api/health/ready: app/api/health/ready/route.ts.
import { z } from "zod";
import type { ReadinessReport } from "../../health/readiness";
import { API_ROOT, json, type ApiOperation } from "../shared";
import { apiErrorSchema } from "../../catalogue/api-schemas";
import { healthReportSchema } from "./health-report";

const readinessReportSchema = healthReportSchema
  .extend({
    checks: z
      .object({
        database: z.literal("up"),
        migrations: z.literal("applied"),
        worker: z.literal("running"),
        shutdown: z.literal("no"),
      })
      .meta({ description: "Each readiness check, passed" }),
  })
  .meta({ id: "ReadinessReport" }) satisfies z.ZodType<ReadinessReport>;

export const getReadiness: ApiOperation = {
  method: "get",
  path: "/health/ready",
  base: API_ROOT,
  operation: {
    operationId: "getReadiness",
    tags: ["Health"],
    summary: "Readiness for a load balancer: database, migrations, outbox worker, not shutting down",
    description:
      "200 while the database answers SELECT 1 within 1 s (on a connection of its own), every migration of prisma/migrations is applied and finished, this instance's outbox worker made progress within 120 s (or started less than 120 s ago), and the process is not shutting down. From SIGTERM on it answers 503 at once, so a load balancer drains the instance.",
    responses: {
      "200": json(readinessReportSchema, "Ready"),
      "503": {
        id: "NotReady",
        description:
          "Not ready: DATABASE_UNAVAILABLE when the database did not answer in time, NOT_READY otherwise. error.details gives each check's state (database: up/down/unchecked, migrations: applied/missing/unknown/unchecked, worker: running/stopped/stale, shutdown: no/draining), failed (the failed checks, comma-separated) and missing (the missing migrations, if any). Retry after Retry-After seconds.",
        headers: z.object({
          "Retry-After": z
            .string()
            .regex(/^[1-9][0-9]*$/)
            .meta({ description: "Seconds to wait before asking again" }),
        }),
        content: { "application/json": { schema: apiErrorSchema } },
      },
    },
  },
};
