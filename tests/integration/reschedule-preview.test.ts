// Reschedule with confirmation (issue 16): choosing a new time only shows the
// current appointment beside the new one; nothing moves until the patient
// confirms, and the preview refuses what the move would refuse.
import { beforeAll, describe, expect, it } from "vitest";
import { previewReschedule } from "../../lib/booking/preview-reschedule";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

let institutionId: string;
let departmentId: string;
let otherDepartmentId: string;
const DAY = 86_400_000;
const base = Date.now() + 10 * DAY;

const slotAt = (hours: number, capacity = 2, department = () => departmentId) =>
  testDb().slot.create({
    data: {
      institutionId,
      departmentId: department(),
      startsAt: new Date(base + hours * 3_600_000),
      endsAt: new Date(base + hours * 3_600_000 + 1_800_000),
      capacity,
    },
  });

beforeAll(async () => {
  const { inst, dept } = await createHospital(testDb(), {
    slug: "preview-hospital",
    nameZh: "改期预览医院",
    ownership: "PRIVATE",
  });
  institutionId = inst.id;
  departmentId = dept.id;
  otherDepartmentId = (
    await testDb().department.create({
      data: { institutionId, slug: "dermatology", specialty: "dermatology", consultationFeeFen: 40_000 },
    })
  ).id;
});

let n = 0;
const book = (slotId: string) =>
  bookFromBody(
    testDb(),
    {
      slotId,
      locale: "ar",
      name: "ليلى حداد",
      nationality: "JO",
      dateOfBirth: "1990-01-01",
      email: `preview${++n}@example.com`,
      phone: "+962 7 9123 4567",
      preferredLanguage: "ar",
      reasonForVisit: "Check-up",
      interpreterWanted: false,
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: `preview-${n}-${Date.now()}`, clientKey: `preview-${n}` },
  );

describe("previewReschedule", () => {
  it("shows the current appointment and the new time, and changes nothing until the move is confirmed", async () => {
    const current = await slotAt(0);
    const next = await slotAt(24);
    const b = await book(current.id);
    const preview = await previewReschedule(testDb(), b.reference, b.manageToken, { slotId: next.id }, "ar");
    expect(preview.current.booking.slot.startsAt).toEqual(current.startsAt);
    expect(preview.current.target.kind).toBe("department");
    expect(preview.slot).toEqual({ id: next.id, startsAt: next.startsAt, endsAt: next.endsAt });
    // Nothing moved, no place taken, no e-mail.
    const row = await testDb().booking.findUniqueOrThrow({ where: { reference: b.reference } });
    expect(row.slotId).toBe(current.id);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: next.id } })).booked).toBe(0);
    expect(
      await testDb().outboxMessage.count({
        where: { dedupeKey: { startsWith: `booking.rescheduled:${row.id}` } },
      }),
    ).toBe(0);

    // Confirmed: moved.
    const moved = await rescheduleBooking(testDb(), b.reference, b.manageToken, { slotId: next.id });
    expect(moved.slot.startsAt).toEqual(next.startsAt);
  });

  it("refuses what the move would refuse: another service's slot, a full one, its own, a wrong token", async () => {
    const current = await slotAt(48);
    const b = await book(current.id);
    const other = await slotAt(50, 2, () => otherDepartmentId);
    const full = await slotAt(52, 1);
    await book(full.id);
    const preview = (slotId: string, token = b.manageToken) =>
      previewReschedule(testDb(), b.reference, token, { slotId }, "en");
    await expect(preview(other.id)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { slotId: "invalid" },
    });
    await expect(preview(full.id)).rejects.toMatchObject({ code: "SLOT_FULL" });
    await expect(preview(current.id)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(preview("no-such-slot")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(preview(full.id, "wrong-token-wrong-token")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses past the cancellation deadline, as the move does", async () => {
    const current = await slotAt(72);
    const next = await slotAt(96);
    const b = await book(current.id);
    const late = new Date(current.startsAt.getTime() - 3_600_000);
    await expect(
      previewReschedule(testDb(), b.reference, b.manageToken, { slotId: next.id }, "en", late),
    ).rejects.toMatchObject({ code: "CANCELLATION_WINDOW_CLOSED" });
    await expect(
      rescheduleBooking(testDb(), b.reference, b.manageToken, { slotId: next.id }, late),
    ).rejects.toMatchObject({ code: "CANCELLATION_WINDOW_CLOSED" });
  });
});
