// International-department opening hours (Beijing time): parsing, "open now",
// and grouping consecutive days for display.
import { z } from "zod";
import { BEIJING, zonedParts } from "../time/zone";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const weeklyHoursSchema = z.array(
  z.object({ weekday: z.number().int().min(0).max(6), open: time, close: time }),
);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** Hours as stored (JSON); anything malformed reads as "no published hours". */
export function parseHours(value: unknown): WeeklyHours {
  const parsed = weeklyHoursSchema.safeParse(value);
  return parsed.success
    ? [...parsed.data].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open))
    : [];
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isOpenAt(hours: WeeklyHours, instant: Date): boolean {
  const p = zonedParts(instant, BEIJING);
  const now = p.hour * 60 + p.minute;
  return hours.some((h) => h.weekday === p.weekday && now >= minutes(h.open) && now < minutes(h.close));
}

export interface HoursGroup {
  /** Weekdays 0-6 (Sunday first), consecutive in the week starting Monday. */
  weekdays: number[];
  open: string;
  close: string;
}

/** Mon-Fri 08:00-17:00, Sat 08:00-12:00: runs of consecutive days (Monday first) with equal hours. */
export function groupHours(hours: WeeklyHours): HoursGroup[] {
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: HoursGroup[] = [];
  for (const day of order) {
    for (const h of hours.filter((x) => x.weekday === day)) {
      const last = groups.at(-1);
      const prevDay = last?.weekdays.at(-1);
      const consecutive = prevDay !== undefined && order.indexOf(day) === order.indexOf(prevDay) + 1;
      if (last && consecutive && last.open === h.open && last.close === h.close) last.weekdays.push(day);
      else groups.push({ weekdays: [day], open: h.open, close: h.close });
    }
  }
  return groups;
}
