// Reschedule under contention never leaves a patient with two slots or none.
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { bookingView } from "../../lib/booking/api-schemas";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import type { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";

let institutionId: string;
let departmentId: string;

const input = (slotId: string, i: number) => ({
  slotId,
  locale: "fr",
  name: `Claire Martin ${String.fromCharCode(65 + i)}`,
  nationality: "FR",
  dateOfBirth: "1992-05-17",
  email: `claire${i}@example.com`,
  phone: "+33 6 12 34 56 78",
  preferredLanguage: "fr",
  reasonForVisit: "Consultation",
  interpreterWanted: false,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
});

const monthStart = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
};
const slotAt = (monthOffset: number, hour: number, capacity = 1) =>
  testDb().slot.create({
    data: {
      institutionId,
      departmentId,
      startsAt: new Date(monthStart(monthOffset).getTime() + 9 * 86_400_000 + hour * 3_600_000),
      endsAt: new Date(monthStart(monthOffset).getTime() + 9 * 86_400_000 + hour * 3_600_000 + 1_800_000),
      capacity,
    },
  });

beforeAll(async () => {
  const city = await testDb().city.create({
    data: { slug: "reschedule-city", nameZh: "测试", province: "Test" },
  });
  const inst = await testDb().institution.create({
    data: {
      slug: "reschedule-hospital",
      cityId: city.id,
      nameZh: "改期医院",
      addressZh: "路",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
    },
  });
  institutionId = inst.id;
  departmentId = (
    await testDb().department.create({
      data: { institutionId, slug: "general", specialty: "general_practice", consultationFeeFen: 50_000 },
    })
  ).id;
  for (const offset of [1, 2])
    await testDb().quotaPeriod.create({
      data: { institutionId, month: monthStart(offset), declaredVolume: 1000 },
    });
});

describe("reschedule", () => {
  it("10 patients race for one free place: one moves, nine keep their own slot", async () => {
    const own = await Promise.all(Array.from({ length: 10 }, (_, i) => slotAt(1, i)));
    const bookings = await Promise.all(
      own.map((s, i) =>
        bookFromBody(testDb(), input(s.id, i), { idempotencyKey: `resched-${i}-0001`, clientKey: `r${i}` }),
      ),
    );
    const target = await slotAt(1, 20, 1);
    const results = await Promise.allSettled(
      bookings.map((b) => rescheduleBooking(testDb(), b.reference, b.manageToken, { slotId: target.id })),
    );
    const codes = results.map((r) => (r.status === "fulfilled" ? "OK" : (r.reason as AppError).code));
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "SLOT_FULL")).toHaveLength(9);

    // Every booking holds exactly one slot, and every slot's count matches its bookings.
    const slots = await testDb().slot.findMany({
      where: { institutionId },
      include: { bookings: { where: { status: "CONFIRMED" } } },
    });
    for (const s of slots) expect(s.booked, s.id).toBe(s.bookings.length);
    expect(await testDb().booking.count({ where: { institutionId, status: "CONFIRMED" } })).toBe(10);
    expect((await testDb().slot.findUniqueOrThrow({ where: { id: target.id } })).booked).toBe(1);
  });

  it("moves the special-service units when the new time is in another month", async () => {
    const a = await slotAt(1, 23);
    const b = await slotAt(2, 23);
    const booked = await bookFromBody(testDb(), input(a.id, 11), {
      idempotencyKey: "resched-month-0001",
      clientKey: "m",
    });
    const used = async (offset: number) =>
      (await testDb().quotaPeriod.findFirstOrThrow({ where: { institutionId, month: monthStart(offset) } }))
        .usedUnits;
    const before = [await used(1), await used(2)];
    const view = bookingView(
      await rescheduleBooking(testDb(), booked.reference, booked.manageToken, { slotId: b.id }),
    );
    expect(view.slot.startsAt).toBe(b.startsAt.toISOString());
    expect([await used(1), await used(2)]).toEqual([before[0]! - 1, before[1]! + 1]);
    expect(
      await testDb().outboxMessage.count({ where: { dedupeKey: { startsWith: "booking.rescheduled:" } } }),
    ).toBe(2);
  });

  it("refuses another department's slot and a wrong token", async () => {
    const s = await slotAt(1, 22);
    const booked = await bookFromBody(testDb(), input(s.id, 12), {
      idempotencyKey: "resched-bad-0001",
      clientKey: "x",
    });
    const other = await testDb().department.create({
      data: { institutionId, slug: "other", specialty: "dermatology", consultationFeeFen: 1 },
    });
    const foreign = await testDb().slot.create({
      data: {
        institutionId,
        departmentId: other.id,
        startsAt: new Date(s.startsAt.getTime() + 3_600_000),
        endsAt: new Date(s.startsAt.getTime() + 5_400_000),
        capacity: 5,
      },
    });
    await expect(
      rescheduleBooking(testDb(), booked.reference, booked.manageToken, { slotId: foreign.id }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { slotId: "invalid" } });
    await expect(
      rescheduleBooking(testDb(), booked.reference, "not-the-token-at-all", { slotId: foreign.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
