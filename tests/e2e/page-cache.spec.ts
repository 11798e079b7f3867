// Issue 21 item 2 end to end, in English and Arabic: the public pages are
// answered from the rendered-page cache (ADR 0030), yet a visitor sees an
// admin's change on the very next load: a renamed institution, a retired
// department. Public pages allow the back/forward cache: Chromium restores the
// finder from it after a navigation (pageshow persisted, navigation type
// back_forward). Each locale arranges its own institution.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { portalDb } from "./support/portal-db";
import en from "../../messages/en.json" with { type: "json" };
import ar from "../../messages/ar.json" with { type: "json" };

async function arrange(tag: string) {
  const db = portalDb();
  const city = await db.city.findUniqueOrThrow({ where: { slug: "beijing" } });
  const slug = `e2e-cache-${tag}`;
  const institution = await db.institution.create({
    data: {
      slug,
      cityId: city.id,
      nameZh: `缓存测试医院${tag}`,
      addressZh: "北京市东城区测试路 1 号",
      latitude: 39.91,
      longitude: 116.41,
      ownership: "PRIVATE",
      intlDeptPhone: "+86 10 6915 6699",
      translations: {
        create: [
          { locale: "en", name: `Cache Test Hospital ${tag}`, address: "1 Test Road" },
          { locale: "ar", name: `مستشفى اختبار ${tag}`, address: "1 طريق الاختبار" },
        ],
      },
    },
  });
  await db.department.create({
    data: {
      institutionId: institution.id,
      slug: "cardiology",
      specialty: "cardiology",
      consultationFeeFen: 30_000,
      translations: {
        create: [
          { locale: "en", name: `Cardiology ${tag}` },
          { locale: "zh", name: `心内科 ${tag}` },
          { locale: "ar", name: `أمراض القلب ${tag}` },
        ],
      },
    },
  });
  return { slug, institutionId: institution.id };
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
  test(`${locale}: an admin's rename and retired department show on the public page's next load`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const tag = `${locale}-${randomUUID().slice(0, 8)}`;
    const { slug, institutionId } = await arrange(tag);
    const before = locale === "en" ? `Cache Test Hospital ${tag}` : `مستشفى اختبار ${tag}`;
    const department = locale === "en" ? `Cardiology ${tag}` : `أمراض القلب ${tag}`;

    // A visitor without a session: the second load is answered from the cache.
    const visitor = await (await browser.newContext()).newPage();
    const url = `/${locale}/hospitals/${slug}`;
    for (let i = 0; i < 2; i++) {
      const response = await visitor.goto(url);
      expect(response?.headers()["cache-control"]).toBe("private, no-cache");
      await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(before);
      await expect(visitor.getByText(department)).toBeVisible();
    }

    // The admin renames it in the page's language.
    await signIn(page, locale, m.Staff.signIn.submit);
    const renamed = `${before} (${locale === "en" ? "renamed" : "جديد"})`;
    await page.goto(`/${locale}/admin/institutions/${slug}/translations?language=${locale}`);
    await page.locator("#name").fill(renamed);
    await page.getByRole("button", { name: m.Admin.catalogue.saveTranslation }).click();
    await expect(page.getByRole("status").filter({ hasText: m.Staff.done.translationSaved })).toBeVisible();
    await visitor.goto(url);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(renamed);

    // The admin retires the department: gone from the very next load.
    await page.goto(`/${locale}/admin/institutions/${slug}/departments/cardiology`);
    await page.getByRole("button", { name: m.Admin.retire.retire }).click();
    await expect
      .poll(
        async () =>
          (await portalDb().department.findFirstOrThrow({ where: { institutionId, slug: "cardiology" } }))
            .retiredAt,
      )
      .not.toBeNull();
    await visitor.goto(url);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(renamed);
    await expect(visitor.getByText(department)).toHaveCount(0);
    await visitor.context().close();
  });

  test(`${locale}: back from another page restores the finder from the back/forward cache`, async ({
    playwright,
    baseURL,
    page: signInPage,
  }, testInfo) => {
    // Playwright turns the back/forward cache off by default (--disable-back-forward-cache).
    const browser = await playwright.chromium.launch({
      ...testInfo.project.use.launchOptions,
      ignoreDefaultArgs: ["--disable-back-forward-cache"],
    });
    try {
      const page = await browser.newPage({ baseURL });
      await page.addInitScript(() => {
        window.addEventListener("pageshow", (event) => {
          (window as unknown as { restored?: boolean }).restored = event.persisted;
        });
      });
      await page.goto(`/${locale}/hospitals?page=1`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.Finder.title);
      // Marks this document: a restored page keeps it, a reloaded one does not.
      await page.evaluate(() => ((window as unknown as { mark?: string }).mark = "before"));
      await page.goto(`/${locale}/packages`);
      // A restored page fires pageshow, not load.
      await page.goBack({ waitUntil: "commit" });
      await expect(page).toHaveURL(new RegExp(`/${locale}/hospitals\\?page=1$`));
      await expect
        .poll(() =>
          page.evaluate(() => ({
            restored: (window as unknown as { restored?: boolean }).restored,
            mark: (window as unknown as { mark?: string }).mark,
          })),
        )
        .toEqual({ restored: true, mark: "before" });
    } finally {
      await browser.close();
    }
    // Pages with personal data stay out of it.
    const signIn = await signInPage.request.get(`/${locale}/staff/sign-in`);
    expect(signIn.headers()["cache-control"]).toContain("no-store");
  });
}
