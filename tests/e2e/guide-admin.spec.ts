// Issue 8 end to end: the city's health commission (zh) lists a newly
// assessed hospital after ticking the admission criteria, writes the guide in
// Chinese and English, previews and publishes it; readers see it in English
// and Arabic (with fallback notices) and side by side with Chinese; a draft
// edit made afterwards stays invisible until it is published.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import zh from "../../messages/zh.json" with { type: "json" };

test.describe.configure({ retries: 0 }); // it changes the shared demo guide step by step

async function noSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

async function writeSection(page: Page, label: string, title: string, body: string) {
  await page.getByRole("link", { name: label, exact: true }).click();
  await expect(page.locator("#title")).toBeVisible();
  await page.locator("#title").fill(title);
  await page.locator("#body").fill(body);
  await page.getByRole("button", { name: zh.Admin.editor.save }).click();
  await expect(page.getByRole("status").filter({ hasText: zh.Staff.done.sectionSaved })).toBeVisible();
  await page.getByRole("link", { name: zh.Admin.editor.back }).click();
  await expect(page).toHaveURL(/\/zh\/admin\/guide/);
}

test("a city admin lists a hospital, writes and publishes the guide; readers see exactly the published version", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/zh/staff/sign-in");
  await admin.locator("#email").fill("admin.beijing@demo.example");
  await admin.locator("#password").fill("portal-demo-2026");
  await admin.getByRole("button", { name: zh.Staff.signIn.submit, exact: true }).click();
  await expect(admin).toHaveURL(/\/zh\/admin$/);

  // 1. The admission standard: every criterion ticked, with evidence, then listed.
  await admin.getByRole("link", { name: zh.Admin.nav.institutions, exact: true }).click();
  await admin.getByRole("link", { name: "中日友好医院" }).click();
  await expect(admin.getByTestId("listing-state")).toHaveText(zh.Admin.standard.notListed);
  for (const box of await admin.locator('input[type="checkbox"][name^="met_"]').all()) await box.check();
  await admin.locator("#evidence_INTERPRETER_ACCESS").fill("2026年11月实地查看：英语、日语翻译");
  await admin.getByRole("button", { name: zh.Admin.standard.save }).click();
  await expect(admin.getByRole("status").filter({ hasText: zh.Staff.done.criteriaSaved })).toBeVisible();
  await admin.getByRole("button", { name: zh.Admin.standard.list }).click();
  await expect(admin.getByTestId("listing-state")).toContainText("列入指南");
  await noSeriousAxe(admin);

  // 2. The guide in Chinese and English, into a draft; markup typed into a section stays text.
  await admin.getByRole("link", { name: zh.Admin.nav.guide, exact: true }).click();
  await writeSection(admin, "急救与 120（中文）", "急救（新版）", "在北京任何地方拨打 120。E2E-ZH-1");
  await writeSection(
    admin,
    "急救与 120（英语）",
    "Emergencies (new edition)",
    "Call 120 anywhere in Beijing. E2E-EN-1\n\n<b>Not bold</b> <script>document.title='x'</script>",
  );
  await expect(admin.getByText(zh.Admin.guide.draftState)).toBeVisible();
  await noSeriousAxe(admin);

  // 3. Preview exactly as readers will see it, then publish.
  await admin.getByRole("link", { name: zh.Admin.guide.preview }).click();
  await expect(admin.getByRole("status")).toContainText(zh.Admin.guide.previewBanner);
  await expect(admin.locator('[data-section="EMERGENCIES"]')).toContainText("E2E-ZH-1");
  await expect(admin.getByTestId("guide-institutions")).toContainText("中日友好医院");
  await admin.getByRole("link", { name: zh.Admin.guide.backToWorkspace }).click();
  await admin.getByRole("button", { name: zh.Admin.guide.publishSubmit }).click();
  // The page re-renders with the new state: no draft left, the new version published.
  await expect(admin.getByText(zh.Admin.guide.noDraft)).toBeVisible();
  await expect(admin.getByText(/第 \d+ 版已发布/)).toBeVisible();

  // 4. Readers: English, Arabic with fallback notices, and the bilingual view.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/en/guide/beijing");
  const emergencies = reader.locator('[data-section="EMERGENCIES"]');
  await expect(emergencies).toContainText("E2E-EN-1");
  await expect(emergencies).toContainText("<b>Not bold</b>");
  await expect(emergencies.locator("b")).toHaveCount(0);
  expect(await reader.title()).not.toBe("x");
  await expect(reader.getByTestId("guide-institutions")).toContainText("China-Japan Friendship Hospital");
  await reader.goto("/ar/guide/beijing?view=bilingual");
  await expect(reader.locator('[data-section="EMERGENCIES"]').getByTestId("fallback")).toBeVisible();
  await expect(reader.locator('[data-section="EMERGENCIES"]').getByTestId("chinese-column")).toContainText(
    "E2E-ZH-1",
  );

  // 5. A draft edit after publishing is invisible to readers until it is published.
  await writeSection(admin, "急救与 120（英语）", "Emergencies (draft)", "Call 120. E2E-EN-2");
  await reader.goto("/en/guide/beijing");
  await expect(reader.locator('[data-section="EMERGENCIES"]')).toContainText("E2E-EN-1");
  await expect(reader.locator('[data-section="EMERGENCIES"]')).not.toContainText("E2E-EN-2");
});
