// The body of /api/health and /api/health/ready, as lib/health/check-health.ts returns it.
import { z } from "zod";
import type { HealthReport } from "../../health/check-health";

export const healthReportSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("up"),
    latencyMs: z.number().int().meta({ description: "How long the database took to answer SELECT 1" }),
  })
  .meta({ id: "HealthReport" }) satisfies z.ZodType<HealthReport>;
