// Runs once when a server instance starts (Next.js instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Tracing first, so the worker's and every request's spans are recorded; it starts only when
    // OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set (lib/observability/tracing.ts).
    const { startTracing } = await import("./lib/observability/tracing");
    await startTracing();
    const { startOutboxWorker } = await import("./lib/notify/worker");
    startOutboxWorker();
  }
}

/**
 * An error Next caught while rendering a page, running a route handler, an
 * action or the proxy: one JSON log line with the request id and the route's
 * template (lib/observability/http-log.ts), never the path, query or body.
 */
export async function onRequestError(
  error: unknown,
  request: Readonly<{ path: string; method: string; headers: NodeJS.Dict<string | string[]> }>,
  context: Readonly<{ routePath: string; routeType: string; routerKind: string; renderSource?: string }>,
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/observability/http-log");
  logRequestError(error, request, context);
}
