// Rule 8: the patient can take a copy of their data, and erase it; erasure
// reaches every copy the portal keeps, the outbox included.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { getBooking } from "../../lib/booking/manage-booking";
import { erasePersonalData, exportPersonalData } from "../../lib/booking/personal-data";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage } from "../../lib/notify/mailer";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

let slotId: string;
beforeAll(async () => {
  await loadDemoSeed();
  const slot = await testDb().slot.findFirstOrThrow({
    where: {
      institution: { slug: "pumch-international" },
      departmentId: { not: null },
      startsAt: { gt: new Date(Date.now() + 3 * 86_400_000) },
    },
    orderBy: { startsAt: "asc" },
  });
  slotId = slot.id;
});

const book = (key: string, who = { name: "Jonas Becker", email: "jonas@example.com" }) =>
  bookFromBody(
    testDb(),
    {
      slotId,
      locale: "de",
      name: who.name,
      nationality: "DE",
      dateOfBirth: "1975-12-01",
      email: who.email,
      phone: "+49 151 23456789",
      preferredLanguage: "de",
      reasonForVisit: "Knieschmerzen",
      interpreterWanted: false,
      passportNumber: "C01X00T47",
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: key, clientKey: "pd" },
  );

/** Outbox rows whose whole row (every column, the payload included) mentions `needle`. */
const outboxMentioning = (needle: string) =>
  testDb().$queryRaw<{ dedupe_key: string; status: string }[]>`
    SELECT dedupe_key, status::text FROM outbox_message o WHERE to_jsonb(o)::text ILIKE '%' || ${needle} || '%'`;

/** A test mailer that keeps what it was given (or fails with `error`). */
function collector(error?: string) {
  const sent: MailMessage[] = [];
  const mailer = {
    send: async (m: MailMessage) => {
      if (error) throw new Error(error);
      sent.push(m);
    },
  };
  return { sent, mailer };
}

describe("personal data", () => {
  it("exports everything held about the patient, decrypted, only with the token", async () => {
    const b = await book("personal-export-1");
    const data = await exportPersonalData(testDb(), b.reference, b.manageToken);
    expect(data.patient).toMatchObject({
      name: "Jonas Becker",
      passportNumber: "C01X00T47",
      email: "jonas@example.com",
    });
    expect(data.consents.sensitivePersonalInformation).toMatch(/^\d{4}-/);
    await expect(exportPersonalData(testDb(), b.reference, "wrong-token-wrong-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("erases: cancels a future visit, gives back the place, removes personal fields and unsent mail, confirms by e-mail", async () => {
    const who = { name: "Lena Vogel", email: "lena.vogel@example.com" };
    const b = await book("personal-erase-1", who);
    const id = (await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } })).id;
    // Before the erasure: the confirmation was sent, and an earlier message failed with the address in its error.
    await testDb().$executeRaw`
      UPDATE outbox_message SET status = 'SENT', sent_at = now() WHERE payload->>'bookingId' = ${id}`;
    await testDb().$executeRaw`
      INSERT INTO outbox_message (id, dedupe_key, template, to_email, locale, payload, status, attempts, last_error)
      VALUES ('pd-reminder', ${`booking.reminder:${id}`}, 'booking-reminder', ${who.email}, 'de',
        ${JSON.stringify({ bookingId: id })}::jsonb, 'FAILED', 8, ${`550 <${who.email}> unknown user`})`;
    const before = await testDb().slot.findUniqueOrThrow({ where: { id: slotId } });
    await erasePersonalData(testDb(), b.reference, b.manageToken);

    const row = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
    expect(row).toMatchObject({
      status: "CANCELLED",
      patientName: "—",
      passportNumberEnc: null,
      reasonForVisit: "—",
      patientEmail: `erased-${id}@invalid`,
    });
    expect(row.anonymizedAt).not.toBeNull();
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: slotId } })).booked).toBe(before.booked - 1);
    await expect(getBooking(testDb(), b.reference, b.manageToken)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // Every outbox row of the booking is redacted (recipient, payload, error text) but the erasure
    // notice, which keeps the address and name it needs until it is delivered.
    const notice = `booking.erased:${id}:v${row.version}`;
    for (const needle of [who.email, who.name])
      expect(await outboxMentioning(needle), needle).toEqual([{ dedupe_key: notice, status: "PENDING" }]);
    const rows = await testDb().outboxMessage.findMany({ where: { dedupeKey: { not: notice } } });
    const mine = rows.filter((r) => r.dedupeKey.includes(id));
    // Confirmation (sent), reminder (failed), cancellation (dropped before it was sent).
    expect(mine.map((r) => r.status).sort()).toEqual(["FAILED", "FAILED", "SENT"]);
    for (const r of mine) {
      expect(r.toEmail).toBe(`erased-${id}@invalid`);
      expect(r.payload).toEqual({ bookingId: id, redacted: true });
      expect(r.lastError ?? "").not.toContain("@");
    }

    const { sent, mailer } = collector();
    await deliverDue(testDb(), mailer, 50);
    const erased = sent.find((m) => m.messageId === notice)!;
    expect(erased.subject).toBe(`Ihre personenbezogenen Daten sind gelöscht (${b.reference})`);
    expect(erased.to).toBe(who.email);
    expect(erased.text).toContain(who.name);
    // The confirmation and cancellation e-mails of this booking were never sent after the erasure.
    expect(sent.filter((m) => m.messageId.includes(id) && m.messageId !== notice)).toEqual([]);
    // Delivered, the notice is redacted too: no copy of the address or the name is left.
    for (const needle of [who.email, who.name]) expect(await outboxMentioning(needle), needle).toEqual([]);
    expect(await testDb().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: notice } })).toMatchObject({
      status: "SENT",
      toEmail: `erased-${id}@invalid`,
      payload: { bookingId: id, redacted: true },
    });
  });

  it("an erasure notice that fails for good is redacted as well, its error text without the address", async () => {
    const who = { name: "Mia Schäfer", email: "mia.schaefer@example.com" };
    const b = await book("personal-erase-2", who);
    await erasePersonalData(testDb(), b.reference, b.manageToken);
    const { id, version } = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
    const notice = `booking.erased:${id}:v${version}`;
    // Its last attempt: the mail server refuses the address.
    await testDb().outboxMessage.update({ where: { dedupeKey: notice }, data: { attempts: 7 } });
    await testDb()
      .$executeRaw`UPDATE outbox_message SET next_attempt_at = now() + interval '1 day' WHERE dedupe_key <> ${notice}`;
    const { mailer } = collector(`550 5.1.1 <${who.email.toUpperCase()}>: Recipient address rejected`);
    expect(await deliverDue(testDb(), mailer, 50)).toEqual({ sent: 0, failed: 1 });
    const row = await testDb().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: notice } });
    expect(row).toMatchObject({
      status: "FAILED",
      toEmail: `erased-${id}@invalid`,
      payload: { bookingId: id, redacted: true },
    });
    expect(row.lastError).toBe("550 5.1.1 <<redacted>>: Recipient address rejected");
    for (const needle of [who.email, who.name]) expect(await outboxMentioning(needle), needle).toEqual([]);
  });

  it("the migration redacts the copies an erasure of an earlier release left behind", async () => {
    const who = { name: "Paul Krüger", email: "paul.krueger@example.com" };
    const b = await book("personal-erase-3", who);
    await erasePersonalData(testDb(), b.reference, b.manageToken);
    const { id, version } = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
    const notice = `booking.erased:${id}:v${version}`;
    // What the earlier release left: the address on every row, the name in the sent notice's payload.
    await testDb().$executeRaw`
      UPDATE outbox_message SET to_email = ${who.email},
        payload = CASE WHEN dedupe_key = ${notice} THEN ${JSON.stringify({ reference: b.reference, name: who.name })}::jsonb
          ELSE jsonb_build_object('bookingId', ${id}::text) END,
        status = CASE WHEN dedupe_key = ${notice} THEN 'SENT'::"OutboxStatus" ELSE status END,
        sent_at = CASE WHEN dedupe_key = ${notice} THEN now() ELSE sent_at END
      WHERE dedupe_key LIKE ${`booking.%:${id}%`}`;
    expect((await outboxMentioning(who.email)).length).toBeGreaterThanOrEqual(3);
    const sql = await readFile(
      path.join(
        import.meta.dirname,
        "../../prisma/migrations/20261130120000_erasure_redacts_outbox/migration.sql",
      ),
      "utf8",
    );
    await testDb().$executeRawUnsafe(sql);
    for (const needle of [who.email, who.name]) expect(await outboxMentioning(needle), needle).toEqual([]);
    expect(await testDb().outboxMessage.findUniqueOrThrow({ where: { dedupeKey: notice } })).toMatchObject({
      toEmail: `erased-${id}@invalid`,
      payload: { bookingId: id, redacted: true },
    });
  });
});
