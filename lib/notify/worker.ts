// The outbox worker inside each app server: delivers due e-mails every few
// seconds and queues reminders every minute; every ten minutes it anonymizes
// bookings past their retention period (lib/booking/retention.ts), on a timer
// of its own so a long run never holds up the mail. Safe with several
// instances (rows and bookings are taken with SKIP LOCKED; reminders are
// deduplicated).
//
// Its state is kept on globalThis (one worker per process, across hot reloads
// in development): when it started and when it last made progress, which
// /api/health/ready reads (lib/health/readiness.ts), and how to stop it, which
// the server's graceful shutdown calls (lib/health/lifecycle.ts). Stopping
// lets the row being sent finish, starts no other, and releases the leases of
// the rows it claimed but did not deliver, so another instance sends them at
// once.
import { anonymizeExpiredBookings } from "../booking/retention";
import { getDb } from "../db/client";
import type { DbClient } from "../db/create-client";
import { onShutdown } from "../health/lifecycle";
import { childLog } from "../observability/log";
import { pruneRateLimits } from "../rate-limit/rate-limit";
import { deliverDue, enqueueReminders, releaseLeases } from "./deliver-outbox";
import { mailerFromEnv, type Mailer } from "./mailer";

/** How often each instance looks for bookings past their retention period. */
export const RETENTION_INTERVAL_MS = 10 * 60_000;

/** How often the worker looks for due outbox rows. */
export const OUTBOX_TICK_MS = 5_000;

export interface OutboxWorkerHeartbeat {
  /** Date.now() when the worker started. */
  startedAt: number;
  /** Date.now() when a tick last finished or a row was last done with; undefined before the first. */
  lastBeatAt?: number;
}

interface WorkerState extends OutboxWorkerHeartbeat {
  stop(deadline: number): Promise<void>;
}

const key = Symbol.for("portal.outboxWorker");
const globalForWorker = globalThis as unknown as { [key]?: WorkerState };

/** The running worker's heartbeat, or undefined when no worker runs in this process. */
export function outboxWorkerHeartbeat(): OutboxWorkerHeartbeat | undefined {
  const worker = globalForWorker[key];
  return worker && { startedAt: worker.startedAt, lastBeatAt: worker.lastBeatAt };
}

export interface OutboxWorkerOptions {
  /** Where mail goes; SMTP_URL's server, or files under PORTAL_DATA_DIR, unless told. */
  mailer?: Mailer;
  /** The database; the app's client unless told. */
  db?: () => DbClient;
  tickMs?: number;
}

/**
 * An error's message for the log, with anything shaped like an e-mail address
 * cut out: an SMTP server's answer often names the recipient.
 */
export function loggableError(error: unknown): string {
  const message = String(error instanceof Error ? error.message : error);
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, "[address]").slice(0, 500);
}

/** Resolves when `work` settles or at `deadline`, whichever comes first. */
function until(work: Promise<unknown> | undefined, deadline: number): Promise<void> {
  if (!work) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function startOutboxWorker(options: OutboxWorkerOptions = {}): void {
  if (globalForWorker[key] || !process.env.DATABASE_URL) return;
  const log = childLog({ component: "outbox-worker" });
  const db = options.db ?? getDb;
  const mailer = options.mailer ?? mailerFromEnv();
  const stopping = new AbortController();
  /** Leases of the batch in hand, by row id (deliverDue keeps it up to date). */
  const held = new Map<string, Date>();
  const beat = () => void (state.lastBeatAt = Date.now());
  let ticking: Promise<void> | undefined;
  let lastReminders = 0;
  let lastError = "";

  const tick = async () => {
    try {
      if (Date.now() - lastReminders > 60_000) {
        lastReminders = Date.now();
        await enqueueReminders(db());
        await pruneRateLimits(db());
      }
      await deliverDue(db(), mailer, undefined, undefined, {
        signal: stopping.signal,
        held,
        onProgress: beat,
      });
      lastError = "";
    } catch (error) {
      const message = loggableError(error);
      if (message !== lastError) log.error({ err: message }, "outbox delivery failed");
      lastError = message;
    } finally {
      beat();
    }
  };
  const tickTimer = setInterval(() => {
    if (ticking || stopping.signal.aborted) return;
    ticking = tick().finally(() => (ticking = undefined));
  }, options.tickMs ?? OUTBOX_TICK_MS);
  tickTimer.unref();

  let retaining: Promise<void> | undefined;
  let lastRetentionError = "";
  const retention = async () => {
    try {
      await anonymizeExpiredBookings(db());
      lastRetentionError = "";
    } catch (error) {
      const message = loggableError(error);
      if (message !== lastRetentionError) log.error({ err: message }, "retention run failed");
      lastRetentionError = message;
    }
  };
  const startRetention = () => {
    if (retaining || stopping.signal.aborted) return;
    retaining = retention().finally(() => (retaining = undefined));
  };
  const firstRetention = setTimeout(startRetention, 60_000);
  firstRetention.unref();
  const retentionTimer = setInterval(startRetention, RETENTION_INTERVAL_MS);
  retentionTimer.unref();

  const state: WorkerState = {
    startedAt: Date.now(),
    async stop(deadline) {
      if (globalForWorker[key] === state) globalForWorker[key] = undefined;
      unregister();
      stopping.abort();
      clearInterval(tickTimer);
      clearTimeout(firstRetention);
      clearInterval(retentionTimer);
      // The row being sent finishes (or the deadline passes); no other row is started.
      await until(Promise.all([ticking, retaining]), deadline);
      const leases = new Map(held);
      held.clear();
      try {
        const released = await releaseLeases(db(), leases);
        log.info({ held: leases.size, released }, "outbox worker stopped");
      } catch (error) {
        // The database is gone: the leases lapse by themselves after CLAIM_LEASE_SECONDS.
        log.warn(
          { held: leases.size, err: loggableError(error) },
          "outbox worker stopped without releasing its leases",
        );
      }
    },
  };
  globalForWorker[key] = state;
  const unregister = onShutdown("outbox worker", "drain", (deadline) => state.stop(deadline));
}

/** Stops this process's worker (if one runs): see startOutboxWorker's `stop`. */
export async function stopOutboxWorker(deadline = Date.now() + 10_000): Promise<void> {
  await globalForWorker[key]?.stop(deadline);
}
