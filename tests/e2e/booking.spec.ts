// A patient's booking of a department visit and what follows it: the manage
// link, the calendar file, the staff summary, a confirmed move and the
// cancellation, in English, Arabic and Japanese. The booking itself is made
// through the pages in English here (and by touch, in Arabic and Thai, in
// booking-touch.spec.ts); the Arabic and Japanese walks start from a booking
// arranged on the server's database (support/portal-db.ts), so they spend none
// of the suite's page-driven bookings (tests/e2e/README.md).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { arrangeBooking } from "./support/portal-db";
import { freeTime } from "./support/week-view";

const journeys = [
  {
    locale: "en",
    day: 2,
    name: "Emma Wilson",
    nationality: "GB",
    book: "Book",
    review: "Review your booking",
    confirm: "Confirm booking",
    confirmed: "Your booking is confirmed",
    cancel: "Cancel this booking",
    cancelled: "Cancelled",
    move: "Yes, move my appointment",
    nextWeek: "Next week",
    throughPages: true,
  },
  {
    locale: "ar",
    day: 3,
    name: "ليلى حداد",
    nationality: "JO",
    book: "احجز",
    review: "مراجعة الحجز",
    confirm: "تأكيد الحجز",
    confirmed: "تم تأكيد حجزك",
    cancel: "إلغاء هذا الحجز",
    cancelled: "ملغى",
    move: "نعم، انقل موعدي",
    nextWeek: "الأسبوع التالي",
    throughPages: false,
  },
  {
    locale: "ja",
    day: 4,
    name: "山田 花子",
    nationality: "JP",
    book: "予約",
    review: "内容を確認",
    confirm: "予約を確定",
    confirmed: "予約が確定しました",
    cancel: "この予約をキャンセル",
    cancelled: "キャンセル済み",
    move: "はい、予約を変更する",
    nextWeek: "次の週",
    throughPages: false,
  },
];

for (const j of journeys) {
  test(`[${j.locale}] ${j.throughPages ? "a patient books a department visit" : "after booking a department visit, a patient"} gets a manage link, a calendar file and cancels`, async ({
    page,
    request,
  }) => {
    if (j.throughPages) {
      await page.goto(`/${j.locale}/hospitals/beijing-united-family`);
      await page.getByRole("link", { name: j.book, exact: true }).first().click();
      await expect(page).toHaveURL(new RegExp(`/${j.locale}/book/beijing-united-family\\?department=`));

      // A time a few days ahead (outside the 24-hour cancellation window).
      await freeTime(page, j.day).click();
      await expect(page).toHaveURL(/\/book\/details\?slot=/);
      await expect(page.getByRole("timer")).toContainText(/9:5\d|10:00/);

      // Nothing filled in: every required field is named, nothing is booked.
      await page.getByRole("button", { name: j.review }).click();
      await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
      await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();

      await page.locator("#f-name").fill(j.name);
      await page.locator("#f-nationality").selectOption(j.nationality);
      await page.locator("#f-dateOfBirth").fill("1988-03-14");
      await page.locator("#f-email").fill(`patient-${j.locale}@example.com`);
      await page.locator("#f-phone").fill("+44 7911 123456");
      await page.locator("#f-reasonForVisit").fill("Persistent cough");
      await page.locator("#f-interpreterWanted").check();
      await expect(page.locator("#f-consentTerms")).not.toBeChecked();
      await expect(page.locator("#f-consentSensitive")).not.toBeChecked();
      await page.locator("#f-consentTerms").check();
      await page.locator("#f-consentSensitive").check();
      await page.getByRole("button", { name: j.review }).click();

      await expect(page.getByText(j.name)).toBeVisible();
      await page.getByRole("button", { name: j.confirm }).click();
    } else {
      // The page the booking form's confirmation opens (new=1), for a booking made a few days ahead.
      const booking = await arrangeBooking({
        institution: "beijing-united-family",
        locale: j.locale,
        from: new Date(Date.now() + 3 * 86_400_000),
        patient: { name: j.name, nationality: j.nationality },
      });
      await page.goto(`${booking.managePath}&new=1`);
    }

    await expect(page.getByRole("status")).toHaveText(j.confirmed);
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    expect(reference).toMatch(/^IPP-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page).toHaveURL(/token=/);

    const href = await page.locator('a[href^="/api/v1/bookings/"][href*="/calendar"]').getAttribute("href");
    const ics = await request.get(href!);
    expect(ics.headers()["content-type"]).toContain("text/calendar");
    expect(await ics.text()).toContain("BEGIN:VEVENT");

    await page.getByText(/Show this to staff|اعرض هذا على الموظفين|スタッフに見せる/).click();
    await expect(page.getByTestId("staff-summary")).toContainText("预约编号");
    await expect(page.getByTestId("staff-summary")).toContainText(reference);

    if (j.locale !== "ja") {
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
      ).toEqual([]);
    }

    // Move it to another day, confirmed (tests/e2e/manage-booking.spec.ts walks it): the manage link stays the same.
    const before = await page.getByTestId("status").textContent();
    await page.locator('a[href*="/reschedule?"]').click();
    await expect(page).toHaveURL(/\/reschedule\?/);
    await page.getByRole("link", { name: j.nextWeek }).click();
    await freeTime(page, j.day - 1).click();
    await page.getByRole("button", { name: j.move }).click();
    await expect(page).toHaveURL(/rescheduled=1/);
    await expect(page.getByTestId("reference")).toHaveText(reference);
    await expect(page.getByTestId("status")).toHaveText(before!);

    await page.getByText(j.cancel).first().click();
    await page.getByRole("button", { name: j.cancel }).click();
    await expect(page.getByTestId("status")).toHaveText(j.cancelled);

    // The manage link without its token reveals nothing.
    const withoutToken = await page.goto(`/${j.locale}/bookings/${reference}`);
    expect(withoutToken?.status()).toBe(404);
  });
}
