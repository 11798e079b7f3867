// OpenTelemetry tracing for the portal, off unless an OTLP endpoint is set.
// instrumentation.ts's register() calls startTracing() once per server
// process; tests call it the same way. With OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set it registers the SDK through
// @vercel/otel (Next's own spans, fetch) plus Prisma's instrumentation (its
// query spans) and exports over OTLP/HTTP; unset, nothing is loaded, no
// exporter runs, and the spans of lib/observability/trace.ts go to the
// @opentelemetry/api no-op tracer.
import { context, propagation, trace } from "@opentelemetry/api";
import { onShutdown } from "../health/lifecycle";

export type OtlpProtocol = "http/protobuf" | "http/json";

/** What startTracing needs, read from the standard OTEL_* variables. */
export interface TracingSettings {
  /** The full URL spans are POSTed to (…/v1/traces). */
  url: string;
  protocol: OtlpProtocol;
  /** Extra request headers (an API key of the collector), from OTEL_EXPORTER_OTLP_[TRACES_]HEADERS. */
  headers: Record<string, string>;
  serviceName: string;
}

type Env = Record<string, string | undefined>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** `key=value,key2=value2`, percent-decoded (the OTLP exporter spec's format). */
function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of raw?.split(",") ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    try {
      headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      // A malformed escape: that header is left out rather than failing the server's start.
    }
  }
  return headers;
}

/**
 * The tracing settings, or undefined when tracing is off: no endpoint set, or
 * OTEL_SDK_DISABLED=true. The signal-specific variables win over the general
 * ones, as the OpenTelemetry spec says; the general endpoint gets /v1/traces.
 */
export function tracingSettings(env: Env = process.env): TracingSettings | undefined {
  if (value(env, "OTEL_SDK_DISABLED")?.toLowerCase() === "true") return undefined;
  const tracesEndpoint = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  const endpoint = value(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (!tracesEndpoint && !endpoint) return undefined;
  const url = tracesEndpoint ?? `${endpoint!.replace(/\/+$/, "")}/v1/traces`;
  const protocolName =
    value(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? value(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
  // grpc is not offered (no gRPC exporter is installed): anything but http/json is sent as protobuf.
  const protocol: OtlpProtocol = protocolName === "http/json" ? "http/json" : "http/protobuf";
  return {
    url,
    protocol,
    headers: {
      ...parseHeaders(value(env, "OTEL_EXPORTER_OTLP_HEADERS")),
      ...parseHeaders(value(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS")),
    },
    serviceName: value(env, "OTEL_SERVICE_NAME") ?? "portal",
  };
}

/** The running SDK of this process. */
export interface Tracing {
  settings: TracingSettings;
  /** Exports every span ended so far (the batch processor otherwise sends every 5 s). */
  flush(): Promise<void>;
  /** Flushes, then stops tracing in this process: the global tracer is the no-op one again. */
  shutdown(): Promise<void>;
}

// On globalThis: Next's server bundle and the custom server (scripts/server.ts)
// load this module separately, and there is one SDK per process.
const key = Symbol.for("portal.tracing");
const globalTracing = globalThis as unknown as { [key]?: Promise<Tracing | undefined> };

/**
 * Starts tracing when an OTLP endpoint is configured (see tracingSettings) and
 * answers its handle; answers undefined, having loaded nothing, when it is not.
 * A second call in the same process answers the first one's handle.
 */
export function startTracing(env: Env = process.env): Promise<Tracing | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return Promise.resolve(undefined);
  globalTracing[key] ??= start(settings).catch((error: unknown) => {
    delete globalTracing[key];
    throw error;
  });
  return globalTracing[key];
}

/** The SDK this process started, if any (graceful shutdown flushes it). */
export function runningTracing(): Promise<Tracing | undefined> {
  return globalTracing[key] ?? Promise.resolve(undefined);
}

async function start(settings: TracingSettings): Promise<Tracing> {
  // Loaded only here, so a server without an endpoint never loads the SDK.
  const [otel, { PrismaInstrumentation }, { BatchSpanProcessor }] = await Promise.all([
    import("@vercel/otel"),
    import("@prisma/instrumentation"),
    import("@opentelemetry/sdk-trace-base"),
  ]);
  const exporterConfig = { url: settings.url, headers: settings.headers };
  const exporter =
    settings.protocol === "http/json"
      ? new otel.OTLPHttpJsonTraceExporter(exporterConfig)
      : new otel.OTLPHttpProtoTraceExporter(exporterConfig);
  const processor = new BatchSpanProcessor(exporter);
  // Prisma's per-operation serialize and compile steps are a span each, in-process and near-instant:
  // left out, they would otherwise double the spans of a catalogue page's forty queries.
  const prisma = new PrismaInstrumentation({
    ignoreSpanTypes: ["prisma:client:serialize", "prisma:client:compile"],
  });
  otel.registerOTel({
    serviceName: settings.serviceName,
    // Our one exporter only: @vercel/otel's "auto" would add Vercel's own runtime exporter.
    spanProcessors: [processor],
    // "auto": fetch (outgoing HTTP), as @vercel/otel sets it up; Prisma: a span per operation and SQL query.
    instrumentations: ["auto", prisma],
  });
  const tracing: Tracing = {
    settings,
    flush: () => processor.forceFlush(),
    async shutdown() {
      removeHook();
      await processor.forceFlush();
      prisma.disable();
      const provider = trace.getTracerProvider() as {
        getDelegate?: () => { shutdown?: () => Promise<void> };
      };
      await provider.getDelegate?.().shutdown?.();
      trace.disable();
      context.disable();
      propagation.disable();
      delete globalTracing[key];
    },
  };
  // On SIGTERM (scripts/lib/graceful-shutdown.ts), once the requests in flight are done: send the
  // spans still in the batch, which would otherwise be lost with the process.
  const removeHook = onShutdown("tracing", "close", (deadline) =>
    Promise.race([
      tracing.shutdown(),
      new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref()),
    ]),
  );
  return tracing;
}
