// The holiday arrangements shipped by the chinese-days package (ADR 0015): the
// data the demo seed and `npm run holidays:update` load into the calendar
// tables. A year an official imported that the package does not have is left
// as it is; a year the package has is replaced by the package's.
import packageData from "chinese-days/dist/chinese-days.json";
import packageInfo from "chinese-days/package.json";
import type { DbClient } from "../db/create-client";
import { arrangedDayRow, type ArrangedDay, type HolidayDayKind, type YearArrangement } from "./arrangement";

export const PACKAGE_SOURCE = `chinese-days ${packageInfo.version}`;

/** Each year the package has, with its holidays and make-up working days, in date order. */
export function packageArrangements(): YearArrangement[] {
  const byYear = new Map<number, ArrangedDay[]>();
  const add = (days: Record<string, string>, kind: HolidayDayKind) => {
    for (const [date, label] of Object.entries(days)) {
      // "National Day,国庆节,3": English name, Chinese name, the holiday's number.
      const [nameEn, name] = label.split(",");
      const year = Number(date.slice(0, 4));
      const list = byYear.get(year) ?? [];
      list.push({ date, kind, name: name || nameEn!, nameEn: nameEn || null });
      byYear.set(year, list);
    }
  };
  add(packageData.holidays, "HOLIDAY");
  add(packageData.workdays, "MAKEUP_WORKDAY");
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      source: PACKAGE_SOURCE,
      days: days.sort((a, b) => a.date.localeCompare(b.date)),
    }));
}

/**
 * Loads every year of the installed package into the calendar, in one transaction of four
 * statements whatever the number of years (a statement per year outlived the transaction's
 * time on a loaded machine); returns the years.
 */
export async function refreshFromPackage(db: DbClient): Promise<number[]> {
  const arrangements = packageArrangements();
  const years = arrangements.map((a) => a.year);
  await db.$transaction(
    async (tx) => {
      await tx.holidayYear.createMany({
        data: years.map((year) => ({ year, source: PACKAGE_SOURCE })),
        skipDuplicates: true,
      });
      await tx.holidayYear.updateMany({
        where: { year: { in: years } },
        data: { source: PACKAGE_SOURCE, importedAt: new Date() },
      });
      await tx.holidayDay.deleteMany({ where: { year: { in: years } } });
      await tx.holidayDay.createMany({
        data: arrangements.flatMap((a) => a.days.map((d) => arrangedDayRow(a.year, d))),
      });
    },
    { timeout: 60_000 },
  );
  return years;
}
