import { HEALTH_TIMEOUT_MS } from "@/lib/health/check-health";
import { appReadinessProbe } from "@/lib/health/app-readiness";
import { checkReadiness } from "@/lib/health/readiness";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * Readiness for a load balancer (lib/health/readiness.ts): 200 {"status":"ok","database":"up",
 * "latencyMs","checks":{…}} when the database answers within 1 s, every migration is applied,
 * the outbox worker runs and the process is not shutting down; otherwise 503 (DATABASE_UNAVAILABLE
 * or NOT_READY, Retry-After 5) whose error.details name each check's state and the failed ones.
 */
export const GET = withApiErrors(async () => {
  const report = await checkReadiness(appReadinessProbe(HEALTH_TIMEOUT_MS));
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
});
