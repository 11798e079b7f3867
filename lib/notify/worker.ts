// The outbox worker inside each app server: delivers due e-mails every few
// seconds and queues reminders every minute; every ten minutes it anonymizes
// bookings past their retention period (lib/booking/retention.ts), on a timer
// of its own so a long run never holds up the mail. Safe with several
// instances (rows and bookings are taken with SKIP LOCKED; reminders are
// deduplicated).
import { anonymizeExpiredBookings } from "../booking/retention";
import { getDb } from "../db/client";
import { deliverDue, enqueueReminders } from "./deliver-outbox";
import { mailerFromEnv } from "./mailer";
import { pruneRateLimits } from "../rate-limit/rate-limit";

const globalForWorker = globalThis as unknown as { portalOutboxWorker?: boolean };

export function startOutboxWorker(): void {
  if (globalForWorker.portalOutboxWorker || !process.env.DATABASE_URL) return;
  globalForWorker.portalOutboxWorker = true;
  const mailer = mailerFromEnv();
  let running = false;
  let lastReminders = 0;
  let lastError = "";
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (Date.now() - lastReminders > 60_000) {
        lastReminders = Date.now();
        await enqueueReminders(getDb());
        await pruneRateLimits(getDb());
      }
      await deliverDue(getDb(), mailer);
      lastError = "";
    } catch (error) {
      const message = String(error instanceof Error ? error.message : error);
      if (message !== lastError) console.error(`[outbox] ${message}`);
      lastError = message;
    } finally {
      running = false;
    }
  };
  setInterval(tick, 5_000).unref();

  let retaining = false;
  let lastRetentionError = "";
  const retention = async () => {
    if (retaining) return;
    retaining = true;
    try {
      await anonymizeExpiredBookings(getDb());
      lastRetentionError = "";
    } catch (error) {
      const message = String(error instanceof Error ? error.message : error);
      if (message !== lastRetentionError) console.error(`[retention] ${message}`);
      lastRetentionError = message;
    } finally {
      retaining = false;
    }
  };
  setTimeout(retention, 60_000).unref();
  setInterval(retention, RETENTION_INTERVAL_MS).unref();
}

/** How often each instance looks for bookings past their retention period. */
export const RETENTION_INTERVAL_MS = 10 * 60_000;
