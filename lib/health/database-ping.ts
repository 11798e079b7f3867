import "server-only";
// The health and readiness checks' own connection to the database. The app's
// pool can be full of requests waiting on a locked table; the check must still
// tell "the database answers" from "it does not", so it has a tiny pool of its
// own (at most 2 connections, closed after 30 s idle).
import pg from "pg";
import { env } from "../env";
import type { DatabasePing } from "./check-health";
import { onShutdown } from "./lifecycle";

const globalForHealth = globalThis as unknown as { portalHealthPools?: Map<string, pg.Pool> };

function healthPool(connectionString: string, timeoutMs: number): pg.Pool {
  const pools = (globalForHealth.portalHealthPools ??= new Map());
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({
      connectionString,
      max: 2,
      connectionTimeoutMillis: timeoutMs,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      statement_timeout: timeoutMs,
      application_name: "portal-health",
    });
    // An idle connection the server closes is dropped by the pool; nothing to crash on.
    pool.on("error", () => {});
    pools.set(connectionString, pool);
    // On shutdown, after the requests in flight: its connections close with the app's.
    onShutdown("health pools", "close", async () => {
      const open = [...pools.values()];
      pools.clear();
      await Promise.all(open.map((p) => p.end().catch(() => {})));
    });
  }
  return pool;
}

/** The health pool for this app's database (DATABASE_URL). */
export function appHealthPool(timeoutMs: number): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm start` or set it.");
  return healthPool(url, timeoutMs);
}

/** SELECT 1 on a connection of the health pool; a connection that failed is discarded. */
export function poolPing(pool: pg.Pool): DatabasePing {
  return async (timeoutMs) => {
    const client = await pool.connect();
    let failure: Error | undefined;
    try {
      // query_timeout also covers a server that stopped answering without closing
      // the socket; the connection is then thrown away, never reused.
      await client.query({ text: "SELECT 1", query_timeout: timeoutMs } as pg.QueryConfig);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(failure ?? false);
    }
  };
}

/** The ping for this app's database (DATABASE_URL), on the health pool. */
export function databasePing(timeoutMs: number): DatabasePing {
  return poolPing(appHealthPool(timeoutMs));
}
