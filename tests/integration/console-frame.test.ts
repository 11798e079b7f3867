// The consoles' own frame, needs-attention links and the readable audit trail,
// read from the real database: who the console header names, where each open
// request is dealt with, and the audit trail with references instead of ids.
import { beforeAll, describe, expect, it } from "vitest";
import { consoleIdentity } from "../../lib/auth/console-identity";
import { changeBookingStatus } from "../../lib/booking/change-booking-status";
import { ATTENTION_SHOWN, consoleSummary } from "../../lib/booking/console-summary";
import { auditQuerySchema, listInstitutionAudit } from "../../lib/audit/list-audit";
import { parseInput } from "../../lib/http/request";
import { publishSchedule } from "../../lib/schedule/publish-schedule";
import { testDb } from "../helpers/db";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
  await testDb().cityTranslation.create({ data: { cityId: world.cityId, locale: "en", name: "Test City" } });
});

describe("the console header", () => {
  it("names the staff member, their role and institution in the page's language", async () => {
    const db = testDb();
    const staff = await consoleIdentity(db, world.actors.staffA, "staff", "en");
    expect(staff).toEqual({
      name: world.actors.staffA.name,
      role: "HOSPITAL_STAFF",
      place: expect.stringMatching(/^Test Hospital A\d+$/),
    });
    // No Arabic name: English, then Chinese (the content fallback).
    expect((await consoleIdentity(db, world.actors.managerA, "staff", "ar")).place).toBe(staff.place);
    expect(await consoleIdentity(db, world.actors.managerA, "staff", "en")).toMatchObject({
      role: "HOSPITAL_MANAGER",
    });
  });

  it("names a city admin's city, and no city for the system admin", async () => {
    const db = testDb();
    expect(await consoleIdentity(db, world.actors.cityAdmin, "admin", "en")).toMatchObject({
      role: "CITY_ADMIN",
      place: "Test City",
    });
    expect(await consoleIdentity(db, world.actors.cityAdmin, "admin", "zh")).toMatchObject({
      place: "Test City",
    });
    expect(await consoleIdentity(db, world.actors.systemAdmin, "admin", "en")).toMatchObject({
      role: "SYSTEM_ADMIN",
      place: null,
    });
  });

  it("refuses the other console's users and the signed-out", async () => {
    const db = testDb();
    await expect(consoleIdentity(db, world.actors.cityAdmin, "staff", "en")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(consoleIdentity(db, world.actors.staffA, "admin", "en")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(consoleIdentity(db, null, "staff", "en")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("what needs attention", () => {
  it("lists each kind's soonest bookings of the staff's own institution, a waiting guarantee apart from a plain confirmation", async () => {
    const db = testDb();
    const w = await createWorld(db);
    const staff = w.actors.staffA;
    const empty = await consoleSummary(db, staff, "en");
    expect(empty.attention.map((a) => [a.kind, a.count, a.bookings])).toEqual([
      ["guarantee", 0, []],
      ["confirmation", 0, []],
      ["interpreter", 0, []],
      ["visaLetter", 0, []],
    ]);

    // Booked later slot first: the list is by visit time, not by booking time.
    const later = await book(db, w.a, 2);
    const sooner = await book(db, w.a, 1, { interpreterWanted: false });
    await book(db, w.b, 0); // another institution's
    const plain = await book(db, w.a, 3, { interpreterWanted: false, visaLetterWanted: false });
    const insured = await book(db, w.a, 0, { interpreterWanted: false, visaLetterWanted: false });
    await db.booking.update({
      where: { reference: plain.reference },
      data: { status: "PENDING_CONFIRMATION" },
    });
    const insurer = await db.insurer.create({ data: { slug: `ins-${Date.now()}`, name: "Test Insurer" } });
    const agreement = await db.directBillingAgreement.create({
      data: {
        institutionId: w.a.institutionId,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        validFrom: new Date("2020-01-01"),
      },
    });
    const insuredRow = await db.booking.update({
      where: { reference: insured.reference },
      data: { status: "PENDING_CONFIRMATION" },
    });
    await db.guaranteeOfPayment.create({ data: { bookingId: insuredRow.id, agreementId: agreement.id } });

    const summary = await consoleSummary(db, staff, "en");
    const byKind = Object.fromEntries(summary.attention.map((a) => [a.kind, a]));
    const refs = (kind: string) => byKind[kind]!.bookings.map((b) => b.reference);
    expect(refs("guarantee")).toEqual([insured.reference]);
    expect(refs("confirmation")).toEqual([plain.reference]);
    expect(refs("interpreter")).toEqual([later.reference]);
    expect(refs("visaLetter")).toEqual([sooner.reference, later.reference]);
    expect(byKind.visaLetter!.count).toBe(2);
    expect(byKind.visaLetter!.bookings[0]!.startsAt).toEqual(
      (await db.slot.findUniqueOrThrow({ where: { id: w.a.slotIds[1]! } })).startsAt,
    );

    // Acknowledged interpreters and cancelled bookings need nothing any more.
    await db.booking.update({
      where: { reference: later.reference },
      data: { interpreterAckAt: new Date() },
    });
    const { version } = await db.booking.findUniqueOrThrow({ where: { reference: sooner.reference } });
    await changeBookingStatus(db, staff, { reference: sooner.reference, version, transition: "cancel" });
    const after = await consoleSummary(db, staff, "en");
    const afterByKind = Object.fromEntries(after.attention.map((a) => [a.kind, a]));
    expect(afterByKind.interpreter!.count).toBe(0);
    expect(afterByKind.visaLetter!.bookings.map((b) => b.reference)).toEqual([later.reference]);
  });

  it(`shows at most ${ATTENTION_SHOWN} bookings of a kind and counts them all`, async () => {
    const db = testDb();
    const w = await createWorld(db);
    for (let i = 0; i < ATTENTION_SHOWN + 2; i++) await book(db, w.a, i % 4);
    const summary = await consoleSummary(db, w.actors.staffA, "en");
    const letters = summary.attention.find((a) => a.kind === "visaLetter")!;
    expect(letters.count).toBe(ATTENTION_SHOWN + 2);
    expect(letters.bookings).toHaveLength(ATTENTION_SHOWN);
    const times = letters.bookings.map((b) => b.startsAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    await expect(consoleSummary(db, w.actors.cityAdmin, "en")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the audit trail as people read it", () => {
  it("names the booking by its reference, the schedule by its service and says what changed, with no id", async () => {
    const db = testDb();
    const w = await createWorld(db);
    const manager = w.actors.managerA;
    const { reference } = await book(db, w.a, 0);
    const { version } = await db.booking.findUniqueOrThrow({ where: { reference } });
    await changeBookingStatus(db, manager, {
      reference,
      version,
      transition: "cancel",
      reason: "Patient asked",
    });
    await publishSchedule(db, manager, { scheduleId: w.a.scheduleId, weeks: 1 });

    const trail = await listInstitutionAudit(db, manager, parseInput(auditQuerySchema, {}), "en");
    const cancel = trail.events.find((e) => e.action === "booking.cancel")!;
    expect(cancel.subject).toEqual({ kind: "booking", reference });
    expect(cancel.actorName).toBe(manager.name);
    expect(cancel.actorRole).toBe("HOSPITAL_MANAGER");
    expect(cancel.changes).toEqual([
      {
        field: "status",
        before: { kind: "status", value: "CONFIRMED" },
        after: { kind: "status", value: "CANCELLED" },
      },
      { field: "reason", before: null, after: { kind: "text", value: "Patient asked" } },
    ]);
    const publish = trail.events.find((e) => e.action === "schedule.publish")!;
    expect(publish.subject).toEqual({ kind: "schedule", service: "General practice" });
    expect(publish.changes.find((c) => c.field === "weeks")!.after).toEqual({ kind: "number", value: 1 });
    // What the page shows of each event carries no id.
    const shown = trail.events.map(({ subject, changes, action }) => ({ subject, changes, action }));
    expect(JSON.stringify(shown)).not.toMatch(/"c[a-z0-9]{20,}"|[0-9a-f]{8}-[0-9a-f]{4}-/);

    // Another institution's manager sees none of it.
    const other = await listInstitutionAudit(db, w.actors.managerB, parseInput(auditQuerySchema, {}), "en");
    expect(other.events.some((e) => e.subject.kind === "booking" && e.subject.reference === reference)).toBe(
      false,
    );
  });
});
