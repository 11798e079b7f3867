// GET /api/health both ways, and recovery after a database outage without
// restarting the app's client.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDbClient } from "../../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres } from "../../lib/db/embedded";
import { AppError } from "../../lib/errors";
import { checkHealth } from "../../lib/health/check-health";

const globalForDb = globalThis as unknown as { portalDb?: unknown };

async function callRoute(databaseUrl: string, query = "") {
  vi.resetModules();
  globalForDb.portalDb = undefined;
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const { GET } = await import("../../app/api/health/route");
    const response = await GET(new Request(`http://localhost/api/health${query}`));
    return { status: response.status, body: await response.json() };
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

  it("answers 503 with a localized error when it does not", async () => {
    const closedPort = await findFreePort();
    const { status, body } = await callRoute(
      `postgresql://postgres:postgres@127.0.0.1:${closedPort}/portal`,
      "?locale=zh",
    );
    expect(status).toBe(503);
    expect(body).toEqual({
      error: { code: "DATABASE_UNAVAILABLE", message: "服务暂时不可用，请稍后再试。" },
    });
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
    const db = createDbClient(server.url("portal"));
    try {
      await expect(checkHealth(db)).resolves.toMatchObject({ status: "ok" });

      await server.stop();
      const down = await checkHealth(db).catch((error: unknown) => error);
      expect(down).toBeInstanceOf(AppError);
      expect((down as AppError).code).toBe("DATABASE_UNAVAILABLE");

      server = await startEmbeddedPostgres({ dataDir, preferredPort: port });
      expect(server.port).toBe(port);
      await expect(checkHealth(db)).resolves.toMatchObject({ status: "ok" });
    } finally {
      await db.$disconnect();
      await server.stop();
    }
  });
});
