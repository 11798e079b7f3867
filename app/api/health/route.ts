import { getDb } from "@/lib/db/client";
import { checkHealth } from "@/lib/health/check-health";
import { withApiErrors } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/** 200 while the database answers, 503 {"error":{"code":"DATABASE_UNAVAILABLE"}} when it does not. */
export const GET = withApiErrors(async () => {
  const report = await checkHealth(getDb());
  return Response.json(report, { headers: { "Cache-Control": "no-store" } });
});
