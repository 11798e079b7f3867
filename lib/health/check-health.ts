import { AppError } from "../errors";
import type { DbClient } from "../db/create-client";

export interface HealthReport {
  status: "ok";
  database: "up";
  latencyMs: number;
}

/** How long the health and readiness checks wait for the database's answer. */
export const HEALTH_TIMEOUT_MS = 1_000;

/** Asks the database a trivial question; must give up by itself within `timeoutMs`. */
export type DatabasePing = (timeoutMs: number) => Promise<unknown>;

/**
 * A ping through a Prisma client: SELECT 1 in a tiny transaction with its own
 * statement timeout. It takes no lock, so a locked table never slows it; it
 * does share that client's pool (lib/health/database-ping.ts has one of its own).
 */
export function prismaPing(db: DbClient): DatabasePing {
  return (timeoutMs) =>
    db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`),
      db.$queryRaw`SELECT 1`,
    ]);
}

/**
 * Asks the database a trivial question. Resolves with a report, or throws
 * AppError DATABASE_UNAVAILABLE when the database does not answer within
 * `timeoutMs` (1 s by default, whatever the pool or the connection does).
 */
export async function checkHealth(
  target: DbClient | DatabasePing,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<HealthReport> {
  const ping = typeof target === "function" ? target : prismaPing(target);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(timeoutMs),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the database did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    throw new AppError("DATABASE_UNAVAILABLE", { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) };
}
