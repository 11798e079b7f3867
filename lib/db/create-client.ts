import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type DbClient = PrismaClient;

/**
 * A Prisma client over node-postgres. Short connection timeouts make a stopped
 * database fail fast (friendly error page, /api/health 503) instead of hanging;
 * the pool opens new connections once the database is back.
 */
export function createDbClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    max: 10,
  });
  return new PrismaClient({ adapter });
}
