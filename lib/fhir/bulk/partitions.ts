// How the SMART Scheduling Links publication (ADR 0023) is cut into files:
// Location, HealthcareService and Schedule files per city, Slot files per city and ISO week
// (Beijing time, like every schedule), so an aggregator fetches only the
// cities it serves and only the weeks whose data changed. Also the manifest's
// `extension.state` hint: the ISO 3166-2 code of the city's province-level
// division (CN-BJ), read from the city's `province` through the iso-3166
// package's list, never a table of our own.
import { iso31662 } from "iso-3166/2";
import {
  addDays,
  BEIJING,
  calendarDateOf,
  isoDate,
  weekdayOf,
  zonedToUtc,
  type CalendarDate,
} from "../../time/zone";
import { FHIR_BASE_PATH } from "../systems";

/** Where the publication's files live, under the FHIR base. */
export const BULK_PATH = `${FHIR_BASE_PATH}/bulk`;

/** An ISO 8601 week, "2026-W49". */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** Monday of ISO week 1 of `year`: the week with the year's first Thursday (the one holding 4 January). */
function firstMonday(year: number): CalendarDate {
  const jan4: CalendarDate = { year, month: 1, day: 4 };
  return addDays(jan4, -((weekdayOf(jan4) + 6) % 7));
}

/** The ISO week a calendar date falls in, "2026-W49". */
export function isoWeekOf(date: CalendarDate): string {
  const thursday = addDays(date, 3 - ((weekdayOf(date) + 6) % 7));
  const monday = firstMonday(thursday.year);
  const days =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) -
      Date.UTC(monday.year, monday.month - 1, monday.day)) /
    86_400_000;
  return `${thursday.year}-W${String(Math.floor(days / 7) + 1).padStart(2, "0")}`;
}

/** The Beijing ISO week an instant falls in. */
export function beijingWeekOf(instant: Date): string {
  return isoWeekOf(calendarDateOf(instant, BEIJING));
}

/** The instants a Beijing ISO week covers, [start, end), or null for a week that does not exist ("2026-W54"). */
export function weekRange(week: string): { start: Date; end: Date; monday: string } | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return null;
  const [year, number] = [Number(match[1]), Number(match[2])];
  if (number < 1) return null;
  const monday = addDays(firstMonday(year), (number - 1) * 7);
  if (isoWeekOf(monday) !== week) return null;
  return {
    start: zonedToUtc(monday, 0, BEIJING),
    end: zonedToUtc(addDays(monday, 7), 0, BEIJING),
    monday: isoDate(monday),
  };
}

/** The Beijing ISO weeks from the one `from` falls in to the one `to` falls in, in order. */
export function weeksBetween(from: Date, to: Date): string[] {
  const last = beijingWeekOf(to);
  const start = calendarDateOf(from, BEIJING);
  let monday = addDays(start, -((weekdayOf(start) + 6) % 7));
  const weeks: string[] = [];
  for (;;) {
    const week = isoWeekOf(monday);
    weeks.push(week);
    if (week === last || weeks.length > 520) return weeks;
    monday = addDays(monday, 7);
  }
}

// English names of province-level divisions that are not the romanization ISO 3166-2 lists.
const EXONYMS: Record<string, string> = {
  "inner mongolia": "nei mongol",
  tibet: "xizang",
  macau: "macao",
};

const chinaSubdivisions = iso31662.filter((s) => s.parent === "CN");

/**
 * The ISO 3166-2 code of a province-level division named in English ("Beijing", "Guangdong",
 * "Inner Mongolia" → CN-BJ, CN-GD, CN-NM), or null for a name that is none ("Synthetic").
 */
export function provinceCode(province: string): string | null {
  const name = province.trim().toLowerCase();
  if (!name) return null;
  const wanted = EXONYMS[name] ?? name;
  const found = chinaSubdivisions.find((s) => {
    const official = s.name.toLowerCase();
    return official === wanted || official.startsWith(`${wanted} `);
  });
  return found?.code ?? null;
}

/** The `state` hint of a file: the province's code, or the country's (ISO 3166-1) when the province has none. */
export function stateOf(province: string): string {
  return provinceCode(province) ?? "CN";
}

/** A city's slug as it stands in a file name: our slugs are [a-z0-9-], checked again when a path is read. */
export const CITY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type BulkFile =
  | { type: "Location"; city: string }
  | { type: "HealthcareService"; city: string }
  | { type: "Schedule"; city: string }
  | { type: "Slot"; city: string; week: string };

/** A file's path on this server (relative to the site). */
export function bulkFilePath(file: BulkFile): string {
  return file.type === "Slot"
    ? `${BULK_PATH}/Slot/${file.city}/${file.week}.ndjson`
    : `${BULK_PATH}/${file.type}/${file.city}.ndjson`;
}

/** The city a Location, HealthcareService or Schedule file name names ("beijing.ndjson"), or null. */
export function cityOfFileName(name: string): string | null {
  const match = /^(.+)\.ndjson$/.exec(name);
  return match && CITY_SLUG.test(match[1]!) ? match[1]! : null;
}

/** The week a Slot file name names ("2026-W49.ndjson") with its range, or null. */
export function weekOfFileName(name: string): { week: string; start: Date; end: Date } | null {
  const match = /^(.+)\.ndjson$/.exec(name);
  if (!match) return null;
  const range = weekRange(match[1]!);
  return range ? { week: match[1]!, start: range.start, end: range.end } : null;
}
