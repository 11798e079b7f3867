// Quota months: Beijing calendar months, written "YYYY-MM" at the edges and
// stored as their first day in `quota_period.month`.
import { z } from "zod";
import { beijingMonthOf, dbDate, type CalendarDate } from "../time/zone";

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export function parseMonth(value: string): CalendarDate {
  const [year, month] = value.split("-").map(Number);
  return { year: year!, month: month!, day: 1 };
}

export function monthKey(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}`;
}

export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** Months from `first` to `last`, inclusive. */
export function monthRange(first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const count = last.year * 12 + last.month - (first.year * 12 + first.month) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addMonths(first, i));
}

/** The Beijing month of `now` and the `count - 1` after it. */
export function monthsFrom(now: Date, count: number): CalendarDate[] {
  const first = beijingMonthOf(now);
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}

export const monthDbDate = (value: CalendarDate): Date => dbDate({ ...value, day: 1 });
