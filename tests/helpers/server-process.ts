// A database and a production server process for tests that need the real
// thing (tests/cluster): an embedded PostgreSQL in a temporary directory,
// migrated as `npm start` does (seed it yourself if the test needs the demo),
// and the server as scripts/lib/cluster/app.ts starts it
// (`node --import tsx scripts/server.ts` from the build buildIfNeeded made).
import { rm } from "node:fs/promises";
import path from "node:path";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres, type EmbeddedDb } from "../../lib/db/embedded";
import { migrateDeploy } from "../../lib/db/migrate";

export { isReady, startAppInstance, type AppInstance } from "../../scripts/lib/cluster/app";

/** A fixed key for tests only (32 bytes, base64), as vitest.config.ts gives the test processes. */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

export interface TestDatabase {
  /** postgresql://… of the migrated database "portal". */
  url: string;
  server: EmbeddedDb;
  /** A temporary directory for this test's files (logs, …), removed by stop(). */
  dir: string;
  /** Stops the server and removes the directory; safe to call twice. */
  stop(): Promise<void>;
}

export async function startTestDatabase(prefix = "portal-server-"): Promise<TestDatabase> {
  const dir = await makeTempDataDir(prefix);
  let server: EmbeddedDb | undefined;
  const stop = async () => {
    await server?.stop().catch(() => {});
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    server = await startEmbeddedPostgres({
      dataDir: path.join(dir, "pg"),
      preferredPort: await findFreePort(),
    });
    await server.ensureDatabase("portal");
    const url = server.url("portal");
    await migrateDeploy(url);
    return { url, server, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
