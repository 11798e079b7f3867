// Issue 7 end to end: a patient (de) with Allianz Care finds direct billing
// through /de/payment, books with it, staff approve the guarantee of payment
// and the manage page and the e-mail say so; a patient (ko) sees why direct
// billing is not possible two days ahead and books as self-pay with a KRW estimate.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { noSeriousAxe } from "./support/page-checks";
import de from "../../messages/de.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import ko from "../../messages/ko.json" with { type: "json" };
import { readMailbox } from "../../lib/notify/read-mailbox";

const HOSPITAL = "pumch-international";

const beijingDay = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(iso));

/**
 * The subjects of the e-mails the outbox delivered to `to` (the local mail stand-in writes them
 * to the data directory), found by recipient, not by file name: how files are named is the
 * mailer's business.
 */
async function subjectsMailedTo(to: string) {
  const mails = await readMailbox(path.join(process.env.E2E_DATA_DIR!, "mail"), 1000);
  return mails.filter((m) => m.to.includes(to)).map((m) => m.subject);
}

async function fillPatient(page: Page, email: string) {
  await page.locator("#f-name").fill("Jonas Weber");
  await page.locator("#f-nationality").selectOption("DE");
  await page.locator("#f-dateOfBirth").fill("1981-07-09");
  await page.locator("#f-email").fill(email);
  await page.locator("#f-phone").fill("+49 151 23456789");
  await page.locator("#f-reasonForVisit").fill("Chronic back pain");
  await page.locator("#f-consentTerms").check();
  await page.locator("#f-consentSensitive").check();
}

test("[de] Allianz Care: direct billing found, booked, guarantee approved by staff, the patient told", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const page = await (await browser.newContext()).newPage();

  // 1. The checker: Allianz Care, an outpatient visit in Beijing a week ahead.
  await page.goto("/de/payment");
  await page.locator("#insurer").selectOption("allianz-care");
  await page.locator("#visit").selectOption("OUTPATIENT");
  await page.locator("#city").selectOption("beijing");
  await page.getByRole("button", { name: de.Payment.submit }).click();
  const card = page.getByTestId(`payment-${HOSPITAL}`);
  await expect(card).toContainText(de.Payment.direct.yes.replace("{insurer}", "Allianz Care"));
  await expect(card).toContainText("mindestens 2 Arbeitstage im Voraus");
  await expect(card).toContainText("Reisepass");
  await expect(card.getByTestId("self-pay")).toContainText("CN¥");
  await expect(card.getByTestId("self-pay")).toContainText("€");
  await expect(page.getByText(de.Payment.socialInsurance.title)).toBeVisible();
  await noSeriousAxe(page);

  // 2. Booking with direct billing, a week or more ahead (the lead time is 2 working days).
  const email = `allianz-${Date.now()}@example.de`;
  await page.goto(`/de/book/${HOSPITAL}?department=internal-medicine&week=1`);
  await page.locator("form button[name=slotId]:enabled").first().click();
  await expect(page).toHaveURL(/\/book\/details\?slot=/);
  await fillPatient(page, email);
  await page.locator("#f-pay-direct").check();
  await page.locator("#f-insurer").selectOption("allianz-care");
  await expect(page.getByText(de.Booking.preauthNote)).toBeVisible();
  // A policy number is required for direct billing.
  await page.getByRole("button", { name: de.Booking.review }).click();
  await expect(page.locator("#f-policyNumber")).toHaveAttribute("aria-invalid", "true");
  await page.locator("#f-policyNumber").fill("ALZ-DE-7781234");
  await page.locator("#f-memberName").fill("Jonas Weber");
  await page.getByRole("button", { name: de.Booking.review }).click();
  await page.getByRole("button", { name: de.Booking.confirm }).click();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  const manageUrl = page.url();
  await expect(page.getByTestId("payment")).toContainText("Allianz Care");
  await expect(page.getByTestId("payment")).toContainText("1234");
  await expect(page.getByTestId("guarantee")).toContainText(
    de.Booking.guarantee.PENDING.title.replace("{insurer}", "Allianz Care"),
  );

  // 3. Staff see the policy and record the insurer's approval.
  const staff = await (await browser.newContext()).newPage();
  await staff.goto("/en/staff/sign-in");
  await staff.locator("#email").fill("nurse.pumch@demo.example");
  await staff.locator("#password").fill("portal-demo-2026");
  await staff.getByRole("button", { name: en.Staff.signIn.submit, exact: true }).click();
  await expect(staff).toHaveURL(/\/en\/staff$/);
  await staff.goto(`/en/staff/bookings/${reference}`);
  await expect(staff.getByText("ALZ-DE-7781234")).toBeVisible();
  await expect(staff.getByRole("button", { name: en.Staff.transition.confirm, exact: true })).toHaveCount(0);
  await staff.getByRole("button", { name: en.Staff.guarantee.approve }).click();
  // The page re-renders with the new state: the guarantee approved, the booking confirmed.
  await expect(staff.getByText(en.Staff.guarantee.APPROVED, { exact: true })).toBeVisible();
  await expect(staff.getByRole("button", { name: en.Staff.guarantee.approve })).toHaveCount(0);

  // 4. The manage page and the e-mail say so, in German.
  await page.goto(manageUrl);
  await expect(page.getByTestId("guarantee")).toContainText(
    de.Booking.guarantee.APPROVED.title.replace("{insurer}", "Allianz Care"),
  );
  await expect(page.getByTestId("status")).toHaveText(de.Booking.status.CONFIRMED);
  // The outbox delivers in the background every few seconds, with back-off after a failure:
  // on a busy machine that can take a while, so the wait is generous.
  await expect
    .poll(() => subjectsMailedTo(email), { timeout: 60_000 })
    .toContain(de.Email.guaranteeApproved.subject.replace("{reference}", reference));
});

test("[ko] GeoBlue two days ahead: why direct billing is not possible, then self-pay with a KRW estimate", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // A day two or three days away with times at the hospital (GeoBlue needs five working days there).
  const slots = (
    (await (await request.get(`/api/v1/slots?hospital=${HOSPITAL}&department=cardiology`)).json()) as {
      data: { id: string; startsAt: string; available: number }[];
    }
  ).data;
  const inTwoDays = beijingDay(new Date(Date.now() + 2 * 86_400_000).toISOString());
  const slot = slots.find((s) => s.available > 0 && beijingDay(s.startsAt) >= inTwoDays)!;
  const day = beijingDay(slot.startsAt);

  await page.goto("/ko/payment");
  await page.locator("#insurer").selectOption("geoblue");
  await page.locator("#city").selectOption("beijing");
  await page.locator("#date").fill(day);
  await expect(page.locator("#currency")).toHaveValue("KRW");
  await page.getByRole("button", { name: ko.Payment.submit }).click();
  const card = page.getByTestId(`payment-${HOSPITAL}`);
  await expect(card).toContainText("영업일 5일");
  await expect(card).toContainText(ko.Payment.direct.fallback);
  await expect(card.getByTestId("self-pay")).toContainText("₩");
  await noSeriousAxe(page);

  // The API answers the same, with the same reason.
  const api = await request.get(
    `/api/v1/payment-options?hospital=${HOSPITAL}&insurer=geoblue&date=${day}&visit=OUTPATIENT&currency=KRW`,
  );
  expect(api.status()).toBe(200);
  const body = (await api.json()) as {
    institutions: { directBilling: { reason: string; leadDays: number } }[];
  };
  expect(body.institutions[0]!.directBilling).toMatchObject({ reason: "PREAUTH_TOO_SOON", leadDays: 5 });
  const bad = await request.get(
    `/api/v1/payment-options?hospital=${HOSPITAL}&insurer=nobody&date=${day}&visit=OUTPATIENT&locale=ko`,
  );
  expect(bad.status()).toBe(400);
  expect(
    ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.insurer,
  ).toBeTruthy();

  // Booking that day as self-pay: GeoBlue is not even offered for it.
  await page.goto(`/ko/book/${HOSPITAL}?department=cardiology`);
  await page.locator(`form button[name=slotId][value="${slot.id}"]`).click();
  await expect(page).toHaveURL(/\/book\/details\?slot=/);
  await expect(page.locator("#f-pay-direct")).toBeVisible();
  await page.locator("#f-pay-direct").check();
  await expect(page.locator('#f-insurer option[value="geoblue"]')).toHaveCount(0);
  await page.locator("#f-pay-self").check();
  await fillPatient(page, `geoblue-${Date.now()}@example.kr`);
  await page.getByRole("button", { name: ko.Booking.review }).click();
  await page.getByRole("button", { name: ko.Booking.confirm }).click();
  await expect(page.getByTestId("status")).toHaveText(ko.Booking.status.CONFIRMED);
  await expect(page.getByTestId("payment")).toHaveText(ko.Booking.selfPay);
});
