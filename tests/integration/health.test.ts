// GET /api/health (and /ready, /live) both ways (readiness in full: health-readiness.test.ts), and recovery after a database
// outage without restarting the app's client or the health check's pool.
import { rm } from "node:fs/promises";
import net, { type Socket } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDbClient } from "../../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres } from "../../lib/db/embedded";
import { AppError } from "../../lib/errors";
import { checkHealth } from "../../lib/health/check-health";
import { poolPing } from "../../lib/health/database-ping";
import { startOutboxWorker, stopOutboxWorker } from "../../lib/notify/worker";

const globalForDb = globalThis as unknown as { portalDb?: unknown };

const routes = {
  health: () => import("../../app/api/health/route"),
  ready: () => import("../../app/api/health/ready/route"),
  live: () => import("../../app/api/health/live/route"),
};

async function callRoute(databaseUrl: string, query = "", which: keyof typeof routes = "health") {
  vi.resetModules();
  globalForDb.portalDb = undefined;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const { GET } = await routes[which]();
    const response = await GET(new Request(`http://localhost/api/health${query}`));
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      cacheControl: response.headers.get("cache-control"),
      body: await response.json(),
    };
  } finally {
    process.env.DATABASE_URL = previous;
    globalForDb.portalDb = undefined;
  }
}

describe("GET /api/health", () => {
  it("answers 200 when the database answers", async () => {
    const { status, body } = await callRoute(process.env.DATABASE_URL!);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: "up" });
  });

  it("answers ready 200 and live 200 when the database answers (and, for ready, the outbox worker runs)", async () => {
    // Readiness's other checks: tests/integration/health-readiness.test.ts.
    startOutboxWorker({ mailer: { send: async () => {} } });
    try {
      expect(await callRoute(process.env.DATABASE_URL!, "", "ready")).toMatchObject({
        status: 200,
        cacheControl: "no-store",
        body: { status: "ok", database: "up" },
      });
    } finally {
      await stopOutboxWorker();
    }
    expect(await callRoute(process.env.DATABASE_URL!, "", "live")).toMatchObject({
      status: 200,
      body: { status: "ok" },
    });
  });

  it("answers 503 with a localized error when it does not", async () => {
    const closedPort = await findFreePort();
    const closedUrl = `postgresql://postgres:postgres@127.0.0.1:${closedPort}/portal`;
    const { status, retryAfter, body } = await callRoute(closedUrl, "?locale=zh");
    expect(status).toBe(503);
    expect(retryAfter).toBe("5");
    expect(body).toEqual({
      error: { code: "DATABASE_UNAVAILABLE", message: "服务暂时不可用，请稍后再试。" },
    });
    expect(await callRoute(closedUrl, "", "ready")).toMatchObject({
      status: 503,
      retryAfter: "5",
      body: { error: { code: "DATABASE_UNAVAILABLE" } },
    });
    // Liveness never asks the database.
    expect(await callRoute(closedUrl, "", "live")).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("answers 503 within its short timeout when the database accepts but does not answer", async () => {
    // A server that accepts TCP connections and says nothing (a hung database, a black hole).
    const sockets = new Set<Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = performance.now();
      const { status } = await callRoute(`postgresql://postgres:postgres@127.0.0.1:${port}/portal`);
      expect(status).toBe(503);
      // The check gives up after 1 s; without a timeout it would wait forever (10 s: room for a busy machine).
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("database outage", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reports the outage and recovers on the same client once the database is back", async () => {
    dir = await makeTempDataDir("portal-outage-");
    const dataDir = path.join(dir, "pg");
    const port = await findFreePort();
    let server = await startEmbeddedPostgres({ dataDir, preferredPort: port });
    await server.ensureDatabase("portal");
    const db = createDbClient(server.url("portal"), { statementTimeoutMs: 5_000, lockTimeoutMs: 2_000 });
    const pool = new pg.Pool({
      connectionString: server.url("portal"),
      max: 2,
      connectionTimeoutMillis: 1_000,
    });
    pool.on("error", () => {});
    try {
      await expect(checkHealth(db)).resolves.toMatchObject({ status: "ok" });
      await expect(checkHealth(poolPing(pool))).resolves.toMatchObject({ status: "ok" });

      await server.stop();
      for (const check of [() => checkHealth(db), () => checkHealth(poolPing(pool))]) {
        const down = await check().catch((error: unknown) => error);
        expect(down).toBeInstanceOf(AppError);
        expect((down as AppError).code).toBe("DATABASE_UNAVAILABLE");
        expect((down as AppError).retryAfterSeconds).toBe(5);
      }

      server = await startEmbeddedPostgres({ dataDir, preferredPort: port });
      expect(server.port).toBe(port);
      await expect(checkHealth(db)).resolves.toMatchObject({ status: "ok" });
      await expect(checkHealth(poolPing(pool))).resolves.toMatchObject({ status: "ok" });
    } finally {
      await db.$disconnect();
      await pool.end();
      await server.stop();
    }
  });
});
