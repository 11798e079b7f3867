// GET /api/health/ready (issue 20 §3): 200 only while the database answers,
// every migration is applied, the outbox worker runs and the process is not
// shutting down. The route handler runs on a PostgreSQL of this test's own,
// which it stops and starts; a real outbox worker runs in this process.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDbClient, type DbClient } from "../../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres, type EmbeddedDb } from "../../lib/db/embedded";
import { migrateDeploy } from "../../lib/db/migrate";
import { markShuttingDown, resetLifecycle } from "../../lib/health/lifecycle";
import { committedMigrations } from "../../lib/health/migrations";
import { WORKER_HEARTBEAT_BOUND_MS } from "../../lib/health/readiness";
import type { Mailer } from "../../lib/notify/mailer";
import { outboxWorkerHeartbeat, startOutboxWorker, stopOutboxWorker } from "../../lib/notify/worker";

const globalForDb = globalThis as unknown as { portalDb?: unknown };
const mailer: Mailer = { send: async () => {} };

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: {
    status?: string;
    checks?: Record<string, string>;
    error?: { code: string; details?: Record<string, string> };
  };
}

/** The route handler as Next runs it, for the database at `databaseUrl`. */
async function ready(databaseUrl: string): Promise<Answer> {
  vi.resetModules();
  globalForDb.portalDb = undefined;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const { GET } = await import("../../app/api/health/ready/route");
    const started = performance.now();
    const response = await GET(new Request("http://localhost/api/health/ready"));
    const ms = performance.now() - started;
    return {
      status: response.status,
      ms,
      retryAfter: response.headers.get("retry-after"),
      body: await response.json(),
    };
  } finally {
    process.env.DATABASE_URL = previous;
    globalForDb.portalDb = undefined;
  }
}

let dir: string;
let server: EmbeddedDb;
let port: number;
let db: DbClient;
let url: string;

beforeAll(async () => {
  dir = await makeTempDataDir("portal-ready-");
  port = await findFreePort();
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), preferredPort: port });
  await server.ensureDatabase("portal");
  url = server.url("portal");
  await migrateDeploy(url);
  db = createDbClient(url, { statementTimeoutMs: 5_000, lockTimeoutMs: 2_000 });
  startOutboxWorker({ mailer, db: () => db });
});

afterAll(async () => {
  await stopOutboxWorker(Date.now() + 5_000).catch(() => {});
  resetLifecycle();
  await db?.$disconnect();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("GET /api/health/ready", () => {
  it("answers 200 with every check passed", async () => {
    expect(outboxWorkerHeartbeat()).toBeDefined();
    const answer = await ready(url);
    expect(answer).toMatchObject({
      status: 200,
      body: {
        status: "ok",
        database: "up",
        checks: { database: "up", migrations: "applied", worker: "running", shutdown: "no" },
      },
    });
  });

  it("answers 503 naming the database when it stops, within its timeout, and 200 once it is back", async () => {
    await server.stop();
    try {
      const down = await ready(url);
      expect(down).toMatchObject({
        status: 503,
        retryAfter: "5",
        body: {
          error: {
            code: "DATABASE_UNAVAILABLE",
            details: {
              failed: "database",
              database: "down",
              migrations: "unchecked",
              worker: "running",
              shutdown: "no",
            },
          },
        },
      });
      // The check gives up after 1 s (HEALTH_TIMEOUT_MS); 5 s is room for a busy machine.
      expect(down.ms).toBeLessThan(5_000);
    } finally {
      server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), preferredPort: port });
    }
    expect(server.port).toBe(port);
    expect(await ready(url)).toMatchObject({ status: 200, body: { checks: { database: "up" } } });
  });

  it("answers 503 naming a migration that is missing or did not finish", async () => {
    const [, second, ...rest] = await committedMigrations();
    const last = rest.at(-1)!;
    // A database of its own (the cached positive answer is per database): this file's test database.
    const partialUrl = process.env.DATABASE_URL!;
    const partial = createDbClient(partialUrl);
    try {
      await partial.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${last}`;
      await partial.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${second}`;
      expect(await ready(partialUrl)).toMatchObject({
        status: 503,
        body: {
          error: {
            code: "NOT_READY",
            details: {
              failed: "migrations",
              migrations: "missing",
              missing: `${second},${last}`,
              database: "up",
            },
          },
        },
      });
      await partial.$executeRaw`UPDATE _prisma_migrations SET finished_at = now() WHERE migration_name = ${second}`;
      expect(await ready(partialUrl)).toMatchObject({
        status: 503,
        body: { error: { details: { missing: last } } },
      });
    } finally {
      await partial.$disconnect();
    }
  });

  it("answers 503 naming the worker when it is stale or not running, 200 once it runs again", async () => {
    // Silent past the bound: stale. Checked with the clock moved on, the real worker's heartbeat as it is.
    vi.resetModules();
    const { checkReadiness } = await import("../../lib/health/readiness");
    const { appReadinessProbe } = await import("../../lib/health/app-readiness");
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const heartbeat = outboxWorkerHeartbeat()!;
      const later = (heartbeat.lastBeatAt ?? heartbeat.startedAt) + WORKER_HEARTBEAT_BOUND_MS + 1;
      const stale = await checkReadiness(appReadinessProbe(1_000), 1_000, () => later).catch(
        (e: unknown) => e,
      );
      expect(stale).toMatchObject({ code: "NOT_READY", values: { failed: "worker", worker: "stale" } });
    } finally {
      process.env.DATABASE_URL = previous;
    }

    await stopOutboxWorker();
    expect(outboxWorkerHeartbeat()).toBeUndefined();
    expect(await ready(url)).toMatchObject({
      status: 503,
      retryAfter: "5",
      body: {
        error: { code: "NOT_READY", details: { failed: "worker", worker: "stopped", database: "up" } },
      },
    });
    startOutboxWorker({ mailer, db: () => db });
    expect(await ready(url)).toMatchObject({ status: 200 });
  });

  it("answers 503 at once, without asking the database, once the process is shutting down", async () => {
    markShuttingDown();
    try {
      // A port nothing listens on: were the database asked, the answer would be DATABASE_UNAVAILABLE.
      const closedUrl = `postgresql://postgres:postgres@127.0.0.1:${await findFreePort()}/portal`;
      for (const target of [url, closedUrl]) {
        const answer = await ready(target);
        expect(answer).toMatchObject({
          status: 503,
          body: {
            error: {
              code: "NOT_READY",
              details: { failed: "shutdown", shutdown: "draining", database: "unchecked", worker: "running" },
            },
          },
        });
        expect(answer.ms).toBeLessThan(500);
      }
    } finally {
      resetLifecycle();
      // resetLifecycle dropped the worker's shutdown hook: start it afresh.
      await stopOutboxWorker();
      startOutboxWorker({ mailer, db: () => db });
    }
    expect(await ready(url)).toMatchObject({ status: 200 });
  });
});
