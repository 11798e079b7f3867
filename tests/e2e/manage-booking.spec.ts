// Issue 16, the patient after booking: a lost manage link is sent again by
// reference and e-mail (through the outbox, read from the e2e mailbox), and a
// reschedule shows the current appointment beside the new one and moves it only
// once confirmed. Bookings are arranged on the server's database
// (support/portal-db.ts), so no page-driven booking is spent here.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { noSeriousAxe, fitsPhone } from "./support/page-checks";
import { simpleParser } from "mailparser";
import ar from "../../messages/ar.json" with { type: "json" };
import ru from "../../messages/ru.json" with { type: "json" };
import { readMailbox } from "../../lib/notify/read-mailbox";
import { arrangeBooking } from "./support/portal-db";
import { freeTime } from "./support/week-view";

const HOSPITAL = "beijing-united-family";
const LOCALES = [
  { locale: "ar", t: ar },
  { locale: "ru", t: ru },
] as const;

/** The text of the newest e-mail the outbox delivered to `to` (the local mail stand-in's files), if any. */
async function mailTo(to: string): Promise<string | null> {
  const mails = await readMailbox(path.join(process.env.E2E_DATA_DIR!, "mail"), 1000);
  return mails.find((m) => m.to.includes(to))?.raw ?? null;
}

for (const { locale, t } of LOCALES) {
  test(`[${locale}] a patient who lost the manage link gets it again by reference and e-mail, and it opens the booking`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const email = `lost-link-${locale}-${Date.now()}@example.com`;
    const booking = await arrangeBooking({
      institution: HOSPITAL,
      locale,
      from: new Date(Date.now() + 3 * 86_400_000),
      patient: { email },
    });

    // From the footer of any page.
    await page.goto(`/${locale}`);
    await page.getByRole("contentinfo").getByRole("link", { name: t.Footer.findBooking }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Booking.find.title);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // Typed as people type it: lower case, the address with capitals.
    await page.getByLabel(t.Booking.find.reference).fill(booking.reference.toLowerCase());
    await page.getByLabel(t.Booking.find.email).fill(email.toUpperCase());
    await page.getByRole("button", { name: t.Booking.find.submit }).click();
    await expect(page.getByRole("status").filter({ hasText: t.Booking.find.sent })).toBeVisible();

    // The outbox worker delivers it; its link opens the manage page.
    await expect.poll(() => mailTo(email), { timeout: 90_000 }).not.toBeNull();
    const { text = "" } = await simpleParser((await mailTo(email))!);
    const link = text.match(/https?:\/\/[^\s]+\/bookings\/IPP-[A-Z0-9-]+\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link, text).toBeTruthy();
    const url = new URL(link!);
    expect(url.pathname).toBe(`/${locale}/bookings/${booking.reference}`);
    await page.goto(`${url.pathname}${url.search}`);
    await expect(page.getByTestId("reference")).toHaveText(booking.reference);
  });
}

test("[ar] a manage link that opens nothing offers to send the link again", async ({ page }) => {
  const response = await page.goto("/ar/bookings/IPP-ZZZZ-ZZZZ?token=not-a-real-token-at-all");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar.Booking.find.notFoundTitle);
  await page.getByRole("main").getByRole("link", { name: ar.Booking.find.link }).click();
  await expect(page).toHaveURL(/\/ar\/bookings\/find/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar.Booking.find.title);
});

for (const { locale, t } of LOCALES) {
  test(`[${locale}] rescheduling shows the current appointment beside the new one; keeping it changes nothing, confirming moves it`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const booking = await arrangeBooking({
      institution: HOSPITAL,
      locale,
      from: new Date(Date.now() + 3 * 86_400_000),
    });
    await page.goto(booking.managePath);
    await page.getByRole("link", { name: t.Booking.reschedule }).click();

    // The current appointment is on the page where a new time is chosen.
    await expect(page.getByTestId("current")).toContainText(t.Booking.move.current);
    const currentWhen = (await page.getByTestId("current-when").textContent())!;
    expect(currentWhen.length).toBeGreaterThan(5);
    await expect(page.getByRole("button", { name: t.Booking.move.yourCurrentTime })).toBeDisabled();

    // Choosing a time (in the next week) only opens the confirmation: current and new side by side.
    const choose = async () => {
      await page.getByRole("link", { name: t.Booking.week.next }).click();
      await expect(page).toHaveURL(/week=1/);
      await freeTime(page, 1).click();
    };
    await choose();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Booking.move.confirmTitle);
    await expect(page.getByTestId("current-when")).toHaveText(currentWhen);
    const newWhen = (await page.getByTestId("new-when").textContent())!;
    expect(newWhen).not.toBe(currentWhen);
    await expect(page.getByTestId("new")).toContainText(t.Booking.move.new);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // "No, keep it": back on the manage page, nothing moved.
    await page.getByRole("link", { name: t.Booking.move.keep }).click();
    await expect(page.getByTestId("reference")).toHaveText(booking.reference);
    await expect(page.getByRole("main")).toContainText(currentWhen);
    await expect(page.getByRole("main")).not.toContainText(newWhen);
    await page.getByRole("link", { name: t.Booking.reschedule }).click();
    await expect(page.getByTestId("current-when")).toHaveText(currentWhen);

    // Confirmed: moved, and the manage page shows the new time.
    await choose();
    await expect(page.getByTestId("new-when")).toHaveText(newWhen);
    await page.getByRole("button", { name: t.Booking.move.confirm }).click();
    await expect(page).toHaveURL(/rescheduled=1/);
    await expect(page.getByText(t.Booking.rescheduledNotice)).toBeVisible();
    await expect(page.getByRole("main")).toContainText(newWhen);
    await page.getByRole("link", { name: t.Booking.reschedule }).click();
    await expect(page.getByTestId("current-when")).toHaveText(newWhen);
  });
}

test("[ru] without JavaScript: the link is sent again, and a new time is chosen and confirmed", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const email = `no-js-${Date.now()}@example.com`;
  const booking = await arrangeBooking({
    institution: HOSPITAL,
    locale: "ru",
    from: new Date(Date.now() + 4 * 86_400_000),
    patient: { email },
  });

  await page.goto("/ru/bookings/find");
  await page.getByLabel(ru.Booking.find.reference).fill(booking.reference);
  await page.getByLabel(ru.Booking.find.email).fill(email);
  await page.getByRole("button", { name: ru.Booking.find.submit }).click();
  await expect(page.getByRole("status").filter({ hasText: ru.Booking.find.sent })).toBeVisible();

  await page.goto(booking.managePath);
  await page.getByRole("link", { name: ru.Booking.reschedule }).click();
  await page.getByRole("link", { name: ru.Booking.week.next }).click();
  await freeTime(page, 2).click();
  const newWhen = (await page.getByTestId("new-when").textContent())!;
  await page.getByRole("button", { name: ru.Booking.move.confirm }).click();
  await expect(page).toHaveURL(/rescheduled=1/);
  await expect(page.getByRole("main")).toContainText(newWhen);
});
