// One home for how a time of day is written, on every page, console and
// e-mail: in the page's locale (never the browser's), never with seconds, and
// with one hour cycle per locale, so a heading, a slot button and an e-mail
// never disagree. Pure: it runs on the server and in the browser alike.
//
// The hour cycle: 24-hour in every locale except English, whose readers (the
// portal's default language, much of it read in the US) expect "9:00 AM" and
// read "09:00" as military time. Everywhere else the 24-hour clock is what a
// timetable, a ticket or a hospital's appointment card uses, including in
// Arabic, Japanese and Korean, where everyday speech is 12-hour but a
// two-letter AM/PM marker beside two zones' times is easily misread.
import { BEIJING } from "../time/zone";

/** Languages whose readers expect a 12-hour clock; all others get 24-hour. */
const TWELVE_HOUR = new Set(["en"]);

export const hourCycleOf = (locale: string): "h12" | "h23" =>
  TWELVE_HOUR.has(locale.split("-")[0]!.toLowerCase()) ? "h12" : "h23";

/**
 * The hour and minute options for `locale`: a fixed hour cycle, two-digit hours on a 24-hour
 * clock ("09:00", so the slot grid lines up), numeric on a 12-hour one ("9:00 AM").
 */
export function clockOptions(locale: string): Intl.DateTimeFormatOptions {
  const cycle = hourCycleOf(locale);
  return { hour: cycle === "h12" ? "numeric" : "2-digit", minute: "2-digit", hourCycle: cycle };
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
};

/** How the zone is named after the time: not at all, by its offset ("GMT+3") or its long name ("China Standard Time"). */
export type ZoneLabel = "none" | "offset" | "long";

export interface TimeOptions {
  /** The zone the time is read in; Beijing unless said. */
  timeZone?: string;
  /** With the weekday, day, month and year before the time. */
  date?: boolean;
  zone?: ZoneLabel;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build: each combination is built once. */
function formatter(locale: string, { timeZone = BEIJING, date = false, zone = "none" }: TimeOptions) {
  const key = `${locale}|${timeZone}|${date}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(date ? DATE_OPTIONS : {}),
      ...clockOptions(locale),
      ...(zone === "none" ? {} : { timeZoneName: zone === "offset" ? "shortOffset" : "long" }),
      timeZone,
    });
    formats.set(key, format);
  }
  return format;
}

/** `instant` as read in a zone (Beijing by default), in `locale`: "09:00", "9:00 AM", "пятница, 4 декабря 2026 г. в 09:00". */
export function formatTime(instant: Date, locale: string, options: TimeOptions = {}): string {
  return formatter(locale, options).format(instant);
}

/** The appointment's time as the hospital reads it, named as China's time ("… 09:00 China Standard Time"). */
export function chinaTime(instant: Date, locale: string, { date = true }: { date?: boolean } = {}): string {
  return formatTime(instant, locale, { date, zone: date ? "long" : "none" });
}

/** Beijing's UTC offset at `instant` as `locale` writes it ("GMT+8", "غرينتش+8"). */
export function beijingOffset(instant: Date, locale: string): string {
  const parts = formatter(locale, { zone: "offset" }).formatToParts(instant);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "UTC+8";
}

/** Whether a clock in `timeZone` reads the same as one in Beijing at `instant` (Singapore, Perth…). */
export function readsAsBeijing(instant: Date, timeZone: string): boolean {
  // Every LocalTime's first render in the browser (hydration) reads Beijing's zone: nothing to format.
  if (timeZone === BEIJING) return true;
  const wall = (zone: string) => formatTime(instant, "en", { timeZone: zone, date: true });
  return wall(timeZone) === wall(BEIJING);
}

/**
 * The same instant on the patient's own clock, with its offset ("04:00 GMT+3"), or null when
 * their zone reads as Beijing (nothing to add) or is not a zone Intl knows.
 */
export function patientTime(
  instant: Date,
  locale: string,
  timeZone: string,
  { date = false }: { date?: boolean } = {},
): string | null {
  try {
    if (readsAsBeijing(instant, timeZone)) return null;
    return formatTime(instant, locale, { timeZone, date, zone: "offset" });
  } catch {
    return null;
  }
}
