import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("locale routing and the shell", () => {
  test("the root redirects to English and shows the demo catalogue, 120 and the demo notice", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Medical care in China, in your language",
    );
    await expect(page.getByRole("heading", { name: "Cities" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Beijing", exact: true })).toHaveAttribute(
      "href",
      "/en/hospitals?city=beijing",
    );
    await expect(page.getByRole("link", { name: "Peking Union Medical College Hospital" })).toBeVisible();
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "120" })).toHaveAttribute(
      "href",
      "tel:120",
    );
    await expect(page.getByRole("note")).toContainText("Demo data");
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Hospitals", "TCM packages", "Payment", "City guide"])
      await expect(nav.getByRole("link", { name })).toBeVisible();
  });

  test("Arabic is right-to-left and Chinese is Chinese", async ({ page }) => {
    await page.goto("/ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("الرعاية الطبية في الصين بلغتك");
    await expect(page.getByRole("link", { name: "مستشفى كلية بكين الاتحادية الطبية" })).toBeVisible();

    await page.goto("/zh");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("在中国就医，用您的语言");
    await expect(page.getByRole("link", { name: "北京协和医院" })).toBeVisible();
  });

  test("the switcher keeps the same page across all fourteen languages", async ({ page }) => {
    await page.goto("/en/privacy?from=test");
    await page.getByText("Language:").click();
    const links = page.locator("details ul a");
    await expect(links).toHaveCount(14);
    await page.getByRole("link", { name: "ไทย" }).click();
    await expect(page).toHaveURL(/\/th\/privacy\?from=test$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "th");

    await page.locator("details summary").click();
    await page.getByRole("link", { name: "简体中文" }).click();
    await expect(page).toHaveURL(/\/zh\/privacy\?from=test$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("您的隐私");

    await page.locator("details summary").click();
    await page.getByRole("link", { name: "العربية" }).click();
    await expect(page).toHaveURL(/\/ar\/privacy\?from=test$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("خصوصيتك");
  });

  for (const locale of ["en", "ar"])
    test(`[${locale}] on a 320 px phone the open language list stays on the screen`, async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`/${locale}/privacy`);
      await page.locator("details summary").click();
      const list = page.locator("details ul");
      await expect(list.locator("a")).toHaveCount(14);
      const box = await list.boundingBox();
      expect(box, "the list is shown").not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
      await expect(page.getByRole("link", { name: "Қазақ тілі" })).toBeInViewport();
    });

  test("the skip link is the first stop for the keyboard and moves focus to the content", async ({
    page,
  }) => {
    await page.goto("/ru");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Перейти к основному содержанию" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });

  test("an unknown page gets the 404 in the page's language", async ({ page }) => {
    const response = await page.goto("/ru/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Страница не найдена");
  });

  test("an unknown locale goes to the visitor's language and gets its 404", async ({ page }) => {
    const unknownLocale = await page.goto("/xx/whatever");
    expect(unknownLocale?.status()).toBe(404);
    await expect(page).toHaveURL(/\/en\/xx\/whatever$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

    // A visitor who chose Japanese before is sent to Japanese.
    await page.goto("/ja");
    await page.goto("/xx/whatever");
    await expect(page).toHaveURL(/\/ja\/xx\/whatever$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  });

  test("hreflang alternates name every locale", async ({ page }) => {
    await page.goto("/fr");
    const hreflangs = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) => links.map((l) => l.getAttribute("hreflang")));
    expect(hreflangs.sort()).toEqual([
      "ar",
      "de",
      "en",
      "es",
      "fr",
      "id",
      "ja",
      "kk",
      "ko",
      "mn",
      "ru",
      "th",
      "vi",
      "x-default",
      "zh",
    ]);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/fr$/);
  });

  for (const locale of ["en", "ar"]) {
    test(`axe finds nothing serious on the ${locale} home and privacy pages`, async ({ page }) => {
      for (const path of [`/${locale}`, `/${locale}/privacy`]) {
        await page.goto(path);
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(
          serious.map((v) => `${v.id}: ${v.help}`),
          path,
        ).toEqual([]);
      }
    });
  }

  test("the development mail page does not exist in the production build", async ({ page }) => {
    expect((await page.goto("/en/dev/mail"))?.status()).toBe(404);
  });

  test("the health endpoint answers", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
  });
});
