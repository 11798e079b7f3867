// Calendar arithmetic in a named time zone (Asia/Shanghai for every schedule),
// independent of the server's own TZ.
export const BEIJING = "Asia/Shanghai";

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function zonedParts(instant: Date, timeZone: string = BEIJING): ZonedParts & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays[parts.weekday ?? "Sun"] ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in minutes (Beijing: +480). */
export function zoneOffsetMinutes(instant: Date, timeZone: string = BEIJING): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows this local date and minute of day. */
export function zonedToUtc(date: CalendarDate, minuteOfDay: number, timeZone: string = BEIJING): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // A second pass settles instants near a daylight-saving change.
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function calendarDateOf(instant: Date, timeZone: string = BEIJING): CalendarDate {
  const { year, month, day } = zonedParts(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "2026-11-24" */
export function isoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** A Postgres `date` column as Prisma returns it (UTC midnight) back to a calendar date. */
export function calendarDateFromDbDate(value: Date): CalendarDate {
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}

/** A calendar date as the value Prisma writes to a `date` column. */
export function dbDate(date: CalendarDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day));
}

/** The first day of the Beijing calendar month an instant falls in (quota months). */
export function beijingMonthOf(instant: Date): CalendarDate {
  const { year, month } = zonedParts(instant, BEIJING);
  return { year, month, day: 1 };
}
