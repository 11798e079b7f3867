// Delivers due outbox rows (rule 7).
//
// A worker claims a batch with FOR UPDATE SKIP LOCKED and gives each row a
// lease: locked_until = now() + CLAIM_LEASE_SECONDS. The lease value is also
// the claim token. A row is claimed again only once its lease has passed, so
// a new claim always sets a strictly later locked_until than the one before,
// and "locked_until is still the value I set" means "nobody took the row from
// me". Every later step checks it:
//
// - just before sending, the worker renews its lease; if the row was taken
//   over, it does not send;
// - it marks the row SENT, or records the failure, only while the lease is
//   still its own, so a worker that outlived its lease never overwrites the
//   outcome of the one that took over.
//
// A crash (kill -9, power loss) between the SMTP server's acceptance and the
// SENT mark leaves the row claimed; after the lease it is sent again, with the
// same Message-ID (mailer.ts), so delivery is at least once and a receiving
// mail system drops the repeat. Failures retry with exponential back-off and
// end as FAILED after MAX_ATTEMPTS.
//
// A row of channel WEBHOOK is a signed POST to a hospital system
// (lib/notify/webhook.ts) under the same lease, retries and back-off; a client
// that no longer takes webhooks fails it at once.
//
// The erasure notice is the one message that keeps a patient's address and
// name after their booking is anonymized; the statement that marks it SENT or
// FAILED for good also redacts it (redactOnceDelivered, personal-data.ts).
import { errorOnceDelivered, redactOnceDelivered } from "../booking/personal-data";
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import type { Mailer } from "./mailer";
import { renderEmail, UnknownTemplateError, type Template } from "./render-email";
import { renderWebhook, webhookPoster, WebhookWithdrawnError, type WebhookPoster } from "./webhook";

export const MAX_ATTEMPTS = 8;

/**
 * How long a claim keeps other workers off a row. Longer than one send can
 * take (mailer.ts SMTP_TIMEOUTS), short enough that a crashed worker's rows
 * go out again soon.
 */
export const CLAIM_LEASE_SECONDS = 120;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, ... capped at 60. */
export function backoffMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  dedupe_key: string;
  template: string;
  channel: "EMAIL" | "WEBHOOK";
  to_email: string | null;
  target_url: string | null;
  client_id: string | null;
  locale: string;
  payload: unknown;
  attempts: number;
  locked_until: Date;
}

/** How a worker that is stopping (lib/notify/worker.ts) follows and cuts short a batch. */
export interface DeliveryControl {
  /** Once aborted, no further row of the batch is started (the one being sent finishes). */
  signal?: AbortSignal;
  /**
   * The leases this batch holds, by row id, kept up to date (claim, renewal,
   * outcome): what releaseLeases gives back when the worker stops.
   */
  held?: Map<string, Date>;
  /** Called as each row is done with: the worker's heartbeat (a slow SMTP server is not a dead worker). */
  onProgress?: () => void;
}

export async function deliverDue(
  db: DbClient,
  mailer: Mailer,
  limit = 20,
  webhooks: WebhookPoster = webhookPoster(),
  { signal, held = new Map(), onProgress }: DeliveryControl = {},
): Promise<{ sent: number; failed: number }> {
  if (signal?.aborted) return { sent: 0, failed: 0 };
  const rows = await db.$queryRaw<Claimed[]>`
    WITH claimed AS (
      UPDATE outbox_message
      SET locked_until = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS}), attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbox_message
        WHERE status = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, dedupe_key, template, channel::text, to_email, target_url, client_id, locale, payload, attempts,
        locked_until, created_at)
    SELECT id, dedupe_key, template, channel, to_email, target_url, client_id, locale, payload, attempts, locked_until
    FROM claimed ORDER BY created_at, id`;
  for (const row of rows) held.set(row.id, row.locked_until);
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    // Stopping: the rows not started yet stay in `held`, for the worker to release.
    if (signal?.aborted) break;
    let lease = row.locked_until;
    try {
      const webhook = row.channel === "WEBHOOK" ? await renderWebhook(db, row) : null;
      const message = webhook
        ? null
        : await renderEmail(db, {
            dedupeKey: row.dedupe_key,
            template: row.template,
            toEmail: row.to_email ?? "",
            locale: row.locale,
            payload: row.payload,
          });
      // A fresh lease for this send; none if the row is no longer ours (a slow
      // batch outlived the lease and another worker claimed the row).
      const renewed = await db.$queryRaw<{ locked_until: Date }[]>`
        UPDATE outbox_message SET locked_until = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})
        WHERE id = ${row.id} AND status = 'PENDING' AND locked_until = ${lease}
        RETURNING locked_until`;
      if (renewed.length === 0) {
        held.delete(row.id);
        continue;
      }
      lease = renewed[0]!.locked_until;
      held.set(row.id, lease);
      if (webhook) await webhooks(webhook);
      else await mailer.send(message!);
      // Sent either way; if the row was taken over meanwhile, its new owner records the outcome.
      await db.$executeRaw`
        UPDATE outbox_message SET status = 'SENT', sent_at = now(), locked_until = NULL, last_error = NULL
          ${redactOnceDelivered(row)}
        WHERE id = ${row.id} AND status = 'PENDING' AND locked_until = ${lease}`;
      sent++;
    } catch (error) {
      failed++;
      const final =
        error instanceof UnknownTemplateError ||
        error instanceof WebhookWithdrawnError ||
        row.attempts >= MAX_ATTEMPTS;
      const text = String(error instanceof Error ? error.message : error).slice(0, 1000);
      const message = final ? errorOnceDelivered({ ...row, to_email: row.to_email ?? "" }, text) : text;
      await db.$executeRaw`
        UPDATE outbox_message SET locked_until = NULL, last_error = ${message},
          status = ${final ? "FAILED" : "PENDING"}::"OutboxStatus",
          next_attempt_at = now() + make_interval(mins => ${backoffMinutes(row.attempts)})
          ${final ? redactOnceDelivered(row) : Prisma.empty}
        WHERE id = ${row.id} AND status = 'PENDING' AND locked_until = ${lease}`;
    } finally {
      if (held.get(row.id) === lease) held.delete(row.id);
      onProgress?.();
    }
  }
  return { sent, failed };
}

/**
 * Gives back leases a stopping worker still holds, so another instance claims
 * those rows at once instead of after CLAIM_LEASE_SECONDS. Only a lease that is
 * still the row's (nobody took the row over, no outcome recorded) is cleared,
 * and the claim's attempt is taken back: the row was not tried. A row whose
 * send was cut short by the exit may have reached the SMTP server; it goes out
 * again with the same Message-ID (at least once, as after a crash).
 * Returns how many rows were released.
 */
export async function releaseLeases(db: DbClient, leases: ReadonlyMap<string, Date>): Promise<number> {
  if (leases.size === 0) return 0;
  const ids = [...leases.keys()];
  const until = ids.map((id) => leases.get(id)!);
  return db.$executeRaw`
    UPDATE outbox_message o SET locked_until = NULL, attempts = GREATEST(o.attempts - 1, 0)
    FROM unnest(${ids}::text[], ${until}::timestamptz[]) AS held(id, locked_until)
    WHERE o.id = held.id AND o.locked_until = held.locked_until AND o.status = 'PENDING'`;
}

/**
 * Queues the reminder for confirmed visits starting within 24 hours that were
 * booked more than a day ahead. The dedupe key makes it once per booking.
 */
export async function enqueueReminders(db: DbClient): Promise<number> {
  // One statement for every due booking (set-based, idempotent under ON CONFLICT), so not
  // enqueueEmail's one row at a time; the template is still the typed Template.
  const template: Template = "booking-reminder";
  return db.$executeRaw`
    INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload)
    SELECT gen_random_uuid()::text, 'booking.reminder:' || b.id, ${template}, b.patient_email, b.locale, jsonb_build_object('bookingId', b.id)
    FROM booking b JOIN slot s ON s.id = b.slot_id
    WHERE b.status = 'CONFIRMED' AND b.anonymized_at IS NULL
      AND s.starts_at > now() AND s.starts_at <= now() + interval '24 hours'
      AND b.created_at < s.starts_at - interval '24 hours'
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
