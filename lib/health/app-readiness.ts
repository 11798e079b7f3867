import "server-only";
// The app's readiness probe (lib/health/readiness.ts): its database through the
// health check's own pool, prisma/migrations against that database, this
// process's outbox worker and shutdown state.
import { env } from "../env";
import { outboxWorkerHeartbeat } from "../notify/worker";
import { appHealthPool, databasePing } from "./database-ping";
import { shuttingDownSince } from "./lifecycle";
import { missingMigrations } from "./migrations";
import type { ReadinessProbe } from "./readiness";

/** Databases (by URL) found with every migration applied: migrations are not undone under a running app. */
const globalForReadiness = globalThis as unknown as { portalMigratedDatabases?: Set<string> };

export function appReadinessProbe(timeoutMs: number): ReadinessProbe {
  const migrated = (globalForReadiness.portalMigratedDatabases ??= new Set());
  return {
    ping: databasePing(timeoutMs),
    async missingMigrations(timeout) {
      const url = env().DATABASE_URL ?? "";
      if (migrated.has(url)) return [];
      const missing = await missingMigrations(appHealthPool(timeoutMs), timeout);
      if (missing.length === 0) migrated.add(url);
      return missing;
    },
    worker: outboxWorkerHeartbeat,
    shuttingDown: () => shuttingDownSince() !== undefined,
  };
}
