// Readiness for a load balancer (/api/health/ready): this instance takes
// requests only while (a) the database answers within a short timeout, (b)
// every migration in prisma/migrations is applied and finished, (c) its outbox
// worker makes progress, and (d) it is not shutting down. The checks come in
// as a probe, so a test can point each at a real database, worker or state of
// its own (lib/health/app-readiness.ts builds the app's).
import { AppError } from "../errors";
import type { OutboxWorkerHeartbeat } from "../notify/worker";
import { checkHealth, HEALTH_TIMEOUT_MS, type DatabasePing, type HealthReport } from "./check-health";

/**
 * A worker silent for longer than this is stale (not ready). It beats after
 * every tick (every 5 s) and every row it delivers, so only a worker that has
 * stopped, or is stuck past a whole claim lease (CLAIM_LEASE_SECONDS), is.
 */
export const WORKER_HEARTBEAT_BOUND_MS = 120_000;

export interface ReadinessChecks {
  database: "up" | "down" | "unchecked";
  migrations: "applied" | "missing" | "unknown" | "unchecked";
  worker: "running" | "stopped" | "stale";
  shutdown: "no" | "draining";
}

export type CheckName = keyof ReadinessChecks;

/** 200's body: /api/health's report and every check passed. */
export interface ReadinessReport extends HealthReport {
  checks: { database: "up"; migrations: "applied"; worker: "running"; shutdown: "no" };
}

export interface ReadinessProbe {
  ping: DatabasePing;
  /** The migrations of prisma/migrations not applied and finished in _prisma_migrations. */
  missingMigrations(timeoutMs: number): Promise<string[]>;
  worker(): OutboxWorkerHeartbeat | undefined;
  shuttingDown(): boolean;
}

const passed = {
  database: "up",
  migrations: "applied",
  worker: "running",
  shutdown: "no",
} as const satisfies ReadinessChecks;

function workerCheck(heartbeat: OutboxWorkerHeartbeat | undefined, now: number): ReadinessChecks["worker"] {
  if (!heartbeat) return "stopped";
  return now - (heartbeat.lastBeatAt ?? heartbeat.startedAt) > WORKER_HEARTBEAT_BOUND_MS
    ? "stale"
    : "running";
}

/**
 * Resolves with the report when every check passes. Otherwise throws AppError
 * DATABASE_UNAVAILABLE (the database did not answer in time) or NOT_READY,
 * whose details (the body's error.details) give each check's state, `failed`
 * (the failed checks' names, comma-separated) and `missing` (the missing
 * migrations, when some are). A process that is shutting down answers at once,
 * without asking the database.
 */
export async function checkReadiness(
  probe: ReadinessProbe,
  timeoutMs = HEALTH_TIMEOUT_MS,
  now: () => number = Date.now,
): Promise<ReadinessReport> {
  const checks: ReadinessChecks = {
    database: "unchecked",
    migrations: "unchecked",
    worker: workerCheck(probe.worker(), now()),
    shutdown: probe.shuttingDown() ? "draining" : "no",
  };
  let latencyMs = 0;
  let missing: string[] = [];
  let cause: unknown;
  if (checks.shutdown === "no") {
    try {
      latencyMs = (await checkHealth(probe.ping, timeoutMs)).latencyMs;
      checks.database = "up";
    } catch (error) {
      checks.database = "down";
      cause = error;
    }
    if (checks.database === "up") {
      try {
        missing = await probe.missingMigrations(timeoutMs);
        checks.migrations = missing.length === 0 ? "applied" : "missing";
      } catch (error) {
        checks.migrations = "unknown";
        cause = error;
      }
    }
  }
  // "unchecked" is not a failure: the database is not asked while shutting down.
  const failed = (Object.keys(checks) as CheckName[]).filter(
    (name) => checks[name] !== passed[name] && checks[name] !== "unchecked",
  );
  if (failed.length === 0) return { status: "ok", database: "up", latencyMs, checks: { ...passed } };
  const values: Record<string, string> = { ...checks, failed: failed.join(",") };
  if (missing.length > 0) values.missing = missing.join(",");
  throw new AppError(checks.database === "down" ? "DATABASE_UNAVAILABLE" : "NOT_READY", { values, cause });
}
