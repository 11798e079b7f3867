// Use case: one booking of the actor's institution, as the console shows it,
// with the changes staff may make now (and those the time does not allow yet,
// with why) and its history. Another institution's booking is NOT_FOUND.
import type { DbClient } from "../db/create-client";
import { decrypt } from "../crypto/secrets";
import { AppError } from "../errors";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { allowedTransitions, transitionsNotNow } from "./booking-transitions";
import { latinName } from "./latin-name";

export async function getStaffBooking(
  db: DbClient,
  actor: Actor | null,
  reference: string,
  locale: string,
  now: Date = new Date(),
) {
  const scope = requireStaff(actor, "booking.read");
  const names = nameTranslations(locale);
  const b = await db.booking.findFirst({
    where: { reference: reference.toUpperCase(), institutionId: scope.institutionId, anonymizedAt: null },
    include: {
      slot: { select: { startsAt: true, endsAt: true } },
      insurer: { select: { name: true } },
      visaLetter: { select: { number: true, stayFrom: true, stayTo: true, issuedAt: true } },
      guarantee: { select: { status: true, reason: true } },
      department: {
        select: { translations: names },
      },
      package: {
        select: { translations: names },
      },
    },
  });
  if (!b) throw new AppError("NOT_FOUND");
  const history = await db.auditEvent.findMany({
    where: { entityType: "booking", entityId: b.id },
    orderBy: { createdAt: "asc" },
    select: {
      action: true,
      createdAt: true,
      actorRole: true,
      actor: { select: { name: true } },
      after: true,
    },
  });
  const subject = { status: b.status, guarantee: b.guarantee?.status ?? null, startsAt: b.slot.startsAt };
  const passport = b.passportNumberEnc ? decrypt(b.passportNumberEnc) : null;
  return {
    reference: b.reference,
    version: b.version,
    status: b.status,
    transitions: allowedTransitions(subject, now),
    transitionsNotNow: transitionsNotNow(subject, now),
    startsAt: b.slot.startsAt,
    endsAt: b.slot.endsAt,
    service: pickName((b.department ?? b.package)?.translations, locale),
    patient: {
      name: b.patientName,
      // For staff who do not read the script the name was typed in (null when it is Latin already).
      latinName: latinName(b.patientName),
      nationality: b.patientNationality,
      dateOfBirth: b.patientDateOfBirth.toISOString().slice(0, 10),
      email: b.patientEmail,
      phone: b.patientPhone,
      preferredLanguage: b.preferredLanguage,
      locale: b.locale,
      // Staff see the last four characters; the full number only goes into the letter.
      passportLast4: passport ? passport.slice(-4) : null,
    },
    reasonForVisit: b.reasonForVisit,
    interpreterWanted: b.interpreterWanted,
    interpreterAckAt: b.interpreterAckAt,
    visaLetterWanted: b.visaLetterWanted,
    visaLetter: b.visaLetter,
    canIssueVisaLetter: !b.visaLetter && !!passport && b.status !== "CANCELLED",
    paymentMethod: b.paymentMethod,
    insurer: b.insurer?.name ?? null,
    guarantee: b.guarantee?.status ?? null,
    guaranteeReason: b.guarantee?.reason ?? null,
    // Staff request the guarantee from the insurer: they see the policy number in full.
    policyNumber: b.policyNumberEnc ? decrypt(b.policyNumberEnc) : null,
    memberName: b.memberName,
    cancelReason: b.cancelReason,
    history: history.map((h) => ({
      action: h.action,
      at: h.createdAt,
      by: h.actor?.name ?? null,
      role: h.actorRole,
    })),
  };
}

export type StaffBooking = Awaited<ReturnType<typeof getStaffBooking>>;
