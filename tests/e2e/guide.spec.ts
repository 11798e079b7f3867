// The public foreigner medical guide (issue 8, public part): the published
// version in the reader's language with fallback notices, the bilingual view
// for showing staff, printing, and the same guide as JSON.
import { expect, test } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };

test("[en] the guide index leads to Beijing's guide, its listed hospitals and the bilingual view", async ({
  page,
}) => {
  await page.goto("/en");
  await page.getByRole("link", { name: en.Shell.nav.guide, exact: true }).click();
  await expect(page).toHaveURL(/\/en\/guide$/);
  await page.getByRole("link", { name: /Beijing/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    en.Guide.title.replace("{city}", "Beijing"),
  );
  await expect(page.getByText(en.Guide.publishedOn.split("{date}")[0]!)).toBeVisible();
  await expect(page.getByTestId("fallback")).toHaveCount(0);
  const institutions = page.locator('[data-section="INSTITUTIONS"]');
  await expect(
    institutions.getByRole("link", { name: "Peking Union Medical College Hospital" }),
  ).toBeVisible();
  await expect(institutions).toContainText("北京协和医院");
  await expect(page.getByRole("button", { name: en.Guide.print })).toBeVisible();
  await noSeriousAxe(page);

  await page.getByRole("link", { name: en.Guide.viewBilingual }).click();
  await expect(page).toHaveURL(/view=bilingual/);
  await expect(page.getByTestId("chinese-column").first()).toContainText("急救");
  await expect(page.getByTestId("chinese-column").first()).toHaveAttribute("lang", "zh");
});

test("[ar] the guide reads right to left, marks sections shown in English, and pairs them with Chinese", async ({
  page,
  request,
}) => {
  await page.goto("/ar/guide/beijing");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // The demo guide is written in English and Chinese: each section says it is shown in English.
  const notices = page.getByTestId("fallback");
  expect(await notices.count()).toBeGreaterThanOrEqual(9);
  await expect(notices.first()).toContainText("الإنجليزية");
  await expect(page.locator('[data-section="EMERGENCIES"]')).toContainText("120");
  await noSeriousAxe(page);
  await page.getByRole("link", { name: ar.Guide.viewBilingual }).click();
  await expect(page.getByTestId("chinese-column")).toHaveCount(
    await page.locator("section[data-section]").count(),
  );

  const json = await request.get("/api/v1/guides/beijing?locale=ar");
  expect(json.status()).toBe(200);
  const guide = (await json.json()) as {
    version: number;
    sections: { key: string; locale: string; isFallback: boolean; zh: { title: string } | null }[];
    institutions: { slug: string }[];
  };
  expect(guide.sections).toHaveLength(9);
  expect(guide.sections.every((s) => s.isFallback && s.locale === "en" && s.zh)).toBe(true);
  expect(guide.institutions.map((i) => i.slug)).toContain("pumch-international");
  expect((await request.get("/api/v1/guides/atlantis")).status()).toBe(404);

  // The PDF download, in Arabic beside Chinese.
  const pdfHref = await page.getByRole("link", { name: ar.Guide.pdf }).getAttribute("href");
  expect(pdfHref).toContain("view=bilingual");
  const pdf = await request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect((await page.goto("/ar/guide/atlantis"))!.status()).toBe(404);
});
