import { PrismaPg } from "@prisma/adapter-pg";
import pg, { type PoolConfig } from "pg";
import type { Env } from "../env";
import { childLog } from "../observability/log";
import { registerPool } from "../observability/pools";
import { PrismaClient, type Prisma } from "./generated/client";

const dbLog = childLog({ component: "db" });

export type DbClient = PrismaClient;
/** The client inside an interactive transaction. */
export type TxClient = Prisma.TransactionClient;

/** How the client's connections behave when the database is slow, locked or gone. */
export interface DbClientOptions {
  /** Postgres `statement_timeout` on every connection: a longer statement is cancelled (57014). Unset: none. */
  statementTimeoutMs?: number;
  /** Postgres `lock_timeout` on every connection: a longer lock wait is given up (55P03). Unset: none. */
  lockTimeoutMs?: number;
  /** Connections in the pool (default 10). */
  poolMax?: number;
  /** How long a query waits for a free or new connection before it fails (default 3000). */
  poolWaitMs?: number;
  /** Shown in pg_stat_activity, so an operator can tell the app's sessions from others. */
  applicationName?: string;
  /** A metric label for this client's pool ("primary", "replica-1"); unset: the pool is not reported. */
  poolRole?: string;
}

/** The app's own client options, from the validated environment (lib/env.ts). */
export function dbOptionsFromEnv(
  e: Pick<Env, "DB_STATEMENT_TIMEOUT_MS" | "DB_LOCK_TIMEOUT_MS" | "DB_POOL_MAX" | "DB_POOL_WAIT_MS">,
): DbClientOptions {
  return {
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
    poolMax: e.DB_POOL_MAX,
    poolWaitMs: e.DB_POOL_WAIT_MS,
    applicationName: "portal",
    poolRole: "primary",
  };
}

/**
 * The node-postgres pool configuration behind a client. The timeouts are sent
 * as startup parameters, so they hold for every statement on every connection,
 * inside transactions too, without an extra round trip. (Parameters in the
 * connection string's query, if any, take precedence in node-postgres.)
 */
export function poolConfig(connectionString: string, options: DbClientOptions = {}): PoolConfig {
  return {
    connectionString,
    // pg-pool uses this both for opening a connection and for waiting in the
    // queue for a free one: a stopped database or a saturated pool fails fast.
    connectionTimeoutMillis: options.poolWaitMs ?? 3_000,
    idleTimeoutMillis: 30_000,
    max: options.poolMax ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  };
}

/**
 * A Prisma client over node-postgres. Short connection timeouts make a stopped
 * database fail fast (friendly error page, /api/health 503) instead of hanging;
 * the pool opens new connections once the database is back.
 *
 * Without options (scripts: seeding, benchmarks) statements and lock waits are
 * not limited; the app's client (lib/db/client.ts) passes its settings.
 */
export function createDbClient(connectionString: string, options: DbClientOptions = {}): PrismaClient {
  // A connection the server closes (restart, failover) must not crash the process:
  // it is logged, and the pool opens a new one on the next query.
  const lost = (error: Error) =>
    dbLog.warn(
      { pool: options.poolRole ?? "script", code: (error as { code?: string }).code },
      `connection lost: ${error.message}`,
    );
  const pool = new pg.Pool(poolConfig(connectionString, options));
  if (options.poolRole) registerPool(options.poolRole, pool);
  // The adapter ends the pool on $disconnect (disposeExternalPool), as it does a pool of its own.
  const adapter = new PrismaPg(pool, {
    onPoolError: lost,
    onConnectionError: lost,
    disposeExternalPool: true,
  });
  return new PrismaClient({ adapter });
}
