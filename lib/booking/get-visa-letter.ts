// Use cases: the visa support letter as a PDF, for the patient (manage token)
// and for staff of the booking's institution: English and Chinese, plus the
// language the patient booked in (lib/booking/visa-letter-pdf.ts).
import { decrypt } from "../crypto/secrets";
import type { DbClient } from "../db/create-client";
import { AppError } from "../errors";
import { pickName, pickTranslation } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { findWithToken } from "./manage-booking";
import { renderVisaLetterPdf } from "./visa-letter-pdf";
import { REFERENCE_PATTERN } from "./reference";
import { calendarDateFromDbDate, isoDate } from "../time/zone";

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
  const serviceNames = (b.department ?? b.package)?.translations;
  const pdf = await renderVisaLetterPdf({
    number: b.visaLetter.number,
    verificationCode: b.visaLetter.verificationCode,
    issuedAt: b.visaLetter.issuedAt,
    issuedBy: b.visaLetter.issuedBy?.name ?? "",
    institution: {
      nameEn: inst?.name ?? b.institution.nameZh,
      nameZh: b.institution.nameZh,
      addressEn: inst?.address ?? b.institution.addressZh,
      addressZh: b.institution.addressZh,
      phone: b.institution.intlDeptPhone,
      email: b.institution.intlDeptEmail,
    },
    isDemo: b.institution.isDemo,
    patient: {
      name: b.patientName,
      nationality: b.patientNationality,
      dateOfBirth: isoDate(calendarDateFromDbDate(b.patientDateOfBirth)),
      passportNumber: decrypt(b.passportNumberEnc),
    },
    service: {
      en: pickName(serviceNames, "en"),
      zh: pickName(serviceNames, "zh"),
      patient: pickName(serviceNames, b.locale),
    },
    appointment: b.slot.startsAt,
    stayFrom: isoDate(calendarDateFromDbDate(b.visaLetter.stayFrom)),
    stayTo: isoDate(calendarDateFromDbDate(b.visaLetter.stayTo)),
    reference: b.reference,
    locale: b.locale,
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
