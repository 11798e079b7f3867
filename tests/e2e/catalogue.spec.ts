import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function expectNoSeriousA11yIssues(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`),
    label,
  ).toEqual([]);
}

const journeyLocales = [
  {
    locale: "ru",
    results: "2 учреждения",
    badge: "Прямая оплата: Bupa Global",
    russian: "русский",
    openOrClosed: /Сейчас (открыто|закрыто)/,
  },
  {
    locale: "ar",
    results: "مؤسستان",
    badge: "الدفع المباشر: Bupa Global",
    russian: "الروسية",
    openOrClosed: /(مفتوح|مغلق) الآن/,
  },
];

for (const { locale, results, badge, russian, openOrClosed } of journeyLocales) {
  test(`[${locale}] a Russian speaker in Beijing with Bupa cover narrows the finder`, async ({ page }) => {
    await page.goto(`/${locale}/hospitals`);
    await page.locator("#filter-city").selectOption("beijing");
    await expect(page).toHaveURL(/city=beijing/);
    await page.locator("#filter-language").selectOption("ru");
    await expect(page).toHaveURL(/language=ru/);
    await page.locator("#filter-insurer").selectOption("bupa-global");
    await expect(page).toHaveURL(/insurer=bupa-global/);
    await expect(page.getByRole("heading", { level: 2, name: results })).toBeVisible();
    const cards = page.locator("main article");
    await expect(cards).toHaveCount(2);
    for (const card of await cards.all()) {
      await expect(card.getByTestId("direct-billing")).toHaveText(badge);
      await expect(card.getByText(/08:00/).first()).toBeVisible();
      await expect(card).toContainText(russian);
      await expect(card.getByText(openOrClosed)).toBeVisible();
    }
    // Every option carries the number of results it would leave.
    await expect(page.locator("#filter-city option:checked")).toHaveText(/\(2\)|（2）/);
    // The URL holds the whole state: reloading it shows the same result.
    await page.reload();
    await expect(cards).toHaveCount(2);
  });
}

test("the finder works as a plain form without JavaScript, and drops bad filters with a notice", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/hospitals?city=atlantis&page=abc");
  await expect(page.getByRole("status")).toContainText("city");
  await expect(page.getByRole("status")).toContainText("page");
  await page.locator("#filter-city").selectOption("shanghai");
  await page.getByRole("button", { name: "Show results" }).click();
  await expect(page).toHaveURL(/city=shanghai/);
  await expect(page.locator("main article")).toHaveCount(2);
  await context.close();
});

test("an empty result suggests which filter to relax", async ({ page }) => {
  await page.goto("/en/hospitals?city=suifenhe&accreditation=JCI");
  await expect(page.getByText("No institution matches all these filters")).toBeVisible();
  await page.getByRole("link", { name: /Remove “Accreditation”: 2 results/ }).click();
  await expect(page.locator("main article")).toHaveCount(2);
});

for (const { locale, queries } of [
  { locale: "ar", queries: ["Peking Union", "xiehe", "协和"] },
  { locale: "en", queries: ["peking union", "Xié Hé", "协和"] },
]) {
  test(`[${locale}] finds a hospital by its English name, its pinyin or its Chinese name`, async ({
    page,
  }) => {
    for (const q of queries) {
      await page.goto(`/${locale}/hospitals`);
      await page.getByRole("searchbox").fill(q);
      await page.getByRole("searchbox").press("Enter");
      await expect(page).toHaveURL(/q=/);
      await expect(page.locator("main article").first()).toContainText("北京协和医院");
    }
  });
}

for (const { locale, plan } of [
  { locale: "en", plan: "Treatment plan" },
  { locale: "ar", plan: "خطة العلاج" },
]) {
  test(`[${locale}] a patient with neck pain compares packages and opens one`, async ({ page }) => {
    await page.goto(`/${locale}/packages`);
    await page.locator("#filter-condition").selectOption("neck_back_pain");
    await expect(page).toHaveURL(/condition=neck_back_pain/);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await page.locator("#filter-therapy").selectOption("tuina");
    await expect(page).toHaveURL(/therapy=tuina/);
    await expect(rows).toHaveCount(2);
    await page.locator("#filter-sort").selectOption("price");
    await expect(page).toHaveURL(/sort=price/);
    const firstPrice = await rows.nth(0).locator("td").nth(4).innerText();
    const secondPrice = await rows.nth(1).locator("td").nth(4).innerText();
    expect(Number(firstPrice.replace(/\D/g, ""))).toBeLessThan(Number(secondPrice.replace(/\D/g, "")));
    await rows.nth(0).getByRole("link").click();
    await expect(page).toHaveURL(/\/packages\/sanya-back-pain-course$/);
    await expect(page.getByRole("heading", { name: plan })).toBeVisible();
    await expect(page.getByText(/5[,.\s٬]?600/).first()).toBeVisible();
  });
}

for (const { locale, fee, staff, billing } of [
  {
    locale: "en",
    fee: "Consultation fee",
    staff: "Show this to a driver or to staff",
    billing: "Insurers that bill directly",
  },
  {
    locale: "ar",
    fee: "رسوم الاستشارة",
    staff: "اعرض هذا على السائق أو الموظفين",
    billing: "شركات التأمين التي تدفع مباشرة",
  },
]) {
  test(`[${locale}] an institution page tells everything the catalogue knows`, async ({ page }) => {
    await page.goto(`/${locale}/hospitals/guanganmen-international`);
    await expect(page.getByRole("columnheader", { name: fee })).toBeVisible();
    await expect(page.getByRole("heading", { name: billing })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Bupa Global" })).toBeVisible();
    await expect(page.locator('a[href^="/' + locale + '/packages/"]')).toHaveCount(2);
    await expect(page.locator('a[href^="https://uri.amap.com"]')).toBeVisible();
    await expect(page.locator('section[aria-labelledby="contact-heading"] a[href^="tel:"]')).toHaveText(
      "+86 10 8808 1001",
    );
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}",
    );
    expect(jsonLd).toMatchObject({ "@type": "Hospital", alternateName: "中国中医科学院广安门医院" });
    await expect(page.locator('link[rel="alternate"][hreflang="zh"]')).toHaveAttribute(
      "href",
      /\/zh\/hospitals\/guanganmen-international$/,
    );
    await page.getByText(staff).click();
    const panel = page.getByTestId("show-staff");
    await expect(panel).toBeVisible();
    await expect(panel.getByText("北京市西城区北线阁5号")).toBeVisible();
    await expect(panel.getByText("请带我去这家医院。")).toBeVisible();
  });
}

for (const locale of ["en", "ar"]) {
  test(`[${locale}] axe finds nothing serious on the finder, an institution and a package`, async ({
    page,
  }) => {
    for (const path of [
      `/${locale}/hospitals?city=beijing`,
      `/${locale}/hospitals/pumch-international`,
      `/${locale}/packages`,
      `/${locale}/packages/sanya-wellness-stay`,
    ]) {
      await page.goto(path);
      await expectNoSeriousA11yIssues(page, path);
    }
  });
}

test("the sitemap index lists one sitemap per locale, each with every public page", async ({ request }) => {
  const index = await (await request.get("/sitemap.xml")).text();
  expect(index.match(/<sitemap>/g)).toHaveLength(14);
  const ar = await request.get("/sitemaps/sitemap/ar.xml");
  expect(ar.status()).toBe(200);
  const xml = await ar.text();
  expect(xml).toContain("/ar/hospitals/pumch-international</loc>");
  expect(xml).toContain("/ar/packages/sanya-wellness-stay</loc>");
  expect(xml).toContain("/ar/privacy</loc>");
});
