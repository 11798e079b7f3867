// Pure planning of the slots a weekly schedule produces; no database here so
// the arithmetic is unit-tested on its own (tests/unit/plan-slots.test.ts).
import {
  addDays,
  calendarDateFromDbDate,
  calendarDateOf,
  isoDate,
  weekdayOf,
  zonedToUtc,
} from "../time/zone";

export interface PlannedRule {
  weekday: number;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  capacity: number;
}

export interface PlannedClosure {
  startsOn: Date;
  endsOn: Date;
}

export interface PlannedSlot {
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export interface PlanInput {
  timezone: string;
  rules: readonly PlannedRule[];
  closures: readonly PlannedClosure[];
  /** Slots starting at or before this instant are not planned. */
  now: Date;
  /** How many days ahead, counted from the schedule's local date of `now`. */
  days: number;
}

export function planSlots(input: PlanInput): PlannedSlot[] {
  const closedRanges = input.closures.map((c) => [
    isoDate(calendarDateFromDbDate(c.startsOn)),
    isoDate(calendarDateFromDbDate(c.endsOn)),
  ]);
  const first = calendarDateOf(input.now, input.timezone);
  const slots: PlannedSlot[] = [];
  for (let offset = 0; offset < input.days; offset++) {
    const date = addDays(first, offset);
    const iso = isoDate(date);
    if (closedRanges.some(([from, to]) => iso >= from! && iso <= to!)) continue;
    const weekday = weekdayOf(date);
    for (const rule of input.rules) {
      if (rule.weekday !== weekday) continue;
      for (
        let start = rule.startMinute;
        start + rule.slotMinutes <= rule.endMinute;
        start += rule.slotMinutes
      ) {
        const startsAt = zonedToUtc(date, start, input.timezone);
        if (startsAt <= input.now) continue;
        slots.push({
          startsAt,
          endsAt: zonedToUtc(date, start + rule.slotMinutes, input.timezone),
          capacity: rule.capacity,
        });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
