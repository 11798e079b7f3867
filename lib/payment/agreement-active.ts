// One home for "a direct-billing agreement is in force on this day" (DESIGN
// rule 4): it started on or before the day and has no end or ends on or after
// it, both ends inclusive, days of the Beijing calendar. The catalogue's search
// asks it in SQL, the hospital page through Prisma, the booking and the checker
// in memory; all three say it here, so they cannot drift apart.
import { Prisma } from "../db/generated/client";
import { dbDate, isoDate, type CalendarDate } from "../time/zone";

/** SQL condition: the agreement row aliased `a` is in force on `day`. */
export function agreementActiveOn(day: CalendarDate): Prisma.Sql {
  const on = isoDate(day);
  return Prisma.sql`a.valid_from <= ${on}::date AND (a.valid_to IS NULL OR a.valid_to >= ${on}::date)`;
}

/** Prisma `where` of a DirectBillingAgreement in force on `day`. */
export function agreementActiveWhere(day: CalendarDate) {
  const on = dbDate(day);
  return {
    validFrom: { lte: on },
    OR: [{ validTo: null }, { validTo: { gte: on } }],
  } satisfies Prisma.DirectBillingAgreementWhereInput;
}

/** The same test on an agreement already read, its days as "YYYY-MM-DD". */
export function isAgreementActiveOn(
  agreement: { validFrom: string; validTo: string | null },
  day: CalendarDate,
): boolean {
  const on = isoDate(day);
  return agreement.validFrom <= on && (agreement.validTo === null || agreement.validTo >= on);
}
