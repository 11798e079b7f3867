// One home for the week view of free times (the booking page and the
// reschedule page): which days week n shows (rolling weeks from today in
// Beijing, so week 0 never shows a past day), how far ahead the pages look,
// the days of a week with their slots (a day without a slot is still there),
// and the next free time at or after a week's first day, with the week it
// falls in. Pure: the pages call listSlots once for the whole horizon and
// hand its slots here.
import { addDays, calendarDateOf, isoDate, type CalendarDate } from "../time/zone";

/** How many weeks ahead a patient can page (listSlots answers at most 62 days). */
export const WEEKS_AHEAD = 8;
export const DAYS_IN_WEEK = 7;

/** The `week` query parameter as a week number, 0 (this week) to WEEKS_AHEAD - 1; anything else is 0. */
export function weekParam(value: string | undefined): number {
  const week = Number.parseInt(value ?? "0", 10);
  return Number.isInteger(week) ? Math.min(WEEKS_AHEAD - 1, Math.max(0, week)) : 0;
}

/** The first and last day (Beijing calendar) of week `week`, counted from `today`. */
export function weekWindow(today: CalendarDate, week: number): { from: CalendarDate; to: CalendarDate } {
  const from = addDays(today, week * DAYS_IN_WEEK);
  return { from, to: addDays(from, DAYS_IN_WEEK - 1) };
}

/** Every day the pages can show: this week's first day to the last day of the last week. */
export function horizon(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: today, to: weekWindow(today, WEEKS_AHEAD - 1).to };
}

/** The week (counted from `today`) that shows `day`, within the horizon. */
export function weekOf(today: CalendarDate, day: CalendarDate): number {
  const days = Math.round((Date.parse(isoDate(day)) - Date.parse(isoDate(today))) / 86_400_000);
  return Math.min(WEEKS_AHEAD - 1, Math.max(0, Math.floor(days / DAYS_IN_WEEK)));
}

/**
 * The week a booking page opens on: the `week` parameter when given, else the week that shows
 * the slot a link names (a FHIR Slot's booking-deep-link, ?slot=<id>) when it is still listed,
 * else this week.
 */
export function openingWeek(
  slots: readonly { id: string; startsAt: Date }[],
  today: CalendarDate,
  params: { week?: string; slot?: string },
): number {
  if (params.week !== undefined || !params.slot) return weekParam(params.week);
  const linked = slots.find((s) => s.id === params.slot);
  return linked ? weekOf(today, calendarDateOf(linked.startsAt)) : 0;
}

interface WeekSlot {
  startsAt: Date;
  available: number;
}

export interface SlotDay<S> {
  /** The Beijing calendar day, e.g. "2026-12-07". */
  date: string;
  slots: S[];
}

export interface SlotWeek<S> {
  week: number;
  days: SlotDay<S>[];
  /** The first free time at or after this week's first day (highlighted, the "next available" jump). */
  next: S | null;
  /** The week that shows `next`. */
  nextWeek: number | null;
}

/** Week `week`'s seven days with their slots (in time order), and the next free time from its first day on. */
export function slotWeek<S extends WeekSlot>(
  slots: readonly S[],
  today: CalendarDate,
  week: number,
): SlotWeek<S> {
  const { from } = weekWindow(today, week);
  const days: SlotDay<S>[] = Array.from({ length: DAYS_IN_WEEK }, (_, i) => ({
    date: isoDate(addDays(from, i)),
    slots: [],
  }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const slot of sorted) byDate.get(isoDate(calendarDateOf(slot.startsAt)))?.slots.push(slot);
  const first = isoDate(from);
  const next = sorted.find((s) => s.available > 0 && isoDate(calendarDateOf(s.startsAt)) >= first) ?? null;
  return {
    week,
    days,
    next,
    nextWeek: next ? weekOf(today, calendarDateOf(next.startsAt)) : null,
  };
}
