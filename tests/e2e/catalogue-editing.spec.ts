// Issue 19 item 2 end to end, in English and Arabic: Beijing's health
// commission edits a TCM package's price and retires it (it leaves /packages
// and its page answers 404), then renames an institution's web address and the
// old URL redirects permanently to the new one with its query. Each locale
// arranges its own institution and package in the database, so nothing another
// journey reads changes. No booking is made.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import { portalDb } from "./support/portal-db";
import en from "../../messages/en.json" with { type: "json" };
import ar from "../../messages/ar.json" with { type: "json" };

async function arrange(tag: string) {
  const db = portalDb();
  const city = await db.city.findUniqueOrThrow({ where: { slug: "beijing" } });
  const slug = `e2e-editing-${tag}`;
  const institution = await db.institution.create({
    data: {
      slug,
      cityId: city.id,
      nameZh: `编辑测试医院${tag}`,
      addressZh: "北京市东城区测试路 1 号",
      latitude: 39.91,
      longitude: 116.41,
      ownership: "PRIVATE",
      intlDeptPhone: "+86 10 6915 6699",
      translations: {
        create: { locale: "en", name: `Editing Test Hospital ${tag}`, address: "1 Test Road" },
      },
    },
  });
  const name = `Editing test package ${tag}`;
  await db.tcmPackage.create({
    data: {
      slug: `e2e-package-${tag}`,
      institutionId: institution.id,
      conditions: ["insomnia"],
      therapies: ["acupuncture"],
      sessions: 5,
      durationDays: 7,
      priceFen: 280_000,
      translations: {
        create: {
          locale: "en",
          name,
          description: "A week of acupuncture for sleep.",
          treatmentPlan: "Five sessions in seven days.",
          expectedOutcome: "Better sleep.",
          contraindications: "Pregnancy.",
        },
      },
    },
  });
  return { slug, pkg: `e2e-package-${tag}`, name };
}

async function signIn(page: Page, locale: "en" | "ar", submit: string) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill("admin.beijing@demo.example");
  await page.locator("#password").fill("portal-demo-2026");
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

for (const [locale, m] of [
  ["en", en],
  ["ar", ar],
] as const) {
  test(`${locale}: a city admin edits a package's price, retires it, and renames an institution whose old URL redirects`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const tag = `${locale}-${randomUUID().slice(0, 8)}`;
    const { slug, pkg, name } = await arrange(tag);
    await signIn(page, locale, m.Staff.signIn.submit);

    // The package: its price edited, the change shown to patients.
    await page.goto(`/${locale}/admin/institutions/${slug}/packages`);
    await page.getByRole("link", { name }).click();
    await expect(page.locator("#price")).toHaveValue("2800");
    await page.locator("#price").fill("3150.50");
    await page.getByRole("button", { name: m.Admin.packages.save }).click();
    await expect(page.getByRole("status").filter({ hasText: m.Staff.done.packageSaved })).toBeVisible();
    await noSeriousAxe(page);
    const price = await portalDb().tcmPackage.findUniqueOrThrow({ where: { slug: pkg } });
    expect(price.priceFen).toBe(315_050);

    // Retired: marked in the list, gone from /packages, its page 404.
    await page.getByRole("button", { name: m.Admin.retire.retire }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/institutions/${slug}/packages$`));
    await expect(page.locator(`[data-package="${pkg}"]`)).toContainText(m.Admin.packages.retired);
    await noSeriousAxe(page);
    await page.goto(`/${locale}/packages?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toHaveCount(0);
    expect((await page.goto(`/${locale}/packages/${pkg}`))?.status()).toBe(404);

    // The institution's web address renamed; the old one answers 308 to the new one, query kept.
    const renamed = `${slug}-new`;
    await page.goto(`/${locale}/admin/institutions/${slug}#web-address`);
    await page.locator("#slug").fill(renamed);
    await page.getByRole("button", { name: m.Admin.catalogue.changeSlug }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/institutions/${renamed}`));
    const old = await page.request.get(`/${locale}/hospitals/${slug}?from=e2e`, { maxRedirects: 0 });
    expect([old.status(), old.headers()["location"]]).toEqual([
      308,
      `/${locale}/hospitals/${renamed}?from=e2e`,
    ]);
    await page.goto(`/${locale}/hospitals/${slug}?from=e2e`);
    await expect(page).toHaveURL(new RegExp(`/${locale}/hospitals/${renamed}\\?from=e2e$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Editing Test Hospital ${tag}`);
  });
}
