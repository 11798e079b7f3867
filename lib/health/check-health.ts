import { AppError } from "../errors";
import type { DbClient } from "../db/create-client";

export interface HealthReport {
  status: "ok";
  database: "up";
  latencyMs: number;
}

/**
 * Asks the database a trivial question. Resolves with a report, or throws
 * AppError DATABASE_UNAVAILABLE when the database does not answer in time.
 */
export async function checkHealth(db: DbClient, timeoutMs = 2_000): Promise<HealthReport> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout exceeded when trying to connect")), timeoutMs);
      }),
    ]);
  } catch (error) {
    throw new AppError("DATABASE_UNAVAILABLE", { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) };
}
