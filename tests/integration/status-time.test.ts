// DESIGN rule 10 on the real database: staff status changes respect time.
// Check-in only on the visit's day in Beijing (from 00:00, or 2 hours before
// an early start), a no-show only after the start, completed only after
// check-in. A refused change is INVALID_TRANSITION with its reason, in the
// staff member's language, and changes nothing: status, version, audit, events.
import { beforeAll, describe, expect, it } from "vitest";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { getStaffBooking } from "../../lib/booking/get-staff-booking";
import { AppError } from "../../lib/errors";
import { localizeError } from "../../lib/http/errors";
import { addDays, calendarDateOf, isoDate } from "../../lib/time/zone";
import zh from "../../messages/zh.json" with { type: "json" };
import ar from "../../messages/ar.json" with { type: "json" };
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
/** Five days from today in Beijing: a day the test's own slots are on. */
let visitDay: string;
beforeAll(async () => {
  world = await createWorld(testDb());
  visitDay = isoDate(addDays(calendarDateOf(new Date()), 5));
});

const at = (time: string, day = visitDay) => new Date(`${day}T${time}+08:00`);
const dayBefore = () => isoDate(addDays(calendarDateOf(at("12:00")), -1));

/** A confirmed booking on a slot of its own at `startsAt` (institution A). */
async function bookAt(startsAt: Date) {
  const db = testDb();
  const slot = await db.slot.create({
    data: {
      institutionId: world.a.institutionId,
      scheduleId: world.a.scheduleId,
      departmentId: world.a.departmentId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      capacity: 5,
    },
  });
  return book(db, { ...world.a, slotIds: [slot.id] }, 0);
}

/** What a refused change must leave as it was. */
async function snapshot(reference: string) {
  const db = testDb();
  const b = await db.booking.findUniqueOrThrow({ where: { reference } });
  return {
    status: b.status,
    version: b.version,
    checkedInAt: b.checkedInAt,
    audit: await db.auditEvent.count({ where: { entityType: "booking", entityId: b.id } }),
    events: await db.bookingEvent.count({ where: { bookingId: b.id } }),
  };
}

const change = (
  reference: string,
  version: number,
  transition: "checkIn" | "noShow" | "complete",
  now: Date,
) => changeBookingStatus(testDb(), world.actors.staffA, { reference, version, transition }, now);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("check-in only on the visit's day (Beijing time)", () => {
  it("three days ahead is refused with INVALID_TRANSITION, says why in the staff's language, and changes nothing", async () => {
    const { reference } = await bookAt(at("10:00"));
    const before = await snapshot(reference);
    const error = await refusal(
      change(reference, 0, "checkIn", at("10:00", isoDate(addDays(calendarDateOf(at("12:00")), -3)))),
    );
    expect(error).toMatchObject({ code: "INVALID_TRANSITION", reason: "checkInNotYet" });
    expect(error.message).toMatch(/visit's day/);
    expect((await localizeError(error, "zh")).message).toBe(zh.Errors.reasons.checkInNotYet);
    expect((await localizeError(error, "ar")).message).toBe(ar.Errors.reasons.checkInNotYet);
    // One millisecond before 00:00 Beijing on the day: still refused.
    await expect(change(reference, 0, "checkIn", new Date(at("00:00").getTime() - 1))).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "checkInNotYet",
    });
    expect(await snapshot(reference)).toEqual(before);
    // The console offers no check-in, and says why.
    const shown = await getStaffBooking(
      testDb(),
      world.actors.staffA,
      reference,
      "en",
      at("23:00", dayBefore()),
    );
    expect(shown.transitions).toEqual(["cancel"]);
    expect(shown.transitionsNotNow).toEqual([
      { name: "checkIn", reason: "checkInNotYet" },
      { name: "noShow", reason: "noShowNotYet" },
    ]);
  });

  it("is accepted from 00:00 Beijing on the visit's day, before the start", async () => {
    const { reference } = await bookAt(at("11:00"));
    const now = at("00:00");
    expect(await change(reference, 0, "checkIn", now)).toMatchObject({ status: "CHECKED_IN", version: 1 });
    const after = await snapshot(reference);
    expect(after).toMatchObject({ status: "CHECKED_IN", version: 1, checkedInAt: now, audit: 1, events: 2 });
  });

  it("is accepted 2 hours before a start just after midnight, on the evening before", async () => {
    const { reference } = await bookAt(at("01:30"));
    await expect(change(reference, 0, "checkIn", at("23:29:59.999", dayBefore()))).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "checkInNotYet",
    });
    const shown = await getStaffBooking(
      testDb(),
      world.actors.staffA,
      reference,
      "en",
      at("23:30", dayBefore()),
    );
    expect(shown.transitions).toEqual(["checkIn", "cancel"]);
    expect(await change(reference, 0, "checkIn", at("23:30", dayBefore()))).toMatchObject({
      status: "CHECKED_IN",
    });
  });

  it("a late patient is checked in until the end of that day, not the next", async () => {
    const { reference } = await bookAt(at("09:00"));
    await expect(
      change(reference, 0, "checkIn", at("00:00", isoDate(addDays(calendarDateOf(at("12:00")), 1)))),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION", reason: "checkInClosed" });
    expect(await change(reference, 0, "checkIn", at("23:59:59"))).toMatchObject({ status: "CHECKED_IN" });
  });
});

describe("no-show only after the start; completed only after check-in", () => {
  it("a no-show before the start is refused and changes nothing; from the start it is accepted", async () => {
    const startsAt = at("14:00");
    const { reference } = await bookAt(startsAt);
    const before = await snapshot(reference);
    const error = await refusal(change(reference, 0, "noShow", new Date(startsAt.getTime() - 1)));
    expect(error).toMatchObject({ code: "INVALID_TRANSITION", reason: "noShowNotYet" });
    expect((await localizeError(error, "ar")).message).toBe(ar.Errors.reasons.noShowNotYet);
    expect(await snapshot(reference)).toEqual(before);
    expect(await change(reference, 0, "noShow", startsAt)).toMatchObject({ status: "NO_SHOW", version: 1 });
  });

  it("complete before check-in is refused (by status, whatever the time), and after check-in accepted", async () => {
    const startsAt = at("15:00");
    const { reference } = await bookAt(startsAt);
    const before = await snapshot(reference);
    const error = await refusal(change(reference, 0, "complete", new Date(startsAt.getTime() + 3_600_000)));
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.reason).toBeUndefined();
    expect(await snapshot(reference)).toEqual(before);
    await change(reference, 0, "checkIn", at("14:50"));
    expect(await change(reference, 1, "complete", at("15:40"))).toMatchObject({
      status: "COMPLETED",
      version: 2,
    });
  });
});
