// An institution that is not yet taking international bookings online (issue 16)
// says so with its international department's phone on its own pages, offers no
// booking anywhere, and is never said to have "reached its limit"; a hospital
// that takes bookings still offers them. No hold is made.
//
// The seed's just-onboarded China-Japan Friendship is in that state only until
// quota.spec.ts onboards it (declares a volume, publishes), which may run first
// or alongside; so this spec arranges its own public institution in the same
// state (no times published, no volume declared) on the e2e server's database.
// tests/integration/booking-availability.test.ts pins the seed's CJFH itself.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { portalDb } from "./support/portal-db";

const ONBOARDED = "e2e-just-onboarded";
const PACKAGE = "e2e-just-onboarded-wellness";
const PHONE = "+86 10 6500 0016";
const ONBOARDED_TEL = "tel:+861065000016";
const NORMAL = "pumch-international";

test.beforeAll(async () => {
  const db = portalDb();
  if (await db.institution.findUnique({ where: { slug: ONBOARDED } })) return;
  const beijing = await db.city.findUniqueOrThrow({ where: { slug: "beijing" } });
  await db.institution.create({
    data: {
      slug: ONBOARDED,
      cityId: beijing.id,
      nameZh: "新接入国际医疗部",
      addressZh: "北京市朝阳区测试路1号",
      latitude: 39.97,
      longitude: 116.42,
      ownership: "PUBLIC",
      languages: ["zh", "en"],
      intlDeptPhone: PHONE,
      translations: {
        create: [
          { locale: "en", name: "Just Onboarded International Clinic" },
          { locale: "ar", name: "العيادة الدولية المنضمة حديثا" },
        ],
      },
      departments: {
        create: {
          slug: "internal-medicine",
          specialty: "internal_medicine",
          consultationFeeFen: 80_000,
          translations: { create: { locale: "en", name: "Internal Medicine" } },
        },
      },
      packages: {
        create: {
          slug: PACKAGE,
          conditions: ["wellness"],
          therapies: ["acupuncture"],
          sessions: 5,
          durationDays: 5,
          priceFen: 300_000,
          translations: {
            create: {
              locale: "en",
              name: "Five-day wellness course",
              description: "Acupuncture on five days.",
              treatmentPlan: "Five sessions.",
              expectedOutcome: "Rest.",
              contraindications: "Pregnancy.",
            },
          },
        },
      },
    },
  });
});

for (const { locale, notYet, limit } of [
  { locale: "ar", notYet: "لا يستقبل الحجوزات الدولية عبر الإنترنت بعد", limit: "لا توجد مواعيد دولية" },
  {
    locale: "en",
    notYet: "Not yet taking international bookings online",
    limit: "No international appointments left",
  },
]) {
  test(`[${locale}] a just-onboarded hospital (as China-Japan Friendship in the seed) says it is not yet taking bookings online, and offers none`, async ({
    page,
  }) => {
    // Its page: the notice with the phone to call, and no booking link.
    await page.goto(`/${locale}/hospitals/${ONBOARDED}`);
    const notice = page.getByTestId("not-taking-bookings");
    await expect(notice.getByRole("heading", { name: notYet })).toBeVisible();
    await expect(notice.getByRole("link")).toHaveAttribute("href", ONBOARDED_TEL);
    await expect(page.locator('main a[href*="/book/"]')).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

    // Its booking page, reached by address: the same notice, no times, never "reached its limit".
    await page.goto(`/${locale}/book/${ONBOARDED}?department=internal-medicine`);
    await expect(
      page.getByTestId("not-taking-bookings").getByRole("heading", { name: notYet }),
    ).toBeVisible();
    await expect(page.getByTestId("not-taking-bookings").getByRole("link")).toHaveAttribute(
      "href",
      ONBOARDED_TEL,
    );
    await expect(page.locator('button[name="slotId"]')).toHaveCount(0);
    await expect(page.locator("#quota-full")).toHaveCount(0);
    await expect(page.locator("main")).not.toContainText(limit);

    // Its package: no "book this package", the notice instead.
    await page.goto(`/${locale}/packages/${PACKAGE}`);
    await expect(
      page.getByTestId("not-taking-bookings").getByRole("heading", { name: notYet }),
    ).toBeVisible();
    await expect(page.locator('main a[href*="/book/"]')).toHaveCount(0);

    // The packages comparison marks it.
    await page.goto(`/${locale}/packages`);
    const row = page.getByTestId("package-table").locator("tbody tr", {
      has: page.locator(`a[href$="/packages/${PACKAGE}"]`),
    });
    await expect(row.getByTestId("not-taking-bookings")).toHaveText(notYet);

    // The finder: its card says so with the phone; another Beijing hospital's card does not.
    await page.goto(`/${locale}/hospitals?city=beijing`);
    const card = (slug: string) =>
      page.locator("main article", { has: page.locator(`a[href$="/hospitals/${slug}"]`) });
    await expect(card(ONBOARDED).getByTestId("not-taking-bookings")).toContainText(notYet);
    await expect(card(ONBOARDED).getByTestId("not-taking-bookings").getByRole("link")).toHaveAttribute(
      "href",
      ONBOARDED_TEL,
    );
    await expect(card(NORMAL)).toBeVisible();
    await expect(card(NORMAL).getByTestId("not-taking-bookings")).toHaveCount(0);

    // The payment checker still explains payment there (the self-pay fee), but not as a place to book.
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/${locale}/payment?insurer=self&city=beijing&visit=OUTPATIENT&date=${day}`);
    const payment = page.getByTestId(`payment-${ONBOARDED}`);
    await expect(payment.getByTestId("not-taking-bookings")).toContainText(notYet);
    await expect(payment.getByTestId("self-pay")).toBeVisible();
    await expect(page.getByTestId(`payment-${NORMAL}`).getByTestId("not-taking-bookings")).toHaveCount(0);
  });

  test(`[${locale}] a hospital that takes bookings still offers them`, async ({ page }) => {
    await page.goto(`/${locale}/hospitals/${NORMAL}`);
    await expect(page.getByTestId("not-taking-bookings")).toHaveCount(0);
    const book = page.locator(`main a[href*="/book/${NORMAL}?department="]`).first();
    await expect(book).toBeVisible();
    await book.click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/book/${NORMAL}\\?department=`));
    await expect(page.locator('button[name="slotId"]:enabled').first()).toBeVisible();
    await expect(page.getByTestId("not-taking-bookings")).toHaveCount(0);
  });
}
