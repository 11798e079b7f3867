// Issue 19 end to end, in English and in Arabic (right to left): Beijing's
// city admin downloads the template in their language, uploads a workbook
// built here (two new institutions of the city with a department each, one
// row in error), sees the error named by sheet, row and column, uploads the
// fixed file, sees the field-by-field diff, applies it, follows the progress
// to the end, and finds the new institution in the finder. axe on each import
// page. Each run and locale has its own credit codes and names (the e2e
// database is shared by the suite). No hold, booking or failed sign-in: the
// README's budget is unchanged.
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { creditCodeCheckCharacter } from "../../lib/catalogue/credit-code";
import { columnLabelOf, headerText, type ImportTranslator } from "../../lib/catalogue/import/column-labels";
import { columnOf } from "../../lib/catalogue/import/columns";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };

const PASSWORD = "portal-demo-2026";
const LOCALES = [
  { locale: "en", t: en, seed: 1 },
  { locale: "ar", t: ar, seed: 2 },
] as const;

type Messages = typeof en;

/** The Import messages as the pages use them (plain {arguments} only), for the column labels. */
function importT(t: Messages): ImportTranslator {
  const translate = (key: string, values: Record<string, string | number> = {}) => {
    const text = key.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], t.Import);
    return String(text).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  };
  return translate as unknown as ImportTranslator;
}

async function signIn(page: Page, locale: string, t: Messages) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill("admin.beijing@demo.example");
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: t.Staff.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

/** A valid unified social credit code no other run or locale uses. */
function creditCode(run: string, n: number): string {
  const first17 = `9111${run}${n}`.padEnd(17, "0").slice(0, 17);
  return first17 + creditCodeCheckCharacter(first17)!;
}

type Institution = { code: string; slug: string; nameEn: string; latitude: string };

/** The workbook a commission's clerk would fill in: two institutions of Beijing, a department each. */
async function workbook(institutions: Institution[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("institutions");
  sheet.addRow([
    "credit_code",
    "slug",
    "city",
    "name_zh",
    "name_en",
    "address_zh",
    "address_en",
    "latitude",
    "longitude",
    "ownership",
    "grade",
    "phone",
    "languages",
    "hours",
  ]);
  for (const i of institutions)
    sheet.addRow([
      i.code,
      i.slug,
      "beijing",
      `导入测试医院${i.slug.slice(-6)}`,
      i.nameEn,
      "北京市朝阳区测试路 8 号",
      "8 Test Road, Chaoyang District, Beijing",
      i.latitude,
      "116.46",
      "PRIVATE",
      "UNGRADED",
      "+86 10 6591 2000",
      "en;zh",
      "Mon-Fri 08:00-17:00; Sat 08:00-12:00",
    ]);
  const departments = book.addWorksheet("departments");
  departments.addRow(["credit_code", "department", "specialty", "fee_cny", "name_en", "name_zh"]);
  for (const i of institutions)
    departments.addRow([i.code, "general-practice", "general_practice", "600", "General practice", "全科"]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, locale: string, t: Messages, name: string, file: Buffer) {
  await page.goto(`/${locale}/admin/import`);
  await page.getByLabel(t.Import.upload.file).setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await page.getByRole("button", { name: t.Import.upload.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin/import/[a-z0-9]+$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    t.Import.job.title.replace("{file}", name),
  );
}

/** The dry run's table of one sheet (its caption names the sheet). */
function sheetTable(page: Page, sheet: string) {
  return page.locator("table", { has: page.locator("caption", { hasText: sheet }) });
}

/** The number of rows with an outcome, from the counts table. */
function countOf(page: Page, t: Messages, action: keyof Messages["Import"]["action"]) {
  const table = page.getByRole("table", { name: t.Import.job.countsCaption });
  return table.getByRole("row").filter({ hasText: t.Import.action[action] }).getByRole("cell");
}

/** Apply the checked file: the progress bar follows the job until the page shows it applied, in full. */
async function applyAndFinish(page: Page, t: Messages) {
  await page.getByRole("region", { name: t.Import.job.apply.title }).getByRole("button").click();
  await expect(page).toHaveURL(/started=1|\/admin\/import\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: t.Import.job.applied.title })).toBeVisible({
    timeout: 120_000,
  });
  const bar = page.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuenow", (await bar.getAttribute("aria-valuemax"))!);
  await noSeriousAxe(page);
}

for (const { locale, t, seed } of LOCALES) {
  test(`[${locale}] a city admin imports a workbook with an error, fixes it, applies it and finds the new institution`, async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const run = `${Date.now() % 1e8}`.padStart(8, "0") + seed;
    const token = `E2E${run}`;
    const institutions: Institution[] = [1, 2].map((n) => ({
      code: creditCode(run, n),
      slug: `import-e2e-${run}-${n}`,
      nameEn: `Harbour Clinic ${token}-${n}`,
      latitude: "39.92",
    }));

    await signIn(page, locale, t);
    const nav = page.getByRole("navigation", { name: t.Admin.nav.label, exact: true });
    await nav.getByRole("link", { name: t.Admin.nav.import, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/import$`));
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Import.title);
    await noSeriousAxe(page);

    // The template: headers in the admin's language, each with its key in brackets.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: t.Import.templates.all }).click();
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile((await (await downloading).path())!);
    const headers = (template.getWorksheet("institutions")!.getRow(1).values as unknown[]).map(String);
    expect(headers).toContain(headerText(importT(t), columnOf("institutions", "credit_code")!));

    // 1. One row in error: the second institution's latitude is not a number.
    const broken = [institutions[0]!, { ...institutions[1]!, latitude: "north" }];
    await upload(page, locale, t, `beijing-${run}-draft.xlsx`, await workbook(broken));
    const apply = page.getByRole("region", { name: t.Import.job.apply.title });
    await expect(apply.getByText(t.Import.job.apply.errors)).toBeVisible();
    await expect(apply.getByRole("button")).toHaveCount(0);
    await page.getByLabel(t.Import.job.filter.errors).check();
    await page.getByRole("button", { name: t.Import.job.filter.submit, exact: true }).click();
    await expect(page).toHaveURL(/show=errors/);
    const errorRow = sheetTable(page, "institutions")
      .getByRole("row")
      .filter({ hasText: institutions[1]!.code });
    await expect(errorRow.getByRole("cell").first()).toHaveText("3"); // the spreadsheet's row 3
    await expect(errorRow).toContainText(t.Import.action.error);
    await expect(errorRow).toContainText(columnLabelOf(importT(t), "institutions", "latitude"));
    await expect(
      sheetTable(page, "institutions").getByRole("row").filter({ hasText: institutions[0]!.code }),
    ).toHaveCount(0);
    await noSeriousAxe(page);

    // 2. The fixed file: two new institutions and their departments, applied.
    await upload(page, locale, t, `beijing-${run}.xlsx`, await workbook(institutions));
    await expect(countOf(page, t, "create")).toHaveText("4");
    await expect(countOf(page, t, "error")).toHaveText("0");
    const created = sheetTable(page, "institutions")
      .getByRole("row")
      .filter({ hasText: institutions[0]!.code });
    await expect(created).toContainText(t.Import.action.create);
    await expect(created).toContainText(institutions[0]!.nameEn);
    await applyAndFinish(page, t);

    // 3. One edit: the dry run shows the field's diff, the rest is unchanged; the progress reaches the end.
    const renamed = { ...institutions[1]!, nameEn: `${institutions[1]!.nameEn} Renamed` };
    await upload(page, locale, t, `beijing-${run}-edit.xlsx`, await workbook([institutions[0]!, renamed]));
    await expect(countOf(page, t, "update")).toHaveText("1");
    await expect(countOf(page, t, "unchanged")).toHaveText("3");
    const updated = sheetTable(page, "institutions").getByRole("row").filter({ hasText: renamed.code });
    await expect(updated).toContainText(t.Import.action.update);
    await expect(updated).toContainText(columnLabelOf(importT(t), "institutions", "name_en"));
    await expect(updated).toContainText(institutions[1]!.nameEn);
    await expect(updated).toContainText(renamed.nameEn);
    await noSeriousAxe(page);
    await applyAndFinish(page, t);
    await expect(page.getByRole("link", { name: renamed.nameEn })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "4");
    await noSeriousAxe(page);

    // 4. The finder lists the new institution under its new name.
    await page.goto(`/${locale}/hospitals?q=${encodeURIComponent(renamed.nameEn)}`);
    await expect(page.getByRole("link", { name: new RegExp(renamed.nameEn) }).first()).toBeVisible();
  });
}
