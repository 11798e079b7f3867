// Rule 8: the patient can take a copy of their data, and erase it.
import { beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "../../lib/booking/create-booking";
import { getBooking } from "../../lib/booking/manage-booking";
import { erasePersonalData, exportPersonalData } from "../../lib/booking/personal-data";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage } from "../../lib/notify/mailer";
import { seedDemo } from "../../lib/seed/seed-demo";
import { testDb } from "../helpers/db";

let slotId: string;
beforeAll(async () => {
  await seedDemo(testDb());
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

const book = (key: string) =>
  createBooking(
    testDb(),
    {
      slotId,
      locale: "de",
      name: "Jonas Becker",
      nationality: "DE",
      dateOfBirth: "1975-12-01",
      email: "jonas@example.com",
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
    const b = await book("personal-erase-1");
    const before = await testDb().slot.findUniqueOrThrow({ where: { id: slotId } });
    await erasePersonalData(testDb(), b.reference, b.manageToken);

    const row = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
    expect(row).toMatchObject({
      status: "CANCELLED",
      patientName: "—",
      passportNumberEnc: null,
      reasonForVisit: "—",
    });
    expect(row.anonymizedAt).not.toBeNull();
    expect(row.patientEmail).not.toContain("jonas");
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: slotId } })).booked).toBe(before.booked - 1);
    await expect(getBooking(testDb(), b.reference, b.manageToken)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const sent: MailMessage[] = [];
    await deliverDue(testDb(), { send: async (m) => void sent.push(m) }, 50);
    const erased = sent.find((m) => m.messageId.startsWith(`booking.erased:${row.id}:`))!;
    expect(erased.subject).toBe(`Ihre personenbezogenen Daten sind gelöscht (${b.reference})`);
    expect(erased.to).toBe("jonas@example.com");
    // The confirmation and cancellation e-mails of this booking were never sent after the erasure.
    expect(
      sent.filter(
        (m) => m.messageId.includes(row.id) && !m.messageId.startsWith(`booking.erased:${row.id}:`),
      ),
    ).toEqual([]);
  });
});
