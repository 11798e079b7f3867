// The races an outside probe found (issue 13), each pinned on the real
// database: a cancel racing reschedules of the same booking (by the patient and
// by staff), the same across a month boundary, two holders confirming at once,
// holds racing direct bookings, holds in a month without quota room, and a
// department's removal racing a hold on its slot (issue 19).
// Every answer is a result or a clean AppError (never a 500), and afterwards
// every count matches the bookings behind it.
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { createHold } from "../../lib/booking/holds";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { AppError } from "../../lib/errors";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/staff-fixtures";
import { createHospital } from "../helpers/hospital";
import { removeDepartment } from "../../lib/catalogue/manage-department";

let n = 0;
let cityId: string;

const code = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled"
    ? "OK"
    : r.reason instanceof AppError
      ? r.reason.code
      : `CRASH ${String(r.reason)}`;
const crashes = (results: PromiseSettledResult<unknown>[]) =>
  results.map(code).filter((c) => c.startsWith("CRASH"));

/** A public institution with a department, a declared volume in the months of its slots, and a manager. */
async function hospital(volume = 10_000) {
  const db = testDb();
  const slug = `race-${++n}`;
  const { inst, dept } = await createHospital(db, { slug, nameZh: `竞态医院${n}`, cityId });
  const now = new Date();
  // Two Beijing months ahead: slots on the 20th of one (month 0) and the 10th of the next (month 1).
  const monthStart = (k: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2 + k, 1));
  for (const k of [0, 1])
    await db.quotaPeriod.create({
      data: { institutionId: inst.id, month: monthStart(k), declaredVolume: volume },
    });
  let hour = 0;
  const slot = (capacity: number, month: 0 | 1 = 0) => {
    const base = monthStart(month).getTime() + (month === 0 ? 19 : 9) * 86_400_000 + 2 * 3_600_000;
    const startsAt = new Date(base + hour++ * 1_800_000);
    return db.slot.create({
      data: {
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        capacity,
      },
    });
  };
  const manager = await createUser(db, "HOSPITAL_MANAGER", { institutionId: inst.id });
  const staff = (await loadActor(db, manager.id)) as Actor;
  return { inst, slot, staff, monthStart };
}

function input(slotId: string, i: number | string, extra: Record<string, unknown> = {}) {
  return {
    slotId,
    locale: "en",
    name: "Noor Patient",
    nationality: "AE",
    dateOfBirth: "1990-05-06",
    email: `race-${i}@example.org`,
    phone: "+971 50 123 4567",
    preferredLanguage: "ar",
    reasonForVisit: "Check-up",
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
    ...extra,
  };
}

const book = (slotId: string, i: number | string, extra: Record<string, unknown> = {}) =>
  bookFromBody(testDb(), input(slotId, i, extra), {
    idempotencyKey: `race-key-${crypto.randomUUID()}`,
    clientKey: `client-${i}`,
  });

/** Each slot's count equals its live bookings; bookings plus live holds never exceed capacity. */
async function slotsConsistent(institutionId: string) {
  const wrong = await testDb().$queryRaw<unknown[]>`
    SELECT s.id, s.capacity, s.booked, count(b.id)::int AS live,
      (SELECT count(*)::int FROM hold h WHERE h.slot_id = s.id AND h.expires_at > now()) AS held
    FROM slot s LEFT JOIN booking b ON b.slot_id = s.id AND b.status <> 'CANCELLED'
    WHERE s.institution_id = ${institutionId} GROUP BY s.id
    HAVING s.booked <> count(b.id)
      OR count(b.id) + (SELECT count(*) FROM hold h WHERE h.slot_id = s.id AND h.expires_at > now()) > s.capacity`;
  expect(wrong).toEqual([]);
}

/** Each month's used units equal its live bookings' units. */
async function monthsConsistent(institutionId: string) {
  const wrong = await testDb().$queryRaw<unknown[]>`
    SELECT q.month, q.used_units, COALESCE(sum(b.units), 0)::int AS live FROM quota_period q
    LEFT JOIN booking b ON b.quota_period_id = q.id AND b.status <> 'CANCELLED'
    WHERE q.institution_id = ${institutionId} GROUP BY q.id HAVING q.used_units <> COALESCE(sum(b.units), 0)`;
  expect(wrong).toEqual([]);
}

beforeAll(async () => {
  cityId = (await testDb().city.create({ data: { slug: "race-city", nameZh: "竞态", province: "Test" } })).id;
});

describe("a cancellation racing reschedules of the same booking", () => {
  for (const by of ["patient", "staff"] as const) {
    it(`never oversells the old slot and never answers 500 (cancelled by the ${by})`, async () => {
      const { inst, slot, staff } = await hospital();
      for (let round = 0; round < 8; round++) {
        const a = await slot(2);
        const targets = [await slot(5), await slot(5)];
        await book(a.id, `bystander-${round}`);
        const patient = await book(a.id, `patient-${round}`);
        const cancel =
          by === "patient"
            ? cancelBooking(testDb(), patient.reference, patient.manageToken)
            : changeBookingStatus(testDb(), staff, {
                reference: patient.reference,
                version: 0,
                transition: "cancel",
                reason: "Doctor away",
              });
        const results = await Promise.allSettled([
          ...targets.map((t) =>
            rescheduleBooking(testDb(), patient.reference, patient.manageToken, { slotId: t.id }),
          ),
          cancel,
        ]);
        expect(crashes(results)).toEqual([]);
        await slotsConsistent(inst.id);
        // The old slot has one place left at most: two more bookings cannot both get in.
        const more = await Promise.allSettled([book(a.id, `late-${round}-1`), book(a.id, `late-${round}-2`)]);
        expect(more.map(code).filter((c) => c === "OK").length).toBeLessThanOrEqual(1);
        await slotsConsistent(inst.id);
      }
      await monthsConsistent(inst.id);
    });
  }

  it("keeps each month's units equal to its bookings when the moves cross a month boundary", async () => {
    const { inst, slot } = await hospital();
    for (let round = 0; round < 8; round++) {
      const a = await slot(2, 0);
      const patient = await book(a.id, `crossing-${round}`);
      const next = [await slot(3, 1), await slot(3, 1)];
      const results = await Promise.allSettled([
        ...next.map((t) =>
          rescheduleBooking(testDb(), patient.reference, patient.manageToken, { slotId: t.id }),
        ),
        cancelBooking(testDb(), patient.reference, patient.manageToken),
      ]);
      expect(crashes(results)).toEqual([]);
      await monthsConsistent(inst.id);
      await slotsConsistent(inst.id);
    }
  });
});

describe("holds are honoured", () => {
  it("two patients holding the two places of a slot both confirm at once", async () => {
    const { inst, slot } = await hospital();
    for (let pair = 0; pair < 10; pair++) {
      const s = await slot(2);
      const holds = await Promise.all(
        ["x", "y"].map((c) => createHold(testDb(), { slotId: s.id }, `holder-${pair}-${c}`)),
      );
      const results = await Promise.allSettled(
        holds.map((h, i) =>
          bookFromBody(testDb(), input(s.id, `${pair}-${i}`, { holdToken: h.token }), {
            idempotencyKey: `race-key-${crypto.randomUUID()}`,
            clientKey: `holder-${pair}-${["x", "y"][i]}`,
          }),
        ),
      );
      expect(results.map(code)).toEqual(["OK", "OK"]);
    }
    await slotsConsistent(inst.id);
  });

  it("holds racing direct bookings on a 10-place slot never overfill it, and every holder gets in", async () => {
    const { inst, slot } = await hospital();
    for (let round = 0; round < 5; round++) {
      const s = await slot(10);
      const results = await Promise.allSettled([
        ...Array.from({ length: 8 }, (_, i) => createHold(testDb(), { slotId: s.id }, `h-${round}-${i}`)),
        ...Array.from({ length: 8 }, (_, i) => book(s.id, `direct-${round}-${i}`)),
      ]);
      expect(crashes(results)).toEqual([]);
      await slotsConsistent(inst.id);
      const granted = results
        .slice(0, 8)
        .map((r, i) => (r.status === "fulfilled" ? { i, token: (r.value as { token: string }).token } : null))
        .filter((h) => h !== null);
      const confirmed = await Promise.allSettled(
        granted.map((h) =>
          bookFromBody(testDb(), input(s.id, `holder-${round}-${h.i}`, { holdToken: h.token }), {
            idempotencyKey: `race-key-${crypto.randomUUID()}`,
            clientKey: `h-${round}-${h.i}`,
          }),
        ),
      );
      expect(confirmed.map(code).filter((c) => c !== "OK")).toEqual([]);
      await slotsConsistent(inst.id);
    }
  });

  it("a month with 2 units left grants 2 of 40 holds (QUOTA_EXCEEDED for the rest), and both holders book", async () => {
    // 10% of 20 = 2 units.
    const { inst, slot } = await hospital(20);
    const slots = await Promise.all(Array.from({ length: 40 }, () => slot(1)));
    const results = await Promise.allSettled(
      slots.map((s, i) => createHold(testDb(), { slotId: s.id }, `quota-holder-${i}`)),
    );
    const codes = results.map(code);
    expect(codes.filter((c) => c === "OK").length).toBe(2);
    expect(codes.filter((c) => c !== "OK").every((c) => c === "QUOTA_EXCEEDED")).toBe(true);
    // A direct booking cannot take the held units meanwhile.
    const other = await slot(1);
    await expect(book(other.id, "quota-direct")).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    for (const [i, r] of results.entries()) {
      if (r.status !== "fulfilled") continue;
      await bookFromBody(testDb(), input(slots[i]!.id, `quota-${i}`, { holdToken: r.value.token }), {
        idempotencyKey: `race-key-${crypto.randomUUID()}`,
        clientKey: `quota-holder-${i}`,
      });
    }
    await monthsConsistent(inst.id);
    await slotsConsistent(inst.id);
  });
});

describe("removing a department races a hold on its slot", () => {
  it("either the hold wins and the removal is refused 409, or the removal wins and the hold is a clean 404; nothing orphaned", async () => {
    const db = testDb();
    const admin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId })).id)) as Actor;
    const seen = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const { inst, slot } = await hospital();
      const s = await slot(2);
      const [removal, hold] = await Promise.allSettled([
        removeDepartment(db, admin, { institution: inst.slug, department: "general" }),
        createHold(db, { slotId: s.id }, `remove-race-${round}`),
      ]);
      const outcome = `${code(removal!)}/${code(hold!)}`;
      seen.add(outcome);
      expect(["OFFERING_HAS_BOOKINGS/OK", "OK/NOT_FOUND"]).toContain(outcome);
      const [departments, slots, holds] = await Promise.all([
        db.department.count({ where: { institutionId: inst.id } }),
        db.slot.count({ where: { institutionId: inst.id } }),
        db.hold.count({ where: { slot: { institutionId: inst.id } } }),
      ]);
      // The hold won: everything stays. The removal won: nothing of the department is left.
      expect([departments, slots, holds]).toEqual(outcome === "OK/NOT_FOUND" ? [0, 0, 0] : [1, 1, 1]);
      await slotsConsistent(inst.id);
      await monthsConsistent(inst.id);
    }
    // Which side wins is the scheduler's; both answers were clean whichever it was.
    expect(seen.size).toBeGreaterThan(0);
  });
});
