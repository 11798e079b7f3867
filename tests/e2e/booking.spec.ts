import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

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
  },
];

for (const j of journeys) {
  test(`[${j.locale}] a patient books a department visit, gets a manage link, a calendar file and cancels`, async ({
    page,
    request,
  }) => {
    await page.goto(`/${j.locale}/hospitals/beijing-united-family`);
    await page.getByRole("link", { name: j.book, exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${j.locale}/book/beijing-united-family\\?department=`));

    // A time a few days ahead (outside the 24-hour cancellation window).
    await page.locator("fieldset").nth(j.day).locator("button:enabled").first().click();
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

    await expect(page.getByRole("status")).toHaveText(j.confirmed);
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    expect(reference).toMatch(/^IPP-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page).toHaveURL(/token=/);

    const href = await page.locator('a[href*="/calendar"]').getAttribute("href");
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
    await page
      .locator("fieldset")
      .nth(j.day + 3)
      .locator("button:enabled")
      .first()
      .click();
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
