// A FHIR Slot's booking-deep-link (/<locale>/book/<hospital>?department=…&slot=<id>)
// opens the booking page on the week that shows that slot (openingWeek).
import { describe, expect, it } from "vitest";
import { openingWeek } from "../../lib/booking/slot-week";

const today = { year: 2026, month: 12, day: 1 };
const slots = [
  { id: "a", startsAt: new Date("2026-12-01T02:00:00Z") },
  { id: "b", startsAt: new Date("2026-12-16T02:00:00Z") },
  { id: "c", startsAt: new Date("2027-03-30T02:00:00Z") },
];

describe("openingWeek", () => {
  it("opens the week that shows the linked slot", () => {
    expect(openingWeek(slots, today, { slot: "a" })).toBe(0);
    expect(openingWeek(slots, today, { slot: "b" })).toBe(2);
    // Beyond the pages' horizon: the last week the pages show.
    expect(openingWeek(slots, today, { slot: "c" })).toBe(7);
  });

  it("keeps an explicit week, and opens this week for a slot no longer listed", () => {
    expect(openingWeek(slots, today, { slot: "b", week: "1" })).toBe(1);
    expect(openingWeek(slots, today, { slot: "gone" })).toBe(0);
    expect(openingWeek(slots, today, {})).toBe(0);
    expect(openingWeek(slots, today, { week: "3" })).toBe(3);
  });
});
