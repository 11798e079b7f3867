// Issue 19's translator's workflow end to end, in English and in Arabic: a
// city admin exports Beijing's missing Russian as XLIFF 2.0, the test fills
// one hospital's units with the `xliff` package as a translation tool would,
// the admin uploads the file, reads the dry run, applies it, and the Russian
// hospital page shows the Russian text without the fallback notice.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { js2xliff, xliff2js } from "xliff";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import ru from "../../messages/ru.json" with { type: "json" };

test.describe.configure({ retries: 0 }); // it writes Russian texts of the shared demo catalogue

const journeys = [
  { locale: "en", m: en, slug: "beijing-united-family", name: "Beijing United Family Hospital" },
  {
    locale: "ar",
    m: ar,
    slug: "china-japan-friendship-international",
    name: "China-Japan Friendship Hospital",
  },
] as const;

for (const { locale, m, slug, name } of journeys)
  test(`a city admin (${locale}) exports Russian, imports the translated XLIFF after a dry run, and the Russian page shows it`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const t = m.Admin.translations;
    await page.goto(`/${locale}/staff/sign-in`);
    await page.locator("#email").fill("admin.beijing@demo.example");
    await page.locator("#password").fill("portal-demo-2026");
    await page.getByRole("button", { name: m.Staff.signIn.submit, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
    // The completeness table is on the home; Russian links to its export.
    await expect(page.getByRole("table", { name: t.completenessTitle })).toBeVisible();
    await page.getByRole("link", { name: m.Admin.nav.translations, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: t.title })).toBeVisible();
    if (locale === "ar") await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await noSeriousAxe(page);

    await page.locator("#export-language").selectOption("ru");
    await page.locator("#export-scope").selectOption("missing");
    await page.locator("#export-format").selectOption("xliff");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: t.download }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^beijing-ru-missing-.*\.xlf$/);
    const doc = await xliff2js(await readFile((await download.path())!, "utf8"));
    expect(doc.targetLanguage).toBe("ru");

    // The translator fills this hospital's texts (its departments' and packages' too), nothing else.
    // The demo already has some Russian (this hospital's name), so what is missing varies: the
    // hospital's own description is what the page's header shows and the export must offer.
    const units = Object.values(doc.resources)[0]!;
    let filled = 0;
    let description = "";
    for (const unit of Object.values(units)) {
      const notes = Array.isArray(unit.note) ? unit.note : [unit.note];
      if (!notes[0]?.startsWith(`${name} · `)) continue;
      unit.target = `RU ${unit.source}`;
      if (notes[0] === `${name} · description`) description = unit.target;
      filled += 1;
    }
    expect(filled).toBeGreaterThan(0);
    expect(description).not.toBe("");
    const xml = await js2xliff(doc);

    await page.locator("#import-language").selectOption("ru");
    await page.locator("#import-file").setInputFiles({
      name: "beijing-ru.xlf",
      mimeType: "application/xliff+xml",
      buffer: Buffer.from(xml, "utf8"),
    });
    await page.getByRole("button", { name: t.upload }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/translations/[a-z0-9]+$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("beijing-ru.xlf");
    await expect(page.getByRole("row").filter({ hasText: description }).first()).toBeVisible();
    await noSeriousAxe(page);
    await page.getByRole("button", { name: t.apply }).click();
    await expect(page.getByRole("status").filter({ hasText: new RegExp(`${filled}`) })).toBeVisible();

    await page.goto(`/ru/hospitals/${slug}`);
    await expect(page.locator("main header").getByText(description)).toBeVisible();
    const notice = ru.Hospital.fallbackNotice.split("{")[0]!;
    await expect(page.getByText(notice)).toHaveCount(0);
    await expect(page.getByText(ru.Hospital.outdatedNotice)).toHaveCount(0);
  });
