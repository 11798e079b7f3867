// One home for "working day" on the mainland: pre-authorization lead times are
// counted in them. A year whose State Council arrangement is known (a year of
// the holiday calendar, lib/holidays) counts its holidays as days off and its
// make-up weekend days (调休) as working days; any other year falls back to
// Monday to Friday, and the count says so (holidaysUnknown) so callers can
// show that the date is an estimate. Pure: the caller loads the calendar once
// (loadHolidayCalendar) and passes it in.
import { addDays, isoDate, weekdayOf, type CalendarDate } from "../time/zone";

/** The mainland's holiday arrangement for some years, as the counting reads it. */
export interface HolidayCalendar {
  /** Years whose arrangement is known. */
  years: ReadonlySet<number>;
  /** Days off (YYYY-MM-DD) that would otherwise be working days, or fall in a holiday week. */
  holidays: ReadonlySet<string>;
  /** Weekend days (YYYY-MM-DD) made working days. */
  workdays: ReadonlySet<string>;
}

/** No arrangement known: every year counts Monday to Friday (and is flagged as such). */
export const NO_HOLIDAYS_KNOWN: HolidayCalendar = {
  years: new Set(),
  holidays: new Set(),
  workdays: new Set(),
};

/** Whether the calendar knows the arrangement of `date`'s year. */
export function coversDate(calendar: HolidayCalendar, date: CalendarDate): boolean {
  return calendar.years.has(date.year);
}

export function isWorkingDay(date: CalendarDate, calendar: HolidayCalendar): boolean {
  if (coversDate(calendar, date)) {
    const day = isoDate(date);
    if (calendar.workdays.has(day)) return true;
    if (calendar.holidays.has(day)) return false;
  }
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5;
}

export interface WorkingDaysCount {
  /** The day `days` working days after the start (the start day itself does not count). */
  date: CalendarDate;
  /** True when a day counted lies in a year the calendar does not cover (counted Monday to Friday). */
  holidaysUnknown: boolean;
}

/** The day `days` working days after `date`, and whether that count had to guess. */
export function countWorkingDays(
  date: CalendarDate,
  days: number,
  calendar: HolidayCalendar,
): WorkingDaysCount {
  let day = date;
  let holidaysUnknown = false;
  for (let left = days; left > 0;) {
    day = addDays(day, 1);
    if (!coversDate(calendar, day)) holidaysUnknown = true;
    if (isWorkingDay(day, calendar)) left--;
  }
  return { date: day, holidaysUnknown };
}

/** The day `days` working days after `date` (the start day itself does not count). */
export function addWorkingDays(date: CalendarDate, days: number, calendar: HolidayCalendar): CalendarDate {
  return countWorkingDays(date, days, calendar).date;
}
