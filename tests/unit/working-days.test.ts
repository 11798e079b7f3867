// The working-day count over a given holiday calendar (lib/payment/working-days.ts):
// holidays are days off, make-up weekend days are working days, and a year the
// calendar does not cover counts Monday to Friday and is flagged.
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  NO_HOLIDAYS_KNOWN,
  type HolidayCalendar,
} from "../../lib/payment/working-days";

const d = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
};

// A made-up arrangement for 2031: a week off (Wednesday 1 to Tuesday 7 October)
// and Saturday 11 October worked in its place.
const calendar: HolidayCalendar = {
  years: new Set([2031]),
  holidays: new Set([
    "2031-10-01",
    "2031-10-02",
    "2031-10-03",
    "2031-10-04",
    "2031-10-05",
    "2031-10-06",
    "2031-10-07",
  ]),
  workdays: new Set(["2031-10-11"]),
};

describe("working days over a holiday calendar", () => {
  it("a holiday on a weekday is a day off; a make-up Saturday is a working day; other days are Monday to Friday", () => {
    expect(isWorkingDay(d("2031-10-01"), calendar)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay(d("2031-10-11"), calendar)).toBe(true); // Saturday, worked
    expect(isWorkingDay(d("2031-10-12"), calendar)).toBe(false); // Sunday
    expect(isWorkingDay(d("2031-10-08"), calendar)).toBe(true); // Wednesday
    expect(isWorkingDay(d("2031-10-01"), NO_HOLIDAYS_KNOWN)).toBe(true);
    expect(isWorkingDay(d("2031-10-11"), NO_HOLIDAYS_KNOWN)).toBe(false);
  });

  it("counts across the holiday week, the make-up Saturday included, and does not count the start day", () => {
    // From Monday 29 September: Tue 30 (1), the week off, Wed 8 (2), Thu 9 (3), Fri 10 (4), Sat 11 (5).
    expect(countWorkingDays(d("2031-09-29"), 5, calendar)).toEqual({
      date: d("2031-10-11"),
      holidaysUnknown: false,
    });
    expect(addWorkingDays(d("2031-09-29"), 1, calendar)).toEqual(d("2031-09-30"));
    expect(addWorkingDays(d("2031-09-29"), 2, calendar)).toEqual(d("2031-10-08"));
    expect(addWorkingDays(d("2031-09-29"), 0, calendar)).toEqual(d("2031-09-29"));
    // Without the calendar the same count lands in the holiday week.
    expect(addWorkingDays(d("2031-09-29"), 5, NO_HOLIDAYS_KNOWN)).toEqual(d("2031-10-06"));
  });

  it("a count that reaches into a year not covered falls back to Monday to Friday and says so", () => {
    // Monday 29 December 2031: Tue 30, Wed 31, then 2032 (not covered): Thu 1, Fri 2, Mon 5.
    expect(countWorkingDays(d("2031-12-29"), 5, calendar)).toEqual({
      date: d("2032-01-05"),
      holidaysUnknown: true,
    });
    // Within the covered year it is not flagged, even with no holiday in reach.
    expect(countWorkingDays(d("2031-12-01"), 5, calendar).holidaysUnknown).toBe(false);
    expect(countWorkingDays(d("2031-12-01"), 5, NO_HOLIDAYS_KNOWN).holidaysUnknown).toBe(true);
  });
});
