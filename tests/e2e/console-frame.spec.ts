// Issue 16 (the nurse, the official): the consoles have their own frame, not the
// patient site's; the console home's "needs attention" items lead to where each
// is dealt with; the audit trail reads as before → after with booking
// references; the admin home shows the city at a glance. In English and in
// Arabic (right to left). Bookings are arranged through the use case on the
// server's database (tests/e2e/README.md: no page-driven bookings here).
import { expect, test, type Page } from "@playwright/test";
import { noSeriousAxe, fitsPhone } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { loadActor } from "../../lib/auth/actor";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { guideCriteria } from "../../lib/guide/codes";
import { arrangeBooking, portalDb } from "./support/portal-db";

const PASSWORD = "portal-demo-2026";
const HOSPITAL = "pumch-international";
const LOCALES = [
  { locale: "en", t: en },
  { locale: "ar", t: ar },
] as const;

async function signIn(page: Page, locale: string, email: string, submit: string, home: "staff" | "admin") {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/${home}$`));
}

/** A name in `locale` as the catalogue falls back (requested, English, Chinese). */
function nameIn(rows: { locale: string; name: string }[], locale: string, nameZh: string) {
  return (rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === "en"))?.name ?? nameZh;
}

for (const { locale, t } of LOCALES) {
  test(`[${locale}] signed-in staff work in the console's own frame, and its 'needs attention' items lead to the booking`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    // A booking that waits for its visa letter, so the home has something to attend to.
    await arrangeBooking({
      institution: HOSPITAL,
      locale,
      from: new Date(Date.now() + 2 * 86_400_000),
      patient: { visaLetterWanted: true },
    });
    const institution = await portalDb().institution.findUniqueOrThrow({
      where: { slug: HOSPITAL },
      select: { nameZh: true, translations: { select: { locale: true, name: true } } },
    });

    // Signed out: a minimal frame, without the patient site's navigation or footer.
    await page.goto(`/${locale}/staff/sign-in`);
    await expect(page.getByRole("banner")).toContainText(t.Staff.nav.label);
    await expect(page.getByRole("navigation", { name: t.Shell.navLabel, exact: true })).toHaveCount(0);
    await expect(page.getByRole("contentinfo")).toHaveCount(0);

    await signIn(page, locale, "nurse.pumch@demo.example", t.Staff.signIn.submit, "staff");
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    const banner = page.getByRole("banner");
    await expect(banner).toContainText(t.Shell.brand);
    await expect(banner).toContainText(t.Staff.nav.label);
    await expect(banner.getByTestId("console-place")).toHaveText(
      nameIn(institution.translations, locale, institution.nameZh),
    );
    await expect(banner.getByTestId("console-user")).toContainText("Wang Fang");
    await expect(banner.getByTestId("console-user")).toContainText(t.Staff.role.HOSPITAL_STAFF);
    await expect(banner.getByRole("button", { name: t.Staff.nav.signOut, exact: true })).toBeVisible();
    const consoleNav = page.getByRole("navigation", { name: t.Staff.nav.label, exact: true });
    await expect(consoleNav.getByRole("link", { name: t.Staff.nav.home, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    // None of the patient site's chrome: no main navigation, no footer, no "staff sign-in" link.
    await expect(page.getByRole("navigation", { name: t.Shell.navLabel, exact: true })).toHaveCount(0);
    await expect(page.getByRole("contentinfo")).toHaveCount(0);
    await expect(page.getByRole("link", { name: t.Footer.staff })).toHaveCount(0);
    await expect(page.getByRole("main")).toHaveCount(1);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // Each booking that waits for its letter is a link to the booking, where the letter is issued.
    const letters = page.getByTestId("attention-visaLetter");
    const first = letters.getByRole("link", { name: /^IPP-/ }).first();
    const reference = (await first.textContent())!.trim();
    // The day list of the soonest one's day shows it too.
    await letters
      .getByRole("link", { name: new RegExp(t.Staff.home.dayList.split("{day}")[0]!.trim()) })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff/bookings\\?date=\\d{4}-\\d{2}-\\d{2}$`));
    await expect(page.getByRole("main")).toContainText(reference);
    await expect(consoleNav.getByRole("link", { name: t.Staff.nav.bookings, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await page.goBack();
    await page
      .getByTestId("attention-visaLetter")
      .getByRole("link", { name: reference, exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff/bookings/${reference}$`));
    await expect(page.getByRole("main")).toContainText(reference);
    await expect(page.getByRole("contentinfo")).toHaveCount(0);

    // Back on the public site (a client-side navigation), the patient's frame returns.
    await page.getByRole("banner").getByRole("link", { name: t.Console.publicSite }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}$`));
    await expect(page.getByRole("navigation", { name: t.Shell.navLabel, exact: true })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
  });
}

for (const { locale, t } of LOCALES) {
  test(`[${locale}] the manager reads the audit trail as before → after, with the booking's reference and no id`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const db = portalDb();
    const { reference } = await arrangeBooking({
      institution: HOSPITAL,
      locale,
      from: new Date(Date.now() + 3 * 86_400_000),
    });
    // The manager cancels it (through the use case the console's button calls), which the trail records.
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager.pumch@demo.example" } });
    const actor = (await loadActor(db, manager.id))!;
    const { version } = await db.booking.findUniqueOrThrow({ where: { reference } });
    await changeBookingStatus(db, actor, {
      reference,
      version,
      transition: "cancel",
      reason: "Patient asked",
    });

    await signIn(page, locale, "manager.pumch@demo.example", t.Staff.signIn.submit, "staff");
    await page
      .getByRole("navigation", { name: t.Staff.nav.label, exact: true })
      .getByRole("link", { name: t.Staff.nav.audit, exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff/audit$`));
    const row = page.getByRole("row").filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(t.Staff.auditAction.booking.cancel);
    await expect(row).toContainText(t.Staff.audit.field.status);
    await expect(row).toContainText(
      t.Staff.audit.change
        .replace("{before}", t.Staff.status.CONFIRMED)
        .replace("{after}", t.Staff.status.CANCELLED),
    );
    await expect(row).toContainText("Patient asked");
    await expect(row).toContainText(t.Staff.role.HOSPITAL_MANAGER);
    // No raw JSON, no ids anywhere in the trail.
    const text = await page.getByRole("main").innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toMatch(/\bc[a-z0-9]{24}\b/);
    expect(text).not.toMatch(/"status"|\{"/);
    await noSeriousAxe(page);
    // The reference leads to the booking.
    await row.getByRole("link", { name: new RegExp(reference) }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff/bookings/${reference}$`));
  });
}

for (const { locale, t } of LOCALES) {
  test(`[${locale}] the city admin's home shows the city at a glance, matching the database, with links to manage each`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const db = portalDb();
    const number = new Intl.NumberFormat(locale);
    await signIn(page, locale, "admin.beijing@demo.example", t.Staff.signIn.submit, "admin");

    // The frame: the admin console, the city, the admin and their role; no patient footer.
    const city = await db.city.findUniqueOrThrow({
      where: { slug: "beijing" },
      select: { id: true, nameZh: true, translations: { select: { locale: true, name: true } } },
    });
    const banner = page.getByRole("banner");
    await expect(banner).toContainText(t.Admin.nav.label);
    await expect(banner.getByTestId("console-place")).toHaveText(
      nameIn(city.translations, locale, city.nameZh),
    );
    await expect(banner.getByTestId("console-user")).toContainText(t.Staff.role.CITY_ADMIN);
    await expect(page.getByRole("contentinfo")).toHaveCount(0);

    // Institutions by admission status, as the database has them.
    const institutions = await db.institution.findMany({
      where: { cityId: city.id },
      select: { guideListed: true, _count: { select: { criteria: { where: { met: true } } } } },
    });
    const all = guideCriteria.length;
    const count = (f: (i: (typeof institutions)[number]) => boolean) =>
      number.format(institutions.filter(f).length);
    await expect(page.getByTestId("admission-listed")).toHaveText(count((i) => i.guideListed));
    await expect(page.getByTestId("admission-meetsStandard")).toHaveText(
      count((i) => !i.guideListed && i._count.criteria >= all),
    );
    await expect(page.getByTestId("admission-partly")).toHaveText(
      count((i) => !i.guideListed && i._count.criteria > 0 && i._count.criteria < all),
    );
    await expect(page.getByTestId("admission-notChecked")).toHaveText(
      count((i) => !i.guideListed && i._count.criteria === 0),
    );

    // The guide's published version.
    const published = await db.guideVersion.findFirst({
      where: { guide: { cityId: city.id }, status: "PUBLISHED" },
      orderBy: { version: "desc" },
    });
    if (published)
      await expect(page.getByTestId("guide-version")).toContainText(number.format(published.version));
    else await expect(page.getByTestId("guide-version")).toHaveText(t.Admin.home.guideNone);

    // The rates' age: the oldest of the latest rates, dated in the page's language.
    const rates = await db.exchangeRate.findMany({
      distinct: ["currency"],
      orderBy: [{ currency: "asc" }, { effectiveOn: "desc" }],
    });
    const oldest = rates.map((r) => r.effectiveOn).sort((a, b) => a.getTime() - b.getTime())[0]!;
    await expect(page.getByTestId("rates-age")).toContainText(
      new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(oldest),
    );
    // A city admin does not keep the rates: no link to a page they may not open.
    await expect(page.getByRole("link", { name: t.Admin.home.manageRates })).toHaveCount(0);

    await noSeriousAxe(page);
    await fitsPhone(page);

    // Each panel leads to where it is managed.
    await page.getByRole("link", { name: t.Admin.home.manageInstitutions }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/institutions\\?city=beijing$`));
    await page.goBack();
    await page.getByRole("link", { name: t.Admin.home.quotaLink }).click();
    await expect(page).toHaveURL(
      new RegExp(`/${locale}/admin/quota\\?city=beijing&from=\\d{4}-\\d{2}&to=\\d{4}-\\d{2}$`),
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Admin.quota.title);
  });
}
