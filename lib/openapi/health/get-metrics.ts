// GET /api/metrics: app/api/metrics/route.ts.
import { API_ROOT, error, type ApiOperation } from "../shared";

export const getMetrics: ApiOperation = {
  method: "get",
  path: "/metrics",
  base: API_ROOT,
  operation: {
    operationId: "getMetrics",
    tags: ["Health"],
    summary: "This instance's Prometheus metrics",
    description:
      "Prometheus text format 0.0.4 (request durations, bookings by outcome and error code, hold conversion, outbox queue, quota months near their cap, database pools). Each app instance answers with its own counters. A database outage never fails it: the gauges that read the database are then NaN and portal_metrics_database_up is 0. With METRICS_PORT set the same is served without a token on 127.0.0.1:METRICS_PORT/metrics.",
    security: [{ metricsToken: [] }],
    responses: {
      "200": {
        description: "The exposition",
        content: { "text/plain": { schema: { type: "string" } } },
      },
      "401": error("UNAUTHENTICATED: no Authorization: Bearer header, or not the METRICS_TOKEN"),
      "404": error("NOT_FOUND: METRICS_TOKEN is not set on this deployment"),
    },
  },
};
