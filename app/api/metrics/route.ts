import { env } from "@/lib/env";
import { v1ErrorSerializer, withApiErrors } from "@/lib/http/errors";
import { metricsText, requireMetricsToken } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/**
 * This process's Prometheus metrics (text format 0.0.4) for
 * `Authorization: Bearer <METRICS_TOKEN>`: 404 when no token is configured,
 * 401 (WWW-Authenticate: Bearer) for a missing or wrong one. Each app instance
 * answers with its own counters; METRICS_PORT serves the same without a token on 127.0.0.1.
 */
export const GET = withApiErrors(
  async (request: Request) => {
    requireMetricsToken(request.headers.get("authorization"), env().METRICS_TOKEN);
    const { body, contentType } = await metricsText();
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  },
  async (error, request) => {
    const response = await v1ErrorSerializer(error, request);
    if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="metrics"');
    return response;
  },
);
