// The access log: one JSON line per request when its answer is finished (or
// the client went away): request id, method, route template, status, duration,
// body bytes, the role the actor acted in. Never the raw path or the query: a
// manage link carries its booking's token there. scripts/server.ts calls
// trackRequest for every request before Next sees it, then runs Next's handler
// inside the returned context.
//
// Others hear of each finished request through onRequestFinished (metrics'
// request histogram), so there is one place that times a request.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { normalizeAddress, type TrustedProxies } from "../net/client-address";
import { childLog } from "./log";
import {
  ANONYMOUS,
  PUBLIC_REQUEST_ID_HEADER,
  REQUEST_ID_HEADER,
  assignRequestId,
  currentRequestId,
  type RequestContext,
} from "./request-context";
import { routeOf, type RouteTable } from "./route-of";

export interface RequestFinished {
  requestId: string;
  /** GET, POST, …; anything outside METHODS is "OTHER" (bounded, and never a client's text). */
  method: string;
  /** The route template (lib/observability/route-of.ts), "other" when none matched. */
  route: string;
  /** The status sent; 0 when the client left before any was sent. */
  status: number;
  seconds: number;
  /** Body bytes written (after compression). */
  bytes: number;
  role: string;
  /** The connection closed before the answer was complete. */
  aborted: boolean;
  /** The rendered-page cache's answer, when it was asked (lib/cache/page-cache.ts). */
  pageCache?: string;
}

export type RequestFinishedListener = (info: RequestFinished) => void;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Load balancers poll these every few seconds: their lines are debug unless they fail. */
const PROBE_ROUTES = new Set(["/api/health/live", "/api/health/ready"]);

const key = Symbol.for("portal.requestFinishedListeners");
const holder = globalThis as unknown as { [key]?: Set<RequestFinishedListener> };
const listeners = (holder[key] ??= new Set());

const accessLog = childLog({ component: "http" });

/** Calls `listener` after every finished request (its access-log line written); returns the unsubscribe. */
export function onRequestFinished(listener: RequestFinishedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The method as the log and metrics name it. */
export function methodName(method: string | undefined): string {
  return method && METHODS.has(method) ? method : "OTHER";
}

/** Writes the access-log line of a finished request and tells the listeners. */
export function requestFinished(info: RequestFinished): void {
  const fields = {
    requestId: info.requestId,
    method: info.method,
    route: info.route,
    status: info.status,
    durationMs: Math.round(info.seconds * 1e6) / 1e3,
    bytes: info.bytes,
    role: info.role,
    ...(info.aborted ? { aborted: true } : {}),
    ...(info.pageCache ? { pageCache: info.pageCache } : {}),
  };
  if (info.status >= 500) accessLog.error(fields, "request failed");
  else if (PROBE_ROUTES.has(info.route)) accessLog.debug(fields, "request");
  else accessLog.info(fields, "request");
  for (const listener of listeners) {
    try {
      listener(info);
    } catch (error) {
      accessLog.warn({ err: error }, "a request-finished listener threw");
    }
  }
}

function chunkLength(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === "string")
    return Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  return 0;
}

/**
 * Opens a request's tracking: its id (kept from a trusted proxy's well-formed
 * X-Request-Id, else new), the X-Request-Id answer header, byte counting, and
 * the access-log line once the response closes. Returns the context to run
 * Next's handler in (lib/observability/request-context.ts).
 */
export function trackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: { routes: RouteTable; trustedProxies: TrustedProxies },
): RequestContext {
  const started = process.hrtime.bigint();
  const peer = normalizeAddress(req.socket.remoteAddress);
  const fromTrustedProxy =
    peer !== null && options.trustedProxies.size > 0 && options.trustedProxies.has(peer);
  const context: RequestContext = { requestId: assignRequestId(req, fromTrustedProxy), role: ANONYMOUS };
  res.setHeader(PUBLIC_REQUEST_ID_HEADER, context.requestId);

  let bytes = 0;
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    bytes += chunkLength(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (args.length > 0 && typeof args[0] !== "function") bytes += chunkLength(args[0], args[1]);
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.end;

  res.once("close", () => {
    requestFinished({
      requestId: context.requestId,
      method: methodName(req.method),
      route: routeOf(req.url, options.routes),
      status: res.headersSent ? res.statusCode : 0,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      bytes,
      role: context.role,
      aborted: !res.writableFinished,
      pageCache: context.pageCache,
    });
  });
  return context;
}

/** What Next passes to instrumentation.ts's onRequestError about the route (its RequestErrorContext). */
export interface RequestErrorRoute {
  routePath: string;
  routeType: string;
  routerKind?: string;
  renderSource?: string;
}

/**
 * The line for an error Next caught while serving a request (instrumentation.ts's
 * onRequestError): the request id, the route's template and kind, and the
 * error's class, message, stack and digest (the id Next shows on its error
 * page). Never the path, its query or the body.
 */
export function logRequestError(
  error: unknown,
  request: { method?: string; headers?: Record<string, string | string[] | undefined> },
  route: RequestErrorRoute,
  logger: Logger = accessLog,
): void {
  const header = request.headers?.[REQUEST_ID_HEADER];
  const digest = (error as { digest?: unknown } | null)?.digest;
  logger.error(
    {
      requestId: (typeof header === "string" ? header : undefined) ?? currentRequestId(),
      method: methodName(request.method),
      routePath: route.routePath,
      routeType: route.routeType,
      ...(route.renderSource ? { renderSource: route.renderSource } : {}),
      err: error,
      ...(typeof digest === "string" ? { digest } : {}),
    },
    "unhandled error while serving a request",
  );
}
