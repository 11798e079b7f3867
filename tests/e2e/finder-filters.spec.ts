// Every finder filter, ticked alone through the page's own controls, in two
// locales (issue 14: the "TCM" and "24-hour emergency" boxes answered 500 and
// no test had ever ticked them). Each choice must give a results state (results
// or the empty state), never the error page or a "filter ignored" notice, and
// the URL it leaves must render on its own (a reload is a server render).
import { expect, test, type Page } from "@playwright/test";

const locales = [
  {
    locale: "en",
    errorTitle: "The service is temporarily unavailable",
    dropped: "Some filters in the address were not understood",
    noHospital: "No institution matches all these filters",
    noPackage: "No package matches all these filters",
  },
  {
    locale: "ar",
    errorTitle: "الخدمة غير متاحة مؤقتًا",
    dropped: "تعذّر فهم بعض عوامل التصفية",
    noHospital: "لا توجد مؤسسة تطابق كل عوامل التصفية",
    noPackage: "لا توجد باقة تطابق كل عوامل التصفية",
  },
] as const;

interface ResultsState {
  heading: string;
  rows: string;
  empty: string;
  errorTitle: string;
  dropped: string;
}

const hospitalSelects = [
  "city",
  "language",
  "specialty",
  "insurer",
  "payment",
  "ownership",
  "accreditation",
  "service",
] as const;
const hospitalCheckboxes = ["tcm", "emergency"] as const;
const packageSelects = ["city", "condition", "therapy", "maxDays"] as const;

/** The values a select offers, "any" left out. */
async function optionValues(page: Page, name: string): Promise<string[]> {
  const values = await page
    .locator(`#filter-${name} option`)
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  return values.filter((v) => v !== "");
}

/** A results heading, then either result rows or the empty state; no error page, nothing ignored. */
async function expectResultsState(page: Page, { heading, rows, empty, errorTitle, dropped }: ResultsState) {
  await expect(page.locator(heading)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: errorTitle })).toHaveCount(0);
  await expect(page.getByText(dropped)).toHaveCount(0);
  if ((await page.locator(rows).count()) === 0) await expect(page.getByText(empty)).toBeVisible();
}

/** The URL the controls produced, loaded afresh: a server render of exactly that query. */
async function expectUrlRendersAlone(page: Page, state: ResultsState) {
  const response = await page.goto(page.url());
  expect(response?.status(), page.url()).toBe(200);
  await expectResultsState(page, state);
}

for (const { locale, errorTitle, dropped, noHospital, noPackage } of locales) {
  const hospitals = {
    heading: "#results-heading",
    rows: "main article",
    empty: noHospital,
    errorTitle,
    dropped,
  };
  const packages = {
    heading: "#package-results-heading",
    rows: "main tbody tr",
    empty: noPackage,
    errorTitle,
    dropped,
  };

  test.describe(`[${locale}] hospital finder`, () => {
    for (const name of hospitalSelects) {
      test(`the ${name} filter alone`, async ({ page }) => {
        await page.goto(`/${locale}/hospitals`);
        const values = await optionValues(page, name);
        expect(values.length, `${name} offers choices`).toBeGreaterThan(0);
        // The first and the last choice: the commonest and the rarest ends of the list.
        for (const value of [...new Set([values[0]!, values.at(-1)!])]) {
          await page.goto(`/${locale}/hospitals`);
          await page.locator(`#filter-${name}`).selectOption(value);
          await expect(page).toHaveURL(new RegExp(`[?&]${name}=${encodeURIComponent(value)}(&|$)`));
          await expectResultsState(page, hospitals);
          await expect(page.locator(`#filter-${name}`)).toHaveValue(value);
          await expectUrlRendersAlone(page, hospitals);
        }
      });
    }

    for (const name of hospitalCheckboxes) {
      test(`the ${name} box alone`, async ({ page }) => {
        await page.goto(`/${locale}/hospitals`);
        await page.locator(`#filter-${name}`).check();
        await expect(page).toHaveURL(new RegExp(`[?&]${name}=1(&|$)`));
        await expectResultsState(page, hospitals);
        await expect(page.locator(`#filter-${name}`)).toBeChecked();
        await expect(page.locator("main article").first()).toBeVisible(); // the demo data has some of each
        await expectUrlRendersAlone(page, hospitals);
        // And unticked again: back to every institution.
        await page.locator(`#filter-${name}`).uncheck();
        await expect(page).not.toHaveURL(new RegExp(`[?&]${name}=`));
        await expectResultsState(page, hospitals);
      });
    }

    test("the search box alone, with text that was a 500 (a NUL byte)", async ({ page }) => {
      await page.goto(`/${locale}/hospitals`);
      await page.locator("#filter-q").fill("Peking");
      await page.locator("#filter-q").press("Enter");
      await expect(page).toHaveURL(/[?&]q=Peking(&|$)/);
      await expectResultsState(page, hospitals);
      const response = await page.goto(`/${locale}/hospitals?q=%00Peking%00`);
      expect(response?.status()).toBe(200);
      await expectResultsState(page, hospitals);
      await expect(page.locator("#filter-q")).toHaveValue("Peking");
    });
  });

  test.describe(`[${locale}] package finder`, () => {
    for (const name of packageSelects) {
      test(`the ${name} filter alone`, async ({ page }) => {
        await page.goto(`/${locale}/packages`);
        const values = await optionValues(page, name);
        expect(values.length, `${name} offers choices`).toBeGreaterThan(0);
        for (const value of [...new Set([values[0]!, values.at(-1)!])]) {
          await page.goto(`/${locale}/packages`);
          await page.locator(`#filter-${name}`).selectOption(value);
          await expect(page).toHaveURL(new RegExp(`[?&]${name}=${encodeURIComponent(value)}(&|$)`));
          await expectResultsState(page, packages);
          await expectUrlRendersAlone(page, packages);
        }
      });
    }

    for (const name of ["minPrice", "maxPrice"] as const) {
      test(`the ${name} field alone`, async ({ page }) => {
        await page.goto(`/${locale}/packages`);
        await page.locator(`#filter-${name}`).fill("5000");
        await page.locator(`#filter-${name}`).press("Enter");
        await expect(page).toHaveURL(new RegExp(`[?&]${name}=5000(&|$)`));
        await expectResultsState(page, packages);
        await expectUrlRendersAlone(page, packages);
      });
    }
  });
}
