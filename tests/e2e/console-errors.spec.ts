// No console error and no page error on the patient pages (a React hydration
// error such as #418 is logged as one), and a layout that does not move while
// it loads and hydrates: the layout-shift entries a PerformanceObserver sees
// add up to less than 0.1 (Lighthouse's "good" CLS), measured on a phone-sized
// window where the booking week is tightest. English and Arabic (right to
// left). Issue 21 item 3, ADR 0031. One hold per language through the page
// (tests/e2e/README.md's budget); the manage page's booking is arranged on the
// server's database.
import { expect, test, type Page } from "@playwright/test";
import { arrangeBooking } from "./support/portal-db";
import { freeTime } from "./support/week-view";

const PAGES = [
  "",
  "/hospitals",
  "/hospitals/pumch-international",
  "/packages",
  "/packages/guanganmen-neck-back-pain",
  "/book/beijing-united-family?department=dentistry",
];

/** Every console error and uncaught page error from now on. */
function watchErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") seen.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.push(`${page.url()}: ${e.message}`));
  return seen;
}

/** Sums the layout shifts not caused by input, from the page's first paint on (window.__cls). */
async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) w.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The page has loaded, hydrated (React's keys on <main>) and settled. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const main = document.querySelector("main");
        return main !== null && Object.keys(main).some((k) => k.startsWith("__reactFiber"));
      }),
    )
    .toBe(true);
  await page.waitForLoadState("networkidle");
}

const layoutShift = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);

for (const locale of ["en", "ar"]) {
  test(`[${locale}] the patient pages log no error and do not shift while they load`, async ({ browser }) => {
    test.setTimeout(240_000);
    // A phone (Lighthouse's mobile size), in a zone other than Beijing's: the patient's own times show.
    const context = await browser.newContext({
      viewport: { width: 412, height: 823 },
      isMobile: true,
      hasTouch: true,
      timezoneId: "Europe/Berlin",
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await watchLayoutShifts(page);
    const shifts: Record<string, number> = {};

    for (const path of PAGES) {
      await page.goto(`/${locale}${path}`);
      await settled(page);
      shifts[path || "/"] = await layoutShift(page);
    }

    // The details page, reached as a patient does (a time chosen), then loaded afresh (hydrated).
    await freeTime(page, 1).click();
    await expect(page).toHaveURL(/\/book\/details\?slot=/);
    await expect(page.getByRole("timer")).toBeVisible();
    await page.reload();
    await settled(page);
    // The details form is enabled once React has hydrated it (booking-details-step.tsx).
    await expect(page.locator('form[aria-busy="false"]')).toBeVisible();
    shifts["/book/details"] = await layoutShift(page);

    const booking = await arrangeBooking({
      institution: "beijing-united-family",
      locale,
      from: new Date(Date.now() + 4 * 24 * 3600_000),
    });
    await page.goto(booking.managePath);
    await settled(page);
    shifts["/bookings/…"] = await layoutShift(page);

    console.log(`[${locale}] layout shift by page`, shifts);
    expect(errors).toEqual([]);
    for (const [path, value] of Object.entries(shifts)) expect(value, path).toBeLessThan(0.1);
    await context.close();
  });
}
