// "Send me my booking link again" (issue 16): the link e-mail goes through the
// outbox only when reference and e-mail match a booking that was not erased;
// every answer is the same, takes about as long, and counts against the limits.
import { beforeAll, describe, expect, it } from "vitest";
import { getBooking } from "../../lib/booking/manage-booking";
import { erasePersonalData } from "../../lib/booking/personal-data";
import {
  RESEND_ANSWER_MS,
  resendManageLink,
  resendManageLinkSchema,
} from "../../lib/booking/resend-manage-link";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage } from "../../lib/notify/mailer";
import { parseInput } from "../../lib/http/request";
import { LIMITS } from "../../lib/rate-limit/rate-limit";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

let slotId: string;

beforeAll(async () => {
  const { inst, dept } = await createHospital(testDb(), {
    slug: "resend-hospital",
    nameZh: "补发医院",
    ownership: "PRIVATE",
  });
  const startsAt = new Date(Date.now() + 5 * 86_400_000);
  slotId = (
    await testDb().slot.create({
      data: {
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        capacity: 20,
      },
    })
  ).id;
});

let n = 0;
async function book(email: string, locale = "ru") {
  n += 1;
  return bookFromBody(
    testDb(),
    {
      slotId,
      locale,
      name: "Анна Смирнова",
      nationality: "RU",
      dateOfBirth: "1985-02-11",
      email,
      phone: "+7 916 123 45 67",
      preferredLanguage: "ru",
      reasonForVisit: "Консультация",
      interpreterWanted: false,
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: `resend-${n}-${Date.now()}`, clientKey: `resend-${n}` },
  );
}

/** As the form's action calls it: the form's fields parsed with the use case's schema. */
const ask = async (form: { reference: string; email: string }, address: string) =>
  resendManageLink(testDb(), parseInput(resendManageLinkSchema, form), { address });

const linkRows = (bookingId: string) =>
  testDb().outboxMessage.findMany({
    where: { template: "booking-link", payload: { path: ["bookingId"], equals: bookingId } },
  });

const idOf = async (reference: string) =>
  (await testDb().booking.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id;

describe("resend the manage link", () => {
  it("queues one e-mail in the booking's language whose link opens the booking, however often it is asked in a window", async () => {
    const b = await book("anna.smirnova@example.com");
    const id = await idOf(b.reference);
    // Typed as people type: lower-case reference, spaces, capitals in the address.
    await expect(
      ask({ reference: ` ${b.reference.toLowerCase()} `, email: " Anna.Smirnova@Example.com" }, "192.0.2.10"),
    ).resolves.toBeUndefined();
    await ask({ reference: b.reference, email: "anna.smirnova@example.com" }, "192.0.2.10");

    const rows = await linkRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toEmail: "anna.smirnova@example.com", locale: "ru", status: "PENDING" });

    const sent: MailMessage[] = [];
    await deliverDue(testDb(), { send: async (m: MailMessage) => void sent.push(m) }, 50);
    const mail = sent.find((m) => m.messageId === rows[0]!.dedupeKey)!;
    expect(mail.subject).toBe(`Ссылка на вашу запись: ${b.reference}`);
    const link = mail.text.match(/https?:\/\/\S+\/ru\/bookings\/(IPP-[A-Z0-9-]+)\?token=(\S+)/);
    expect(link?.[1]).toBe(b.reference);
    expect(link?.[2]).toBe(b.manageToken);
    const opened = await getBooking(testDb(), link![1]!, decodeURIComponent(link![2]!));
    expect(opened.reference).toBe(b.reference);
  });

  it("answers a wrong e-mail or an unknown reference exactly as a match, after as long, and sends nothing", async () => {
    const b = await book("pavel.orlov@example.com");
    const id = await idOf(b.reference);
    const timed = async (form: { reference: string; email: string }) => {
      const started = Date.now();
      const answer = await ask(form, "192.0.2.20");
      return { answer, ms: Date.now() - started };
    };
    const wrongEmail = await timed({ reference: b.reference, email: "someone.else@example.com" });
    const unknownReference = await timed({ reference: "IPP-ZZZZ-ZZZZ", email: "pavel.orlov@example.com" });
    const match = await timed({ reference: b.reference, email: "pavel.orlov@example.com" });
    expect(wrongEmail.answer).toBe(match.answer);
    expect(unknownReference.answer).toBe(match.answer);
    for (const { ms } of [wrongEmail, unknownReference, match])
      expect(ms).toBeGreaterThanOrEqual(RESEND_ANSWER_MS - 5);
    // Only the match queued an e-mail, and only to the booking's own address.
    const rows = await linkRows(id);
    expect(rows.map((r) => r.toEmail)).toEqual(["pavel.orlov@example.com"]);
    expect(await testDb().outboxMessage.count({ where: { toEmail: "someone.else@example.com" } })).toBe(0);
  });

  it("sends nothing for an erased booking", async () => {
    const b = await book("erased.patient@example.com");
    const id = await idOf(b.reference);
    await erasePersonalData(testDb(), b.reference, b.manageToken);
    await expect(
      ask({ reference: b.reference, email: "erased.patient@example.com" }, "192.0.2.30"),
    ).resolves.toBeUndefined();
    expect(await linkRows(id)).toEqual([]);
  });

  it("refuses malformed input by field before anything is counted", async () => {
    await expect(ask({ reference: "nope", email: "not-an-address" }, "192.0.2.40")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { reference: "invalid", email: "invalid" },
    });
  });

  it("limits requests per e-mail address, match or not, with the same RATE_LIMITED either way", async () => {
    const b = await book("limit.me@example.com");
    const id = await idOf(b.reference);
    const max = LIMITS.manageLinkResendsPerEmail.max;
    // From different addresses, so only the per-e-mail limit can refuse.
    for (let i = 0; i < max; i++)
      await ask(
        { reference: i % 2 ? b.reference : "IPP-ZZZZ-ZZZ2", email: "limit.me@example.com" },
        `198.51.100.${i + 1}`,
      );
    await expect(
      ask({ reference: b.reference, email: "limit.me@example.com" }, "198.51.100.99"),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    await expect(
      ask({ reference: "IPP-ZZZZ-ZZZ2", email: "LIMIT.me@example.com" }, "198.51.100.98"),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await linkRows(id)).toHaveLength(1);
  });

  it("limits requests per client address, whatever e-mail they name", async () => {
    const max = LIMITS.manageLinkResendsPerAddress.max;
    for (let i = 0; i < max; i++)
      await ask({ reference: "IPP-ZZZZ-ZZZ3", email: `guess${i}@example.com` }, "203.0.113.77");
    const refused = ask({ reference: "IPP-ZZZZ-ZZZ3", email: "guess-next@example.com" }, "203.0.113.77");
    await expect(refused).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Another client is not slowed by it.
    await expect(
      ask({ reference: "IPP-ZZZZ-ZZZ3", email: "guess-next@example.com" }, "203.0.113.78"),
    ).resolves.toBeUndefined();
  });
});
