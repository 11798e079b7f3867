// Locale-aware formatting shared by catalogue pages (pure, server or client).
// Intl formatters are costly to build, so each is built once per locale.
import type { HoursGroup } from "./hours";

function memo<T>(build: (locale: string) => T): (locale: string) => T {
  const cache = new Map<string, T>();
  return (locale) => {
    let value = cache.get(locale);
    if (value === undefined) {
      value = build(locale);
      cache.set(locale, value);
    }
    return value;
  };
}

const weekdayFormat = memo(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }),
);
const wholeYuan = memo(
  (locale) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 }),
);
const yuanAndFen = memo(
  (locale) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", minimumFractionDigits: 2 }),
);
const languageNames = memo((locale) => new Intl.DisplayNames([locale], { type: "language" }));

export function weekdayName(weekday: number, locale: string): string {
  // 7 January 2024 was a Sunday.
  return weekdayFormat(locale).format(new Date(Date.UTC(2024, 0, 7 + weekday)));
}

export function formatDays(group: HoursGroup, locale: string): string {
  const first = weekdayName(group.weekdays[0]!, locale);
  if (group.weekdays.length === 1) return first;
  const last = weekdayName(group.weekdays.at(-1)!, locale);
  return group.weekdays.length === 2 ? `${first}, ${last}` : `${first}–${last}`;
}

export function formatCny(fen: number, locale: string): string {
  return (fen % 100 === 0 ? wholeYuan(locale) : yuanAndFen(locale)).format(fen / 100);
}

export function languageName(code: string, locale: string): string {
  try {
    return languageNames(locale).of(code) ?? code;
  } catch {
    return code;
  }
}
