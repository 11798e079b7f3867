// Delivers due outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED and a
// short lease, so several app instances never send the same row at once; a
// row is marked SENT only after the mailer accepted it; failures retry with
// exponential back-off and end as FAILED after MAX_ATTEMPTS.
import type { DbClient } from "../db/create-client";
import type { Mailer } from "./mailer";
import { renderEmail, UnknownTemplateError } from "./render-email";

export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, ... capped at 60. */
export function backoffMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  dedupe_key: string;
  template: string;
  to_email: string;
  locale: string;
  payload: unknown;
  attempts: number;
}

export async function deliverDue(
  db: DbClient,
  mailer: Mailer,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE outbox_message SET locked_until = now() + interval '2 minutes', attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox_message
      WHERE status = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, dedupe_key, template, to_email, locale, payload, attempts`;
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      const message = await renderEmail(db, {
        dedupeKey: row.dedupe_key,
        template: row.template,
        toEmail: row.to_email,
        locale: row.locale,
        payload: row.payload,
      });
      await mailer.send(message);
      await db.$executeRaw`UPDATE outbox_message SET status = 'SENT', sent_at = now(), locked_until = NULL, last_error = NULL WHERE id = ${row.id} AND status = 'PENDING'`;
      sent++;
    } catch (error) {
      failed++;
      const final = error instanceof UnknownTemplateError || row.attempts >= MAX_ATTEMPTS;
      const message = String(error instanceof Error ? error.message : error).slice(0, 1000);
      await db.$executeRaw`
        UPDATE outbox_message SET locked_until = NULL, last_error = ${message},
          status = ${final ? "FAILED" : "PENDING"}::"OutboxStatus",
          next_attempt_at = now() + make_interval(mins => ${backoffMinutes(row.attempts)})
        WHERE id = ${row.id}`;
    }
  }
  return { sent, failed };
}

/**
 * Queues the reminder for confirmed visits starting within 24 hours that were
 * booked more than a day ahead. The dedupe key makes it once per booking.
 */
export async function enqueueReminders(db: DbClient): Promise<number> {
  return db.$executeRaw`
    INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload)
    SELECT gen_random_uuid()::text, 'booking.reminder:' || b.id, 'booking-reminder', b.patient_email, b.locale, jsonb_build_object('bookingId', b.id)
    FROM booking b JOIN slot s ON s.id = b.slot_id
    WHERE b.status = 'CONFIRMED' AND b.anonymized_at IS NULL
      AND s.starts_at > now() AND s.starts_at <= now() + interval '24 hours'
      AND b.created_at < s.starts_at - interval '24 hours'
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
