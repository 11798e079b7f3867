// The metrics listener for a Prometheus on the same host: when METRICS_PORT is
// set, a second node:http server on 127.0.0.1:METRICS_PORT answers GET /metrics
// (no token: only local processes reach it) with this process's registry
// (lib/observability/metrics.ts). scripts/server.ts starts it; it closes itself
// when the process is told to stop. In the cluster each app instance has its
// own registry and its own METRICS_PORT: Prometheus scrapes each one.
import { createServer, type Server } from "node:http";
import { env } from "../env";
import { childLog } from "./log";
import { metricsText } from "./metrics";

const log = childLog({ component: "metrics" });

/** Serves GET (and HEAD) /metrics on host:port; 404 for any other path, 405 for any other method. */
export function createMetricsServer(): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found: GET /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end();
      return;
    }
    metricsText().then(
      ({ body, contentType }) => {
        res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (error: unknown) => {
        log.error({ err: error }, "metrics exposition failed");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("metrics unavailable\n");
      },
    );
  });
}

/**
 * Starts the listener when METRICS_PORT is set (else does nothing and returns
 * undefined). It never keeps the process alive, and closes on SIGTERM/SIGINT.
 */
export function startMetricsServer(port = env().METRICS_PORT, host = "127.0.0.1"): Server | undefined {
  if (port === undefined) return undefined;
  const server = createMetricsServer();
  server.on("error", (error: NodeJS.ErrnoException) =>
    log.error({ err: error, port }, `the metrics listener on ${host}:${port} failed`),
  );
  server.listen(port, host, () => log.info({ port, host }, "metrics listener started"));
  server.unref();
  const close = () => {
    server.close();
    server.closeAllConnections();
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
  server.on("close", () => {
    process.off("SIGTERM", close);
    process.off("SIGINT", close);
  });
  return server;
}
