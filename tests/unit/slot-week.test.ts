// The week view's days (lib/booking/slot-week.ts): rolling weeks from today in
// Beijing, every day present even without a time, slots on their Beijing day,
// the next free time from the week's first day on and the week it falls in.
import { describe, expect, it } from "vitest";
import { horizon, slotWeek, weekOf, weekParam, weekWindow, WEEKS_AHEAD } from "../../lib/booking/slot-week";

const today = { year: 2026, month: 12, day: 30 };
const at = (iso: string, available = 1) => ({ id: iso, startsAt: new Date(iso), available });

describe("weekParam", () => {
  it("reads a week number within the horizon, anything else as this week", () => {
    expect(weekParam(undefined)).toBe(0);
    expect(weekParam("3")).toBe(3);
    expect(weekParam("-2")).toBe(0);
    expect(weekParam("99")).toBe(WEEKS_AHEAD - 1);
    expect(weekParam("next")).toBe(0);
  });
});

describe("weekWindow and horizon", () => {
  it("counts seven-day weeks from today, across a year's end", () => {
    expect(weekWindow(today, 0)).toEqual({ from: today, to: { year: 2027, month: 1, day: 5 } });
    expect(weekWindow(today, 1).from).toEqual({ year: 2027, month: 1, day: 6 });
    expect(horizon(today)).toEqual({ from: today, to: { year: 2027, month: 2, day: 23 } });
  });

  it("weekOf finds the week that shows a day", () => {
    expect(weekOf(today, today)).toBe(0);
    expect(weekOf(today, { year: 2027, month: 1, day: 5 })).toBe(0);
    expect(weekOf(today, { year: 2027, month: 1, day: 6 })).toBe(1);
    expect(weekOf(today, { year: 2027, month: 6, day: 1 })).toBe(WEEKS_AHEAD - 1);
  });
});

describe("slotWeek", () => {
  it("gives all seven days, a day without times empty, each slot on its Beijing day", () => {
    // 23:30 UTC on 30 December is 07:30 on 31 December in Beijing.
    const week = slotWeek([at("2026-12-30T23:30:00Z"), at("2026-12-30T01:00:00Z")], today, 0);
    expect(week.days.map((d) => d.date)).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
      "2027-01-04",
      "2027-01-05",
    ]);
    expect(week.days[0]!.slots.map((s) => s.id)).toEqual(["2026-12-30T01:00:00Z"]);
    expect(week.days[1]!.slots.map((s) => s.id)).toEqual(["2026-12-30T23:30:00Z"]);
    expect(week.days[2]!.slots).toEqual([]);
  });

  it("the next free time skips full ones and is found in a later week, with that week", () => {
    const slots = [
      at("2026-12-31T01:00:00Z", 0),
      at("2027-01-13T02:00:00Z", 0),
      at("2027-01-14T02:00:00Z", 2),
      at("2027-01-20T02:00:00Z", 1),
    ];
    const thisWeek = slotWeek(slots, today, 0);
    expect(thisWeek.next?.id).toBe("2027-01-14T02:00:00Z");
    expect(thisWeek.nextWeek).toBe(2);
    expect(thisWeek.days.flatMap((d) => d.slots).map((s) => s.id)).toEqual(["2026-12-31T01:00:00Z"]);
    // From week 2 on the same time is the next one; from week 3, the one after it.
    expect(slotWeek(slots, today, 2).next?.id).toBe("2027-01-14T02:00:00Z");
    expect(slotWeek(slots, today, 3)).toMatchObject({ nextWeek: 3, next: { id: "2027-01-20T02:00:00Z" } });
  });

  it("no free time ahead: no next", () => {
    expect(slotWeek([at("2026-12-31T01:00:00Z", 0)], today, 0)).toMatchObject({ next: null, nextWeek: null });
  });
});
