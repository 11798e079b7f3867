// The patient's rights from the manage link (PIPL; DESIGN rule 8): a copy of
// everything held about them, and erasure. Erasure cancels a booking that is
// still ahead (giving back place and units), replaces every personal field,
// drops the encrypted numbers, and keeps only what the institution's records
// need without identifying anyone (times, department, status).
//
// anonymizeBookings is the one home of what "anonymized" means: the patient's
// erasure and the retention job (retention.ts) both call it. It reaches every
// copy the portal keeps: the booking row and every outbox row of the booking
// (recipient, payload, error text). The one exception is the erasure notice,
// which needs the address and name until it is delivered: deliver-outbox
// redacts it in the statement that marks it SENT or FAILED for good
// (redactOnceDelivered).
import type { DbClient, TxClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { inTransaction } from "../db/transaction";
import { decrypt } from "../crypto/secrets";
import { cancelLocked, findWithToken } from "./manage-booking";
import {
  ACTIVE_STATUSES,
  bookingEmailKey,
  cancellableUntil,
  lockPatientBooking,
  requireManageLink,
  recordBookingEvent,
  emailToPatient,
} from "./booking-lock";

export async function exportPersonalData(db: DbClient, reference: string, token: string | null) {
  const b = await findWithToken(db, reference, token);
  return {
    exportedAt: new Date().toISOString(),
    booking: {
      reference: b.reference,
      status: b.status,
      createdAt: b.createdAt.toISOString(),
      startsAt: b.slot.startsAt.toISOString(),
      endsAt: b.slot.endsAt.toISOString(),
      institution: { slug: b.institution.slug, nameZh: b.institution.nameZh },
      department: b.department,
      package: b.package,
      reasonForVisit: b.reasonForVisit,
      interpreterWanted: b.interpreterWanted,
      language: b.locale,
      payment: {
        method: b.paymentMethod,
        insurer: b.insurer,
        memberName: b.memberName,
        guaranteeOfPayment: b.guarantee,
      },
      cancelledAt: b.cancelledAt?.toISOString() ?? null,
    },
    patient: {
      name: b.patientName,
      nationality: b.patientNationality,
      dateOfBirth: b.patientDateOfBirth.toISOString().slice(0, 10),
      email: b.patientEmail,
      phone: b.patientPhone,
      preferredLanguage: b.preferredLanguage,
      passportNumber: b.passportNumberEnc ? decrypt(b.passportNumberEnc) : null,
    },
    consents: {
      terms: b.consentTermsAt.toISOString(),
      sensitivePersonalInformation: b.consentSensitiveAt.toISOString(),
    },
  };
}

export async function erasePersonalData(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<void> {
  requireManageLink(reference, token);
  await inTransaction(db, async (tx) => {
    const b = await lockPatientBooking(tx, reference, token);
    let version = b.version;
    // A visit still ahead is cancelled first (place and units given back), when the window allows;
    // too late to cancel online, the visit stays booked and its personal data is erased all the same.
    if (
      ACTIVE_STATUSES.includes(b.status) &&
      b.startsAt > now &&
      now < cancellableUntil(b.startsAt, b.cancellationWindowHours)
    ) {
      await cancelLocked(tx, b, now);
      version++;
    }
    version++;
    const notice = { bookingId: b.id, version, kind: "erased" as const };
    // The notice carries the name and address it needs, until it is delivered (redactOnceDelivered).
    await recordBookingEvent(tx, {
      ...notice,
      email: emailToPatient(b, "booking-erased", { reference: b.reference, name: b.patientName }),
    });
    await anonymizeBookings(tx, [{ id: b.id, version }], {
      now,
      why: "personal data erased at the patient's request",
      keepDedupeKey: bookingEmailKey(notice),
    });
  });
}

/** The address an anonymized booking, and every outbox row of it, keeps instead of the patient's. */
export const erasedEmail = (bookingId: string) => `erased-${bookingId}@invalid`;

/** The payload an outbox row of an anonymized booking keeps: which booking it was about, nothing more. */
export const redactedPayload = (bookingId: string) => ({ bookingId, redacted: true });

/** What a redacted outbox row keeps of an error text (an SMTP error may quote the address). */
const REDACTED_ERROR = "(redacted: personal data erased)";

/**
 * Anonymizes bookings whose rows the caller has locked, each as its event
 * `version` (the caller records that event): replaces every personal field,
 * drops the encrypted numbers, and redacts every outbox row of the booking:
 * the recipient becomes erasedEmail, the payload redactedPayload, an error
 * text a fixed note, and a message not yet sent is dropped (FAILED, `why`).
 * `keepDedupeKey` names the one row left as it is (the erasure notice, still
 * to be delivered).
 */
export async function anonymizeBookings(
  tx: TxClient,
  bookings: readonly { id: string; version: number }[],
  options: { now: Date; why: string; keepDedupeKey?: string },
): Promise<void> {
  if (bookings.length === 0) return;
  for (const { id, version } of bookings)
    await tx.booking.update({
      where: { id },
      data: {
        patientName: "—",
        patientNationality: "ZZ",
        patientDateOfBirth: new Date(Date.UTC(1900, 0, 1)),
        patientEmail: erasedEmail(id),
        patientPhone: "—",
        reasonForVisit: "—",
        passportNumberEnc: null,
        policyNumberEnc: null,
        memberName: null,
        anonymizedAt: options.now,
        version,
      },
    });
  const ids = bookings.map((b) => b.id);
  // A row is the booking's when its payload names it, or else its dedupe key does
  // (booking.<kind>:<id>:v<version>, booking.reminder:<id>): one equality, so
  // one pass over the outbox (a hash join) for the whole batch.
  await tx.$executeRaw`
    UPDATE outbox_message o SET
      to_email = t.email,
      payload = t.payload::jsonb,
      status = CASE WHEN o.status = 'PENDING' THEN 'FAILED'::"OutboxStatus" ELSE o.status END,
      last_error = CASE WHEN o.status = 'PENDING' THEN ${options.why}
        WHEN o.last_error IS NULL THEN NULL ELSE ${REDACTED_ERROR} END,
      locked_until = NULL
    FROM unnest(${ids}::text[], ${ids.map(erasedEmail)}::text[],
      ${ids.map((id) => JSON.stringify(redactedPayload(id)))}::text[]) AS t(id, email, payload)
    WHERE coalesce(o.payload->>'bookingId',
        CASE WHEN o.dedupe_key LIKE 'booking.%' THEN split_part(o.dedupe_key, ':', 2) END) = t.id
      AND o.dedupe_key <> ${options.keepDedupeKey ?? ""}`;
}

/**
 * For deliver-outbox: the SET items that redact an erasure notice in the same
 * statement that marks it SENT (or FAILED for good), so no delivered notice
 * keeps the address or the name, not even after a crash. Any other row: none.
 */
export function redactOnceDelivered(row: {
  template: string;
  dedupe_key: string;
  payload: unknown;
}): Prisma.Sql {
  if (row.template !== "booking-erased") return Prisma.empty;
  const named = (row.payload as { bookingId?: unknown } | null)?.bookingId;
  const bookingId = typeof named === "string" ? named : (row.dedupe_key.split(":")[1] ?? "");
  return Prisma.sql`, to_email = ${erasedEmail(bookingId)}, payload = ${JSON.stringify(redactedPayload(bookingId))}::jsonb`;
}

/** For deliver-outbox: the error text an erasure notice keeps once it failed for good, without its address. */
export function errorOnceDelivered(row: { template: string; to_email: string }, error: string): string {
  if (row.template !== "booking-erased" || !row.to_email) return error;
  return error.replace(new RegExp(row.to_email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), "<redacted>");
}
