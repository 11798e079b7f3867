// Issue 6 end to end: the city sets 8%, a newly onboarded hospital declares its
// volume and publishes within the cap, a patient books the month up to its cap,
// the next patient (ar) is told plainly and sent to hospitals that still have
// room, and the commission's report shows the month at its cap.
//
// The cap is kept at one unit a month (8% of 13, rounded down): every booking
// here counts against the per-address limits the whole suite shares (see
// tests/e2e/README.md), and one booking shows the cap as well as four would.
import { expect, test, type Browser } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import zh from "../../messages/zh.json" with { type: "json" };

const PASSWORD = "portal-demo-2026";

// The journey changes shared demo data step by step (the city's rule, the month's bookings):
// a retry would start from the state the first attempt left, so it is not retried.
test.describe.configure({ retries: 0 });
const HOSPITAL = "china-japan-friendship-international";

async function signedIn(browser: Browser, locale: string, email: string, submit: string, home: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/${home}$`));
  return page;
}

const beijingMonth = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(new Date(iso))
    .slice(0, 7);
const monthName = (locale: string, month: string) =>
  new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-15T00:00:00Z`),
  );

test("8% for the city, a declared volume, publishing within the cap, booking until it, and the next patient told where to go", async ({
  browser,
}) => {
  test.setTimeout(240_000);

  // 1. The city admin (zh) sets Beijing's cap to 8% from today.
  const admin = await signedIn(browser, "zh", "admin.beijing@demo.example", zh.Staff.signIn.submit, "admin");
  await admin.getByRole("link", { name: zh.Admin.nav.quota, exact: true }).click();
  await admin.locator("#scope").selectOption("CITY");
  await admin.locator("#percent").fill("8");
  await admin.getByRole("button", { name: zh.Admin.quota.setRuleSubmit }).click();
  await expect(admin.getByRole("status").filter({ hasText: zh.Staff.done.ruleSet })).toBeVisible();
  await expect(
    admin.getByRole("row", { name: new RegExp(`${zh.Admin.quota.scope.CITY}.*8%`) }),
  ).toBeVisible();
  await noSeriousAxe(admin);

  // 2. The hospital's manager declares 13 for this month and the next: 8% of 13 is 1.04, so 1 unit each.
  const manager = await signedIn(browser, "en", "manager.cjfh@demo.example", en.Staff.signIn.submit, "staff");
  await expect(
    manager.getByText(/no volume is declared, so no international bookings/).first(),
  ).toBeVisible();
  await manager.getByRole("link", { name: en.Staff.nav.quota, exact: true }).click();
  await expect(manager).toHaveURL(/\/en\/staff\/quota$/);
  await expect(manager.locator("#month option").nth(1)).toBeAttached();
  const months = await manager
    .locator("#month option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const thisMonth = await manager.locator("#month").inputValue();
  const nextMonth = months[months.indexOf(thisMonth) + 1]!;
  for (const month of [thisMonth, nextMonth]) {
    await manager.locator("#month").selectOption(month);
    await manager.locator("#volume").fill("13");
    await manager.getByRole("button", { name: en.Staff.quota.declareSubmit }).click();
    await expect(
      manager.getByRole("status").filter({
        hasText: new RegExp(`Volume saved\\. Month: ${monthName("en", month)}; cap: 1 units? at 8%\\.`),
      }),
    ).toBeVisible();
  }

  // 3. Staff publish three weeks of internal medicine: only 1 unit per month goes out, and the console says so.
  const nurse = await signedIn(browser, "en", "nurse.cjfh@demo.example", en.Staff.signIn.submit, "staff");
  await nurse.getByRole("link", { name: en.Staff.nav.schedules, exact: true }).click();
  await nurse.getByRole("link", { name: /Internal Medicine/ }).click();
  await nurse.locator("#weeks").fill("3");
  await nurse.getByRole("button", { name: en.Staff.schedule.publishSubmit }).click();
  const report = nurse.getByRole("status");
  await expect(report).toContainText(/cap 1, used 0, open places published 0\. Added 1; 0 left to publish\./);
  await expect(report).toContainText("would exceed the quota cap");
  await nurse.getByRole("link", { name: en.Staff.nav.home, exact: true }).click();
  await expect(nurse.getByText(/0 of 1 units? used \(0%\)/).first()).toBeVisible();
  await noSeriousAxe(nurse);

  // 4. A patient books the first month's published time, which takes it to its cap (through the public API,
  // from the same address as every other test: no made-up X-Forwarded-For).
  const api = (await browser.newContext()).request;
  const slots = (
    (await (await api.get(`/api/v1/slots?hospital=${HOSPITAL}&department=internal-medicine`)).json()) as {
      data: { id: string; available: number; startsAt: string }[];
    }
  ).data.filter((s) => s.available > 0);
  // The first month that got its 1 unit (a month that starts late in the window may have none).
  const perMonth = new Map<string, number>();
  for (const s of slots)
    perMonth.set(beijingMonth(s.startsAt), (perMonth.get(beijingMonth(s.startsAt)) ?? 0) + s.available);
  const month = [...perMonth.entries()].find(([, places]) => places === 1)![0];
  const inMonth = slots.filter((s) => beijingMonth(s.startsAt) === month);
  let booked = 0;
  for (const slot of inMonth) {
    for (let place = 0; place < slot.available; place++) {
      const hold = await api.post("/api/v1/holds", { data: { slotId: slot.id } });
      if (hold.status() !== 201) break;
      const response = await api.post("/api/v1/bookings", {
        headers: { "Idempotency-Key": `quota-e2e-${slot.id}-${place}` },
        data: {
          slotId: slot.id,
          holdToken: ((await hold.json()) as { token: string }).token,
          name: "Kenji Sato",
          nationality: "JP",
          dateOfBirth: "1979-03-02",
          email: `quota-e2e-${booked}-${Date.now()}@example.com`,
          phone: "+81 90 1234 5678",
          preferredLanguage: "ja",
          reasonForVisit: "Persistent cough",
          paymentMethod: "SELF_PAY",
          consentTerms: true,
          consentSensitive: true,
        },
      });
      expect(response.status()).toBe(201);
      booked++;
    }
  }
  expect(booked).toBe(1);
  // The month is at its cap: no time of it is offered any more.
  const after = (
    (await (await api.get(`/api/v1/slots?hospital=${HOSPITAL}&department=internal-medicine`)).json()) as {
      data: { id: string; available: number; startsAt: string }[];
    }
  ).data.filter((s) => beijingMonth(s.startsAt) === month);
  expect(after.every((s) => s.available === 0)).toBe(true);

  // 5. The next patient (ar) sees it plainly, with hospitals of the city that still have room.
  const patient = await (await browser.newContext()).newPage();
  await patient.goto(`/ar/book/${HOSPITAL}?department=internal-medicine`);
  await expect(patient.locator("html")).toHaveAttribute("dir", "rtl");
  const notice = patient.getByRole("region", {
    name: ar.Booking.quotaFull.title.replace("{month}", monthName("ar", month)),
  });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(
    ar.Booking.quotaFull.alternatives.replace("{month}", monthName("ar", month)),
  );
  await noSeriousAxe(patient);
  await notice.getByRole("link", { name: /مستشفى كلية بكين الاتحادية الطبية/ }).click();
  await expect(patient).toHaveURL(/\/ar\/book\/pumch-international\?department=internal-medicine/);
  await expect(patient.locator("form button[name=slotId]:enabled").first()).toBeVisible();

  // 6. The meter is full and critical; the commission's report shows the month at its cap, and the CSV says so.
  await nurse.reload();
  await expect(nurse.getByText(/1 of 1 units? used \(100%\)/)).toBeVisible();
  await expect(nurse.getByText(/Critical: 100%/)).toBeVisible();
  await admin.reload();
  const row = admin
    .getByRole("table", { name: new RegExp(`中日友好医院`) })
    .locator(`tr[data-month="${month}"]`);
  await expect(row).toContainText(zh.Admin.quota.atCap);
  await expect(admin.getByText(zh.Admin.quota.overCapSummary.match(/=0 \{([^}]*)\}/)![1]!)).toBeVisible();
  const csvHref = await admin.getByRole("link", { name: zh.Admin.quota.csv }).getAttribute("href");
  const csv = await (await admin.request.get(csvHref!)).text();
  expect(csv).toContain(`beijing,${HOSPITAL},中日友好医院,${month},13,no,8,1,1,7.69,no`);
});
