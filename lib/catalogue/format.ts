// Locale-aware formatting shared by catalogue pages (pure, server or client).
import type { HoursGroup } from "./hours";

export function weekdayName(weekday: number, locale: string): string {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, 0, 7 + weekday)),
  );
}

export function formatDays(group: HoursGroup, locale: string): string {
  const first = weekdayName(group.weekdays[0]!, locale);
  if (group.weekdays.length === 1) return first;
  const last = weekdayName(group.weekdays.at(-1)!, locale);
  return group.weekdays.length === 2 ? `${first}, ${last}` : `${first}–${last}`;
}

export function formatCny(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "CNY",
    maximumFractionDigits: fen % 100 === 0 ? 0 : 2,
  }).format(fen / 100);
}

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
