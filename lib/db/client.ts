import "server-only";
import { createDbClient, dbOptionsFromEnv, type DbClient } from "./create-client";
import { env } from "../env";

const globalForDb = globalThis as unknown as { portalDb?: DbClient };

/**
 * The app's one Prisma client. Created on first use (never at import, so
 * `next build` needs no database) and kept across hot reloads in development,
 * with the DB_* settings of lib/env.ts (timeouts, pool size and wait).
 */
export function getDb(): DbClient {
  if (!globalForDb.portalDb) {
    const settings = env();
    const url = settings.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start` or set it.");
    // Statement and lock timeouts: a locked table or a stuck query answers 503 in
    // seconds instead of holding the request (and a pooled connection) open.
    globalForDb.portalDb = createDbClient(url, dbOptionsFromEnv(settings));
  }
  return globalForDb.portalDb;
}
