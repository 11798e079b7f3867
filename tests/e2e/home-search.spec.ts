// The home page asks the finder's main question (issue 16): city, a specialty
// or condition as free text, and a language. It is a plain GET form to the
// finder with the finder's own parameters, so it works without JavaScript.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const { locale, what, city, language, submit } of [
    {
      locale: "ar",
      what: "أمراض القلب",
      city: "المدينة",
      language: "اللغة المستخدمة",
      submit: "عرض النتائج",
    },
    {
      locale: "ru",
      what: "Кардиология",
      city: "Город",
      language: "Язык обслуживания",
      submit: "Показать",
    },
  ]) {
    test(`[${locale}] the home page's search lands on the finder with its filters applied, without JavaScript`, async ({
      page,
    }) => {
      await page.goto(`/${locale}`);
      const form = page.getByRole("search");
      await form.getByLabel(city, { exact: true }).selectOption("beijing");
      await form.getByRole("searchbox").fill(what);
      await form.getByLabel(language, { exact: true }).selectOption("fr");
      await expect(page).toHaveURL(new RegExp(`/${locale}$`));
      await form.getByRole("button", { name: submit }).click();

      await expect(page).toHaveURL(new RegExp(`/${locale}/hospitals\\?`));
      const url = new URL(page.url());
      expect(url.searchParams.get("city")).toBe("beijing");
      expect(url.searchParams.get("language")).toBe("fr");
      expect(url.searchParams.get("q")).toBe(what);
      // The finder shows the same choices and what they find: in Beijing, cardiology in French is PUMCH.
      await expect(page.locator("#filter-city")).toHaveValue("beijing");
      await expect(page.locator("#filter-language")).toHaveValue("fr");
      await expect(page.getByRole("searchbox")).toHaveValue(what);
      const cards = page.locator("main article");
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toContainText("北京协和医院");
    });
  }
});

// With JavaScript (axe runs in the page): accessible, keyboard usable, and no sideways scroll at 320 px.
test("[ar] the home page's search is accessible, usable by keyboard and fits a 320 px screen", async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/ar");
  const form = page.getByRole("search");
  await expect(form).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Type in the free-text field and press Enter: the form submits like any GET form.
  await form.getByRole("searchbox").fill("الأرق");
  await form.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(/\/ar\/hospitals\?.*q=/);
  await expect(page.locator("main article").first()).toBeVisible();
});
