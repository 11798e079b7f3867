// The nonce-based Content-Security-Policy (lib/http/security-headers.ts) lets
// every page's own scripts run and hydrate, in every language, and refuses a
// script the page did not vouch for. A page whose scripts were blocked still
// shows its server-rendered HTML, so each page is checked for hydration (React
// has attached itself to the DOM) and for the browser's violation reports.
import { expect, test, type Page } from "@playwright/test";
import { locales } from "../../lib/i18n/locales";

const PASSWORD = "portal-demo-2026";

/** Collects every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

/** React has hydrated the page: its elements carry React's fiber keys. */
async function expectHydrated(page: Page, path: string) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const el = document.querySelector("main") ?? document.body.firstElementChild;
          return el !== null && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
        }),
      { message: `${path} hydrated` },
    )
    .toBe(true);
}

async function visit(page: Page, path: string, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  const policy = res?.headers()["content-security-policy"] ?? "";
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/);
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  // Next wrote the header's nonce on every script of the HTML (data blocks such as JSON-LD do not
  // run and need none; scripts its runtime adds later are trusted through 'strict-dynamic').
  const tags = ((await res?.text()) ?? "").match(/<script\b[^>]*>/g) ?? [];
  const code = tags.filter((tag) => !/type="application\/(ld\+)?json"/.test(tag));
  expect(code.length, path).toBeGreaterThan(0);
  for (const tag of code) expect(tag, path).toContain(`nonce="${nonce}"`);
  await expectHydrated(page, path);
}

// The pages differ by language only in their words, so every language gets the pages with the most
// client code (the finder, the booking form) and English and Arabic (right-to-left) get them all.
const everyLanguage = ["", "/hospitals", "/book/guanganmen-international?package=guanganmen-neck-back-pain"];
const englishAndArabic = [
  "/hospitals/pumch-international",
  "/packages",
  "/packages/guanganmen-neck-back-pain",
  "/guide/beijing",
  "/payment",
  "/privacy",
  "/staff/sign-in",
  "/no-such-page",
];

// One test per language (and per console below) rather than one long walk: the same visits and
// checks, which several workers can share instead of one worker walking them all in a row.
for (const locale of locales) {
  const all = ["en", "ar"].includes(locale);
  test(`[${locale}] every patient page hydrates under the policy`, async ({ page }) => {
    if (all) test.setTimeout(240_000);
    const violations = await watchViolations(page);
    for (const path of everyLanguage) await visit(page, `/${locale}${path}`);
    if (all)
      for (const path of englishAndArabic)
        await visit(page, `/${locale}${path}`, path === "/no-such-page" ? 404 : 200);
    expect(violations).toEqual([]);
  });
}

for (const [locale, email, pages] of [
  ["en", "nurse.pumch@demo.example", ["/staff", "/staff/bookings", "/staff/schedules"]],
  ["ar", "admin.beijing@demo.example", ["/admin", "/admin/institutions", "/admin/quota", "/admin/guide"]],
] as const) {
  test(`[${locale}] the ${pages[0].slice(1)} console hydrates under the policy`, async ({ page }) => {
    test.setTimeout(180_000);
    const violations = await watchViolations(page);
    await page.goto(`/${locale}/staff/sign-in`);
    await expectHydrated(page, "sign-in");
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(PASSWORD);
    await page.locator("form button[type=submit]").click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/(staff|admin)$`));
    for (const path of pages) await visit(page, `/${locale}${path}`);
    expect(violations).toEqual([]);
  });
}

test("a script the page did not vouch for does not run, and the page's own still do", async ({ page }) => {
  const violations = await watchViolations(page);
  // What a stored or reflected injection would be: a script tag in the page's HTML, without the
  // nonce, served with the portal's own headers (the portal escapes what it renders, so the test
  // adds the tag to the answer on its way to the browser).
  await page.route("**/en/hospitals", async (route) => {
    const answer = await route.fetch();
    const html = (await answer.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response: answer, body: html });
  });
  await page.goto("/en/hospitals");
  await expectHydrated(page, "/en/hospitals");
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
});
