// The booking in the patient's calendar and mailbox (issue 17), in English and
// Arabic: the manage page offers "Add to Google Calendar" and "Add to Outlook"
// beside the .ics download, for the booking's own times; the download is a
// REQUEST while the visit stands and a CANCEL once it is cancelled, when the
// page offers the download only. The e-mails the outbox wrote for it (the
// e2e mailbox) have an HTML part in the page's language and direction and the
// matching calendar part. Bookings are arranged on the server's database
// (support/portal-db.ts): no page-driven booking or hold is spent here.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };
import { readMailbox } from "../../lib/notify/read-mailbox";
import { fitsPhone, noSeriousAxe } from "./support/page-checks";
import { arrangeBooking, portalDb } from "./support/portal-db";

const LOCALES = [
  { locale: "en", t: en, dir: "ltr" },
  { locale: "ar", t: ar, dir: "rtl" },
] as const;

/** The e-mails the outbox delivered to `to` (the local mail stand-in's files), parsed. */
async function mailsTo(to: string): Promise<ParsedMail[]> {
  const mails = await readMailbox(path.join(process.env.E2E_DATA_DIR!, "mail"), 1000);
  return Promise.all(mails.filter((m) => m.to.includes(to)).map((m) => simpleParser(m.raw)));
}

/** The calendar part of an e-mail (nodemailer's iMIP alternative), as text. */
const calendarOf = (mail: ParsedMail) =>
  mail.attachments.find((a) => a.contentType === "text/calendar")?.content.toString("utf8") ?? "";

const googleTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");

for (const { locale, t, dir } of LOCALES) {
  test(`[${locale}] the manage page adds the visit to Google or Outlook, its file and e-mails update the calendar, and cancelling sends a CANCEL`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const email = `calendar-${locale}-${Date.now()}@example.com`;
    const booking = await arrangeBooking({
      institution: "beijing-united-family",
      locale,
      from: new Date(Date.now() + 9 * 86_400_000),
      patient: { email },
    });
    const slot = await portalDb().slot.findUniqueOrThrow({ where: { id: booking.slotId } });

    await page.goto(booking.managePath);
    await expect(page.getByTestId("reference")).toHaveText(booking.reference);
    const google = new URL(
      (await page.getByRole("link", { name: t.Booking.calendarGoogle }).getAttribute("href"))!,
    );
    expect(`${google.origin}${google.pathname}`).toBe("https://calendar.google.com/calendar/render");
    expect(google.searchParams.get("action")).toBe("TEMPLATE");
    expect(google.searchParams.get("dates")).toBe(`${googleTime(slot.startsAt)}/${googleTime(slot.endsAt)}`);
    expect(google.searchParams.get("details")).toContain(booking.reference);
    const outlook = new URL(
      (await page.getByRole("link", { name: t.Booking.calendarOutlook }).getAttribute("href"))!,
    );
    expect(`${outlook.origin}${outlook.pathname}`).toBe("https://outlook.live.com/calendar/0/action/compose");
    expect(outlook.searchParams.get("startdt")).toBe(slot.startsAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(outlook.searchParams.get("enddt")).toBe(slot.endsAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(outlook.searchParams.get("subject")).toBe(google.searchParams.get("text"));

    const download = page.getByRole("link", { name: t.Booking.calendar });
    const live = await page.request.get((await download.getAttribute("href"))!);
    expect(live.headers()["content-type"]).toContain("text/calendar");
    const request = await live.text();
    expect(request).toContain("METHOD:REQUEST");
    expect(request).toContain("STATUS:CONFIRMED");
    expect(request).toContain(`UID:${booking.reference}@international-patient-portal`);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // The confirmation e-mail: an HTML part in the page's language and direction, and the REQUEST.
    await expect
      .poll(async () => (await mailsTo(email)).length, { timeout: 90_000 })
      .toBeGreaterThanOrEqual(1);
    const [confirmation] = await mailsTo(email);
    expect(confirmation!.headers.get("auto-submitted")).toBe("auto-generated");
    expect(confirmation!.html).toMatch(new RegExp(`<html[^>]*\\blang="${locale}"`));
    expect(confirmation!.html).toMatch(new RegExp(`<html[^>]*\\bdir="${dir}"`));
    expect(confirmation!.html).toContain(t.Email.manageButton);
    expect(confirmation!.text).toContain(booking.reference);
    expect(calendarOf(confirmation!)).toContain("METHOD:REQUEST");

    // Cancelled: the file becomes its CANCEL, the page keeps only the download.
    await page.getByText(t.Booking.cancel).first().click();
    await page.getByRole("button", { name: t.Booking.cancel }).click();
    await expect(page.getByTestId("status")).toHaveText(t.Booking.status.CANCELLED);
    await expect(page.getByRole("link", { name: t.Booking.calendarGoogle })).toHaveCount(0);
    await expect(page.getByRole("link", { name: t.Booking.calendarOutlook })).toHaveCount(0);
    const cancelled = await (await page.request.get((await download.getAttribute("href"))!)).text();
    expect(cancelled).toContain("METHOD:CANCEL");
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(Number(/SEQUENCE:(\d+)/.exec(cancelled)![1])).toBeGreaterThan(
      Number(/SEQUENCE:(\d+)/.exec(request)![1]),
    );

    await expect
      .poll(async () => (await mailsTo(email)).length, { timeout: 90_000 })
      .toBeGreaterThanOrEqual(2);
    const cancellation = (await mailsTo(email)).find((m) => calendarOf(m).includes("METHOD:CANCEL"));
    expect(cancellation, "the cancellation e-mail carries the CANCEL").toBeDefined();
    expect(cancellation!.html).toMatch(new RegExp(`<html[^>]*\\bdir="${dir}"`));
  });
}
