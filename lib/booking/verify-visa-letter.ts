// Use case: a nurse of the issuing hospital checks a visa letter someone reads
// out (a consulate, an airline): its number and verification code (ADR 0014).
// Genuine → the letter's key facts as the database has them now, for her to
// compare with the paper, and whether it is still valid (a cancelled, missed
// or erased booking, or a stay already over, makes it not valid). A wrong code,
// an unknown number and another hospital's letter get one answer: no letter of
// your hospital has this number and code.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import type { BookingStatus } from "../db/generated/client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { calendarDateFromDbDate, calendarDateOf, isoDate } from "../time/zone";
import { latinName } from "./latin-name";
import { CODE_PATTERN, normalizeVerificationCode, verificationCodeMatches } from "./visa-letter-code";

export const verifyVisaLetterSchema = z
  .object({
    number: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^VL-[0-9A-Z-]{4,40}$/),
    code: z.string().max(40).transform(normalizeVerificationCode).pipe(z.string().regex(CODE_PATTERN)),
  })
  .strict();

/** A Postgres `date` column as "YYYY-MM-DD". */
const dbDay = (value: Date) => isoDate(calendarDateFromDbDate(value));

/** Why a genuine letter is no longer valid. */
export type LetterInvalidity = "cancelled" | "noShow" | "erased" | "stayOver";

/** The one home of "a visa letter is still valid": its booking stands and its stay is not over. */
export function letterInvalidity(
  booking: { status: BookingStatus; anonymizedAt: Date | null },
  stayTo: Date,
  now: Date,
): LetterInvalidity | null {
  if (booking.anonymizedAt) return "erased";
  if (booking.status === "CANCELLED") return "cancelled";
  if (booking.status === "NO_SHOW") return "noShow";
  if (dbDay(stayTo) < isoDate(calendarDateOf(now))) return "stayOver";
  return null;
}

export type VisaLetterCheck =
  | { genuine: false }
  | {
      genuine: true;
      invalidBecause: LetterInvalidity | null;
      number: string;
      issuedAt: Date;
      issuedBy: string | null;
      reference: string;
      status: BookingStatus;
      stayFrom: string;
      stayTo: string;
      appointment: Date;
      service: string;
      /** Null once the booking's personal data is erased. */
      patient: { name: string; latinName: string | null; nationality: string; dateOfBirth: string } | null;
    };

export async function verifyVisaLetter(
  db: DbClient,
  actor: Actor | null,
  input: z.output<typeof verifyVisaLetterSchema>,
  locale: string,
  now: Date = new Date(),
): Promise<VisaLetterCheck> {
  const scope = requireStaff(actor, "booking.read");
  const names = nameTranslations(locale);
  const letter = await db.visaLetter.findFirst({
    where: { number: input.number, booking: { institutionId: scope.institutionId } },
    include: {
      issuedBy: { select: { name: true } },
      booking: {
        select: {
          reference: true,
          status: true,
          anonymizedAt: true,
          patientName: true,
          patientNationality: true,
          patientDateOfBirth: true,
          slot: { select: { startsAt: true } },
          department: { select: { translations: names } },
          package: { select: { translations: names } },
        },
      },
    },
  });
  if (!letter || !verificationCodeMatches(letter.verificationCode, input.code)) return { genuine: false };
  const b = letter.booking;
  return {
    genuine: true,
    invalidBecause: letterInvalidity(b, letter.stayTo, now),
    number: letter.number,
    issuedAt: letter.issuedAt,
    issuedBy: letter.issuedBy?.name ?? null,
    reference: b.reference,
    status: b.status,
    stayFrom: dbDay(letter.stayFrom),
    stayTo: dbDay(letter.stayTo),
    appointment: b.slot.startsAt,
    service: pickName((b.department ?? b.package)?.translations, locale),
    patient: b.anonymizedAt
      ? null
      : {
          name: b.patientName,
          latinName: latinName(b.patientName),
          nationality: b.patientNationality,
          dateOfBirth: dbDay(b.patientDateOfBirth),
        },
  };
}
