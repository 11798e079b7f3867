// The booking and reschedule pages' week view (components/booking/week-view.tsx)
// as the specs read it: the days of the shown week, the days that have a free
// time, and a free time of one of them, each a submit button named slotId.
import type { Locator, Page } from "@playwright/test";

export const weekView = (page: Page): Locator => page.getByTestId("week-view");

/** The shown week's seven days, in order (each a group headed by its full date). */
export const weekDays = (page: Page): Locator => weekView(page).locator("section[data-day]");

/** The days of the shown week with at least one time that can be chosen. */
export const daysWithFreeTimes = (page: Page): Locator =>
  weekDays(page).filter({ has: page.locator("button[name=slotId]:enabled") });

/** The first free time of the `nth` day (0-based) that has one. */
export const freeTime = (page: Page, nth = 0): Locator =>
  daysWithFreeTimes(page).nth(nth).locator("button[name=slotId]:enabled").first();
