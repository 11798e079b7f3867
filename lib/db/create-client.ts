import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client";

export type DbClient = PrismaClient;
/** The client inside an interactive transaction. */
export type TxClient = Prisma.TransactionClient;

/**
 * A Prisma client over node-postgres. Short connection timeouts make a stopped
 * database fail fast (friendly error page, /api/health 503) instead of hanging;
 * the pool opens new connections once the database is back.
 */
export function createDbClient(connectionString: string): PrismaClient {
  // A connection the server closes (restart, failover) must not crash the process:
  // it is logged, and the pool opens a new one on the next query.
  const lost = (error: Error) => console.warn(`[db] connection lost: ${error.message}`);
  const adapter = new PrismaPg(
    { connectionString, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000, max: 10 },
    { onPoolError: lost, onConnectionError: lost },
  );
  return new PrismaClient({ adapter });
}
