// Formatters every page used to build for itself: dates and times in the
// hospitals' zone (Beijing), weekday names, language and region names, all in
// the reader's locale. Times keep the locale's one hour cycle
// (lib/i18n/time-format.ts, the home of how a time is written).
import { hourCycleOf } from "@/lib/i18n/time-format";
import { BEIJING } from "@/lib/time/zone";

type Style = "full" | "long" | "medium" | "short";

/** A date (and time with `time`) as it reads in Beijing, in `locale`. */
export function beijingFormat(locale: string, date?: Style, time?: Style): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: date,
    timeStyle: time,
    ...(time ? { hourCycle: hourCycleOf(locale) } : {}),
    timeZone: BEIJING,
  });
}

/** Sunday (0) to Saturday (6), named in `locale`. */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, d) => format.format(new Date(Date.UTC(2026, 0, 4 + d))));
}

/** Names of languages in `locale`. */
export const languageNames = (locale: string) => new Intl.DisplayNames([locale], { type: "language" });

/** Names of countries and regions in `locale`. */
export const regionNames = (locale: string) => new Intl.DisplayNames([locale], { type: "region" });
