// Use cases behind the manage link: view and cancel a booking with its
// reference and secret token. A wrong token is a 404: a booking's existence is
// private.
import type { DbClient, TxClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { decrypt, tokenMatches } from "../crypto/secrets";
import { AppError } from "../errors";
import { MANAGE_LINK, recordActorRole } from "../observability/request-context";
import { countBookingChange } from "../observability/metrics";
import {
  ACTIVE_STATUSES,
  cancellableUntil,
  lockPatientBooking,
  requireManageLink,
  recordBookingEvent,
  type LockedBooking,
  emailToPatient,
} from "./booking-lock";
import { releasePlace } from "./slot-capacity";
import { canChangeAppointment } from "./manage-actions";
import { tracedUseCase } from "../observability/trace";

/** The booking behind a reference and its manage token; NOT_FOUND for any mismatch. */
export async function findWithToken(db: DbClient, reference: string, token: string | null) {
  requireManageLink(reference, token);
  const booking = await db.booking.findUnique({
    where: { reference },
    include: {
      slot: { select: { startsAt: true, endsAt: true } },
      institution: {
        select: { slug: true, nameZh: true, cancellationWindowHours: true, intlDeptPhone: true },
      },
      department: { select: { slug: true } },
      package: { select: { slug: true } },
      insurer: { select: { slug: true, name: true } },
      guarantee: { select: { status: true, requestedAt: true, decidedAt: true, reason: true } },
      visaLetter: { select: { number: true } },
    },
  });
  if (!booking || booking.anonymizedAt || !tokenMatches(token, booking.manageTokenHash))
    throw new AppError("NOT_FOUND");
  recordActorRole(MANAGE_LINK);
  return booking;
}

/** The booking as its patient sees it through the manage link (the v1 API serializes it with bookingView). */
export interface PatientBooking {
  reference: string;
  status: string;
  slot: { startsAt: Date; endsAt: Date };
  institution: { slug: string; nameZh: string; phone: string };
  department: { slug: string } | null;
  package: { slug: string } | null;
  patient: {
    name: string;
    nationality: string;
    /** The calendar day, YYYY-MM-DD. */
    dateOfBirth: string;
    email: string;
    phone: string;
    preferredLanguage: string;
    passportNumberLast4: string | null;
  };
  reasonForVisit: string;
  interpreterWanted: boolean;
  /** Whether a visa support letter was asked for, and the letter once staff issued it. */
  visaLetter: { wanted: boolean; number: string | null };
  payment: {
    method: string;
    insurer: { slug: string; name: string } | null;
    /** Pre-authorization with the insurer: pending, approved, or denied (then the patient chooses). */
    guarantee: { status: "PENDING" | "APPROVED" | "DENIED"; reason: string | null } | null;
    policyNumberLast4: string | null;
  };
  cancellable: boolean;
  cancellableUntil: Date;
}

async function getBookingUntraced(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<PatientBooking> {
  const b = await findWithToken(db, reference, token);
  const until = cancellableUntil(b.slot.startsAt, b.institution.cancellationWindowHours);
  const passport = b.passportNumberEnc ? decrypt(b.passportNumberEnc) : null;
  return {
    reference: b.reference,
    status: b.status,
    slot: { startsAt: b.slot.startsAt, endsAt: b.slot.endsAt },
    institution: {
      slug: b.institution.slug,
      nameZh: b.institution.nameZh,
      phone: b.institution.intlDeptPhone,
    },
    department: b.department,
    package: b.package,
    patient: {
      name: b.patientName,
      nationality: b.patientNationality,
      dateOfBirth: b.patientDateOfBirth.toISOString().slice(0, 10),
      email: b.patientEmail,
      phone: b.patientPhone,
      preferredLanguage: b.preferredLanguage,
      passportNumberLast4: passport ? passport.slice(-4) : null,
    },
    reasonForVisit: b.reasonForVisit,
    interpreterWanted: b.interpreterWanted,
    visaLetter: { wanted: b.visaLetterWanted, number: b.visaLetter?.number ?? null },
    payment: {
      method: b.paymentMethod,
      insurer: b.insurer,
      guarantee: b.guarantee ? { status: b.guarantee.status, reason: b.guarantee.reason } : null,
      policyNumberLast4: b.policyNumberEnc ? decrypt(b.policyNumberEnc).slice(-4) : null,
    },
    cancellable: canChangeAppointment(b.status, until, now),
    cancellableUntil: until,
  };
}

/**
 * Cancels a booking whose row the caller has locked: status, place and units
 * given back, one event and its e-mail, all in the caller's transaction.
 */
export async function cancelLocked(
  tx: TxClient,
  b: LockedBooking,
  now: Date,
  reason = "Cancelled by the patient",
): Promise<void> {
  const version = b.version + 1;
  await tx.$executeRaw`
    UPDATE booking SET status = 'CANCELLED', cancelled_at = ${now}, cancel_reason = ${reason}, version = ${version}, updated_at = now()
    WHERE id = ${b.id}`;
  await releasePlace(tx, b);
  await recordBookingEvent(tx, {
    bookingId: b.id,
    version,
    kind: "cancelled",
    email: emailToPatient(b, "booking-cancelled"),
  });
}

/**
 * Cancels within the institution's window, giving back the slot's place and
 * the month's units in the same transaction as the status change and the
 * cancellation e-mail. Cancelling twice is answered like the first time.
 */
async function cancelBookingUntraced(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<PatientBooking> {
  requireManageLink(reference, token);
  const cancelled = await inTransaction(db, async (tx) => {
    const b = await lockPatientBooking(tx, reference, token);
    if (b.status === "CANCELLED") return false;
    if (!ACTIVE_STATUSES.includes(b.status)) throw new AppError("CONFLICT");
    if (now >= cancellableUntil(b.startsAt, b.cancellationWindowHours))
      throw new AppError("CANCELLATION_WINDOW_CLOSED");
    await cancelLocked(tx, b, now);
    return true;
  });
  if (cancelled) countBookingChange("cancel");
  return getBooking(db, reference, token, now);
}

/** getBooking with a "booking.getBooking" span around each call (lib/observability/trace.ts). */
export const getBooking = tracedUseCase("booking.getBooking", getBookingUntraced, (_db, reference) => ({
  "booking.reference": reference,
}));

/** cancelBooking with a "booking.cancelBooking" span around each call (lib/observability/trace.ts). */
export const cancelBooking = tracedUseCase(
  "booking.cancelBooking",
  cancelBookingUntraced,
  (_db, reference) => ({ "booking.reference": reference }),
);
