export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers HTTP. Never touches the database, so an outage
 * of the database never gets healthy app processes restarted.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
