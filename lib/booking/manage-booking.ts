// Use cases behind the manage link: view and cancel a booking with its
// reference and secret token. A wrong token is a 404: a booking's existence is
// private.
import type { DbClient } from "../db/create-client";
import { decrypt, tokenMatches } from "../crypto/secrets";
import { AppError } from "../errors";
import { REFERENCE_PATTERN } from "./reference";
import { releaseQuotaUnits } from "../quota/units";

/** The booking behind a reference and its manage token; NOT_FOUND for any mismatch. */
export async function findWithToken(db: DbClient, reference: string, token: string | null) {
  if (!token || !REFERENCE_PATTERN.test(reference)) throw new AppError("NOT_FOUND");
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
  return booking;
}

export interface BookingView {
  reference: string;
  status: string;
  slot: { startsAt: string; endsAt: string };
  institution: { slug: string; nameZh: string; phone: string };
  department: { slug: string } | null;
  package: { slug: string } | null;
  patient: {
    name: string;
    nationality: string;
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
  cancellableUntil: string;
}

function cancellableUntil(startsAt: Date, windowHours: number): Date {
  return new Date(startsAt.getTime() - windowHours * 3_600_000);
}

export async function getBooking(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<BookingView> {
  const b = await findWithToken(db, reference, token);
  const until = cancellableUntil(b.slot.startsAt, b.institution.cancellationWindowHours);
  const passport = b.passportNumberEnc ? decrypt(b.passportNumberEnc) : null;
  return {
    reference: b.reference,
    status: b.status,
    slot: { startsAt: b.slot.startsAt.toISOString(), endsAt: b.slot.endsAt.toISOString() },
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
    cancellable: (b.status === "CONFIRMED" || b.status === "PENDING_CONFIRMATION") && now < until,
    cancellableUntil: until.toISOString(),
  };
}

/**
 * Cancels within the institution's window, giving back the slot's place and
 * the month's units in the same transaction as the status change and the
 * cancellation e-mail. Cancelling twice is answered like the first time.
 */
export async function cancelBooking(
  db: DbClient,
  reference: string,
  token: string | null,
  now: Date = new Date(),
): Promise<BookingView> {
  const found = await findWithToken(db, reference, token);
  if (found.status !== "CANCELLED") {
    await db.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<
          { status: string }[]
        >`SELECT status::text FROM booking WHERE id = ${found.id} FOR UPDATE`;
        if (!locked || locked.status === "CANCELLED") return;
        if (locked.status !== "CONFIRMED" && locked.status !== "PENDING_CONFIRMATION")
          throw new AppError("CONFLICT");
        if (now >= cancellableUntil(found.slot.startsAt, found.institution.cancellationWindowHours)) {
          throw new AppError("CANCELLATION_WINDOW_CLOSED");
        }
        await tx.booking.update({
          where: { id: found.id },
          data: { status: "CANCELLED", cancelledAt: now, cancelReason: "Cancelled by the patient" },
        });
        await tx.$executeRaw`UPDATE slot SET booked = booked - 1 WHERE id = ${found.slotId}`;
        await releaseQuotaUnits(tx, found.quotaPeriodId, found.units);
        await tx.outboxMessage.create({
          data: {
            dedupeKey: `booking.cancelled:${found.id}`,
            template: "booking-cancelled",
            toEmail: found.patientEmail,
            locale: found.locale,
            payload: { bookingId: found.id },
          },
        });
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
  }
  return getBooking(db, reference, token, now);
}
