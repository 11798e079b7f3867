// Rule 7: no e-mail lost or sent twice. The SMTP side is a recording stand-in,
// except where a real SMTP server (tests/fault/smtp-sink.ts) receives.
// The crash case is tests/integration/outbox-crash.test.ts, the lease
// outbox-lease.test.ts.
import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { backoffMinutes, deliverDue, enqueueReminders } from "../../lib/notify/deliver-outbox";
import { fileMailer, messageIdFor, smtpMailer, type MailMessage, type Mailer } from "../../lib/notify/mailer";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";
import { MSG_ID, startSmtpSink } from "../fault/smtp-sink";

function recorder(failWith?: Error): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      if (failWith) throw failWith;
      sent.push(message);
    },
  };
}

const patient = (slotId: string, locale: string, email: string) => ({
  slotId,
  locale,
  name: "Yuki Tanaka",
  nationality: "JP",
  dateOfBirth: "1979-09-09",
  email,
  phone: "+81 90-1234-5678",
  preferredLanguage: "ja",
  reasonForVisit: "Check-up",
  interpreterWanted: false,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
});

let slotIds: string[] = [];

beforeAll(async () => {
  await loadDemoSeed();
  const slots = await testDb().slot.findMany({
    where: {
      institution: { slug: "beijing-united-family" },
      departmentId: { not: null },
      startsAt: { gt: new Date(Date.now() + 3 * 86_400_000) },
    },
    orderBy: { startsAt: "asc" },
    take: 12,
  });
  slotIds = slots.map((s) => s.id);
  await testDb().outboxMessage.deleteMany();
});

describe("the outbox", () => {
  it("sends the confirmation once, in the patient's language, with the calendar file", async () => {
    const booking = await bookFromBody(testDb(), patient(slotIds[0]!, "ja", "yuki@example.com"), {
      idempotencyKey: "outbox-ja-0001",
      clientKey: "o",
    });
    const mailer = recorder();
    expect(await deliverDue(testDb(), mailer)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(testDb(), mailer)).toEqual({ sent: 0, failed: 0 });
    const [mail] = mailer.sent;
    expect(mail!.subject).toBe(`予約確定：${booking.reference}`);
    expect(mail!.text).toContain("患者：Yuki Tanaka");
    expect(mail!.text).toContain(`/ja/bookings/${booking.reference}?token=${booking.manageToken}`);
    expect(mail!.calendar).toMatchObject({ method: "REQUEST", filename: `${booking.reference}.ics` });
    expect(mail!.calendar?.content).toContain("BEGIN:VEVENT");
    expect(mail!.html).toContain("患者：Yuki Tanaka");
    expect(await testDb().outboxMessage.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1 });

    await cancelBooking(testDb(), booking.reference, booking.manageToken);
    await deliverDue(testDb(), mailer);
    expect(mailer.sent[1]!.subject).toBe(`予約キャンセル：${booking.reference}`);
    expect(mailer.sent[1]!.calendar?.method).toBe("CANCEL");
  });

  it("retries with back-off when sending fails, and never twice under concurrent workers", async () => {
    await testDb().outboxMessage.deleteMany();
    for (let i = 1; i <= 6; i++) {
      await bookFromBody(testDb(), patient(slotIds[i]!, "en", `p${i}@example.com`), {
        idempotencyKey: `outbox-en-000${i}`,
        clientKey: `o${i}`,
      });
    }
    const failing = recorder(new Error("SMTP 451 temporarily unavailable"));
    expect(await deliverDue(testDb(), failing)).toEqual({ sent: 0, failed: 6 });
    const row = await testDb().outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "SMTP 451 temporarily unavailable",
    });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(await deliverDue(testDb(), recorder())).toEqual({ sent: 0, failed: 0 }); // not due yet
    expect([1, 2, 3, 8, 20].map(backoffMinutes)).toEqual([1, 2, 4, 60, 60]);

    await testDb().$executeRaw`UPDATE outbox_message SET next_attempt_at = now()`;
    const shared = recorder();
    await Promise.all(Array.from({ length: 5 }, () => deliverDue(testDb(), shared, 2)));
    const ids = shared.sent.map((m) => m.messageId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(await testDb().outboxMessage.count({ where: { status: "SENT" } })).toBe(6);
  });

  it("queues one reminder a day ahead for visits booked earlier", async () => {
    await testDb().outboxMessage.deleteMany();
    const booking = await bookFromBody(testDb(), patient(slotIds[10]!, "en", "r@example.com"), {
      idempotencyKey: "outbox-rem-0001",
      clientKey: "r",
    });
    await testDb()
      .$executeRaw`UPDATE slot SET starts_at = now() + interval '20 hours', ends_at = now() + interval '21 hours' WHERE id = ${slotIds[10]}`;
    await testDb()
      .$executeRaw`UPDATE booking SET created_at = now() - interval '3 days' WHERE reference = ${booking.reference}`;
    expect(await enqueueReminders(testDb())).toBe(1);
    expect(await enqueueReminders(testDb())).toBe(0);
    const mailer = recorder();
    await deliverDue(testDb(), mailer);
    expect(mailer.sent.map((m) => m.subject)).toContain(
      `Reminder: your visit tomorrow (${booking.reference})`,
    );
  });

  it("over a real SMTP server, the confirmation arrives as a strict parser reads it, .ics attached", async () => {
    await testDb().outboxMessage.deleteMany();
    const sink = await startSmtpSink();
    try {
      const booking = await bookFromBody(testDb(), patient(slotIds[11]!, "ja", "smtp@example.com"), {
        idempotencyKey: "outbox-smtp-0001",
        clientKey: "s",
      });
      expect(await deliverDue(testDb(), smtpMailer(sink.url))).toEqual({ sent: 1, failed: 0 });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.envelopeTo).toEqual(["smtp@example.com"]);
      const mail = await simpleParser(sink.received[0]!.raw);
      const row = await testDb().outboxMessage.findFirstOrThrow();
      expect(mail.messageId).toMatch(MSG_ID);
      expect(mail.messageId).toBe(messageIdFor(row.dedupeKey));
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
      expect(mail.subject).toBe(`予約確定：${booking.reference}`);
      expect(mail.text).toContain("患者：Yuki Tanaka");
      expect(mail.html).toContain("患者：Yuki Tanaka");
      // The iMIP request as an alternative part and the same file as a download.
      const ics = mail.attachments.find((a) => a.filename === `${booking.reference}.ics`);
      expect(ics?.content.toString("utf8")).toContain("METHOD:REQUEST");
      expect(mail.attachments.some((a) => a.contentType === "text/calendar")).toBe(true);
    } finally {
      await sink.close();
    }
  });

  it("without SMTP, writes each message as an .eml file with a valid, stable Message-ID", async () => {
    const dir = path.join(os.tmpdir(), `portal-mail-${process.pid}`);
    const message = {
      to: "a@example.com",
      subject: "Проверка",
      text: "Здравствуйте",
      html: "<p>Здравствуйте</p>",
      messageId: "booking.confirmed:x1",
      language: "ru",
    };
    await fileMailer(dir).send(message);
    const [file] = await readdir(dir);
    const eml = await readFile(path.join(dir, file!));
    const parsed = await simpleParser(eml);
    expect(parsed.to).toMatchObject({ text: "a@example.com" });
    expect(parsed.subject).toBe("Проверка");
    // PUBLIC_BASE_URL is unset here: the domain is the default base URL's host.
    expect(parsed.messageId).toMatch(/^<outbox\.[0-9a-f]{32}@localhost>$/);
    expect(parsed.messageId).toBe(messageIdFor("booking.confirmed:x1"));
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.headers.get("content-language")).toBe("ru");
    await rm(dir, { recursive: true, force: true });
  });
});
