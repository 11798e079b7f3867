// Issue 17, "Phone layout": no public patient page scrolls sideways on a phone.
// Every page state a patient can reach outside the booking flow (the booking
// pages have their own spec) is loaded at 320 and 390 px in English, Arabic
// (right to left) and Thai once the portal offers it, and must fit the
// viewport (document scrollWidth ≤ clientWidth) and be axe clean. The manage
// page is arranged through the use case (tests/e2e/README.md: no page-driven
// booking or hold here).
import { expect, test, type Page } from "@playwright/test";
import { locales } from "../../lib/i18n/locales";
import { noSeriousAxe } from "./support/page-checks";
import { arrangeBooking } from "./support/portal-db";

/** en and ar always; th as soon as lib/i18n/locales.ts lists it. */
const LOCALES = ["en", "ar", "th"].filter((l) => (locales as readonly string[]).includes(l));
const WIDTHS = [320, 390] as const;

const HOSPITAL = "pumch-international";
const TCM_HOSPITAL = "guanganmen-international";
const PACKAGE = "guanganmen-neck-back-pain";
const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

/** Every public patient page state, as a path after /{locale} (and the status it answers). */
const STATES: { name: string; path: string; status?: number }[] = [
  { name: "home", path: "" },
  { name: "finder, no filter", path: "/hospitals" },
  {
    name: "finder, many filters",
    path: "/hospitals?city=beijing&language=en&specialty=cardiology&payment=direct&emergency=true",
  },
  { name: "finder, results", path: "/hospitals?city=beijing&q=hospital" },
  { name: "finder, nothing found", path: "/hospitals?city=suifenhe&accreditation=JCI" },
  { name: "finder, unknown filters dropped", path: "/hospitals?city=atlantis&page=abc" },
  { name: "hospital page", path: `/hospitals/${HOSPITAL}` },
  { name: "TCM hospital page", path: `/hospitals/${TCM_HOSPITAL}` },
  { name: "packages list", path: "/packages" },
  { name: "packages, nothing found", path: "/packages?maxPrice=1" },
  { name: "package page", path: `/packages/${PACKAGE}` },
  { name: "payment checker", path: "/payment" },
  {
    name: "payment results",
    path: `/payment?insurer=allianz-care&city=beijing&visit=OUTPATIENT&date=${inTenDays}`,
  },
  {
    name: "payment, self-pay",
    path: `/payment?insurer=self&city=beijing&visit=OUTPATIENT&date=${inTenDays}`,
  },
  { name: "guide index", path: "/guide" },
  { name: "city guide", path: "/guide/beijing" },
  { name: "city guide, bilingual", path: "/guide/beijing?view=bilingual" },
  { name: "privacy", path: "/privacy" },
  { name: "find my booking", path: "/bookings/find" },
  { name: "erased", path: "/bookings/erased" },
  { name: "not found", path: "/no-such-page", status: 404 },
];

/** The elements that stick out of the viewport, for the failure message. */
function overflowing(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const shown = e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
        return shown && r.width > 1 && (r.right > width + 0.5 || r.left < -0.5);
      })
      .slice(0, 8)
      .map((e) => {
        const r = e.getBoundingClientRect();
        const id = e.id ? `#${e.id}` : "";
        const cls =
          typeof e.className === "string" && e.className ? `.${e.className.split(" ").join(".")}` : "";
        return `${e.tagName.toLowerCase()}${id}${cls} [${Math.round(r.left)}, ${Math.round(r.right)}]`;
      });
  });
}

/** At each phone width the page fits (nothing to scroll sideways), then axe finds nothing serious. */
async function fitsEveryPhone(page: Page) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect
      .poll(
        async () => {
          const extra = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          return extra <= 0 ? [] : [`${extra} px too wide`, ...(await overflowing(page))];
        },
        { message: `sideways scroll at ${width} px` },
      )
      .toEqual([]);
  }
  await noSeriousAxe(page);
}

for (const locale of LOCALES) {
  test.describe(`[${locale}] phone layout`, () => {
    for (const state of STATES) {
      test(`[${locale}] ${state.name} fits 320 and 390 px`, async ({ page }) => {
        await page.setViewportSize({ width: 320, height: 800 });
        const response = await page.goto(`/${locale}${state.path}`);
        expect(response?.status()).toBe(state.status ?? 200);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await fitsEveryPhone(page);
      });
    }

    test(`[${locale}] the manage page of a booking fits 320 and 390 px`, async ({ page }) => {
      const booking = await arrangeBooking({
        institution: HOSPITAL,
        locale,
        from: new Date(Date.now() + 3 * 86_400_000),
      });
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(booking.managePath);
      await expect(page.getByText(booking.reference).first()).toBeVisible();
      await fitsEveryPhone(page);
    });
  });
}
