// Use case: the console's day view. Bookings of the actor's institution on one
// Beijing date (or matching a reference or name, across dates), filterable by
// department or package and status. Each patient's name also in Latin letters
// when typed in another script, for staff who do not read it.
import { z } from "zod";
import { isoDaySchema } from "../time/iso-day";
import { serviceSchema } from "../catalogue/list-services";
import type { DbClient } from "../db/create-client";
import type { BookingStatus, Prisma } from "../db/generated/client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";
import { latinName } from "./latin-name";
import { addDays, calendarDateOf, isoDate, zonedToUtc, type CalendarDate } from "../time/zone";

const statuses = [
  "PENDING_CONFIRMATION",
  "CONFIRMED",
  "CANCELLED",
  "CHECKED_IN",
  "COMPLETED",
  "NO_SHOW",
] as const;

export const dayViewSchema = z
  .object({
    date: isoDaySchema.optional(),
    service: serviceSchema.optional(),
    status: z.enum(statuses).optional(),
    q: z.string().trim().max(120).optional(),
  })
  .strict();

export type DayViewQuery = z.output<typeof dayViewSchema>;

export interface DayViewRow {
  reference: string;
  startsAt: Date;
  status: BookingStatus;
  patientName: string;
  /** The name in Latin letters, or null when it was typed in Latin letters. */
  patientLatinName: string | null;
  nationality: string;
  preferredLanguage: string;
  locale: string;
  interpreterWanted: boolean;
  interpreterAcknowledged: boolean;
  visaLetterWanted: boolean;
  visaLetterIssued: boolean;
  paymentMethod: string;
  insurer: string | null;
  reasonForVisit: string;
  service: string;
}

export function parseCalendarDate(iso: string): CalendarDate {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

export async function listDayBookings(
  db: DbClient,
  actor: Actor | null,
  query: DayViewQuery,
  locale: string,
  now = new Date(),
) {
  const scope = requireStaff(actor, "booking.read");
  const date = query.date ? parseCalendarDate(query.date) : calendarDateOf(now);
  const q = query.q?.trim();

  const where: Prisma.BookingWhereInput = {
    institutionId: scope.institutionId,
    anonymizedAt: null,
    ...(query.status ? { status: query.status } : {}),
  };
  if (query.service?.startsWith("d:")) where.department = { slug: query.service.slice(2) };
  if (query.service?.startsWith("p:")) where.package = { slug: query.service.slice(2) };
  if (q) {
    where.OR = [{ reference: q.toUpperCase() }, { patientName: { contains: q, mode: "insensitive" } }];
  } else {
    where.slot = { startsAt: { gte: zonedToUtc(date, 0), lt: zonedToUtc(addDays(date, 1), 0) } };
  }
  const names = nameTranslations(locale);
  const rows = await db.booking.findMany({
    where,
    orderBy: [{ slot: { startsAt: "asc" } }, { reference: "asc" }],
    take: 200,
    select: {
      reference: true,
      status: true,
      patientName: true,
      patientNationality: true,
      preferredLanguage: true,
      locale: true,
      interpreterWanted: true,
      interpreterAckAt: true,
      visaLetterWanted: true,
      visaLetter: { select: { id: true } },
      paymentMethod: true,
      insurer: { select: { name: true } },
      reasonForVisit: true,
      slot: { select: { startsAt: true } },
      department: {
        select: { translations: names },
      },
      package: {
        select: { translations: names },
      },
    },
  });
  return {
    date: isoDate(date),
    previous: isoDate(addDays(date, -1)),
    next: isoDate(addDays(date, 1)),
    searching: !!q,
    rows: rows.map((b): DayViewRow => ({
      reference: b.reference,
      startsAt: b.slot.startsAt,
      status: b.status,
      patientName: b.patientName,
      patientLatinName: latinName(b.patientName),
      nationality: b.patientNationality,
      preferredLanguage: b.preferredLanguage,
      locale: b.locale,
      interpreterWanted: b.interpreterWanted,
      interpreterAcknowledged: !!b.interpreterAckAt,
      visaLetterWanted: b.visaLetterWanted,
      visaLetterIssued: !!b.visaLetter,
      paymentMethod: b.paymentMethod,
      insurer: b.insurer?.name ?? null,
      reasonForVisit: b.reasonForVisit,
      service: pickName((b.department ?? b.package)?.translations, locale),
    })),
  };
}
