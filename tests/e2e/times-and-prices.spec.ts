// Issue 16, "Times" and "The price in the patient's currency", walked in
// Arabic and Russian by a browser in another zone (Dubai, Moscow) whose own
// locale is English: every time is written in the page's language by the one
// formatter (lib/i18n/time-format.ts), without seconds, China's time beside
// the patient's own (Intl's output for the browser's zone); the price in CNY
// has an approximate amount in the patient's currency with the rate's date.
// Holds: 2 (one review step per locale); bookings: none through the pages
// (the manage page's booking is arranged on the server's database).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import ru from "../../messages/ru.json" with { type: "json" };
import { chinaTime, formatTime } from "../../lib/i18n/time-format";
import { estimatePrice } from "../../lib/payment/exchange-rates";
import { estimateValues } from "../../lib/payment/money";
import type { Currency } from "../../lib/payment/codes";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { arrangeBooking, portalDb } from "./support/portal-db";
import { freeTime } from "./support/week-view";

const HOSPITAL = "beijing-united-family";
const SECONDS = /\d[:.]\d\d[:.]\d\d/;

const walks = [
  {
    locale: "ar",
    messages: ar,
    timezoneId: "Asia/Dubai",
    currency: "AED" as Currency,
    other: "USD" as Currency,
    patient: { name: "ليلى حداد", nationality: "AE", phone: "+971 50 123 4567" },
  },
  {
    locale: "ru",
    messages: ru,
    timezoneId: "Europe/Moscow",
    currency: "RUB" as Currency,
    other: "EUR" as Currency,
    patient: { name: "Анна Смирнова", nationality: "RU", phone: "+7 912 345-67-89" },
  },
];

/** What the browser's Intl writes for `iso` on its own clock, in `locale`, as the formatter's options say. */
function browserTime(page: Page, iso: string, locale: string, date: boolean) {
  return page.evaluate(
    ([iso, locale, date]) =>
      new Intl.DateTimeFormat(locale, {
        ...(date ? { weekday: "long", day: "numeric", month: "long", year: "numeric" } : {}),
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "shortOffset",
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      }).format(new Date(iso)),
    [iso, locale, date] as const,
  );
}

/** The patient's-time line inside `scope`: in the page's language, no seconds, Intl's output for the browser's zone. */
async function expectYourTime(page: Page, scope: Locator, locale: string, yourTime: string, date: boolean) {
  const line = scope.getByTestId("your-time").locator("time");
  await expect(line).toBeVisible();
  const iso = (await line.getAttribute("datetime"))!;
  const expected = yourTime.replace("{time}", await browserTime(page, iso, locale, date));
  await expect(line).toHaveText(expected);
  expect(expected).not.toMatch(SECONDS);
  return iso;
}

async function expectedEstimate(locale: string, template: string, fen: number, currency: Currency) {
  const estimate = await estimatePrice(portalDb(), fen, currency, isoDate(calendarDateOf(new Date())));
  expect(estimate).not.toBeNull();
  const values = estimateValues(estimate!, locale);
  return template.replace("{amount}", values.amount).replace("{date}", values.date);
}

for (const w of walks) {
  test.describe(`[${w.locale}] times and prices, from ${w.timezoneId}`, () => {
    test.use({ timezoneId: w.timezoneId, locale: "en-US" });

    test("the time list: slot buttons in the page's language, the patient's time, the price in their currency", async ({
      page,
    }) => {
      await page.goto(`/${w.locale}/hospitals/${HOSPITAL}`);
      await page.getByRole("link", { name: w.messages.Booking.bookDepartment, exact: true }).first().click();
      await expect(page).toHaveURL(new RegExp(`/${w.locale}/book/${HOSPITAL}\\?department=`));
      const department = new URL(page.url()).searchParams.get("department")!;

      const button = freeTime(page);
      const iso = await expectYourTime(page, button, w.locale, w.messages.Booking.yourTime, false);
      // Beijing's time on the button: the same 24-hour clock, the page's digits, no seconds.
      await expect(button.getByTestId("slot-time")).toHaveText(formatTime(new Date(iso), w.locale));
      await expect(button.getByTestId("slot-time")).not.toHaveText(SECONDS);
      // Read out of its column, a time still says which day it is: its accessible name starts with the date.
      await expect(button).toHaveAccessibleName(
        new RegExp(
          `^${formatTime(new Date(iso), w.locale, { date: true }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
        ),
      );

      // The price: CNY, then about how much in the currency of the page's language, with the rate's date.
      const { consultationFeeFen } = await portalDb().department.findFirstOrThrow({
        where: { slug: department, institution: { slug: HOSPITAL } },
      });
      const price = page.getByTestId("price");
      await expect(price.getByTestId("estimate")).toHaveText(
        await expectedEstimate(w.locale, w.messages.Payment.estimate, consultationFeeFen, w.currency),
      );
      await noSeriousAxe(page);

      // Another currency, chosen without leaving the page's flow.
      await page.locator("#currency").selectOption(w.other);
      await page.getByRole("button", { name: w.messages.Booking.currencySubmit, exact: true }).click();
      await expect(price.getByTestId("estimate")).toHaveText(
        await expectedEstimate(w.locale, w.messages.Payment.estimate, consultationFeeFen, w.other),
      );

      // Nothing runs off a 320 px phone.
      await page.setViewportSize({ width: 320, height: 800 });
      await expect(page.locator("#currency")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    });

    test("details and review: China's time and the patient's own, the estimate beside the price", async ({
      page,
    }) => {
      await page.goto(`/${w.locale}/hospitals/${HOSPITAL}`);
      await page.getByRole("link", { name: w.messages.Booking.bookDepartment, exact: true }).first().click();
      await freeTime(page, 2).click();
      await expect(page).toHaveURL(/\/book\/details\?slot=/);

      const heading = page.getByTestId("china-time");
      const iso = await expectYourTime(page, heading, w.locale, w.messages.Booking.yourTime, true);
      const china = chinaTime(new Date(iso), w.locale);
      await expect(heading).toContainText(china);
      await expect(page.getByTestId("price").getByTestId("estimate")).toBeVisible();

      await page.locator("#f-name").fill(w.patient.name);
      await page.locator("#f-nationality").selectOption(w.patient.nationality);
      await page.locator("#f-dateOfBirth").fill("1990-02-11");
      await page.locator("#f-email").fill(`times-${w.locale}-${Date.now()}@example.com`);
      await page.locator("#f-phone").fill(w.patient.phone);
      await page.locator("#f-reasonForVisit").fill("Check-up");
      await page.locator("#f-consentTerms").check();
      await page.locator("#f-consentSensitive").check();
      await page.getByRole("button", { name: w.messages.Booking.review, exact: true }).click();

      // The review names both zones and the approximate price, as the details page did.
      const when = page.getByTestId("review-when");
      await expect(when).toContainText(china);
      await expectYourTime(page, when, w.locale, w.messages.Booking.yourTime, true);
      await expect(page.getByTestId("estimate").last()).toHaveText(
        (await page.getByTestId("price").getByTestId("estimate").textContent())!,
      );
      await noSeriousAxe(page);
    });

    test("the manage page: China's time and the patient's own, the estimate beside the price", async ({
      page,
    }) => {
      const booking = await arrangeBooking({
        institution: HOSPITAL,
        locale: w.locale,
        from: new Date(Date.now() + 3 * 86_400_000),
      });
      await page.goto(booking.managePath);
      const summary = page.getByTestId("booking-summary");
      await expect(summary).toContainText(chinaTime(booking.startsAt, w.locale));
      const iso = await expectYourTime(page, summary, w.locale, w.messages.Booking.yourTime, true);
      expect(iso).toBe(booking.startsAt.toISOString());
      const { department } = await portalDb().booking.findUniqueOrThrow({
        where: { reference: booking.reference },
        select: { department: { select: { consultationFeeFen: true } } },
      });
      await expect(summary.getByTestId("price").getByTestId("estimate")).toHaveText(
        await expectedEstimate(
          w.locale,
          w.messages.Payment.estimate,
          department!.consultationFeeFen,
          w.currency,
        ),
      );
      await noSeriousAxe(page);
    });
  });
}
