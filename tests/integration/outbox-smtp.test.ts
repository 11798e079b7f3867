// The real mailer (nodemailer over SMTP_URL) against a real SMTP server on
// loopback (smtp-server); what arrives is read by mailparser, a parser this
// project did not write, and its Message-ID checked against RFC 5322.
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import { messageIdFor, smtpMailer } from "../../lib/notify/mailer";
import { testDb } from "../helpers/db";
import { MSG_ID, startSmtpSink, type SmtpSink } from "../fault/smtp-sink";

process.env.PUBLIC_BASE_URL = "https://portal.example.org:8443/app";

let sink: SmtpSink;
/** Replies "451" to the messages whose numbers are in here, instead of "250 OK". */
const refuse = new Set<number>();

beforeAll(async () => {
  sink = await startSmtpSink({
    beforeReply(n) {
      if (refuse.has(n)) throw Object.assign(new Error("Greylisted, try again later"), { responseCode: 451 });
    },
  });
});

afterAll(async () => {
  await sink?.close();
});

beforeEach(async () => {
  await testDb().outboxMessage.deleteMany();
  sink.received.length = 0;
  refuse.clear();
});

async function queue(dedupeKey: string, locale: string, toEmail: string) {
  await testDb().outboxMessage.create({
    data: {
      dedupeKey,
      template: "booking-erased",
      toEmail,
      locale,
      payload: { reference: "IPP-7K3M9Q", name: "Amira Haddad" },
    },
  });
}

describe("e-mail over real SMTP", () => {
  it("arrives with an RFC 5322 Message-ID on PUBLIC_BASE_URL's host, whatever the event key, and Auto-Submitted", async () => {
    // Event keys of any shape: the Message-ID is a hash of the key.
    const keys = ["booking.cancelled:cmb2x9k0a0001:v3", "booking.erased:cmb2x9k0a0001", 'odd key ü <@>:;\\"'];
    for (const [i, key] of keys.entries()) await queue(key, i ? "ar" : "zh", `p${i}@example.com`);
    expect(await deliverDue(testDb(), smtpMailer(sink.url))).toEqual({ sent: 3, failed: 0 });

    expect(sink.received).toHaveLength(3);
    const mails = await Promise.all(sink.received.map((m) => simpleParser(m.raw)));
    for (const [i, mail] of mails.entries()) {
      expect(mail.messageId).toMatch(MSG_ID);
      expect(mail.messageId).toMatch(/^<outbox\.[0-9a-f]{32}@portal\.example\.org>$/);
      expect(mail.messageId).toBe(messageIdFor(keys[i]!));
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
      expect(mail.headers.get("content-language")).toBe(i ? "ar" : "zh");
      expect(mail.from?.value[0]?.address).toBe("no-reply@portal.localhost");
      expect(mail.to).toMatchObject({ text: `p${i}@example.com` });
      expect(sink.received[i]!.envelopeTo).toEqual([`p${i}@example.com`]);
      expect(mail.text).toContain("IPP-7K3M9Q");
    }
    expect(mails[0]!.subject).toContain("IPP-7K3M9Q");
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
  });

  it("a message the server refused is sent again later with the same Message-ID", async () => {
    await queue("booking.erased:cmb2x9k0a0002", "en", "retry@example.com");
    refuse.add(1);
    expect(await deliverDue(testDb(), smtpMailer(sink.url))).toEqual({ sent: 0, failed: 1 });
    const row = await testDb().outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", lockedUntil: null });
    expect(row.lastError).toContain("451");

    await testDb().$executeRaw`UPDATE outbox_message SET next_attempt_at = now()`;
    expect(await deliverDue(testDb(), smtpMailer(sink.url))).toEqual({ sent: 1, failed: 0 });
    const [refused, accepted] = await Promise.all(sink.received.map((m) => simpleParser(m.raw)));
    expect(accepted!.messageId).toMatch(MSG_ID);
    expect(accepted!.messageId).toBe(refused!.messageId);
    expect(await testDb().outboxMessage.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 2 });
  });
});
