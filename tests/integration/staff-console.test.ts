// The staff console's rules on the real database: status transitions,
// optimistic concurrency, cancellation giving back place and units, requests,
// schedule edits around booked slots, and the audit trail.
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { getVisaLetterForPatient, getVisaLetterForStaff } from "../../lib/booking/get-visa-letter";
import { auditQuerySchema, listInstitutionAudit } from "../../lib/audit/list-audit";
import { renderEmail } from "../../lib/notify/render-email";
import { acknowledgeInterpreter } from "../../lib/booking/acknowledge-interpreter";
import { addScheduleClosure } from "../../lib/schedule/add-schedule-closure";
import { allowedTransitions } from "../../lib/booking/booking-transitions";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { issueVisaLetter } from "../../lib/booking/issue-visa-letter";
import { listDayBookings } from "../../lib/booking/list-bookings";
import { getStaffBooking } from "../../lib/booking/get-staff-booking";
import { publishSchedule } from "../../lib/schedule/publish-schedule";
import { removeScheduleRule } from "../../lib/schedule/remove-schedule-rule";
import { parseInput } from "../../lib/http/request";
import { calendarDateOf, isoDate } from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
});

const versionOf = async (reference: string) =>
  (await testDb().booking.findUniqueOrThrow({ where: { reference } })).version;

/** When the slot of the site's `slotIndex` starts. */
const startOf = async (site: World["a"], slotIndex: number) =>
  (await testDb().slot.findUniqueOrThrow({ where: { id: site.slotIds[slotIndex]! } })).startsAt;

describe("status transitions", () => {
  it("allow each change only from the right status", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 0);
    const startsAt = await startOf(world.a, 0);
    // After the start, so that the time allows every change the status allows.
    const allowed = (status: Parameters<typeof allowedTransitions>[0]["status"]) =>
      allowedTransitions({ status, guarantee: null, startsAt }, startsAt);
    expect(allowed("PENDING_CONFIRMATION")).toEqual(["confirm", "cancel"]);
    expect(allowed("CONFIRMED")).toEqual(["checkIn", "noShow", "cancel"]);
    expect(allowed("CHECKED_IN")).toEqual(["complete"]);
    expect(allowed("COMPLETED")).toEqual([]);
    const staff = world.actors.staffA;
    // On the visit's day, an hour before the start.
    const now = new Date(startsAt.getTime() - 3_600_000);
    await expect(
      changeBookingStatus(db, staff, { reference, version: 0, transition: "complete" }, now),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    // A no-show only once the appointment time has passed.
    await expect(
      changeBookingStatus(db, staff, { reference, version: 0, transition: "noShow" }, now),
    ).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    const checked = await changeBookingStatus(
      db,
      staff,
      { reference, version: 0, transition: "checkIn" },
      now,
    );
    expect(checked).toMatchObject({ status: "CHECKED_IN", version: 1 });
    await expect(
      changeBookingStatus(db, staff, { reference, version: 1, transition: "cancel", reason: "x" }, now),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await changeBookingStatus(db, staff, { reference, version: 1, transition: "complete" }, now);
    expect((await db.booking.findUniqueOrThrow({ where: { reference } })).status).toBe("COMPLETED");
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 1);
    // As the console's form sends it: the command reads the form, then calls the use case.
    await expect(
      staffCommands.changeBookingStatus(db, world.actors.staffA, {
        reference,
        version: 0,
        transition: "cancel",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { reason: "required" } });
    await expect(
      staffCommands.changeBookingStatus(db, world.actors.staffA, {
        reference: "nope",
        version: -1,
        transition: "explode",
      }),
    ).rejects.toMatchObject({
      fields: { reference: "invalid", version: "outOfRange", transition: "invalid" },
    });
    expect(await versionOf(reference)).toBe(0);
  });

  it("of two staff changing the same booking at once, exactly one wins; the others see it changed", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 2);
    const onTheDay = await startOf(world.a, 2);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        changeBookingStatus(
          db,
          i % 2 ? world.actors.staffA : world.actors.managerA,
          {
            reference,
            version: 0,
            ...(i % 3 === 0 ? { transition: "cancel", reason: "Doctor ill" } : { transition: "checkIn" }),
          },
          onTheDay,
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected"))
      expect(r.reason.code).toBe("BOOKING_CHANGED");
    expect(await versionOf(reference)).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { entityType: "booking", action: { in: ["booking.checkIn", "booking.cancel"] }, data: {} },
      }),
    ).toBeGreaterThan(0);
  });

  it("a cancellation gives back the place and the units, e-mails the reason in the patient's language, and is audited", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 3);
    const before = await db.booking.findUniqueOrThrow({ where: { reference }, include: { slot: true } });
    await changeBookingStatus(db, world.actors.managerA, {
      reference,
      version: 0,
      transition: "cancel",
      reason: "The doctor is away that day",
    });
    const slot = await db.slot.findUniqueOrThrow({ where: { id: before.slotId } });
    expect(slot.booked).toBe(before.slot.booked - 1);
    const outbox = await db.outboxMessage.findFirstOrThrow({
      where: { template: "booking-cancelled-by-hospital", toEmail: before.patientEmail },
    });
    const mail = await renderEmail(db, outbox);
    expect(mail.language).toBe("ar");
    expect(mail.text).toContain("The doctor is away that day");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entityId: before.id, action: "booking.cancel" },
    });
    expect(audit).toMatchObject({
      actorId: world.actors.managerA.userId,
      actorRole: "HOSPITAL_MANAGER",
      institutionId: world.a.institutionId,
      before: { status: "CONFIRMED", version: 0 },
      after: { status: "CANCELLED", version: 1, reason: "The doctor is away that day" },
    });
  });

  it("another institution's booking does not exist for a staff member (404), and roles without the permission get 403", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 0);
    await expect(
      changeBookingStatus(db, world.actors.staffB, { reference, version: 0, transition: "checkIn" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      changeBookingStatus(db, world.actors.cityAdmin, { reference, version: 0, transition: "checkIn" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getVisaLetterForStaff(db, world.actors.managerB, reference)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const day = await listDayBookings(db, world.actors.staffB, { q: reference }, "en");
    expect(day.rows).toEqual([]);
  });
});

describe("patients' names", () => {
  it("the day list and the booking give a name typed in another script in Latin letters too, and a Latin one as typed", async () => {
    const db = testDb();
    const { reference } = await book(db, world.a, 3, { name: "Ольга Царёва", nationality: "RU" });
    const day = await listDayBookings(db, world.actors.staffA, { q: reference }, "zh");
    expect(day.rows).toMatchObject([
      { patientName: "Ольга Царёва", patientLatinName: "Olga Tsareva", nationality: "RU" },
    ]);
    const shown = await getStaffBooking(db, world.actors.staffA, reference, "zh");
    expect(shown.patient).toMatchObject({
      name: "Ольга Царёва",
      latinName: "Olga Tsareva",
      nationality: "RU",
    });
    const latin = await book(db, world.a, 3);
    expect(
      (await getStaffBooking(db, world.actors.staffA, latin.reference, "zh")).patient.latinName,
    ).toBeNull();
  });
});

describe("requests", () => {
  it("staff acknowledge an interpreter and issue a visa letter PDF the patient downloads with the manage token", async () => {
    const db = testDb();
    const { reference, manageToken } = await book(db, world.a, 1);
    await acknowledgeInterpreter(db, world.actors.staffA, { reference, version: 0 });
    await expect(
      acknowledgeInterpreter(db, world.actors.staffA, { reference, version: 1 }),
    ).rejects.toMatchObject({
      code: "INVALID_TRANSITION",
    });
    const today = isoDate(calendarDateOf(new Date()));
    // As the console's form sends it: the command reads the form (the schema's rules), then calls the use case.
    await expect(
      staffCommands.issueVisaLetter(db, world.actors.staffA, {
        reference,
        stayFrom: "2030-02-10",
        stayTo: "2030-02-01",
      }),
    ).rejects.toMatchObject({ fields: { stayTo: "invalid" } });
    const later = isoDate(calendarDateOf(new Date(Date.now() + 30 * 86_400_000)));
    const { number } = await issueVisaLetter(db, world.actors.staffA, {
      reference,
      stayFrom: today,
      stayTo: later,
    });
    await expect(
      issueVisaLetter(db, world.actors.staffA, { reference, stayFrom: today, stayTo: later }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    const letter = await getVisaLetterForPatient(db, reference, manageToken);
    const pdf = await PDFDocument.load(letter.pdf);
    expect(pdf.getTitle()).toBe(`Visa support letter ${number}`);
    expect(pdf.getSubject()).toBe(`Booking ${reference}`);
    expect(letter.pdf.byteLength).toBeGreaterThan(5_000);
    await expect(getVisaLetterForPatient(db, reference, "wrong-token")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const mail = await renderEmail(
      db,
      await db.outboxMessage.findFirstOrThrow({
        where: { template: "visa-letter-issued", dedupeKey: { contains: "" } },
        orderBy: { createdAt: "desc" },
      }),
    );
    expect(mail.subject).toContain(reference);
  });
});

describe("schedules", () => {
  it("publishes four weeks from weekly rules; edits never remove or shrink what is booked, and say so", async () => {
    const db = testDb();
    const dept = await db.department.create({
      data: {
        institutionId: world.a.institutionId,
        slug: `sched-${Date.now()}`,
        specialty: "cardiology",
        consultationFeeFen: 1,
      },
    });
    const schedule = await db.schedule.create({
      data: { institutionId: world.a.institutionId, departmentId: dept.id },
    });
    const staff = world.actors.staffA;
    const scheduleId = schedule.id;
    // Every weekday 09:00-11:00, 30-minute slots for 2 patients: 4 slots a day. The rules as the
    // console's form sends them ("HH:MM"): the command reads the form, then calls the use case.
    const addScheduleRule = staffCommands.addScheduleRule;
    for (const weekday of [1, 2, 3, 4, 5])
      await addScheduleRule(db, staff, {
        scheduleId,
        weekday,
        start: "09:00",
        end: "11:00",
        slotMinutes: 30,
        capacity: 2,
      });
    await expect(
      addScheduleRule(db, staff, {
        scheduleId,
        weekday: 1,
        start: "10:00",
        end: "12:00",
        slotMinutes: 30,
        capacity: 2,
      }),
    ).rejects.toMatchObject({ fields: { start: "invalid" } });
    const published = await publishSchedule(db, staff, { scheduleId, weeks: 4 });
    expect(published.created).toBeGreaterThanOrEqual(4 * 5 * 4 - 8);
    expect(published.created).toBeLessThanOrEqual(4 * 5 * 4 + 4);
    expect((await publishSchedule(db, staff, { scheduleId, weeks: 4 })).created).toBe(0);

    // Book the first Monday slot twice.
    const monday = await db.slot.findFirstOrThrow({
      where: { scheduleId, startsAt: { gt: new Date(Date.now() + 86_400_000) } },
      orderBy: { startsAt: "asc" },
    });
    const site = { ...world.a, slotIds: [monday.id] };
    await book(db, site, 0);
    await book(db, site, 0);
    const weekdayOfMonday = calendarDateOf(monday.startsAt);
    const dow = new Date(
      Date.UTC(weekdayOfMonday.year, weekdayOfMonday.month - 1, weekdayOfMonday.day),
    ).getUTCDay();
    const rule = await db.scheduleRule.findFirstOrThrow({ where: { scheduleId, weekday: dow } });

    const removed = await removeScheduleRule(db, staff, { scheduleId, ruleId: rule.id });
    expect(removed.removed).toBeGreaterThanOrEqual(3 * 4 - 1);
    expect(removed.kept).toEqual([{ startsAt: monday.startsAt, booked: 2, reason: "booked" }]);
    const kept = await db.slot.findUniqueOrThrow({ where: { id: monday.id } });
    expect(kept).toMatchObject({ booked: 2, closed: true });

    // Put the rule back with capacity 1: the booked slot keeps capacity 2 and is reported.
    const back = await addScheduleRule(db, staff, {
      scheduleId,
      weekday: dow,
      start: "09:00",
      end: "11:00",
      slotMinutes: 30,
      capacity: 1,
    });
    expect(back.kept).toEqual([{ startsAt: monday.startsAt, booked: 2, reason: "capacityBelowBooked" }]);
    expect(await db.slot.findUniqueOrThrow({ where: { id: monday.id } })).toMatchObject({
      capacity: 2,
      closed: false,
    });

    // A closure over the booked day removes the free slots of that day and keeps the booked one.
    const day = isoDate(weekdayOfMonday);
    const closed = await addScheduleClosure(db, staff, {
      scheduleId,
      startsOn: day,
      endsOn: day,
      reason: "Holiday",
    });
    expect(closed.kept).toEqual([{ startsAt: monday.startsAt, booked: 2, reason: "booked" }]);
    expect(closed.removed).toBeGreaterThanOrEqual(1);

    // Another institution's schedule is not found; a city admin may not edit.
    await expect(publishSchedule(db, world.actors.staffB, { scheduleId, weeks: 4 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(publishSchedule(db, world.actors.cityAdmin, { scheduleId, weeks: 4 })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    await expect(staffCommands.publishSchedule(db, staff, { scheduleId, weeks: 99 })).rejects.toMatchObject({
      fields: { weeks: "outOfRange" },
    });

    // The manager reads it all in the audit trail; staff may not.
    const trail = await listInstitutionAudit(db, world.actors.managerA, parseInput(auditQuerySchema, {}));
    const actions = trail.events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "schedule.add_rule",
        "schedule.publish",
        "schedule.remove_rule",
        "schedule.add_closure",
      ]),
    );
    await expect(listInstitutionAudit(db, staff, parseInput(auditQuerySchema, {}))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const managerBTrail = await listInstitutionAudit(
      db,
      world.actors.managerB,
      parseInput(auditQuerySchema, {}),
    );
    expect(managerBTrail.events.every((e) => !actions.includes(e.action) || e.entityId !== scheduleId)).toBe(
      true,
    );
  });
});
