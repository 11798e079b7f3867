// Issue 8 end to end: the city's health commission (zh) lists a newly
// assessed hospital after ticking the admission criteria, writes the guide in
// Chinese and English, previews and publishes it; readers see it in English
// and Arabic (with fallback notices) and side by side with Chinese; a draft
// edit made afterwards stays invisible until it is published.
import { expect, test, type Page } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import ja from "../../messages/ja.json" with { type: "json" };
import zh from "../../messages/zh.json" with { type: "json" };

test.describe.configure({ retries: 0 }); // it changes the shared demo guide step by step

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
  test.setTimeout(240_000);
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
  await admin.getByRole("link", { name: zh.Admin.guide.publishSubmit }).click();
  await admin.getByRole("button", { name: /^发布第 \d+ 版$/ }).click();
  // Back on the guide with the new state: no draft left, the new version published.
  await expect(admin.getByText(zh.Admin.guide.noDraft)).toBeVisible();
  await expect(admin.getByText(/第 \d+ 版已发布/).first()).toBeVisible();

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

test("a city admin adds an institution, translates it and invites its first manager", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/zh/staff/sign-in");
  await admin.locator("#email").fill("admin.beijing@demo.example");
  await admin.locator("#password").fill("portal-demo-2026");
  await admin.getByRole("button", { name: zh.Staff.signIn.submit, exact: true }).click();
  await expect(admin).toHaveURL(/\/zh\/admin$/);
  await admin.getByRole("link", { name: zh.Admin.nav.institutions, exact: true }).click();
  await admin.getByRole("link", { name: zh.Admin.institutions.add }).click();

  // A wrong phone number is named, in Chinese, and nothing is created.
  const slug = `e2e-friendship-${Date.now()}`;
  await admin.locator("#slug").fill(slug);
  await admin.locator("#nameEn").fill("E2E Friendship International");
  await admin.locator("#addressEn").fill("95 Yong'an Road, Xicheng");
  await admin.locator("#nameZh").fill("端到端友谊国际医院");
  await admin.locator("#addressZh").fill("北京市西城区永安路 95 号");
  await admin.locator("#phone").fill("12");
  await admin.locator("#latitude").fill("39.88");
  await admin.locator("#longitude").fill("116.39");
  await admin.locator("#lang_en").check();
  await admin.getByRole("button", { name: zh.Admin.catalogue.create }).click();
  await expect(admin.getByRole("main").getByRole("alert")).toContainText("电话");
  await admin.locator("#phone").fill("+86 10 6313 8585");
  await admin.getByRole("button", { name: zh.Admin.catalogue.create }).click();
  await expect(admin).toHaveURL(new RegExp(`/zh/admin/institutions/${slug}$`));
  await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  await noSeriousAxe(admin);

  // Arabic name and address; the completeness table says so.
  await admin.locator('tr[data-locale="ar"]').getByRole("link").click();
  await admin.locator("#name").fill("مستشفى الصداقة الدولي");
  await admin.locator("#address").fill("95 طريق يونغآن");
  await admin.getByRole("button", { name: zh.Admin.catalogue.saveTranslation }).click();
  await expect(admin.getByRole("status").filter({ hasText: zh.Staff.done.translationSaved })).toBeVisible();
  await admin.getByRole("link", { name: "端到端友谊国际医院" }).click();
  await expect(admin.locator('tr[data-locale="ar"]')).toContainText(zh.Admin.catalogue.present);

  // A department with its fee, and the international department's Monday hours.
  await admin.locator("#specialty").selectOption("cardiology");
  await admin.locator("#fee").fill("800");
  await admin.locator("#dept-nameEn").fill("Cardiology");
  await admin.locator("#dept-nameZh").fill("心内科");
  await admin.getByRole("button", { name: zh.Admin.catalogue.addDepartment }).click();
  await expect(admin.locator('[data-department="cardiology"]')).toContainText("心内科");
  await admin.locator("#open_1").fill("08:00");
  await admin.locator("#close_1").fill("17:00");
  await admin.getByRole("button", { name: zh.Admin.catalogue.saveHours }).click();
  await expect(admin.getByRole("status").filter({ hasText: zh.Staff.done.hoursSaved })).toBeVisible();

  // The first manager's invitation.
  await admin.locator("#manager-name").fill("刘洋");
  await admin.locator("#manager-email").fill(`${slug}@example.cn`);
  await admin.getByRole("button", { name: zh.Admin.catalogue.invite }).click();
  await expect(admin.getByRole("heading", { name: zh.Admin.catalogue.manager })).toHaveCount(0);

  // Patients find it in Arabic.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/ar/hospitals/${slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toContainText("مستشفى الصداقة الدولي");
  await expect(reader.getByRole("main")).toContainText(/800\sCN¥/); // the department and its fee
  await expect(reader.getByRole("main")).toContainText("08:00–17:00"); // Monday hours
});

// Issue 16, the official: translating beside the source, previewing any language, confirming before
// publishing. Each locale works on its own city's guide (Hangzhou, Shenzhen), which no other test reads,
// as the system admin (the Beijing admin's guide is the test above's).
type Messages = typeof zh;
const fill = (message: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((m, [k, v]) => m.replace(`{${k}}`, String(v)), message);
/** The longest run of a message's own words (between its placeholders). */
const words = (message: string) =>
  message
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .sort((a, b) => b.length - a.length)[0]!;

async function signInAsSystemAdmin(page: Page, locale: string, m: Messages) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill("sysadmin@demo.example");
  await page.locator("#password").fill("portal-demo-2026");
  await page.getByRole("button", { name: m.Staff.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin`));
}

/** Tabs forward until `target` has the focus: it is reachable by keyboard, in the page's order. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>) {
  for (let i = 0; i < 120 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
}

for (const { locale, m, city, cityEn, target, marker } of [
  { locale: "zh", m: zh, city: "hangzhou", cityEn: "Hangzhou", target: "ja", marker: "E2E-JA-HZ" },
  {
    locale: "ar",
    m: ar as Messages,
    city: "shenzhen",
    cityEn: "Shenzhen",
    target: "ar",
    marker: "E2E-AR-SZ",
  },
] as const) {
  test(`[${locale}] an official translates a section beside its source, previews it in Arabic and Japanese, and publishes only once confirmed`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const names = new Intl.DisplayNames([locale], { type: "language" });
    const admin = await (await browser.newContext()).newPage();
    await signInAsSystemAdmin(admin, locale, m);
    const workspace = `/${locale}/admin/guide?city=${city}`;
    await admin.goto(workspace);
    const cell = (language: string) =>
      admin.getByRole("link", {
        name: fill(m.Admin.guide.editCell, {
          section: m.Admin.section.EMERGENCIES,
          language: names.of(language)!,
        }),
        exact: true,
      });

    // 1. The source beside the editor: English by default, its date, Chinese at a click; side by side when wide.
    await cell(target).click();
    const source = admin.getByTestId("section-source");
    await expect(source.getByRole("heading", { level: 2 })).toHaveText(
      fill(m.Admin.editor.sourceHeading, { language: names.of("en")! }),
    );
    await expect(source).toContainText(`Call 120 for an ambulance anywhere in ${cityEn}`);
    await expect(source).toContainText(words(m.Admin.editor.lastSaved));
    await expect(source.locator('[lang="en"]').first()).toHaveAttribute("dir", "ltr");
    const [sourceBox, titleBox] = [await source.boundingBox(), await admin.locator("#title").boundingBox()];
    expect(Math.abs(sourceBox!.y - titleBox!.y)).toBeLessThan(200); // one row: source and field side by side
    await source.getByRole("link", { name: names.of("zh")!, exact: true }).click();
    await expect(admin).toHaveURL(/source=zh/);
    await expect(source.getByRole("link", { name: names.of("zh")!, exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
    await expect(source).toContainText("任何地方拨打 120");
    await noSeriousAxe(admin);
    // On a phone the source comes first, above the field, and nothing scrolls sideways.
    await admin.setViewportSize({ width: 320, height: 800 });
    await expect(source).toBeVisible();
    expect((await source.boundingBox())!.y).toBeLessThan((await admin.locator("#title").boundingBox())!.y);
    await noSideways(admin);
    await admin.setViewportSize({ width: 1280, height: 800 });

    await admin.locator("#title").fill(locale === "zh" ? "救急" : "الطوارئ");
    await admin
      .locator("#body")
      .fill(
        locale === "zh"
          ? `どこからでも 120 に電話してください。${marker}`
          : `اتصل بالرقم 120 من أي مكان. ${marker}`,
      );
    await admin.getByRole("button", { name: m.Admin.editor.save }).click();
    await expect(admin.getByRole("status").filter({ hasText: m.Staff.done.sectionSaved })).toBeVisible();
    const sourceUpdated = admin.getByRole("note").filter({ hasText: words(m.Admin.editor.sourceUpdated) });
    await expect(sourceUpdated).toHaveCount(0); // nothing changed in the source since

    // 2. The English source changes afterwards: the translation says so.
    await admin.goto(workspace);
    await cell("en").click();
    await expect(admin.locator("#body")).toHaveValue(/Call 120/);
    await admin.locator("#body").fill(`Call 120 for an ambulance anywhere in ${cityEn}, day and night.`);
    await admin.getByRole("button", { name: m.Admin.editor.save }).click();
    await expect(admin.getByRole("status").filter({ hasText: m.Staff.done.sectionSaved })).toBeVisible();
    await admin.goto(workspace);
    await cell(target).click();
    await expect(sourceUpdated).toContainText(names.of("en")!);
    await expect(admin.getByTestId("section-source")).toContainText("day and night");

    // 3. The preview in Arabic (right to left) and in Japanese, as their readers would see it, without JavaScript needed.
    await admin.goto(workspace);
    await admin.getByRole("link", { name: m.Admin.guide.preview }).click();
    const preview = admin.getByTestId("guide-preview");
    await admin.locator("#language").selectOption("ar");
    await admin.getByRole("button", { name: m.Admin.guide.previewShow }).click();
    await expect(admin).toHaveURL(/language=ar/);
    await expect(preview).toHaveAttribute("dir", "rtl");
    await expect(preview).toHaveAttribute("lang", "ar");
    await expect(preview.getByRole("heading", { level: 1 })).toContainText(words(ar.Guide.title));
    const emergencies = preview.locator('[data-section="EMERGENCIES"]');
    if (target === "ar") {
      await expect(emergencies).toContainText(marker);
      await expect(emergencies.getByTestId("fallback")).toHaveCount(0);
    } else await expect(emergencies.getByTestId("fallback")).toContainText("الإنجليزية");
    await expect(preview.getByTestId("fallback").first()).toBeVisible();
    await noSeriousAxe(admin);
    await admin.locator("#language").selectOption("ja");
    await admin.getByRole("button", { name: m.Admin.guide.previewShow }).click();
    await expect(admin).toHaveURL(/language=ja/);
    await expect(preview).toHaveAttribute("lang", "ja");
    await expect(preview).toHaveAttribute("dir", "ltr");
    await expect(preview.getByRole("heading", { level: 1 })).toContainText(words(ja.Guide.title));
    if (target === "ja") {
      await expect(emergencies).toContainText(marker);
      await expect(emergencies.getByTestId("fallback")).toHaveCount(0);
    } else await expect(emergencies.getByTestId("fallback")).toContainText("英語");
    await expect(preview.locator('[data-section="VISAS"]').getByTestId("fallback")).toBeVisible();

    // 4. Publishing asks first, saying what it publishes; cancelling publishes nothing.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`/${target}/guide/${city}`);
    const publishedOn = reader.locator("article header p").first();
    await expect(publishedOn).toBeVisible();
    const before = (await publishedOn.textContent())!;
    await expect(reader.locator('[data-section="EMERGENCIES"]')).not.toContainText(marker);

    await admin.goto(workspace);
    await admin.getByRole("link", { name: m.Admin.guide.publishSubmit }).click();
    await expect(admin).toHaveURL(new RegExp(`/${locale}/admin/guide/publish\\?city=${city}`));
    const heading = admin.getByRole("heading", { level: 1 });
    await expect(heading).toContainText(/\d/);
    const version = Number((await heading.textContent())!.match(/\d+/)![0]);
    const changed = admin.getByTestId("changed-sections").locator('[data-section="EMERGENCIES"]');
    await expect(changed).toContainText(names.of("en")!);
    await expect(changed).toContainText(names.of(target)!);
    await expect(admin.getByTestId("incomplete-languages").locator('[data-locale="ja"]')).toBeVisible();
    await expect(admin.getByTestId("complete-languages")).toContainText(names.of("zh")!);
    await noSeriousAxe(admin);
    await admin.getByRole("link", { name: m.Admin.publish.cancel }).click();
    await expect(admin).toHaveURL(new RegExp(`/${locale}/admin/guide\\?city=${city}$`));
    await expect(admin.getByText(m.Admin.guide.draftState)).toBeVisible();
    await reader.reload();
    await expect(publishedOn).toHaveText(before);
    await expect(reader.locator('[data-section="EMERGENCIES"]')).not.toContainText(marker);

    // 5. Confirmed (by keyboard): published, and readers see it.
    await admin.getByRole("link", { name: m.Admin.guide.publishSubmit }).click();
    const confirm = admin.getByRole("button", { name: fill(m.Admin.publish.confirm, { version }) });
    await tabTo(admin, confirm);
    await admin.keyboard.press("Enter");
    await expect(admin).toHaveURL(new RegExp(`/${locale}/admin/guide\\?city=${city}&published=${version}`));
    await expect(
      admin.getByRole("status").filter({ hasText: fill(m.Admin.guide.publishedNotice, { version }) }),
    ).toBeVisible();
    await expect(admin.getByText(m.Admin.guide.noDraft)).toBeVisible();
    await reader.reload();
    await expect(reader.locator('[data-section="EMERGENCIES"]')).toContainText(marker);
    await expect(reader.locator('[data-section="EMERGENCIES"]').getByTestId("fallback")).toHaveCount(0);
  });
}
