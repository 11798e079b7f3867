// One home for a year's holiday arrangement on the mainland (the State
// Council's yearly notice): the holiday-cn JSON format officials import it in,
// its rules (zod), and replacing a year in the calendar tables, which the
// admin import and the package refresh (npm run holidays:update) both use.
import { z } from "zod";
import type { DbClient, TxClient } from "../db/create-client";
import { isoDaySchema } from "../time/iso-day";
import { weekdayOf, type CalendarDate } from "../time/zone";

export type HolidayDayKind = "HOLIDAY" | "MAKEUP_WORKDAY";

export interface ArrangedDay {
  /** YYYY-MM-DD */
  date: string;
  kind: HolidayDayKind;
  /** The holiday's name in the notice (Chinese). */
  name: string;
  nameEn: string | null;
}

export interface YearArrangement {
  year: number;
  /** Where it came from: the package and version, or the notice's address. */
  source: string;
  days: ArrangedDay[];
}

/** The first day a year's notice may arrange: New Year's days off can begin in the December before. */
export const firstArrangedDay = (year: number) => `${year - 1}-12-01`;
export const lastArrangedDay = (year: number) => `${year}-12-31`;

const calendarDate = (iso: string): CalendarDate => ({
  year: Number(iso.slice(0, 4)),
  month: Number(iso.slice(5, 7)),
  day: Number(iso.slice(8, 10)),
});
const isWeekend = (iso: string) => [0, 6].includes(weekdayOf(calendarDate(iso)));

/** A year's arrangement in holiday-cn's JSON format ({year, papers, days: [{name, date, isOffDay}]}). */
export const holidayCnYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The notice's address(es) on the State Council's site. */
    papers: z
      .array(z.url({ protocol: /^https?$/ }).max(500))
      .max(10)
      .default([]),
    days: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(40),
          date: isoDaySchema,
          isOffDay: z.boolean(),
        }),
      )
      .min(1)
      .max(120),
  })
  .superRefine((arrangement, ctx) => {
    const seen = new Set<string>();
    arrangement.days.forEach((day, i) => {
      if (day.date < firstArrangedDay(arrangement.year) || day.date > lastArrangedDay(arrangement.year))
        ctx.addIssue({ code: "custom", message: "outOfRange", path: ["days", i, "date"] });
      else if (seen.has(day.date))
        ctx.addIssue({ code: "custom", message: "invalid", path: ["days", i, "date"] });
      // A make-up working day (调休) is a weekend day made a working day; a weekday already is one.
      else if (!day.isOffDay && !isWeekend(day.date))
        ctx.addIssue({ code: "custom", message: "invalid", path: ["days", i, "isOffDay"] });
      seen.add(day.date);
    });
  });

export type HolidayCnYear = z.output<typeof holidayCnYearSchema>;

/** holiday-cn's file as the calendar's arrangement. */
export function fromHolidayCn(file: HolidayCnYear): YearArrangement {
  return {
    year: file.year,
    source: file.papers.length > 0 ? file.papers.join(" ") : "holiday-cn JSON",
    days: file.days
      .map((d) => ({
        date: d.date,
        kind: d.isOffDay ? ("HOLIDAY" as const) : ("MAKEUP_WORKDAY" as const),
        name: d.name,
        nameEn: null,
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** One arranged day as a holiday_day row of `year`'s arrangement. */
export const arrangedDayRow = (year: number, d: ArrangedDay) => ({
  year,
  date: new Date(`${d.date}T00:00:00Z`),
  kind: d.kind,
  name: d.name,
  nameEn: d.nameEn,
});

/** Replaces one year's arrangement (its days and source) with `arrangement`, in the caller's transaction. */
export async function replaceHolidayYear(
  tx: TxClient | DbClient,
  arrangement: YearArrangement,
): Promise<void> {
  await tx.holidayYear.upsert({
    where: { year: arrangement.year },
    create: { year: arrangement.year, source: arrangement.source },
    update: { source: arrangement.source, importedAt: new Date() },
  });
  await tx.holidayDay.deleteMany({ where: { year: arrangement.year } });
  await tx.holidayDay.createMany({
    data: arrangement.days.map((d) => arrangedDayRow(arrangement.year, d)),
  });
}
