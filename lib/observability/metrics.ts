// Prometheus metrics (prom-client), one registry per process: request
// durations, bookings by outcome and error code, hold conversion, the outbox
// queue, quota months near their cap, the database pools' use and the read
// replicas' lag. The registry is kept on globalThis: Next's server bundle and
// the custom server (scripts/server.ts, whose METRICS_PORT listener is
// lib/observability/metrics-server.ts) load this module separately and must
// count into one. Exposed by GET /api/metrics (behind METRICS_TOKEN) and by
// that listener.
//
// The gauges that read the database (outbox, quota) ask on scrape, in one
// statement on a connection of their own with a short timeout: a scrape never
// waits on a busy app pool and never fails because the database is down
// (those gauges are then NaN, portal_metrics_database_up is 0 and
// portal_metrics_scrape_errors_total counts the miss).
import { createHash, timingSafeEqual } from "node:crypto";
import pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { env } from "../env";
import { AppError, toAppError } from "../errors";
import { replicaStatus, type ReplicaStatus } from "../db/replica-status";
import { registeredPools } from "./pools";

/** How long a scrape waits for the database's answer (connection and statement). */
export const METRICS_DB_TIMEOUT_MS = 1_000;

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** What the database gauges read, in one statement. */
export interface DatabaseSnapshot {
  outboxDue: number;
  outboxOldestSeconds: number;
  outboxFailed: number;
  quotaMonthsNearCap: number;
  quotaMonthsAtCap: number;
}

// Outbox: messages still to deliver (PENDING) whose time has come, the age of
// the oldest undelivered one and those given up on. Quota: the current and
// coming months of public institutions with a declared volume, whose use
// (used_units, what bookings take, as the console's meter reads it) reaches
// 90 % or 100 % of the cap. The cap is the database's own rule
// (quota_cap_units(quota_month_percent(…)), migration 20261125020000, as
// lib/quota/month-state.ts reads it), never restated here.
const SNAPSHOT_SQL = `
  SELECT
    (SELECT count(*) FROM outbox_message WHERE status = 'PENDING' AND next_attempt_at <= now())::int AS outbox_due,
    (SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outbox_message WHERE status = 'PENDING')::float8
      AS outbox_oldest_seconds,
    (SELECT count(*) FROM outbox_message WHERE status = 'FAILED')::int AS outbox_failed,
    (count(*) FILTER (WHERE m.used * 10 >= m.cap * 9))::int AS quota_near,
    (count(*) FILTER (WHERE m.used >= m.cap))::int AS quota_at
  FROM (
    SELECT qp.used_units AS used, quota_cap_units(quota_month_percent(qp.institution_id, qp.month), qp.declared_volume) AS cap
    FROM quota_period qp JOIN institution i ON i.id = qp.institution_id
    WHERE i.ownership = 'PUBLIC' AND qp.declared_volume IS NOT NULL
      AND qp.month >= date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date
  ) m
  WHERE m.cap > 0`;

interface PortalMetrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status_class">;
  bookings: Counter<"outcome" | "code">;
  bookingChanges: Counter<"operation">;
  holdsCreated: Counter;
  holdsConverted: Counter;
  scrapeErrors: Counter;
  /** The reading in flight: every gauge of one scrape asks at once (prom-client collects them together). */
  snapshot?: Promise<DatabaseSnapshot | null>;
  /** The replicas' status in flight, shared the same way. */
  replicas?: Promise<ReplicaStatus[] | null>;
  pool?: pg.Pool;
}

const key = Symbol.for("portal.metrics");
const globalMetrics = globalThis as unknown as { [key]?: PortalMetrics };

function metricsPool(m: PortalMetrics): pg.Pool | null {
  const url = env().DATABASE_URL;
  if (!url) return null;
  if (!m.pool) {
    m.pool = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: METRICS_DB_TIMEOUT_MS,
      idleTimeoutMillis: 60_000,
      allowExitOnIdle: true,
      statement_timeout: METRICS_DB_TIMEOUT_MS,
      application_name: "portal-metrics",
    });
    // An idle connection the server closes is dropped by the pool; nothing to crash on.
    m.pool.on("error", () => {});
  }
  return m.pool;
}

async function readDatabase(m: PortalMetrics): Promise<DatabaseSnapshot | null> {
  const pool = metricsPool(m);
  if (!pool) return null;
  try {
    // query_timeout also ends a wait on a server that stopped answering without closing the socket.
    const result = await pool.query<{
      outbox_due: number;
      outbox_oldest_seconds: number;
      outbox_failed: number;
      quota_near: number;
      quota_at: number;
    }>({ text: SNAPSHOT_SQL, query_timeout: METRICS_DB_TIMEOUT_MS } as pg.QueryConfig);
    const row = result.rows[0]!;
    return {
      outboxDue: row.outbox_due,
      outboxOldestSeconds: row.outbox_oldest_seconds,
      outboxFailed: row.outbox_failed,
      quotaMonthsNearCap: row.quota_near,
      quotaMonthsAtCap: row.quota_at,
    };
  } catch {
    m.scrapeErrors.inc();
    return null;
  }
}

/**
 * The database reading of this scrape: one statement, shared by the gauges
 * that ask while it runs (a scrape collects every metric at once), read anew
 * by the next scrape.
 */
function databaseSnapshot(m: PortalMetrics): Promise<DatabaseSnapshot | null> {
  m.snapshot ??= readDatabase(m).finally(() => {
    m.snapshot = undefined;
  });
  return m.snapshot;
}

/** The read replicas' status for this scrape (lib/db/replica-status.ts), null when it could not be read. */
function replicaSnapshot(m: PortalMetrics): Promise<ReplicaStatus[] | null> {
  m.replicas ??= replicaStatus()
    .catch(() => {
      m.scrapeErrors.inc();
      return null;
    })
    .finally(() => {
      m.replicas = undefined;
    });
  return m.replicas;
}

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "portal_" });
  const registers = [registry];
  const m: PortalMetrics = {
    registry,
    httpDuration: new Histogram({
      name: "portal_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route template (e.g. /api/v1/bookings/[reference]), method and status class (2xx…5xx).",
      labelNames: ["route", "method", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    bookings: new Counter({
      name: "portal_bookings_total",
      help: 'New bookings (outcome "booked", code "") and bookings the booking transaction refused (outcome "refused", code the error code: SLOT_FULL, QUOTA_EXCEEDED, HOLD_EXPIRED, …). An idempotent replay is not counted again.',
      labelNames: ["outcome", "code"],
      registers,
    }),
    bookingChanges: new Counter({
      name: "portal_booking_changes_total",
      help: "Bookings changed, by operation: reschedule and cancel (the patient, with the manage link), staff_cancel (staff, in the console).",
      labelNames: ["operation"],
      registers,
    }),
    holdsCreated: new Counter({
      name: "portal_holds_created_total",
      help: "Holds placed on a slot (a client's new hold on the same slot replaces its earlier one and counts again). Hold conversion: rate(portal_holds_converted_total[1h]) / rate(portal_holds_created_total[1h]).",
      registers,
    }),
    holdsConverted: new Counter({
      name: "portal_holds_converted_total",
      help: "Bookings made from a live hold (the hold's place became the booking's). Divide by portal_holds_created_total for the conversion.",
      registers,
    }),
    scrapeErrors: new Counter({
      name: "portal_metrics_scrape_errors_total",
      help: "Scrapes whose database reading failed or timed out (the database gauges were then NaN).",
      registers,
      // Read after this scrape's database reading, so that a miss shows in the same scrape.
      async collect() {
        await Promise.all([databaseSnapshot(m), replicaSnapshot(m)]);
      },
    }),
  };

  const fromDatabase = (name: string, help: string, read: (s: DatabaseSnapshot) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const snapshot = await databaseSnapshot(m);
        this.set(snapshot ? read(snapshot) : Number.NaN);
      },
    });
  fromDatabase(
    "portal_outbox_queue_depth",
    "Outbox messages (e-mails, webhooks) due and not yet delivered, read on scrape.",
    (s) => s.outboxDue,
  );
  fromDatabase(
    "portal_outbox_oldest_age_seconds",
    "Age of the oldest undelivered outbox message (0 when none), read on scrape.",
    (s) => s.outboxOldestSeconds,
  );
  fromDatabase(
    "portal_outbox_failed_messages",
    "Outbox messages given up on after their last attempt (status FAILED), read on scrape.",
    (s) => s.outboxFailed,
  );
  new Gauge({
    name: "portal_quota_months_near_cap",
    help: 'Quota months (this month and later) of public institutions whose used units reach a share of the cap: threshold "0.9" (90 % or more) and "1" (full), read on scrape.',
    labelNames: ["threshold"],
    registers,
    async collect() {
      const snapshot = await databaseSnapshot(m);
      this.set({ threshold: "0.9" }, snapshot ? snapshot.quotaMonthsNearCap : Number.NaN);
      this.set({ threshold: "1" }, snapshot ? snapshot.quotaMonthsAtCap : Number.NaN);
    },
  });
  new Gauge({
    name: "portal_metrics_database_up",
    help: "1 when this scrape's database reading succeeded within 1 s, else 0.",
    registers,
    async collect() {
      this.set((await databaseSnapshot(m)) ? 1 : 0);
    },
  });
  const fromReplicas = (name: string, help: string, read: (r: ReplicaStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["replica"],
      registers,
      async collect() {
        const replicas = await replicaSnapshot(m);
        this.reset();
        for (const r of replicas ?? []) this.set({ replica: r.role }, read(r));
      },
    });
  fromReplicas(
    "portal_db_replica_lag_seconds",
    "Seconds each read replica (DATABASE_REPLICA_URLS) is behind the primary, measured on scrape (NaN before the first measure). No series without replicas.",
    (r) => r.lagSeconds ?? Number.NaN,
  );
  fromReplicas(
    "portal_db_replica_usable",
    "1 while catalogue reads may go to the replica (reachable, lag within READ_YOUR_WRITES_SECONDS), else 0: they go to the primary.",
    (r) => (r.usable ? 1 : 0),
  );
  new Gauge({
    name: "portal_db_pool_connections",
    help: "The app's PostgreSQL pool connections by role (primary, replica-1, …) and state: total open, idle, and requests waiting for one.",
    labelNames: ["role", "state"],
    registers,
    collect() {
      this.reset();
      for (const { role, pool } of registeredPools()) {
        this.inc({ role, state: "total" }, pool.totalCount);
        this.inc({ role, state: "idle" }, pool.idleCount);
        this.inc({ role, state: "waiting" }, pool.waitingCount);
      }
    },
  });
  return m;
}

function metrics(): PortalMetrics {
  return (globalMetrics[key] ??= createMetrics());
}

/** The process's registry (tests read it; the routes use metricsText). */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** The exposition: Prometheus text format 0.0.4, and its Content-Type. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

const statusClass = (status: number) =>
  status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other";

/**
 * One answered request. `route` must be a template with bounded values
 * (/api/v1/bookings/[reference], /[locale]/book), never a raw path.
 */
export function observeHttpRequest(request: {
  route: string;
  method: string;
  status: number;
  seconds: number;
}): void {
  const method = request.method.toUpperCase();
  metrics().httpDuration.observe(
    {
      route: request.route,
      method: HTTP_METHODS.has(method) ? method : "OTHER",
      status_class: statusClass(request.status),
    },
    request.seconds,
  );
}

/** A booking made (createBooking, after its transaction committed); `fromHold` when a live hold became it. */
export function countBooking(made: { fromHold: boolean }): void {
  const m = metrics();
  m.bookings.inc({ outcome: "booked", code: "" });
  if (made.fromHold) m.holdsConverted.inc();
}

/** A booking the booking transaction refused, by the code it is answered with (DATABASE_UNAVAILABLE for an outage). */
export function countBookingRefused(error: unknown): void {
  metrics().bookings.inc({ outcome: "refused", code: toAppError(error).code });
}

/** A hold placed (createHold, after its transaction committed). */
export function countHoldCreated(): void {
  metrics().holdsCreated.inc();
}

/** A booking rescheduled or cancelled by the patient, or cancelled by staff (after the change committed). */
export function countBookingChange(operation: "reschedule" | "cancel" | "staff_cancel"): void {
  metrics().bookingChanges.inc({ operation });
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * The access rule of GET /api/metrics: no token configured → NOT_FOUND (the
 * route does not exist for this deployment); anything but
 * `Authorization: Bearer <token>` → UNAUTHENTICATED. Compared in constant time
 * (digests of equal length, timingSafeEqual).
 */
export function requireMetricsToken(authorization: string | null, token: string | undefined): void {
  if (!token) throw new AppError("NOT_FOUND");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !timingSafeEqual(digest(match[1]!), digest(token))) throw new AppError("UNAUTHENTICATED");
}

/** Ends the scrape's own database pool (tests; a process that exits needs nothing). */
export async function closeMetricsPool(): Promise<void> {
  const m = globalMetrics[key];
  const pool = m?.pool;
  if (!m || !pool) return;
  m.pool = undefined;
  m.snapshot = undefined;
  await pool.end();
}
