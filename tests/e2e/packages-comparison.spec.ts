// The TCM packages' comparison reads right at every width (issue 16): each
// price is exactly the locale's Intl currency format of the price the portal
// holds, alone in its cell, apart from the days beside it; headers are
// separate; on a 320 px phone the page shows cards and does not scroll sideways.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { portalDb } from "./support/portal-db";

const cny = (locale: string, fen: number) =>
  new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "CNY",
    // Whole yuan are shown without fen, as everywhere in the portal.
    ...(fen % 100 === 0 ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2 }),
  }).format(fen / 100);

async function prices(): Promise<Map<string, { priceFen: number; durationDays: number; sessions: number }>> {
  const rows = await portalDb().tcmPackage.findMany({
    select: { slug: true, priceFen: true, durationDays: true, sessions: true },
  });
  return new Map(rows.map((r) => [r.slug, r]));
}

const slugOf = async (link: Locator) => (await link.getAttribute("href"))!.split("/").pop()!;

/** Horizontal distance in px between the texts of two elements (0 or less: they touch or overlap). */
async function gapBetween(page: Page, a: Locator, b: Locator): Promise<number> {
  const [ra, rb] = await Promise.all(
    [a, b].map((l) =>
      l.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    ),
  );
  return Math.max(rb!.left - ra!.right, ra!.left - rb!.right);
}

for (const { locale, headers } of [
  { locale: "ru", headers: ["Сеансы", "Дни", "Цена"] },
  { locale: "ar", headers: ["الجلسات", "الأيام", "السعر"] },
]) {
  test(`[${locale}] the packages table keeps days and price apart, with units and the locale's currency format`, async ({
    page,
  }) => {
    const known = await prices();
    await page.goto(`/${locale}/packages`);
    const table = page.getByTestId("package-table");
    await expect(table).toBeVisible();
    await expect(page.getByTestId("package-cards")).toBeHidden();
    for (const name of headers)
      await expect(table.getByRole("columnheader", { name, exact: true })).toBeVisible();

    const rows = table.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(5);
    const number = new Intl.NumberFormat(locale);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const p = known.get(await slugOf(row.getByRole("link").first()))!;
      const price = row.locator('td[data-column="price"]');
      const days = row.locator('td[data-column="days"]');
      await expect(price).toHaveText(cny(locale, p.priceFen));
      await expect(price.locator("bdi")).toHaveCount(1);
      // The days cell says its unit and holds no money.
      await expect(days).toContainText(number.format(p.durationDays));
      await expect(days).not.toHaveText(/^[\d\s٠-٩]+$/);
      await expect(days).not.toContainText("¥");
      await expect(row.locator('td[data-column="sessions"]')).toContainText(number.format(p.sessions));
      // A clear gap between the days and the price, whichever way the line runs.
      expect(await gapBetween(page, days, price)).toBeGreaterThanOrEqual(16);
    }
    // The headers do not run together either.
    expect(
      await gapBetween(
        page,
        table.getByRole("columnheader", { name: headers[0], exact: true }),
        table.getByRole("columnheader", { name: headers[1], exact: true }),
      ),
    ).toBeGreaterThanOrEqual(16);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  test(`[${locale}] on a 320 px phone the packages are cards, with nothing cut off or scrolling sideways`, async ({
    page,
  }) => {
    const known = await prices();
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/${locale}/packages`);
    const cards = page.getByTestId("package-cards").getByRole("listitem");
    await expect(cards.first()).toBeVisible();
    await expect(page.getByTestId("package-table")).toBeHidden();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const count = await cards.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i);
      const p = known.get(await slugOf(card.getByRole("link").first()))!;
      await expect(card.locator('dd[data-column="price"]')).toHaveText(cny(locale, p.priceFen));
      await expect(card.locator('dd[data-column="days"]')).toContainText(
        new Intl.NumberFormat(locale).format(p.durationDays),
      );
      // Every card lies within the screen.
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
  });
}
