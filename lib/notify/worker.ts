// The outbox worker inside each app server: delivers due e-mails every few
// seconds and queues reminders every minute. Safe with several instances
// (rows are claimed with SKIP LOCKED; reminders are deduplicated).
import { getDb } from "../db/client";
import { deliverDue, enqueueReminders } from "./deliver-outbox";
import { mailerFromEnv } from "./mailer";
import { pruneRateLimits } from "../http/rate-limit";

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
}
