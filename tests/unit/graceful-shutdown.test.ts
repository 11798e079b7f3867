// scripts/lib/graceful-shutdown.ts on a real node:http server (no Next, no
// database): what the server does with connections and requests in flight,
// the readiness flag, the drain hooks' deadline and the exit code. The whole
// thing on a production server process: tests/cluster/graceful-shutdown.test.ts.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { onShutdown, resetLifecycle, shuttingDownSince } from "../../lib/health/lifecycle";
import { installGracefulShutdown, SHUTDOWN_EXIT } from "../../scripts/lib/graceful-shutdown";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A server whose /slow answers when the test says so, and /ready as the readiness route decides. */
async function serve() {
  let finishSlow!: () => void;
  const slowMayFinish = new Promise<void>((resolve) => (finishSlow = resolve));
  let slowArrived!: () => void;
  const slowStarted = new Promise<void>((resolve) => (slowArrived = resolve));
  const server: Server = createServer();
  const exits: number[] = [];
  let appClosed = false;
  const shutdown = installGracefulShutdown({
    server,
    app: { close: async () => void (appClosed = true) },
    timeoutMs: 3_000,
    exit: (code) => void exits.push(code),
    signals: [],
  });
  server.on("request", (req, res) => {
    if (req.url === "/slow") {
      slowArrived();
      void slowMayFinish.then(() => res.end("done"));
    } else if (req.url === "/ready") {
      res.statusCode = shuttingDownSince() === undefined ? 200 : 503;
      res.end();
    } else res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, shutdown, exits, finishSlow, slowStarted, appClosed: () => appClosed };
}

afterEach(() => resetLifecycle());

describe("installGracefulShutdown", () => {
  it("refuses new connections at once, finishes the request in flight with Connection: close, runs the hooks, exits 0", async () => {
    const s = await serve();
    expect((await get(s.port, "/ready")).status).toBe(200);
    const hooks: string[] = [];
    let drainDeadline = 0;
    onShutdown("test drain", "drain", async (deadline) => {
      drainDeadline = deadline;
      hooks.push("drain");
    });
    onShutdown("test close", "close", async () => void hooks.push("close"));

    const inFlight = get(s.port, "/slow");
    await s.slowStarted;
    const started = Date.now();
    const stopped = s.shutdown.stop("SIGTERM");

    expect(shuttingDownSince()).toBeGreaterThanOrEqual(started);
    await expect(get(s.port, "/ready")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(s.exits).toEqual([]);

    s.finishSlow();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: "done" });
    expect(answer.headers.connection).toBe("close");
    await stopped;
    expect(s.exits).toEqual([SHUTDOWN_EXIT.drained]);
    expect(SHUTDOWN_EXIT.drained).toBe(0);
    expect(hooks).toEqual(["drain", "close"]);
    expect(s.appClosed()).toBe(true);
    // The drain hooks must be done 2 s (at most a quarter of the timeout) before it.
    expect(drainDeadline).toBeGreaterThanOrEqual(started + 3_000 - 750 - 50);
    expect(drainDeadline).toBeLessThanOrEqual(started + 3_000 - 750 + 50);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("cuts off a request that outlives the drain deadline and exits 1 within the timeout", async () => {
    const s = await serve();
    const inFlight = get(s.port, "/slow").catch((error: NodeJS.ErrnoException) => error);
    await s.slowStarted;
    const started = Date.now();
    await s.shutdown.stop("SIGTERM");
    const took = Date.now() - started;
    expect(s.exits).toEqual([SHUTDOWN_EXIT.forced]);
    expect(SHUTDOWN_EXIT.forced).toBe(1);
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThan(3_000);
    expect(await inFlight).toMatchObject({ code: "ECONNRESET" });
    s.finishSlow();
  });
});
