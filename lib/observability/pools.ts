// The node-postgres pools this process has opened, by role, so that metrics
// (lib/observability/metrics.ts) can report their use without owning them.
// Kept on globalThis: Next's server bundle and the custom server
// (scripts/server.ts) load this module separately and must see one list.
import type { Pool } from "pg";

export interface RegisteredPool {
  /** "primary", "replica-1", …: a metric label, never a connection string. */
  role: string;
  pool: Pool;
}

const key = Symbol.for("portal.pgPools");
const globalPools = globalThis as unknown as { [key]?: Set<RegisteredPool> };

function pools(): Set<RegisteredPool> {
  return (globalPools[key] ??= new Set());
}

/** Adds a pool to the list; it leaves the list once ended (its client's $disconnect). */
export function registerPool(role: string, pool: Pool): void {
  pools().add({ role, pool });
}

/** The pools still open. */
export function registeredPools(): RegisteredPool[] {
  for (const entry of pools()) if ((entry.pool as Pool & { ended?: boolean }).ended) pools().delete(entry);
  return [...pools()];
}
