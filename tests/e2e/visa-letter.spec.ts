// Issue 17, the visa letter's verification (ADR 0014): a nurse of the issuing
// hospital opens "verify a letter" from the console's navigation, types the
// number and the code as a consulate reads them out (lower case, with the
// dash) and sees that the letter is genuine and valid with its facts; a wrong
// code is not genuine; once the booking is cancelled the letter shows as not
// valid. The patient's and the staff's downloads still answer the PDF. In
// Chinese and Arabic (right to left). The booking is arranged through the use
// case and the letter issued through its use case (tests/e2e/README.md: no
// page-driven booking, hold or failed sign-in here).
import { expect, test, type Page } from "@playwright/test";
import { fitsPhone, noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import zh from "../../messages/zh.json" with { type: "json" };
import { loadActor } from "../../lib/auth/actor";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { issueVisaLetter } from "../../lib/booking/issue-visa-letter";
import { formatVerificationCode } from "../../lib/booking/visa-letter-code";
import { latinName } from "../../lib/booking/latin-name";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { arrangeBooking, portalDb } from "./support/portal-db";

const PASSWORD = "portal-demo-2026";
const HOSPITAL = "pumch-international";
const NURSE = "nurse.pumch@demo.example";
const DAY = 86_400_000;

const CASES = [
  { locale: "zh", t: zh, patient: { name: "Ольга Царёва", nationality: "RU" } },
  { locale: "ar", t: ar, patient: { name: "ليلى حداد", nationality: "JO" } },
] as const;

async function signIn(page: Page, locale: string, submit: string) {
  await page.goto(`/${locale}/staff/sign-in`);
  await page.locator("#email").fill(NURSE);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
}

for (const { locale, t, patient } of CASES) {
  test(`[${locale}] a nurse verifies a visa letter: genuine and valid, a wrong code, then not valid once cancelled`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const db = portalDb();
    const booking = await arrangeBooking({
      institution: HOSPITAL,
      locale,
      from: new Date(Date.now() + 3 * DAY),
      patient: { ...patient, visaLetterWanted: true },
    });
    const nurse = await db.user.findUniqueOrThrow({ where: { email: NURSE }, select: { id: true } });
    const actor = (await loadActor(db, nurse.id))!;
    const { number } = await issueVisaLetter(db, actor, {
      reference: booking.reference,
      stayFrom: isoDate(calendarDateOf(new Date())),
      stayTo: isoDate(calendarDateOf(new Date(Date.now() + 20 * DAY))),
    });
    const { verificationCode } = await db.visaLetter.findUniqueOrThrow({ where: { number } });

    await signIn(page, locale, t.Staff.signIn.submit);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    const nav = page.getByRole("navigation", { name: t.Staff.nav.label, exact: true });
    await nav.getByRole("link", { name: t.Staff.nav.verifyLetter, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.Staff.verifyLetter.title);
    await expect(nav.getByRole("link", { name: t.Staff.nav.verifyLetter, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await noSeriousAxe(page);

    // As read out over the phone: lower case, the dash between the groups.
    const main = page.getByRole("main");
    await main.getByLabel(t.VisaLetter.number, { exact: true }).fill(number.toLowerCase());
    await main
      .getByLabel(t.VisaLetter.verificationCode, { exact: true })
      .fill(formatVerificationCode(verificationCode).toLowerCase());
    await main.getByRole("button", { name: t.Staff.verifyLetter.submit, exact: true }).press("Enter");
    await expect(main.getByRole("status").filter({ hasText: t.Staff.verifyLetter.genuine })).toBeVisible();
    await expect(main.getByRole("status").filter({ hasText: t.Staff.verifyLetter.valid })).toBeVisible();
    const facts = main.getByRole("region", { name: t.Staff.verifyLetter.facts });
    await expect(facts).toContainText(patient.name);
    await expect(facts).toContainText(latinName(patient.name)!);
    await expect(facts).toContainText(booking.reference);
    await expect(facts).toContainText(number);
    await expect(facts).toContainText(t.Staff.status.CONFIRMED);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // One character wrong: not genuine, and no facts.
    const wrong = (verificationCode[0] === "A" ? "B" : "A") + verificationCode.slice(1);
    await main.getByLabel(t.VisaLetter.verificationCode, { exact: true }).fill(wrong);
    await main.getByRole("button", { name: t.Staff.verifyLetter.submit, exact: true }).click();
    await expect(main.getByRole("alert")).toHaveText(t.Staff.verifyLetter.notGenuine);
    await expect(main.getByRole("region", { name: t.Staff.verifyLetter.facts })).toHaveCount(0);

    // The letter downloads for staff and for the patient (manage token) as a PDF.
    const staffPdf = await page.request.get(`/api/v1/staff/bookings/${booking.reference}/visa-letter`);
    expect(staffPdf.status()).toBe(200);
    expect(staffPdf.headers()["content-type"]).toContain("application/pdf");
    const token = new URL(booking.managePath, "http://x").searchParams.get("token")!;
    const patientPdf = await page.request.get(
      `/api/v1/bookings/${booking.reference}/visa-letter?token=${encodeURIComponent(token)}`,
    );
    expect(patientPdf.status()).toBe(200);
    expect((await patientPdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // Cancelled: still genuine, but not valid, and the status says why.
    const { version } = await db.booking.findUniqueOrThrow({ where: { reference: booking.reference } });
    await changeBookingStatus(db, actor, {
      reference: booking.reference,
      version,
      transition: "cancel",
      reason: "Visa refused",
    });
    await page.goto(
      `/${locale}/staff/visa-letters?${new URLSearchParams({ number, code: verificationCode })}`,
    );
    await expect(main.getByRole("status").filter({ hasText: t.Staff.verifyLetter.genuine })).toBeVisible();
    await expect(main.getByRole("alert")).toHaveText(t.Staff.verifyLetter.invalid.cancelled);
    await expect(main.getByRole("region", { name: t.Staff.verifyLetter.facts })).toContainText(
      t.Staff.status.CANCELLED,
    );
    await noSeriousAxe(page);
  });
}
