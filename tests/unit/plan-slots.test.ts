import { describe, expect, it } from "vitest";
import { planSlots } from "../../lib/booking/plan-slots";
import { beijingMonthOf, isoDate, zonedToUtc } from "../../lib/time/zone";

const monday = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 30, h - 8, m)); // Mon 30 Nov 2026, Beijing time

describe("planSlots", () => {
  const rule = { weekday: 1, startMinute: 9 * 60, endMinute: 11 * 60, slotMinutes: 30, capacity: 2 };

  it("cuts a weekly rule into slots in Beijing time", () => {
    const slots = planSlots({
      timezone: "Asia/Shanghai",
      rules: [rule],
      closures: [],
      now: monday(7),
      days: 7,
    });
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-11-30T01:00:00.000Z",
      "2026-11-30T01:30:00.000Z",
      "2026-11-30T02:00:00.000Z",
      "2026-11-30T02:30:00.000Z",
    ]);
    expect(
      slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 30 * 60_000 && s.capacity === 2),
    ).toBe(true);
  });

  it("never plans a slot that has started, nor one that would overrun the rule's end", () => {
    const slots = planSlots({
      timezone: "Asia/Shanghai",
      rules: [{ ...rule, endMinute: 10 * 60 + 45 }],
      closures: [],
      now: monday(9, 10),
      days: 1,
    });
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      "2026-11-30T01:30:00.000Z",
      "2026-11-30T02:00:00.000Z",
    ]);
  });

  it("skips closed days, inclusive of both ends", () => {
    const closure = { startsOn: new Date(Date.UTC(2026, 11, 7)), endsOn: new Date(Date.UTC(2026, 11, 7)) };
    const slots = planSlots({
      timezone: "Asia/Shanghai",
      rules: [rule],
      closures: [closure],
      now: monday(7),
      days: 21,
    });
    const days = new Set(
      slots.map((s) =>
        isoDate({
          year: s.startsAt.getUTCFullYear(),
          month: s.startsAt.getUTCMonth() + 1,
          day: s.startsAt.getUTCDate(),
        }),
      ),
    );
    expect([...days]).toEqual(["2026-11-30", "2026-12-14"]);
  });

  it("handles zones with daylight saving", () => {
    // 29 March 2026: Europe/Berlin moves from +01:00 to +02:00.
    expect(zonedToUtc({ year: 2026, month: 3, day: 28 }, 9 * 60, "Europe/Berlin").toISOString()).toBe(
      "2026-03-28T08:00:00.000Z",
    );
    expect(zonedToUtc({ year: 2026, month: 3, day: 30 }, 9 * 60, "Europe/Berlin").toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
  });

  it("puts 23:30 on the 31st in Beijing in that month, whatever UTC says", () => {
    const late = zonedToUtc({ year: 2026, month: 12, day: 31 }, 23 * 60 + 30);
    expect(late.toISOString()).toBe("2026-12-31T15:30:00.000Z");
    expect(beijingMonthOf(late)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(beijingMonthOf(new Date("2026-12-31T16:30:00Z"))).toEqual({ year: 2027, month: 1, day: 1 });
  });
});
