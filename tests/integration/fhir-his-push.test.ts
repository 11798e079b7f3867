// The slot push of a hospital system (ADR 0022) as a use case, on the real
// database: a week of slots published, the same push twice changing nothing,
// a slot with bookings or live holds never removed, moved or shrunk (the whole
// push refused, every table as it was), the month's quota respected like the
// console's, another institution's service not found, an existing manual
// schedule adopted, and the console refusing to edit a managed schedule.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { createHold } from "../../lib/booking/holds";
import { AppError } from "../../lib/errors";
import { addMonths, monthDbDate } from "../../lib/quota/month";
import { getSchedule } from "../../lib/schedule/get-schedule";
import { listSchedules } from "../../lib/schedule/list-schedules";
import { publishSchedule } from "../../lib/schedule/publish-schedule";
import {
  replaceExternalSlots,
  replaceExternalSlotsSchema,
  type PushingClient,
  type ReplaceExternalSlotsInput,
} from "../../lib/schedule/replace-external-slots";
import { beijingMonthOf, zonedToUtc } from "../../lib/time/zone";
import { bookFromBody } from "../helpers/book";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";
import { createUser } from "../helpers/staff-fixtures";

const SYSTEM = "urn:oid:1.2.156.112635.his";
let n = 0;

/** A month comfortably ahead (every slot in it is in the future), in Beijing wall-clock time. */
const M = addMonths(beijingMonthOf(new Date()), 2);
const at = (day: number, hh: number, mm = 0) => zonedToUtc({ ...M, day }, hh * 60 + mm);
const horizon = { start: at(1, 0), end: at(8, 0) };

async function hospital(ownership: "PUBLIC" | "PRIVATE" = "PRIVATE") {
  const db = testDb();
  const { inst, dept } = await createHospital(db, {
    slug: `his-push-${++n}`,
    nameZh: `推送医院${n}`,
    ownership,
  });
  const clientRow = await db.integrationClient.create({
    data: {
      institutionId: inst.id,
      name: "HIS",
      clientId: `his-${randomUUID()}`,
      secretHash: "unused-in-this-test",
      scopes: ["slots:write"],
    },
  });
  const client: PushingClient = { clientId: clientRow.id, institutionId: inst.id, scopes: ["slots:write"] };
  const manager = (await loadActor(
    db,
    (await createUser(db, "HOSPITAL_MANAGER", { institutionId: inst.id })).id,
  )) as Actor;
  return { inst, dept, client, manager };
}

/** A week of slots: 7 days × `perDay` half-hour slots from 09:00, capacity 2 each. */
function week(
  departmentId: string,
  perDay = 4,
  tweak: (slot: Slot, day: number, i: number) => Slot = (s) => s,
) {
  const slots: Slot[] = [];
  for (let day = 1; day <= 7; day++)
    for (let i = 0; i < perDay; i++)
      slots.push(
        tweak(
          {
            identifier: { system: SYSTEM, value: `slot-${day}-${i}` },
            startsAt: at(day, 9, 30 * i),
            endsAt: at(day, 9, 30 * i + 30),
            capacity: 2,
            open: true,
          },
          day,
          i,
        ),
      );
  return push(departmentId, slots);
}

type Slot = ReplaceExternalSlotsInput["schedules"][number]["slots"][number];

function push(departmentId: string, slots: Slot[]): ReplaceExternalSlotsInput {
  return replaceExternalSlotsSchema.parse({
    schedules: [
      {
        identifier: { system: SYSTEM, value: `schedule-${departmentId}` },
        service: { kind: "department", id: departmentId },
        horizon,
        active: true,
        slots,
      },
    ],
  });
}

/** Every row the push may touch, to prove a refused push changed nothing. */
async function snapshot(institutionId: string) {
  const db = testDb();
  return {
    schedules: await db.schedule.findMany({ where: { institutionId }, orderBy: { id: "asc" } }),
    slots: await db.slot.findMany({ where: { institutionId }, orderBy: { id: "asc" } }),
    bookings: await db.booking.findMany({
      where: { institutionId },
      orderBy: { id: "asc" },
      select: { id: true, slotId: true, status: true, version: true },
    }),
    months: await db.quotaPeriod.findMany({ where: { institutionId }, orderBy: { month: "asc" } }),
  };
}

const book = (slotId: string) =>
  bookFromBody(
    testDb(),
    {
      slotId,
      locale: "en",
      name: "Amina Yusuf",
      nationality: "KE",
      dateOfBirth: "1990-02-03",
      email: `his-${++n}@example.org`,
      phone: "+254 712 345678",
      preferredLanguage: "en",
      reasonForVisit: "Check-up",
      interpreterWanted: false,
      paymentMethod: "SELF_PAY",
      consentTerms: true,
      consentSensitive: true,
    },
    { idempotencyKey: randomUUID(), clientKey: `his-${++n}` },
  );

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the push was accepted");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

const slotOf = (institutionId: string, value: string) =>
  testDb().slot.findFirstOrThrow({ where: { institutionId, externalSystem: SYSTEM, externalId: value } });

describe("a hospital system pushes its slots", () => {
  it("a week of slots is published under a schedule the system manages", async () => {
    const h = await hospital();
    const report = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    expect(report.schedules).toHaveLength(1);
    expect(report.schedules[0]).toMatchObject({ outcome: "created", removed: 0 });
    expect(report.schedules[0]!.slots.map((s) => s.outcome)).toEqual(Array(28).fill("created"));

    const schedule = await testDb().schedule.findUniqueOrThrow({ where: { id: report.schedules[0]!.id } });
    expect(schedule).toMatchObject({
      institutionId: h.inst.id,
      departmentId: h.dept.id,
      externalSystem: SYSTEM,
      externalId: `schedule-${h.dept.id}`,
      managedByClientId: h.client.clientId,
      horizonStart: horizon.start,
      horizonEnd: horizon.end,
    });
    const slots = await testDb().slot.findMany({
      where: { scheduleId: schedule.id },
      orderBy: { startsAt: "asc" },
    });
    expect(slots).toHaveLength(28);
    expect(slots[0]).toMatchObject({
      departmentId: h.dept.id,
      startsAt: at(1, 9),
      endsAt: at(1, 9, 30),
      capacity: 2,
      closed: false,
      externalId: "slot-1-0",
    });
  });

  it("the same push twice changes nothing, and says so for every entry", async () => {
    const h = await hospital();
    await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const before = await snapshot(h.inst.id);
    const again = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    expect(again.schedules[0]).toMatchObject({ outcome: "unchanged", removed: 0 });
    expect(new Set(again.schedules[0]!.slots.map((s) => s.outcome))).toEqual(new Set(["unchanged"]));
    expect(await snapshot(h.inst.id)).toEqual(before);
  });

  it("changes, closes and removes slots inside the horizon; slots outside it stay", async () => {
    const h = await hospital();
    const first = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const scheduleId = first.schedules[0]!.id;
    // A slot after the horizon (pushed with a later horizon before) must survive this push.
    const later = await testDb().slot.create({
      data: {
        institutionId: h.inst.id,
        scheduleId,
        departmentId: h.dept.id,
        startsAt: at(20, 9),
        endsAt: at(20, 9, 30),
        capacity: 1,
        externalSystem: SYSTEM,
        externalId: "later",
      },
    });
    const changed = week(h.dept.id, 4, (s, day, i) =>
      day === 1 && i === 0
        ? { ...s, capacity: 5 }
        : day === 1 && i === 1
          ? { ...s, open: false }
          : day === 1 && i === 2
            ? { ...s, startsAt: at(1, 14), endsAt: at(1, 14, 45) }
            : s,
    );
    changed.schedules[0]!.slots = changed.schedules[0]!.slots.filter(
      (s) => s.identifier.value !== "slot-2-0",
    );
    const report = await replaceExternalSlots(testDb(), h.client, changed);
    expect(report.schedules[0]).toMatchObject({ outcome: "updated", removed: 1 });
    expect(report.schedules[0]!.slots.slice(0, 4).map((s) => s.outcome)).toEqual([
      "updated",
      "updated",
      "updated",
      "unchanged",
    ]);
    expect(await slotOf(h.inst.id, "slot-1-0")).toMatchObject({ capacity: 5, closed: false });
    expect(await slotOf(h.inst.id, "slot-1-1")).toMatchObject({ closed: true });
    expect(await slotOf(h.inst.id, "slot-1-2")).toMatchObject({ startsAt: at(1, 14), endsAt: at(1, 14, 45) });
    expect(await testDb().slot.count({ where: { institutionId: h.inst.id, externalId: "slot-2-0" } })).toBe(
      0,
    );
    expect(await testDb().slot.findUnique({ where: { id: later.id } })).not.toBeNull();
  });

  it("another institution's service is not found, and nothing is written", async () => {
    const h = await hospital();
    const other = await hospital();
    const before = await snapshot(other.inst.id);
    const error = await refusal(replaceExternalSlots(testDb(), h.client, week(other.dept.id)));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.fields).toEqual({ "schedules.0.service": "unknown" });
    expect(await snapshot(other.inst.id)).toEqual(before);
    expect(await testDb().schedule.count({ where: { institutionId: h.inst.id } })).toBe(0);
  });

  it("a client without slots:write is refused before anything is read", async () => {
    const h = await hospital();
    const error = await refusal(
      replaceExternalSlots(testDb(), { ...h.client, scopes: ["appointments:read"] }, week(h.dept.id)),
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  it("an existing manual schedule is adopted: its slots at the pushed times keep their bookings", async () => {
    const h = await hospital();
    const schedule = await testDb().schedule.create({
      data: { institutionId: h.inst.id, departmentId: h.dept.id },
    });
    const manual = await testDb().slot.create({
      data: {
        institutionId: h.inst.id,
        scheduleId: schedule.id,
        departmentId: h.dept.id,
        startsAt: at(3, 9),
        endsAt: at(3, 9, 30),
        capacity: 2,
      },
    });
    const booking = await book(manual.id);
    const report = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    expect(report.schedules[0]).toMatchObject({ id: schedule.id, outcome: "updated" });
    expect(await slotOf(h.inst.id, "slot-3-0")).toMatchObject({ id: manual.id, booked: 1 });
    const row = await testDb().booking.findUniqueOrThrow({ where: { reference: booking.reference } });
    expect(row.slotId).toBe(manual.id);
  });
});

describe("a push never takes a place from a patient", () => {
  it("removing, moving or shrinking a booked or held slot refuses the whole push, naming each slot", async () => {
    const h = await hospital();
    await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const booked = await slotOf(h.inst.id, "slot-1-0");
    await book(booked.id);
    await book(booked.id);
    const moved = await slotOf(h.inst.id, "slot-2-0");
    await book(moved.id);
    const held = await slotOf(h.inst.id, "slot-3-0");
    await createHold(testDb(), { slotId: held.id }, "his-holder");
    const before = await snapshot(h.inst.id);

    const bad = week(h.dept.id, 4, (s) =>
      s.identifier.value === "slot-1-0"
        ? { ...s, capacity: 1 }
        : s.identifier.value === "slot-2-0"
          ? { ...s, startsAt: at(2, 15), endsAt: at(2, 15, 30) }
          : s,
    );
    bad.schedules[0]!.slots = bad.schedules[0]!.slots.filter(
      (s) => s.identifier.value !== "slot-3-0" && s.identifier.value !== "slot-4-0",
    );
    const error = await refusal(replaceExternalSlots(testDb(), h.client, bad));
    expect(error.code).toBe("CONFLICT");
    expect(error.reason).toBe("slotsBooked");
    expect(error.fields).toEqual({
      "schedules.0.slots.0": "belowBooked",
      "schedules.0.slots.4": "hasBookings",
      [`schedules.0.unlisted.${SYSTEM}|slot-3-0`]: "hasBookings",
    });
    // slot-4-0 (free) would have gone, but the refusal keeps everything as it was.
    expect(await snapshot(h.inst.id)).toEqual(before);
  });

  it("closing a booked slot is allowed: its patients keep their places", async () => {
    const h = await hospital();
    await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const slot = await slotOf(h.inst.id, "slot-1-0");
    await book(slot.id);
    await replaceExternalSlots(
      testDb(),
      h.client,
      week(h.dept.id, 4, (s) => (s.identifier.value === "slot-1-0" ? { ...s, open: false } : s)),
    );
    expect(await slotOf(h.inst.id, "slot-1-0")).toMatchObject({ closed: true, booked: 1, capacity: 2 });
  });
});

describe("races", () => {
  it("the same first push twice at once: one schedule, one set of slots, both answered", async () => {
    const h = await hospital();
    const results = await Promise.allSettled([
      replaceExternalSlots(testDb(), h.client, week(h.dept.id)),
      replaceExternalSlots(testDb(), h.client, week(h.dept.id)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await testDb().schedule.count({ where: { institutionId: h.inst.id } })).toBe(1);
    expect(await testDb().slot.count({ where: { institutionId: h.inst.id } })).toBe(28);
  });

  it("a push removing a slot and a booking of it race: exactly one wins, never both, never a 500", async () => {
    for (let round = 0; round < 3; round++) {
      const h = await hospital();
      await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
      const slot = await slotOf(h.inst.id, "slot-1-0");
      const without = week(h.dept.id);
      without.schedules[0]!.slots = without.schedules[0]!.slots.filter(
        (s) => s.identifier.value !== "slot-1-0",
      );
      const [pushed, booked] = await Promise.allSettled([
        replaceExternalSlots(testDb(), h.client, without),
        book(slot.id),
      ]);
      const code = (r: PromiseSettledResult<unknown>) =>
        r.status === "fulfilled" ? "OK" : r.reason instanceof AppError ? r.reason.code : String(r.reason);
      const outcome = [code(pushed), code(booked)];
      expect([
        ["OK", "VALIDATION_FAILED"],
        ["CONFLICT", "OK"],
      ]).toContainEqual(outcome);
      const row = await testDb().slot.findUnique({ where: { id: slot.id } });
      if (outcome[0] === "OK") expect(row).toBeNull();
      else expect(row).toMatchObject({ booked: 1 });
    }
  });
});

describe("the month's quota (rule 3), as the console's publishing check", () => {
  it("a push offering more than the month leaves is refused whole; one that fits is published", async () => {
    const h = await hospital("PUBLIC");
    // 10% of 200 = 20 units for the month.
    await testDb().quotaPeriod.create({
      data: { institutionId: h.inst.id, month: monthDbDate(M), declaredVolume: 200 },
    });
    const before = await snapshot(h.inst.id);
    const error = await refusal(replaceExternalSlots(testDb(), h.client, week(h.dept.id))); // 28 × 2 = 56
    expect(error.code).toBe("QUOTA_EXCEEDED");
    expect(error.reason).toBe("publishOverQuota");
    expect(error.fields).toEqual({ [`quota.${M.year}-${String(M.month).padStart(2, "0")}`]: "outOfRange" });
    expect(await snapshot(h.inst.id)).toEqual(before);

    // 10 slots × 2 = exactly the cap.
    const fits = week(h.dept.id, 4);
    fits.schedules[0]!.slots = fits.schedules[0]!.slots.slice(0, 10);
    const report = await replaceExternalSlots(testDb(), h.client, fits);
    expect(report.quota).toEqual([expect.objectContaining({ cap: 20, added: 20, refused: 0, remaining: 0 })]);
    // Closed slots publish nothing: more of them fit.
    const closedToo = week(h.dept.id, 4, (s, day) => (day >= 4 ? { ...s, open: false } : s));
    closedToo.schedules[0]!.slots = closedToo.schedules[0]!.slots.filter((s, i) => i < 10 || !s.open);
    const more = await replaceExternalSlots(testDb(), h.client, closedToo);
    expect(more.schedules[0]!.slots.filter((s) => s.outcome === "created")).toHaveLength(16);
  });
});

describe("the console and a managed schedule", () => {
  it("a manager's edit of a schedule the hospital system manages is refused with its reason", async () => {
    const h = await hospital();
    const report = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const error = await refusal(
      publishSchedule(testDb(), h.manager, { scheduleId: report.schedules[0]!.id, weeks: 2 }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.reason).toBe("scheduleManaged");
  });

  it("the console's schedule pages name the hospital system that publishes it (and show no editor)", async () => {
    const h = await hospital();
    const report = await replaceExternalSlots(testDb(), h.client, week(h.dept.id));
    const schedule = await getSchedule(testDb(), h.manager, report.schedules[0]!.id, "en");
    const name = (await testDb().integrationClient.findUniqueOrThrow({ where: { id: h.client.clientId } }))
      .name;
    expect(schedule.managedBy).toEqual({ name });
    expect(schedule.futureSlots).toBeGreaterThan(0);
    const rows = await listSchedules(testDb(), h.manager, "en");
    expect(rows.find((r) => r.scheduleId === report.schedules[0]!.id)?.managedBy).toBe(name);
    expect(
      rows.filter((r) => r.scheduleId !== report.schedules[0]!.id).every((r) => r.managedBy === null),
    ).toBe(true);
  });
});
