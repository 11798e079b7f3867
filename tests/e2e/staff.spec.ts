import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import zh from "../../messages/zh.json" with { type: "json" };

const PASSWORD = "portal-demo-2026";

async function signIn(page: Page, locale: string, email: string, submit: string) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

/** A patient books through the public pages and comes back with the manage page open. */
async function bookAsPatient(
  page: Page,
  opts: {
    locale: string;
    url: string;
    day: (page: Page) => ReturnType<Page["locator"]>;
    review: string;
    confirm: string;
    visaLetter?: boolean;
  },
) {
  await page.goto(opts.url);
  await opts.day(page).locator("button:enabled").first().click();
  await expect(page).toHaveURL(/\/book\/details\?slot=/);
  await page.locator("#f-name").fill("Layla Haddad");
  await page.locator("#f-nationality").selectOption("JO");
  await page.locator("#f-dateOfBirth").fill("1985-04-12");
  await page.locator("#f-email").fill(`staff-e2e-${Date.now()}@example.com`);
  await page.locator("#f-phone").fill("+962 7 9012 3456");
  await page.locator("#f-reasonForVisit").fill("Chest pain when climbing stairs");
  await page.locator("#f-interpreterWanted").check();
  if (opts.visaLetter) {
    await page.locator("#f-visaLetterWanted").check();
    await page.locator("#f-passportNumber").fill("N1234567");
  }
  await page.locator("#f-consentTerms").check();
  await page.locator("#f-consentSensitive").check();
  await page.getByRole("button", { name: opts.review }).click();
  await page.getByRole("button", { name: opts.confirm }).click();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  return { reference, manageUrl: page.url() };
}

// One patient, one booking, for the whole console journey: every booking counts against the
// per-address limits the suite shares (tests/e2e/README.md).
test("a manager (zh) publishes a Sunday schedule, a patient (ar) books it with a visa letter, the manager issues it, staff (en) check the patient in", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // 1. The manager signs in in Chinese, adds a weekly rule and publishes four weeks.
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, "zh", "manager.pumch@demo.example", zh.Staff.signIn.submit);
  await manager.getByRole("link", { name: zh.Staff.nav.schedules, exact: true }).click();
  await manager.getByRole("link", { name: /心内科/ }).click();
  await manager.locator("#weekday").selectOption("0");
  await manager.locator("#start").fill("19:00");
  await manager.locator("#end").fill("20:00");
  await manager.locator("#slotMinutes").fill("30");
  await manager.locator("#capacity").fill("1");
  await manager.getByRole("button", { name: zh.Staff.schedule.addRule }).click();
  await expect(manager.getByRole("main").getByRole("status")).toContainText("号源");
  await manager.locator("#weeks").fill("4");
  await manager.getByRole("button", { name: zh.Staff.schedule.publishSubmit, exact: true }).click();
  await expect(manager.getByRole("main").getByRole("status").last()).toContainText("号源");
  await expect(manager.getByRole("cell", { name: "19:00", exact: true })).toBeVisible();
  const axe = await new AxeBuilder({ page: manager }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // 2. A patient books one of the new Sunday evening slots in Arabic and asks for a visa support letter.
  const patient = await (await browser.newContext()).newPage();
  const { reference, manageUrl } = await bookAsPatient(patient, {
    locale: "ar",
    url: "/ar/book/pumch-international?department=cardiology",
    day: (p) => p.locator("fieldset", { hasText: "الأحد" }).first(),
    review: ar.Booking.review,
    confirm: ar.Booking.confirm,
    visaLetter: true,
  });
  await expect(patient.getByText(ar.Booking.visaLetterPending)).toBeVisible();

  // 3. The manager, still in Chinese, issues the visa support letter.
  await manager.goto(`/zh/staff/bookings/${reference}`);
  await expect(manager.getByText(zh.Staff.booking.visaLetterWanted)).toBeVisible();
  await manager.getByRole("button", { name: zh.Staff.booking.issueLetter }).click();
  await expect(manager.getByRole("main")).toContainText(/VL-\d{4}-\d{6}/);

  // 4. Staff see it in English on the day view and check the patient in.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "en", "nurse.pumch@demo.example", en.Staff.signIn.submit);
  await staff.getByRole("link", { name: en.Staff.nav.bookings, exact: true }).click();
  await staff.locator("#q").fill(reference);
  await staff.getByRole("button", { name: en.Staff.day.show }).click();
  const row = staff.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("Layla Haddad");
  await expect(row).toContainText(en.Staff.day.interpreterWanted);
  await expect(row).toContainText("7:00 PM");
  await row.getByRole("link", { name: reference }).click();
  await staff.getByRole("button", { name: en.Staff.transition.checkIn }).click();
  // The page shows the booking as it now is: checked in, with "Mark completed" offered next.
  await expect(staff.getByRole("button", { name: en.Staff.transition.complete })).toBeVisible();
  await staff.reload();
  await expect(staff.getByText(`Status: ${en.Staff.status.CHECKED_IN}`)).toBeVisible();

  // 5. The patient's manage page shows the new status, and the letter downloads from it.
  await patient.goto(manageUrl);
  await expect(patient.getByTestId("status")).toHaveText(ar.Booking.status.CHECKED_IN);
  const link = patient.getByRole("link", { name: /VL-/ });
  await expect(link).toBeVisible();
  const response = await patient.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("a wrong password is refused with a non-revealing message, in Arabic, and the form keeps the e-mail", async ({
  page,
}) => {
  await page.goto("/ar/staff/sign-in");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.locator("#email").fill("nurse.pumch@demo.example");
  await page.locator("#password").fill("not the password");
  await page.getByRole("button", { name: ar.Staff.signIn.submit, exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(ar.Errors.INVALID_CREDENTIALS);
  await expect(page.locator("#email")).toHaveValue("nurse.pumch@demo.example");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
