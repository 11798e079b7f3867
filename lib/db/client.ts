import "server-only";
import { createDbClient, type DbClient } from "./create-client";
import { env } from "../env";

const globalForDb = globalThis as unknown as { portalDb?: DbClient };

/**
 * The app's one Prisma client. Created on first use (never at import, so
 * `next build` needs no database) and kept across hot reloads in development.
 */
export function getDb(): DbClient {
  if (!globalForDb.portalDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start` or set it.");
    globalForDb.portalDb = createDbClient(url);
  }
  return globalForDb.portalDb;
}
