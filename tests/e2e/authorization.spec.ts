// Rule 5 over HTTP: every console page (staff and health commission) and every API route, requested signed
// out and as each role. A page or route file without a rule here fails.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { arrangeBooking } from "./support/portal-db";

type Who = "signedOut" | "staff" | "manager" | "cityAdmin" | "systemAdmin";
const accounts: Record<Exclude<Who, "signedOut">, string> = {
  staff: "nurse.pumch@demo.example",
  manager: "manager.pumch@demo.example",
  cityAdmin: "admin.beijing@demo.example",
  systemAdmin: "sysadmin@demo.example",
};

function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return files(full, name);
    return entry === name ? [full] : [];
  });
}

const console_ = { signedOut: 307, staff: 200, manager: 200, cityAdmin: 403, systemAdmin: 403 };
const managerOnly = { signedOut: 307, staff: 403, manager: 200, cityAdmin: 403, systemAdmin: 403 };
const open = { signedOut: 200, staff: 200, manager: 200, cityAdmin: 200, systemAdmin: 200 };
const admin = { signedOut: 307, staff: 403, manager: 403, cityAdmin: 200, systemAdmin: 200 };

/** Page file → the path requested and the status each role gets (an own record, then another institution's). */
const pageRules: Record<string, { path: string; expect: Record<Who, number> }[]> = {
  "app/[locale]/staff/sign-in/page.tsx": [
    {
      path: "/en/staff/sign-in",
      expect: { signedOut: 200, staff: 307, manager: 307, cityAdmin: 307, systemAdmin: 307 },
    },
  ],
  "app/[locale]/staff/forgot-password/page.tsx": [{ path: "/en/staff/forgot-password", expect: open }],
  "app/[locale]/staff/set-password/page.tsx": [{ path: "/en/staff/set-password?token=x", expect: open }],
  // Health-commission admins are sent on to their own console.
  "app/[locale]/staff/(console)/page.tsx": [
    { path: "/en/staff", expect: { ...console_, cityAdmin: 307, systemAdmin: 307 } },
  ],
  "app/[locale]/staff/(console)/quota/page.tsx": [{ path: "/en/staff/quota", expect: console_ }],
  "app/[locale]/admin/page.tsx": [{ path: "/en/admin", expect: admin }],
  "app/[locale]/admin/institutions/page.tsx": [
    { path: "/en/admin/institutions", expect: admin },
    { path: "/en/admin/institutions?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/institutions/[slug]/page.tsx": [
    { path: "/en/admin/institutions/pumch-international", expect: admin },
    { path: "/en/admin/institutions/huashan-international", expect: { ...admin, cityAdmin: 403 } },
    { path: "/en/admin/institutions/no-such-place", expect: { ...admin, cityAdmin: 404, systemAdmin: 404 } },
  ],
  "app/[locale]/admin/institutions/new/page.tsx": [
    { path: "/en/admin/institutions/new", expect: admin },
    { path: "/en/admin/institutions/new?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/institutions/[slug]/translations/page.tsx": [
    { path: "/en/admin/institutions/pumch-international/translations?language=fr", expect: admin },
    {
      path: "/en/admin/institutions/huashan-international/translations?language=fr",
      expect: { ...admin, cityAdmin: 403 },
    },
  ],
  "app/[locale]/admin/institutions/[slug]/departments/[department]/page.tsx": [
    { path: "/en/admin/institutions/pumch-international/departments/cardiology", expect: admin },
    {
      path: "/en/admin/institutions/pumch-international/departments/astrology",
      expect: { ...admin, cityAdmin: 404, systemAdmin: 404 },
    },
  ],
  "app/[locale]/admin/guide/page.tsx": [
    { path: "/en/admin/guide", expect: admin },
    { path: "/en/admin/guide?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/guide/edit/page.tsx": [
    { path: "/en/admin/guide/edit?city=beijing&section=TCM&language=fr", expect: admin },
    {
      path: "/en/admin/guide/edit?city=shanghai&section=TCM&language=fr",
      expect: { ...admin, cityAdmin: 403 },
    },
  ],
  // Shanghai has no draft: the system admin gets 404, Beijing's admin 403.
  "app/[locale]/admin/guide/preview/page.tsx": [
    { path: "/en/admin/guide/preview?city=shanghai", expect: { ...admin, cityAdmin: 403, systemAdmin: 404 } },
  ],
  // The confirmation before publishing: Shanghai has no draft either.
  "app/[locale]/admin/guide/publish/page.tsx": [
    { path: "/en/admin/guide/publish?city=shanghai", expect: { ...admin, cityAdmin: 403, systemAdmin: 404 } },
  ],
  // Exchange rates are national: the system admin's alone.
  "app/[locale]/admin/rates/page.tsx": [{ path: "/en/admin/rates", expect: { ...admin, cityAdmin: 403 } }],
  // So is the holiday calendar.
  "app/[locale]/admin/holidays/page.tsx": [
    { path: "/en/admin/holidays", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/quota/page.tsx": [
    { path: "/en/admin/quota", expect: admin },
    { path: "/en/admin/quota?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/import/page.tsx": [
    { path: "/en/admin/import", expect: admin },
    { path: "/en/admin/import?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/import/[job]/page.tsx": [
    { path: "/en/admin/import/no-such-job", expect: { ...admin, cityAdmin: 404, systemAdmin: 404 } },
  ],
  "app/[locale]/admin/translations/page.tsx": [
    { path: "/en/admin/translations", expect: admin },
    { path: "/en/admin/translations?city=shanghai", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/translations/[job]/page.tsx": [
    { path: "/en/admin/translations/no-such-job", expect: { ...admin, cityAdmin: 404, systemAdmin: 404 } },
  ],
  "app/[locale]/admin/institutions/[slug]/packages/page.tsx": [
    { path: "/en/admin/institutions/guanganmen-international/packages", expect: admin },
    { path: "/en/admin/institutions/huashan-international/packages", expect: { ...admin, cityAdmin: 403 } },
  ],
  "app/[locale]/admin/institutions/[slug]/packages/new/page.tsx": [
    { path: "/en/admin/institutions/guanganmen-international/packages/new", expect: admin },
    {
      path: "/en/admin/institutions/huashan-international/packages/new",
      expect: { ...admin, cityAdmin: 403 },
    },
  ],
  "app/[locale]/admin/institutions/[slug]/packages/[package]/page.tsx": [
    { path: "/en/admin/institutions/guanganmen-international/packages/guanganmen-insomnia", expect: admin },
    {
      path: "/en/admin/institutions/guanganmen-international/packages/no-such-package",
      expect: { ...admin, cityAdmin: 404, systemAdmin: 404 },
    },
  ],
  "app/[locale]/staff/(console)/bookings/page.tsx": [{ path: "/en/staff/bookings", expect: console_ }],
  "app/[locale]/staff/(console)/bookings/[reference]/page.tsx": [
    { path: "/en/staff/bookings/{own}", expect: console_ },
    { path: "/en/staff/bookings/{other}", expect: { ...console_, staff: 404, manager: 404 } },
  ],
  "app/[locale]/staff/(console)/schedules/page.tsx": [{ path: "/en/staff/schedules", expect: console_ }],
  "app/[locale]/staff/(console)/schedules/[id]/page.tsx": [
    { path: "/en/staff/schedules/{schedule}", expect: console_ },
    {
      path: "/en/staff/schedules/not-a-schedule-of-yours",
      expect: { ...console_, staff: 404, manager: 404 },
    },
  ],
  "app/[locale]/staff/(console)/team/page.tsx": [{ path: "/en/staff/team", expect: managerOnly }],
  "app/[locale]/staff/(console)/audit/page.tsx": [{ path: "/en/staff/audit", expect: managerOnly }],
  "app/[locale]/staff/(console)/integrations/page.tsx": [
    { path: "/en/staff/integrations", expect: managerOnly },
  ],
  // Checking a letter reads within the actor's institution: a number of none of its letters is "not genuine" (200).
  "app/[locale]/staff/(console)/visa-letters/page.tsx": [
    { path: "/en/staff/visa-letters?number=VL-2026-000001-ABCD&code=K7Q2M-9DXA4", expect: console_ },
  ],
};

/** API routes: staff-only ones are walked; the others are public by design (no session changes anything). */
const staffRoutes: Record<string, { path: string; expect: Record<Who, number> }[]> = {
  "app/api/v1/staff/bookings/[reference]/visa-letter/route.ts": [
    {
      path: "/api/v1/staff/bookings/{own}/visa-letter",
      expect: { signedOut: 401, staff: 404, manager: 404, cityAdmin: 403, systemAdmin: 403 },
    },
    {
      path: "/api/v1/staff/bookings/{other}/visa-letter",
      expect: { signedOut: 401, staff: 404, manager: 404, cityAdmin: 403, systemAdmin: 403 },
    },
  ],
};
staffRoutes["app/api/v1/admin/quota-report/route.ts"] = [
  {
    path: "/api/v1/admin/quota-report",
    expect: { signedOut: 401, staff: 403, manager: 403, cityAdmin: 200, systemAdmin: 200 },
  },
  {
    path: "/api/v1/admin/quota-report?city=shanghai",
    expect: { signedOut: 401, staff: 403, manager: 403, cityAdmin: 403, systemAdmin: 200 },
  },
];
const publicRoutes = [
  "app/api/health/route.ts",
  "app/api/health/live/route.ts",
  "app/api/health/ready/route.ts",
  "app/api/v1/hospitals/route.ts",
  "app/api/v1/hospitals/[slug]/route.ts",
  "app/api/v1/packages/route.ts",
  "app/api/v1/packages/[slug]/route.ts",
  "app/api/v1/slots/route.ts",
  "app/api/v1/payment-options/route.ts",
  "app/api/v1/guides/[city]/route.ts",
  "app/api/v1/guides/[city]/pdf/route.ts",
  "app/api/v1/holds/route.ts",
  "app/api/v1/bookings/route.ts",
  "app/api/v1/bookings/[reference]/route.ts",
  "app/api/v1/bookings/[reference]/cancel/route.ts",
  "app/api/v1/bookings/[reference]/reschedule/route.ts",
  "app/api/v1/bookings/[reference]/export/route.ts",
  "app/api/v1/bookings/[reference]/erase/route.ts",
  "app/api/v1/bookings/[reference]/calendar/route.ts",
  "app/api/v1/bookings/[reference]/visa-letter/route.ts",
  "app/api/v1/openapi.json/route.ts",
  // The API reference page and its files.
  "app/api/docs/route.ts",
  "app/api/docs/[asset]/route.ts",
  // Any other /api/v1 path: a 404 in the API's JSON error shape, for everyone.
  "app/api/v1/[...path]/route.ts",
  // Prometheus metrics: no session role opens it, only Bearer METRICS_TOKEN (404 when unset, 401 when
  // wrong; tests/integration/metrics.test.ts).
  "app/api/metrics/route.ts",
];

test("every staff page and API route has a rule", () => {
  expect(
    [...files("app/[locale]/staff", "page.tsx"), ...files("app/[locale]/admin", "page.tsx")].sort(),
  ).toEqual(Object.keys(pageRules).sort());
  expect(files("app/api", "route.ts").sort()).toEqual([...Object.keys(staffRoutes), ...publicRoutes].sort());
});

async function contextFor(browser: Browser, who: Who): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (who !== "signedOut") {
    const page = await context.newPage();
    await page.goto("/en/staff/sign-in");
    await page.locator("#email").fill(accounts[who]);
    await page.locator("#password").fill("portal-demo-2026");
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/en\/(staff|admin)$/);
  }
  return context.request;
}

test("each role gets the status rule 5 says on every staff page and route", async ({ browser }) => {
  // Some 200 requests, one after another (four sign-ins, every rule for five roles): 40 s
  // on a quiet machine, over 2 minutes on a loaded 2-core one with two workers.
  test.setTimeout(300_000);
  const staff = await contextFor(browser, "staff");
  // Records to point at: a booking at the staff's own institution, a schedule of theirs, and a
  // booking of another institution. The bookings are arranged in the database (the same use case
  // as the form), not made through the API: the suite's page-driven bookings are all spoken for
  // (tests/e2e/README.md), and this test is about who may see them, not about booking.
  const twoDaysOn = new Date(Date.now() + 2 * 86_400_000);
  const own = (
    await arrangeBooking({
      institution: "pumch-international",
      department: "endocrinology",
      locale: "ar",
      from: twoDaysOn,
    })
  ).reference;
  const otherReference = (
    await arrangeBooking({
      institution: "beijing-united-family",
      department: "general-practice",
      locale: "ar",
      from: twoDaysOn,
    })
  ).reference;
  const schedules = await (await staff.get("/en/staff/schedules")).text();
  const schedule = /\/en\/staff\/schedules\/([\w-]+)/.exec(schedules)?.[1];
  expect(schedule).toBeTruthy();
  const fill = (path: string) =>
    path.replace("{own}", own).replace("{other}", otherReference).replace("{schedule}", schedule!);

  for (const who of ["signedOut", "staff", "manager", "cityAdmin", "systemAdmin"] as Who[]) {
    const request = who === "staff" ? staff : await contextFor(browser, who);
    for (const rules of [...Object.values(pageRules), ...Object.values(staffRoutes)]) {
      for (const rule of rules) {
        const response = await request.get(fill(rule.path), { maxRedirects: 0 });
        expect(response.status(), `${who} GET ${rule.path}`).toBe(rule.expect[who]);
      }
    }
  }
});
