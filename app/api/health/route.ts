import { checkHealth, HEALTH_TIMEOUT_MS } from "@/lib/health/check-health";
import { databasePing } from "@/lib/health/database-ping";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * 200 while the database answers SELECT 1 within 1 s, 503 {"error":{"code":"DATABASE_UNAVAILABLE"}}
 * with Retry-After when it does not. It asks on a connection of its own, so a locked
 * table or a busy app pool does not make a healthy database look down.
 */
export const GET = withApiErrors(async () => {
  const report = await checkHealth(databasePing(HEALTH_TIMEOUT_MS));
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
});
