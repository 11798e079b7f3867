// The patient's rights from the manage link (PIPL; DESIGN rule 8): a copy of
// everything held about them, and erasure. Erasure cancels a booking that is
// still ahead (giving back place and units), replaces every personal field,
// drops the encrypted numbers, and keeps only what the institution's records
// need without identifying anyone (times, department, status).
import type { DbClient } from "../db/create-client";
import { decrypt } from "../crypto/secrets";
import { AppError } from "../errors";
import { cancelBooking, findWithToken } from "./manage-booking";

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
  const b = await findWithToken(db, reference, token);
  if ((b.status === "CONFIRMED" || b.status === "PENDING_CONFIRMATION") && b.slot.startsAt > now) {
    await cancelBooking(db, reference, token, now).catch((error: unknown) => {
      // Too late to cancel online: the visit stays booked; its personal data is erased all the same.
      if (!(error instanceof AppError && error.code === "CANCELLATION_WINDOW_CLOSED")) throw error;
    });
  }
  await db.$transaction(async (tx) => {
    await tx.outboxMessage.create({
      data: {
        dedupeKey: `booking.erased:${b.id}`,
        template: "booking-erased",
        toEmail: b.patientEmail,
        locale: b.locale,
        payload: { reference: b.reference, name: b.patientName },
      },
    });
    // Messages not yet sent would carry personal data: they go with it.
    await tx.outboxMessage.updateMany({
      where: {
        status: "PENDING",
        dedupeKey: { not: `booking.erased:${b.id}` },
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
      },
    });
  });
}
