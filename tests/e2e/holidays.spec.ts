// Issue 17 (the official): the system admin keeps the mainland's holiday
// calendar current without a release. In English and Arabic (right to left):
// the console's link leads to the years covered; a malformed arrangement is
// refused naming the field; a correct one is checked first (a summary,
// nothing saved), then saved and listed. axe-checked, no sideways scroll at
// 320 px. Each locale imports its own future year (deleted first on the
// server's database, so a retry starts clean). No hold, booking or failed
// sign-in: the README's budget is unchanged.
import { expect, test, type Page } from "@playwright/test";
import { fitsPhone, noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { portalDb } from "./support/portal-db";

const PASSWORD = "portal-demo-2026";
const LOCALES = [
  { locale: "en", t: en, year: 2041 },
  { locale: "ar", t: ar, year: 2042 },
] as const;

async function signIn(page: Page, locale: string, submit: string) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill("sysadmin@demo.example");
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

/** A National Day week for `year`: 1–7 October off, and the Saturday after worked. */
function arrangement(year: number) {
  const days = ["01", "02", "03", "04", "05", "06", "07"].map((day) => ({
    name: "国庆节",
    date: `${year}-10-${day}`,
    isOffDay: true,
  }));
  const saturday = [8, 9, 10, 11, 12, 13, 14].find(
    (day) => new Date(Date.UTC(year, 9, day)).getUTCDay() === 6,
  )!;
  return {
    file: {
      year,
      papers: [`https://www.gov.cn/zhengce/example-${year}`],
      days: [...days, { name: "国庆节", date: `${year}-10-${saturday}`, isOffDay: false }],
    },
    saturday: `${year}-10-${saturday}`,
  };
}

for (const { locale, t, year } of LOCALES) {
  test(`[${locale}] the system admin checks, then imports a year's holiday arrangement, and sees it listed`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await portalDb().holidayYear.deleteMany({ where: { year } });
    const h = t.Admin.holidays;
    await signIn(page, locale, t.Staff.signIn.submit);
    const nav = page.getByRole("navigation", { name: t.Admin.nav.label, exact: true });
    await nav.getByRole("link", { name: t.Admin.nav.holidays, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/holidays$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h.title);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    // The years the calendar covers, the current one among them; the fallback is said.
    const table = page.getByRole("table", { name: h.caption });
    await expect(table.getByTestId("holiday-year-2026")).toBeVisible();
    await expect(table.getByTestId(`holiday-year-${year}`)).toHaveCount(0);
    await expect(page.getByText(h.fallback)).toBeVisible();
    await noSeriousAxe(page);

    const { file, saturday } = arrangement(year);
    const field = page.getByLabel(t.Staff.field.arrangement);
    const submit = page.getByRole("button", { name: h.submit, exact: true });
    // A date that does not exist is refused, naming the field by its place in the file.
    const broken = {
      ...file,
      days: file.days.map((d, i) => (i === 1 ? { ...d, date: `${year}-10-32` } : d)),
    };
    await field.fill(JSON.stringify(broken, null, 2));
    await submit.click();
    const alert = page.getByRole("alert").filter({ hasText: "days.1.date" });
    await expect(alert).toContainText(t.Errors.VALIDATION_FAILED);
    await noSeriousAxe(page);

    // A correct file: checked first, nothing saved.
    await field.fill(JSON.stringify(file, null, 2));
    await submit.click();
    const status = page.getByRole("status").filter({ hasText: h.checked });
    await expect(status).toContainText(h.summaryYear.replace("{year}", String(year)));
    await expect(status).toContainText(h.summaryNew);
    await expect(table.getByTestId(`holiday-year-${year}`)).toHaveCount(0);
    expect(await portalDb().holidayYear.count({ where: { year } })).toBe(0);

    // Then saved: the year is listed with its make-up working day, in the page's language.
    await page.getByLabel(h.save).check();
    await submit.click();
    await expect(page.getByRole("status").filter({ hasText: h.saved })).toBeVisible();
    const row = table.getByTestId(`holiday-year-${year}`);
    const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
      new Date(`${saturday}T00:00:00Z`),
    );
    await expect(row).toContainText(day);
    await expect(row).toContainText(`https://www.gov.cn/zhengce/example-${year}`);
    expect(await portalDb().holidayDay.count({ where: { year } })).toBe(8);
    await noSeriousAxe(page);
    await fitsPhone(page);
  });
}
