// The patient's rights from the manage link (PIPL; DESIGN rule 8): a copy of
// everything held about them, and erasure. Erasure cancels a booking that is
// still ahead (giving back place and units), replaces every personal field,
// drops the encrypted numbers, and keeps only what the institution's records
// need without identifying anyone (times, department, status).
import type { DbClient } from "../db/create-client";
import { inTransaction } from "../db/transaction";
import { decrypt, tokenMatches } from "../crypto/secrets";
import { AppError } from "../errors";
import { cancelLocked, findWithToken } from "./manage-booking";
import {
  ACTIVE_STATUSES,
  bookingEmailKey,
  cancellableUntil,
  lockBooking,
  recordBookingEvent,
} from "./booking-lock";
import { REFERENCE_PATTERN } from "./reference";

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
  if (!token || !REFERENCE_PATTERN.test(reference)) throw new AppError("NOT_FOUND");
  await inTransaction(db, async (tx) => {
    const b = await lockBooking(tx, { reference });
    if (!b || b.anonymized || !tokenMatches(token, b.manageTokenHash)) throw new AppError("NOT_FOUND");
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
    await recordBookingEvent(tx, {
      bookingId: b.id,
      version,
      kind: "erased",
      email: {
        template: "booking-erased",
        to: b.patientEmail,
        locale: b.locale,
        payload: { reference: b.reference, name: b.patientName },
      },
    });
    // Messages not yet sent would carry personal data: they go with it.
    await tx.outboxMessage.updateMany({
      where: {
        status: "PENDING",
        dedupeKey: { not: bookingEmailKey({ bookingId: b.id, version, kind: "erased" }) },
        payload: { path: ["bookingId"], equals: b.id },
      },
      data: { status: "FAILED", lastError: "personal data erased at the patient's request" },
    });
    await tx.booking.update({
      where: { id: b.id },
      data: {
        patientName: "—",
        patientNationality: "ZZ",
        patientDateOfBirth: new Date(Date.UTC(1900, 0, 1)),
        patientEmail: `erased-${b.id}@invalid`,
        patientPhone: "—",
        reasonForVisit: "—",
        passportNumberEnc: null,
        policyNumberEnc: null,
        memberName: null,
        anonymizedAt: now,
        version,
      },
    });
  });
}
