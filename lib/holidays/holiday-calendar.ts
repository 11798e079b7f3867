// Reads the mainland's holiday calendar (tables holiday_year and holiday_day)
// for the working-day count (lib/payment/working-days.ts) and for the admin
// console's list of the years covered. A use case loads it once and passes it
// on; the count never queries per day.
import type { DbClient, TxClient } from "../db/create-client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/permissions";
import type { HolidayCalendar } from "../payment/working-days";
import type { ArrangedDay } from "./arrangement";
import { dbDate, type CalendarDate } from "../time/zone";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Every covered year and its days, as the working-day count reads them. A count
 * that starts on `from` never looks at an earlier day, so only days from then on
 * are read (a few dozen rows instead of every year's, inside a booking transaction).
 */
export async function loadHolidayCalendar(
  db: DbClient | TxClient,
  from?: CalendarDate,
): Promise<HolidayCalendar> {
  const [years, days] = await Promise.all([
    db.holidayYear.findMany({ select: { year: true } }),
    db.holidayDay.findMany({
      where: from ? { date: { gte: dbDate(from) } } : undefined,
      select: { date: true, kind: true },
    }),
  ]);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of days) (d.kind === "HOLIDAY" ? holidays : workdays).add(iso(d.date));
  return { years: new Set(years.map((y) => y.year)), holidays, workdays };
}

export interface HolidayYearSummary {
  year: number;
  source: string;
  importedAt: Date;
  days: ArrangedDay[];
}

/** Read use case of the admin page: the years covered, newest first, each with its days. */
export async function listHolidayYears(db: DbClient, actor: Actor | null): Promise<HolidayYearSummary[]> {
  requireAdmin(actor, "holidays.manage");
  const years = await db.holidayYear.findMany({
    orderBy: { year: "desc" },
    include: { days: { orderBy: { date: "asc" } } },
  });
  return years.map((y) => ({
    year: y.year,
    source: y.source,
    importedAt: y.importedAt,
    days: y.days.map((d) => ({ date: iso(d.date), kind: d.kind, name: d.name, nameEn: d.nameEn })),
  }));
}
