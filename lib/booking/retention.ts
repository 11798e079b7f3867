// Retention (PIPL art. 19; DESIGN rule 8): a booking is anonymized
// BOOKING_RETENTION_DAYS after its visit ended (3 years by default: China's
// general limitation period for civil claims, Civil Code art. 188, so a
// complaint, a dispute or an insurer's question about the visit can still be
// answered; the medical record itself is the hospital's, kept under its own
// rules). The background worker of every app instance runs it (worker.ts).
//
// Safe with several instances: each batch locks its bookings with FOR UPDATE
// SKIP LOCKED, so two runs never take the same booking, and re-reads them under
// the lock (docs/decisions/0011: the booking first, lock with one statement,
// decide with the next). Anonymization itself is anonymizeBookings, the one
// shared with the patient's erasure. Each booking gets its numbered event
// ("anonymized", no e-mail) and an audit event by the system (actor null), with
// no personal data in it.
import { recordAudit } from "../audit/record-audit";
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { env } from "../env";
import { recordBookingEvent } from "./booking-lock";
import { anonymizeBookings } from "./personal-data";

export const RETENTION_AUDIT_ACTION = "booking.anonymize_retention";

export interface RetentionOptions {
  now?: Date;
  /** Defaults to BOOKING_RETENTION_DAYS. */
  retentionDays?: number;
  /** Bookings per transaction. */
  batchSize?: number;
  /** A run stops after this many batches, or after `budgetMs`, and continues next time. */
  maxBatches?: number;
  budgetMs?: number;
}

/** Anonymizes the bookings whose visit ended more than the retention period ago; returns how many. */
export async function anonymizeExpiredBookings(
  db: DbClient,
  options: RetentionOptions = {},
): Promise<number> {
  const { batchSize = 100, maxBatches = 50, budgetMs = 30_000 } = options;
  const retentionDays = options.retentionDays ?? env().BOOKING_RETENTION_DAYS;
  const started = Date.now();
  let total = 0;
  for (let batch = 0; batch < maxBatches && Date.now() - started < budgetMs; batch++) {
    const now = options.now ?? new Date();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const done = await inTransaction(db, async (tx) => {
      // Lock: bookings no other run (or use case) holds, oldest visits first.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT b.id FROM booking b JOIN slot s ON s.id = b.slot_id
        WHERE b.anonymized_at IS NULL AND s.ends_at < ${cutoff}
        ORDER BY s.ends_at, b.id
        LIMIT ${batchSize}
        FOR UPDATE OF b SKIP LOCKED`;
      if (locked.length === 0) return { taken: 0, anonymized: 0 };
      // Decide on what the locked rows say now (a booking may have been moved or erased meanwhile).
      const due = await tx.$queryRaw<{ id: string; version: number; institution_id: string }[]>`
        SELECT b.id, b.version, b.institution_id FROM booking b JOIN slot s ON s.id = b.slot_id
        WHERE b.id = ANY(${locked.map((r) => r.id)}::text[])
          AND b.anonymized_at IS NULL AND s.ends_at < ${cutoff}
        ORDER BY b.id`;
      const bookings = due.map((b) => ({ id: b.id, version: Number(b.version) + 1 }));
      await anonymizeBookings(tx, bookings, {
        now,
        why: "personal data anonymized after the retention period",
      });
      for (const [i, b] of due.entries()) {
        const version = bookings[i]!.version;
        await recordBookingEvent(tx, { bookingId: b.id, version, kind: "anonymized", actorRole: null });
        await recordAudit(tx, {
          actorId: null,
          actorRole: null,
          action: RETENTION_AUDIT_ACTION,
          entityType: "booking",
          entityId: b.id,
          institutionId: b.institution_id,
          before: { version: Number(b.version) },
          after: { version, anonymizedAt: now.toISOString(), retentionDays },
        });
      }
      return { taken: locked.length, anonymized: due.length };
    });
    total += done.anonymized;
    if (done.taken < batchSize) break;
  }
  return total;
}
