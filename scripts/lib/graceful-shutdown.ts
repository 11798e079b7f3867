// How the portal's HTTP server (scripts/server.ts) stops on SIGTERM or SIGINT,
// within SHUTDOWN_TIMEOUT_MS (lib/env.ts, 10 s by default):
//
// 1. mark the process shutting down: /api/health/ready answers 503 from now on
//    (lib/health/lifecycle.ts), so a load balancer stops sending it requests;
// 2. stop accepting connections (server.close) and close idle keep-alive
//    connections; every response from now on, and those of the requests in
//    flight that have not answered yet, carry `Connection: close`;
// 3. meanwhile, the "drain" hooks: the outbox worker starts no new row, lets
//    the one being sent finish and releases the leases of the rows it claimed
//    but did not deliver (lib/notify/worker.ts), so another instance sends them
//    at once;
// 4. once the requests in flight have finished (or at the drain deadline,
//    SHUTDOWN_TIMEOUT_MS minus a reserve of up to 2 s), let Next clean up, run
//    the "close" hooks (the health check's pool, the last traces' flush when
//    tracing is on) and end the database pools;
// 5. exit 0 when every request in flight finished, 1 when some were cut off.
//    Should any step hang, a timer exits 1 at SHUTDOWN_TIMEOUT_MS.
import type { Server, ServerResponse } from "node:http";
import { parseEnv } from "../../lib/env";
import { markShuttingDown, shutdownHooks, type ShutdownPhase } from "../../lib/health/lifecycle";
import { childLog } from "../../lib/observability/log";
import { registeredPools } from "../../lib/observability/pools";

export interface ShutdownTargets {
  server: Server;
  app: { close(): Promise<void> };
  /** SHUTDOWN_TIMEOUT_MS unless told. */
  timeoutMs?: number;
  /** process.exit unless told. */
  exit?: (code: number) => void;
  /** The signals that start it: SIGTERM and SIGINT unless told (a test calls stop itself). */
  signals?: NodeJS.Signals[];
}

/** Exit codes: every request in flight finished / the timeout cut some off (or a step hung). */
export const SHUTDOWN_EXIT = { drained: 0, forced: 1 } as const;

/** Resolves with true when `work` settles first, false at `deadline`. */
function before(work: Promise<unknown>, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    void work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

export function installGracefulShutdown({
  server,
  app,
  timeoutMs = parseEnv(process.env).SHUTDOWN_TIMEOUT_MS,
  exit = (code) => process.exit(code),
  signals = ["SIGTERM", "SIGINT"],
}: ShutdownTargets): { stop(signal: NodeJS.Signals): Promise<void> } {
  const log = childLog({ component: "shutdown" });
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  // First of the request listeners: counts the request and, once stopping, closes its connection after it.
  server.prependListener("request", (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    if (stopping) res.setHeader("Connection", "close");
  });

  async function runHooks(phase: ShutdownPhase, deadline: number): Promise<void> {
    await Promise.all(
      shutdownHooks(phase).map((hook) =>
        hook
          .run(deadline)
          .catch((error: unknown) =>
            log.error(
              { hook: hook.name, err: String(error instanceof Error ? error.message : error) },
              "shutdown step failed",
            ),
          ),
      ),
    );
  }

  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const deadline = started + timeoutMs;
    const drainDeadline = deadline - Math.min(2_000, timeoutMs / 4);
    const force = setTimeout(() => {
      log.error({ signal, timeoutMs, inFlight: inFlight.size }, "shutdown timed out: exiting anyway");
      exit(SHUTDOWN_EXIT.forced);
    }, timeoutMs);
    force.unref();

    markShuttingDown(started);
    log.info({ signal, inFlight: inFlight.size, timeoutMs }, "shutting down: draining requests in flight");
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A connection whose response was under way at SIGTERM goes idle after it: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);

    const [drained] = await Promise.all([before(closed, drainDeadline), runHooks("drain", drainDeadline)]);
    clearInterval(sweep);
    if (!drained) {
      log.warn(
        { inFlight: inFlight.size },
        "requests still in flight at the drain deadline: closing their connections",
      );
      server.closeAllConnections();
    }

    await before(
      app
        .close()
        .catch((error: unknown) =>
          log.error(
            { err: String(error instanceof Error ? error.message : error) },
            "Next did not close cleanly",
          ),
        ),
      deadline,
    );
    await before(runHooks("close", deadline), deadline);
    await before(Promise.all(registeredPools().map(({ pool }) => pool.end().catch(() => {}))), deadline);

    const code = drained ? SHUTDOWN_EXIT.drained : SHUTDOWN_EXIT.forced;
    log.info({ signal, code, ms: Date.now() - started }, "shut down");
    clearTimeout(force);
    exit(code);
  }

  for (const name of signals) process.on(name, (signal) => void stop(signal));
  return { stop };
}
