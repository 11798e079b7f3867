// The portal's HTTP server: Next.js behind a plain node:http server (Next's
// documented custom-server API), so that the app knows each request's TCP
// peer. Before Next sees a request this server deletes any copy of the
// internal peer header the client sent and sets it from the socket
// (markPeerAddress); lib/net/client-address.ts turns it, with TRUSTED_PROXIES
// and X-Forwarded-For, into the client address every limit keys on.
//
//   node --import tsx scripts/server.ts [--dev]
//
// `npm start` and `npm run dev` run it (scripts/start.ts) after the database is
// ready; it reads PORT and the other settings from the environment.
//
// Each request gets an id (a trusted proxy's X-Request-Id, else a new UUID),
// answered as X-Request-Id and kept in a request context for every log line
// Next's code writes; when the answer is finished, one access-log line
// (lib/observability/http-log.ts). Logs are JSON lines on stdout.
//
// Public catalogue pages go through the rendered-page cache first
// (lib/cache/page-cache.ts, ADR 0030; PAGE_CACHE, PAGE_CACHE_MAX_ENTRIES): a kept
// page whose tags are unchanged on the primary is answered without Next.
//
// The build's static assets (/_next/static) are answered from their files and the
// Brotli and gzip copies the build wrote (scripts/lib/static-assets.ts, ADR 0035),
// without Next compressing them again on every request.
import { createServer } from "node:http";
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";
import { markPeerAddress, trustedProxies, type TrustedProxies } from "../lib/net/client-address";
import { onRequestFinished, trackRequest } from "../lib/observability/http-log";
import { childLog } from "../lib/observability/log";
import { runWithRequestContext } from "../lib/observability/request-context";
import { loadRouteTable } from "../lib/observability/route-of";
import {
  applySecurityHeaders,
  newNonce,
  securityHeaders,
  type SecurityHeaders,
} from "../lib/http/security-headers";
import { pageCacheFromEnv, servePage } from "../lib/cache/page-cache";
import { onShutdown } from "../lib/health/lifecycle";
import { routeConsoleToLog } from "./lib/console-to-log";
import { staticAssetHandler } from "./lib/static-assets";
import { installGracefulShutdown } from "./lib/graceful-shutdown";
import { observeHttpRequest } from "../lib/observability/metrics";
import { startMetricsServer } from "../lib/observability/metrics-server";

const dev = process.argv.includes("--dev");
// Next.js reads NODE_ENV while it loads, so it is set before `next` is imported.
const settable = process.env as Record<string, string | undefined>;
settable.NODE_ENV ??= dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const serverLog = childLog({ component: "server" });
// Whatever Next or a library prints goes out as JSON lines too.
routeConsoleToLog();

function fail(line: string): never {
  serverLog.fatal(line);
  process.exit(1);
}

let port: number;
let headers: SecurityHeaders;
let trusted: TrustedProxies;
let pageCache: ReturnType<typeof pageCacheFromEnv>;
try {
  const env = parseEnv(process.env);
  // Not in development: a code change bumps no tag.
  pageCache = dev ? undefined : pageCacheFromEnv(env);
  port = env.PORT;
  trusted = trustedProxies(env.TRUSTED_PROXIES);
  headers = securityHeaders({ publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`, dev });
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const { default: next } = await import("next");
const dir = path.resolve(import.meta.dirname, "..");
const server = createServer();
const app = next({ dev, dir, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
// The build's route templates, for the access log (a dev server has none yet: "other").
const routes = loadRouteTable(dir);
// A development server builds its assets as they are asked for: Next answers them there.
const assets = dev ? undefined : staticAssetHandler(path.join(dir, ".next"));
// Each finished request, as the access log times it, into portal_http_request_duration_seconds.
onRequestFinished(observeHttpRequest);

server.on("request", (req, res) => {
  markPeerAddress(req);
  const context = trackRequest(req, res, { routes, trustedProxies: trusted });
  const nonce = newNonce();
  applySecurityHeaders(req, res, headers, nonce);
  const render = () =>
    servePage(pageCache?.cache, req, res, nonce, () => handle(req, res)).catch((error: unknown) => {
      serverLog.error({ err: error, requestId: context.requestId }, "Next failed to handle a request");
      if (res.headersSent) res.destroy();
      else {
        res.statusCode = 500;
        res.end("Internal Server Error");
      }
    });
  runWithRequestContext(context, () => (assets ? assets(req, res, () => void render()) : void render()));
});
// Next.js adds its own upgrade listener (websockets, hot reload): the header is set before it runs.
server.prependListener("upgrade", (req) => markPeerAddress(req));
server.on("error", (error: NodeJS.ErrnoException) =>
  fail(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use. Stop that process or set PORT to another port.`
      : `The HTTP server failed: ${error.message}`,
  ),
);

// SIGTERM / SIGINT: stop taking requests, finish those in flight, then exit (scripts/lib/graceful-shutdown.ts).
installGracefulShutdown({ server, app });
if (pageCache) onShutdown("page cache", "close", () => pageCache.close());
// METRICS_PORT set: GET /metrics on 127.0.0.1:METRICS_PORT for a local Prometheus (closes itself on SIGTERM).
startMetricsServer();

server.listen(port, () =>
  serverLog.info({ port, dev }, `${dev ? "Development" : "Production"} server on port ${port}`),
);
