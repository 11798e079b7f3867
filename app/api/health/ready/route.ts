import { checkHealth, HEALTH_TIMEOUT_MS } from "@/lib/health/check-health";
import { databasePing } from "@/lib/health/database-ping";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer: 200 {"status":"ok","database":"up","latencyMs"} when the
 * database is reachable within 1 s, 503 DATABASE_UNAVAILABLE with Retry-After when not.
 */
export const GET = withApiErrors(async () => {
  const report = await checkHealth(databasePing(HEALTH_TIMEOUT_MS));
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
});
