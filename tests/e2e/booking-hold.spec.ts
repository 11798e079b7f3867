// Issue 16, the patient's booking details form: going back lets go of the
// hold (a one-place TCM slot is bookable again at once), every problem named
// in one round, the hold's end warned, extended once and survived with the
// details kept, and pre-authorization said in the payment step and review.
// No booking is submitted here; holds are counted in tests/e2e/README.md.
import { createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import ru from "../../messages/ru.json" with { type: "json" };
import { addWorkingDays } from "../../lib/payment/working-days";
import { loadHolidayCalendar } from "../../lib/holidays/holiday-calendar";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { portalDb } from "./support/portal-db";
import { freeTime } from "./support/week-view";

const messages = { ar, de, en, ru } as const;
type Locale = keyof typeof messages;

const TCM = "guanganmen-international";

/** Chooses the first free time of the `nth` day with one in the week a time list shows; its slot id. */
async function chooseTime(page: Page, path: string, nth = 0): Promise<string> {
  await page.goto(path);
  const button = freeTime(page, nth);
  const slotId = (await button.getAttribute("value"))!;
  await button.click();
  await expect(page).toHaveURL(/\/book\/details\?slot=/);
  return slotId;
}

const holdToken = (page: Page) => new URL(page.url()).searchParams.get("hold")!;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Moves the end of the page's hold to `seconds` from now, on the e2e server's database. */
async function holdEndsIn(page: Page, seconds: number) {
  await portalDb().$executeRaw`
    UPDATE hold SET expires_at = now() + make_interval(secs => ${seconds})
    WHERE token_hash = ${tokenHash(holdToken(page))}`;
}

async function otherPatient(browser: Browser) {
  return (await browser.newContext()).newPage();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const slotButton = (page: Page, slotId: string) => page.locator(`button[name=slotId][value="${slotId}"]`);

for (const { locale, week } of [
  { locale: "en" as Locale, week: 2 },
  { locale: "ar" as Locale, week: 4 },
]) {
  test(`[${locale}] going back lets go of the hold: a one-place TCM time is bookable again at once`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const m = messages[locale];
    const list = `/${locale}/book/${TCM}?package=guanganmen-insomnia&week=${week}`;
    const slotId = await chooseTime(page, list);
    await expect(page.getByRole("timer")).toBeVisible();

    // Held: nobody else can take the only place.
    const other = await otherPatient(browser);
    await other.goto(list);
    await expect(slotButton(other, slotId)).toBeDisabled();

    // The browser's Back: the patient's own time is theirs to choose again ("held for you").
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/book/${TCM}\\?`));
    await page.reload();
    await expect(slotButton(page, slotId)).toBeEnabled();
    await expect(slotButton(page, slotId)).toContainText(m.Booking.heldForYou);
    await slotButton(page, slotId).click();
    await expect(page).toHaveURL(new RegExp(`slot=${slotId}`));
    // Choosing it again replaced the hold; it never stacks.
    expect(await portalDb().hold.count({ where: { slotId, expiresAt: { gt: new Date() } } })).toBe(1);

    // "Choose another time" lets it go: free for everyone at once.
    await page.getByRole("button", { name: m.Booking.chooseAgain }).click();
    await expect(page).toHaveURL(new RegExp(`/book/${TCM}\\?package=guanganmen-insomnia`));
    await expect(slotButton(page, slotId)).toBeEnabled();
    await expect(slotButton(page, slotId)).not.toContainText(m.Booking.heldForYou);
    expect(await portalDb().hold.count({ where: { slotId } })).toBe(0);
    await other.reload();
    await expect(slotButton(other, slotId)).toBeEnabled();
    await noSeriousAxe(page);
  });
}

for (const { locale, nth } of [
  { locale: "ar" as Locale, nth: 1 },
  { locale: "de" as Locale, nth: 2 },
]) {
  test(`[${locale}] the first "review" names every problem at once, in a summary that takes the focus`, async ({
    page,
  }) => {
    const m = messages[locale];
    await chooseTime(page, `/${locale}/book/pumch-international?department=internal-medicine&week=2`, nth);
    await page.locator("#f-name").fill(locale === "ar" ? "ليلى حداد" : "Jonas Weber");
    await page.locator("#f-email").fill("not-an-address");
    await page.locator("#f-pay-direct").check();
    await page.getByRole("button", { name: m.Booking.review }).click();

    const summary = page.getByRole("alert").filter({ hasText: m.Booking.fixFields });
    await expect(summary).toBeFocused();
    const label = (field: keyof typeof m.Booking.field) => m.Booking.field[field];
    for (const field of ["email", "phone", "insurer", "policyNumber", "memberName"] as const) {
      await expect(summary.locator(`a[href="#f-${field}"]`)).toContainText(label(field));
      await expect(page.locator(`#f-${field}`)).toHaveAttribute("aria-invalid", "true");
    }
    // A consent not given says what to do, beside the box and in the summary.
    for (const field of ["consentTerms", "consentSensitive"] as const) {
      await expect(summary.locator(`a[href="#f-${field}"]`)).toHaveText(m.Booking.consentMissing[field]);
      await expect(page.locator(`#f-${field}`)).toHaveAccessibleDescription(
        new RegExp(escapeRegExp(m.Booking.consentMissing[field])),
      );
    }
    await expect(summary).not.toContainText(label("consentTerms"));
    // Each link leads into its field.
    await summary.locator('a[href="#f-policyNumber"]').click();
    await expect(page.locator("#f-policyNumber")).toBeFocused();
    await noSeriousAxe(page);
  });
}

for (const { locale, nth } of [
  { locale: "en" as Locale, nth: 3 },
  { locale: "ar" as Locale, nth: 4 },
]) {
  test(`[${locale}] the hold's end is warned, extended once, and what was typed survives it`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const m = messages[locale];
    const name = locale === "ar" ? "ليلى حداد" : "Emma Wilson";
    await chooseTime(page, `/${locale}/book/pumch-international?department=cardiology&week=3`, nth);
    await page.locator("#f-name").fill(name);
    await page.locator("#f-email").fill(`hold-${locale}@example.com`);
    await page.locator("#f-passportNumber").fill("X1234567");
    await expect(page.getByTestId("hold-warning")).toHaveCount(0);

    // Two minutes left: the page reads the hold's end from the server.
    await holdEndsIn(page, 110);
    await page.reload();
    // The tab kept the draft: not the passport number, which is never stored.
    await expect(page.locator("#f-name")).toHaveValue(name);
    await expect(page.locator("#f-email")).toHaveValue(`hold-${locale}@example.com`);
    await expect(page.locator("#f-passportNumber")).toHaveValue("");
    const warning = page.getByTestId("hold-warning");
    await expect(warning).toContainText(m.Booking.holdEnding);
    // Announced once: it sits in a polite live region whose words do not change with the seconds.
    await expect(page.locator('[aria-live="polite"]').filter({ has: warning })).toHaveCount(1);
    await noSeriousAxe(page);

    await page.getByRole("button", { name: m.Booking.extendHold }).click();
    await expect(page.getByText(m.Booking.holdExtended)).toBeVisible();
    await expect(page.getByRole("timer")).toContainText(/1[01]:\d\d/);
    await expect(page.getByRole("button", { name: m.Booking.extendHold })).toHaveCount(0);

    // The end comes while the patient types: everything stays, and the same time can be held again.
    await holdEndsIn(page, 8);
    await page.reload();
    await expect(page.locator("#f-name")).toHaveValue(name);
    await page.locator("#f-passportNumber").fill("X7654321");
    await page.locator("#f-phone").fill("+44 7911 123456");
    const ended = page.getByRole("alert").filter({ hasText: m.Booking.holdEndedKept });
    await expect(ended).toBeVisible();
    await expect(page.getByRole("timer")).toHaveCount(0);
    await expect(page.locator("#f-passportNumber")).toHaveValue("X7654321");
    await expect(page.locator("#f-phone")).toHaveValue("+44 7911 123456");
    const before = holdToken(page);
    await ended.getByRole("button", { name: m.Booking.holdAgain }).click();
    await expect(page.getByRole("timer")).toContainText(/(9:5\d|10:00)/);
    await expect(ended).toHaveCount(0);
    await expect(page.locator("#f-name")).toHaveValue(name);
    await expect(page.locator("#f-passportNumber")).toHaveValue("X7654321");
    // The new hold is in the address, so a reload finds it.
    await expect.poll(() => holdToken(page)).not.toBe(before);
    await page.reload();
    await expect(page.getByRole("timer")).toBeVisible();
  });
}

for (const { locale, nth } of [
  { locale: "ar" as Locale, nth: 0 },
  { locale: "ru" as Locale, nth: 1 },
]) {
  test(`[${locale}] a TCM visit inside the insurers' lead time: who needs pre-authorization, and from which day`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const m = messages[locale];
    const list = `/${locale}/book/${TCM}?package=guanganmen-neck-back-pain`;
    await chooseTime(page, list, nth);
    // The same evaluation as the payment checker: 5 working days' notice from today (Beijing).
    const earliest = addWorkingDays(calendarDateOf(new Date()), 5, await loadHolidayCalendar(portalDb()));
    const date = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "Asia/Shanghai" }).format(
      new Date(`${isoDate(earliest)}T00:00:00+08:00`),
    );
    const box = page.getByTestId("preauth-too-soon");
    await expect(box).toContainText(m.Booking.preauthTooSoon.title);
    for (const insurer of ["Bupa Global", "Cigna Global"]) {
      await expect(box.getByRole("listitem").filter({ hasText: insurer })).toContainText(date);
    }
    await expect(page.getByText(m.Booking.noDirectBilling)).toHaveCount(0);
    await noSeriousAxe(page);

    // From that day, Bupa Global bills directly: the review says the booking waits for its guarantee.
    await chooseTime(page, `${list}&week=2`, nth + 2);
    await expect(page.getByTestId("preauth-too-soon")).toHaveCount(0);
    await page.locator("#f-name").fill(locale === "ar" ? "ليلى حداد" : "Анна Иванова");
    await page.locator("#f-nationality").selectOption(locale === "ar" ? "JO" : "RU");
    await page.locator("#f-dateOfBirth").fill("1985-04-12");
    await page.locator("#f-email").fill(`preauth-${locale}@example.com`);
    await page.locator("#f-phone").fill("+7 912 345-67-89");
    await page.locator("#f-reasonForVisit").fill("Back pain");
    await page.locator("#f-pay-direct").check();
    await page.locator("#f-insurer").selectOption("bupa-global");
    await page.locator("#f-policyNumber").fill("BUPA-77812345");
    await page.locator("#f-memberName").fill(locale === "ar" ? "ليلى حداد" : "Анна Иванова");
    await page.locator("#f-consentTerms").check();
    await page.locator("#f-consentSensitive").check();
    await page.getByRole("button", { name: m.Booking.review }).click();
    await expect(page.getByTestId("awaits-guarantee")).toHaveText(
      m.Booking.awaitsGuarantee.replaceAll("{insurer}", "Bupa Global"),
    );
    await expect(page.getByRole("button", { name: m.Booking.confirm })).toBeEnabled();
    await noSeriousAxe(page);
  });
}
