// Use cases: the visa support letter as a PDF, for the patient (manage token)
// and for staff of the booking's institution.
import { decrypt } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { pickName, pickTranslation } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { findWithToken } from "./manage-booking";
import { renderVisaLetterPdf } from "./visa-letter-pdf";
import { REFERENCE_PATTERN } from "./reference";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

async function letterFor(db: DbClient, bookingId: string) {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    include: {
      slot: { select: { startsAt: true } },
      visaLetter: { include: { issuedBy: { select: { name: true } } } },
      institution: {
        select: {
          nameZh: true,
          intlDeptPhone: true,
          intlDeptEmail: true,
          addressZh: true,
          isDemo: true,
          translations: { select: { locale: true, name: true, address: true } },
        },
      },
      department: { select: { translations: { select: { locale: true, name: true } } } },
      package: { select: { translations: { select: { locale: true, name: true } } } },
    },
  });
  if (!b?.visaLetter || !b.passportNumberEnc || b.anonymizedAt) throw new AppError("NOT_FOUND");
  const inst = pickTranslation(b.institution.translations, "en")?.value;
  const service = pickName((b.department ?? b.package)?.translations, "en");
  const appointment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(b.slot.startsAt);
  const pdf = await renderVisaLetterPdf({
    number: b.visaLetter.number,
    issuedAt: b.visaLetter.issuedAt,
    issuedBy: b.visaLetter.issuedBy?.name ?? "",
    institution: {
      name: inst?.name ?? b.institution.nameZh,
      nameZh: b.institution.nameZh,
      address: inst?.address ?? b.institution.addressZh,
      phone: b.institution.intlDeptPhone,
      email: b.institution.intlDeptEmail,
    },
    isDemo: b.institution.isDemo,
    patient: {
      name: b.patientName,
      nationality: regionNames.of(b.patientNationality) ?? b.patientNationality,
      dateOfBirth: b.patientDateOfBirth.toISOString().slice(0, 10),
      passportNumber: decrypt(b.passportNumberEnc),
    },
    service,
    appointment: `${appointment} (Beijing time)`,
    stayFrom: b.visaLetter.stayFrom.toISOString().slice(0, 10),
    stayTo: b.visaLetter.stayTo.toISOString().slice(0, 10),
    reference: b.reference,
  });
  return { pdf, filename: `${b.visaLetter.number}.pdf` };
}

export async function getVisaLetterForPatient(db: DbClient, reference: string, token: string | null) {
  const booking = await findWithToken(db, reference, token);
  return letterFor(db, booking.id);
}

export async function getVisaLetterForStaff(db: DbClient, actor: Actor | null, reference: string) {
  const scope = requireStaff(actor, "booking.read");
  if (!REFERENCE_PATTERN.test(reference)) throw new AppError("NOT_FOUND");
  const booking = await db.booking.findFirst({
    where: { reference, institutionId: scope.institutionId },
    select: { id: true },
  });
  if (!booking) throw new AppError("NOT_FOUND");
  return letterFor(db, booking.id);
}
