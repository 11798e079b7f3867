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
