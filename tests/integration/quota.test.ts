// DESIGN rule 3 and issue 6 proven on the real database: the strictest rule
// wins, rule changes apply to later bookings only, Beijing months, the cap
// under concurrency, units given back to the right month, the publishing
// check, declared volumes, the audit trail and who may do what.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { bookFromBody } from "../helpers/book";
import { createHold } from "../../lib/booking/holds";
import { listSlots } from "../../lib/booking/list-slots";
import { cancelBooking } from "../../lib/booking/manage-booking";
import { rescheduleBooking } from "../../lib/booking/reschedule-booking";
import { AppError } from "../../lib/errors";
import { complianceCsv, complianceReport } from "../../lib/quota/compliance-report";
import { endQuotaRule } from "../../lib/quota/end-quota-rule";
import { institutionQuota } from "../../lib/quota/institution-quota";
import { addMonths, monthDbDate, monthKey } from "../../lib/quota/month";
import { meterLevel, quotaMonthStates } from "../../lib/quota/month-state";
import { quotaNotice } from "../../lib/quota/quota-notice";
import { verifyVolume } from "../../lib/quota/verify-volume";
import { createSchedule } from "../../lib/schedule/create-schedule";
import { publishSchedule } from "../../lib/schedule/publish-schedule";
import { beijingMonthOf, isoDate, zonedToUtc, type CalendarDate } from "../../lib/time/zone";
import { staffCommands } from "../../app/[locale]/_console/commands";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/staff-fixtures";

// The quota rule, the declared volume and the weekly rule as the console's forms send them (numbers and
// times typed as text): each command reads its form, then calls its use case.
const { addScheduleRule, declareVolume, setQuotaRule } = staffCommands;

let n = 0;
let city: { id: string; slug: string };
let otherCity: { id: string; slug: string };
let cityAdmin: Actor;
let otherCityAdmin: Actor;
let systemAdmin: Actor;

/** A month comfortably ahead, so every slot in it is in the future. */
const M = addMonths(beijingMonthOf(new Date()), 2);
const day = (month: CalendarDate, d: number): CalendarDate => ({ ...month, day: d });
/** An instant given in Beijing wall-clock time. */
const beijing = (month: CalendarDate, d: number, hh: number, mm = 0) =>
  zonedToUtc(day(month, d), hh * 60 + mm);
const lastDayOf = (month: CalendarDate) => new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();

const code = (r: PromiseSettledResult<unknown>) =>
  r.status === "fulfilled" ? "OK" : r.reason instanceof AppError ? r.reason.code : String(r.reason);
const tally = (results: PromiseSettledResult<unknown>[]) =>
  results.map(code).reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

async function hospital(options: { cityId?: string; ownership?: "PUBLIC" | "PRIVATE" } = {}) {
  const db = testDb();
  const slug = `quota-${++n}`;
  const inst = await db.institution.create({
    data: {
      slug,
      cityId: options.cityId ?? city.id,
      nameZh: `配额医院${n}`,
      addressZh: "测试路",
      latitude: 39.9,
      longitude: 116.4,
      ownership: options.ownership ?? "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
      translations: { create: { locale: "en", name: `Quota Hospital ${n}`, address: "Test Road" } },
    },
  });
  const department = (s: string) =>
    db.department.create({
      data: {
        institutionId: inst.id,
        slug: s,
        specialty: s === "cardio" ? "cardiology" : "general_practice",
        consultationFeeFen: 50_000,
      },
    });
  const general = await department("general");
  const cardio = await department("cardio");
  const pkg = await db.tcmPackage.create({
    data: { slug: `${slug}-pkg`, institutionId: inst.id, sessions: 3, durationDays: 5, priceFen: 300_000 },
  });
  const manager = await loadActor(
    db,
    (await createUser(db, "HOSPITAL_MANAGER", { institutionId: inst.id })).id,
  );
  const staff = await loadActor(db, (await createUser(db, "HOSPITAL_STAFF", { institutionId: inst.id })).id);
  const slot = (
    startsAt: Date,
    capacity = 50,
    target: { departmentId?: string; packageId?: string } = { departmentId: general.id },
  ) =>
    db.slot.create({
      data: {
        institutionId: inst.id,
        ...target,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        capacity,
      },
    });
  const volume = (month: CalendarDate, declaredVolume: number, usedUnits = 0) =>
    db.quotaPeriod.upsert({
      where: { institutionId_month: { institutionId: inst.id, month: monthDbDate(month) } },
      create: { institutionId: inst.id, month: monthDbDate(month), declaredVolume, usedUnits },
      update: { declaredVolume, usedUnits },
    });
  return { inst, general, cardio, pkg, manager: manager!, staff: staff!, slot, volume };
}

function patient(slotId: string, extra: Record<string, unknown> = {}) {
  return {
    slotId,
    locale: "ar",
    name: "Layla Haddad",
    nationality: "JO",
    dateOfBirth: "1985-04-12",
    email: `p${++n}@example.org`,
    phone: "+962 7 9012 3456",
    preferredLanguage: "ar",
    reasonForVisit: "Back pain",
    interpreterWanted: false,
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
    ...extra,
  };
}

const book = (slotId: string) =>
  bookFromBody(testDb(), patient(slotId), { idempotencyKey: randomUUID(), clientKey: `c-${++n}` });

const used = async (institutionId: string, month: CalendarDate) =>
  (
    await testDb().quotaPeriod.findUnique({
      where: { institutionId_month: { institutionId, month: monthDbDate(month) } },
    })
  )?.usedUnits ?? 0;

beforeAll(async () => {
  const db = testDb();
  city = await db.city.create({ data: { slug: "quota-city", nameZh: "配额市", province: "Test" } });
  otherCity = await db.city.create({ data: { slug: "quota-other", nameZh: "别市", province: "Test" } });
  cityAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: city.id })).id))!;
  otherCityAdmin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: otherCity.id })).id))!;
  systemAdmin = (await loadActor(db, (await createUser(db, "SYSTEM_ADMIN", {})).id))!;
});

describe("the strictest rule in force on the visit day (rule 3)", () => {
  it("national 10%, city 8%, institution 6%: the lowest applies; without rules, the statutory 10%", async () => {
    const h = await hospital();
    const other = await hospital({ cityId: otherCity.id });
    await h.volume(M, 100);
    await other.volume(M, 100);
    const percent = async (id: string) => (await quotaMonthStates(testDb(), [id], [M]))[0]!.percent;
    expect(await percent(h.inst.id)).toBe(10);

    const from = isoDate(day(M, 1));
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "CITY",
      city: city.slug,
      percent: "8",
      effectiveFrom: from,
    });
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "INSTITUTION",
      institution: h.inst.slug,
      percent: "6",
      effectiveFrom: from,
    });
    expect(await percent(h.inst.id)).toBe(6);
    expect(await percent(other.inst.id)).toBe(10); // another city is untouched

    // 6 units allowed: the 7th booking is refused.
    const s = await h.slot(beijing(M, 10, 9));
    for (let i = 0; i < 6; i++) await book(s.id);
    await expect(book(s.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });

    // A looser institution rule does not loosen the city's: still 8 for the month after.
    const next = addMonths(M, 1);
    const rule = await testDb().quotaRule.findFirstOrThrow({ where: { institutionId: h.inst.id } });
    await endQuotaRule(testDb(), cityAdmin, { ruleId: rule.id, lastDay: isoDate(day(M, lastDayOf(M))) });
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "INSTITUTION",
      institution: h.inst.slug,
      percent: "50",
      effectiveFrom: isoDate(day(next, 1)),
    });
    expect((await quotaMonthStates(testDb(), [h.inst.id], [next]))[0]!.percent).toBe(8);
    await testDb().quotaRule.deleteMany({
      where: { OR: [{ cityId: city.id }, { institutionId: h.inst.id }] },
    });
  });

  it("a change in the middle of a month applies to bookings made after it and revokes none", async () => {
    const h = await hospital();
    await h.volume(M, 100); // 10% → 10 units
    const late = await h.slot(beijing(M, 20, 10));
    const early = await h.slot(beijing(M, 10, 10));
    const before = [];
    for (let i = 0; i < 9; i++) before.push(await book(late.id));

    // From the 15th, 8%: 8 units. The nine bookings already made stay confirmed.
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "INSTITUTION",
      institution: h.inst.slug,
      percent: "8",
      effectiveFrom: isoDate(day(M, 15)),
    });
    const statuses = await testDb().booking.findMany({
      where: { reference: { in: before.map((b) => b.reference) } },
      select: { status: true },
    });
    expect(statuses.every((b) => b.status === "CONFIRMED")).toBe(true);
    // A later booking for a visit after the 15th meets the 8% cap (9 + 1 > 8)...
    await expect(book(late.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    // ...one for a visit before the 15th still meets the 10% rule in force on its day (9 + 1 <= 10).
    await book(early.id);
    await expect(book(early.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    expect(await used(h.inst.id, M)).toBe(10);
    // The month's meter uses the strictest day: 8%, so the month shows as over its cap.
    const [state] = await quotaMonthStates(testDb(), [h.inst.id], [M]);
    expect(state).toMatchObject({ percent: 8, cap: 8, used: 10 });
  });
});

describe("Beijing calendar months", () => {
  it("a visit at 23:30 on the last day counts in that month, whatever the server's TZ", async () => {
    const previousTz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles"; // the 31st at 23:30 in Beijing is still the 31st's morning here
    try {
      const h = await hospital();
      const next = addMonths(M, 1);
      await h.volume(M, 10); // 1 unit each month
      await h.volume(next, 10);
      const lateNight = await h.slot(beijing(M, lastDayOf(M), 23, 30));
      const firstMorning = await h.slot(beijing(next, 1, 0, 30));
      const a = await book(lateNight.id);
      expect(await used(h.inst.id, M)).toBe(1);
      expect(await used(h.inst.id, next)).toBe(0);
      const b = await book(firstMorning.id);
      expect(await used(h.inst.id, next)).toBe(1);
      const periods = await testDb().booking.findMany({
        where: { reference: { in: [a.reference, b.reference] } },
        select: { reference: true, quotaPeriod: { select: { month: true } } },
      });
      expect(
        Object.fromEntries(periods.map((p) => [p.reference, p.quotaPeriod!.month.toISOString().slice(0, 7)])),
      ).toEqual({
        [a.reference]: monthKey(M),
        [b.reference]: monthKey(next),
      });
      // Each month is now full: one more 23:30 booking is refused.
      await expect(book(lateNight.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    } finally {
      process.env.TZ = previousTz;
    }
  });
});

describe("the cap under concurrency", () => {
  it("5 units left, 40 concurrent bookings across departments and a 3-session package: exactly 5 units taken", async () => {
    const h = await hospital();
    await h.volume(M, 100, 5); // cap 10, 5 already used
    const general = await h.slot(beijing(M, 8, 9));
    const cardio = await h.slot(beijing(M, 8, 10), 50, { departmentId: h.cardio.id });
    const pkg = await h.slot(beijing(M, 8, 14), 50, { packageId: h.pkg.id });
    const targets = Array.from({ length: 40 }, (_, i) => [general, cardio, pkg][i % 3]!);
    const results = await Promise.allSettled(targets.map((s) => book(s.id)));
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(["OK", "QUOTA_EXCEEDED"]);
    expect(await used(h.inst.id, M)).toBe(10);
    const taken = await testDb().booking.aggregate({
      where: { institutionId: h.inst.id, status: { not: "CANCELLED" } },
      _sum: { units: true },
    });
    expect(taken._sum.units).toBe(5);
    const packages = await testDb().booking.findMany({
      where: { packageId: h.pkg.id },
      select: { units: true },
    });
    expect(packages.every((b) => b.units === 3)).toBe(true);
  });
});

describe("units go back to the right month", () => {
  it("rescheduling moves them, cancelling returns them; a package counts its sessions", async () => {
    const h = await hospital();
    const next = addMonths(M, 1);
    await h.volume(M, 100);
    await h.volume(next, 100);
    const inM = await h.slot(beijing(M, 12, 9), 5, { packageId: h.pkg.id });
    const inNext = await h.slot(beijing(next, 12, 9), 5, { packageId: h.pkg.id });
    const booking = await book(inM.id);
    expect(booking.units).toBe(3);
    expect([await used(h.inst.id, M), await used(h.inst.id, next)]).toEqual([3, 0]);
    await rescheduleBooking(testDb(), booking.reference, booking.manageToken, { slotId: inNext.id });
    expect([await used(h.inst.id, M), await used(h.inst.id, next)]).toEqual([0, 3]);
    await cancelBooking(testDb(), booking.reference, booking.manageToken);
    expect([await used(h.inst.id, M), await used(h.inst.id, next)]).toEqual([0, 0]);
  });
});

describe("no declared volume, no special-service bookings", () => {
  it("a public institution without a volume for the month refuses the hold and the booking; a private one is not capped", async () => {
    const h = await hospital();
    const s = await h.slot(beijing(M, 5, 9));
    await expect(createHold(testDb(), { slotId: s.id }, "client-x")).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
    });
    await expect(book(s.id)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    const slots = await listSlots(testDb(), {
      hospital: h.inst.slug,
      department: "general",
      from: isoDate(day(M, 5)),
      to: isoDate(day(M, 5)),
    });
    expect(slots.map((x) => x.available)).toEqual([0]);
    const notice = await quotaNotice(
      testDb(),
      { hospital: h.inst.slug, department: "general" },
      { from: beijing(M, 1, 0), to: beijing(M, 14, 0) },
      "en",
    );
    expect(notice.fullMonths).toEqual([monthKey(M)]);

    const p = await hospital({ ownership: "PRIVATE" });
    const ps = await p.slot(beijing(M, 5, 9));
    await book(ps.id);
    expect(await testDb().quotaPeriod.count({ where: { institutionId: p.inst.id } })).toBe(0);
  });

  it("the patient's notice lists other institutions of the city with room and open times for the same care", async () => {
    const full = await hospital();
    await full.volume(M, 10);
    const s = await full.slot(beijing(M, 6, 9));
    await book(s.id); // cap 1, now used
    const withRoom = await hospital();
    await withRoom.volume(M, 1000);
    await withRoom.slot(beijing(M, 7, 9));
    const noVolume = await hospital();
    await noVolume.slot(beijing(M, 7, 9));
    const privateOne = await hospital({ ownership: "PRIVATE" });
    await privateOne.slot(beijing(M, 7, 9));
    const elsewhere = await hospital({ cityId: otherCity.id });
    await elsewhere.volume(M, 1000);
    await elsewhere.slot(beijing(M, 7, 9));

    const notice = await quotaNotice(
      testDb(),
      { hospital: full.inst.slug, department: "general" },
      { from: beijing(M, 1, 0), to: beijing(M, 14, 0) },
      "en",
      new Date(),
      50,
    );
    expect(notice.fullMonths).toEqual([monthKey(M)]);
    const slugs = notice.alternatives.map((a) => a.institution.slug);
    expect(slugs).toContain(withRoom.inst.slug);
    expect(slugs).toContain(privateOne.inst.slug);
    expect(slugs).not.toContain(noVolume.inst.slug);
    expect(slugs).not.toContain(elsewhere.inst.slug);
    expect(slugs).not.toContain(full.inst.slug);
    expect(notice.alternatives.find((a) => a.institution.slug === withRoom.inst.slug)).toMatchObject({
      kind: "department",
      slug: "general",
      institution: { name: expect.stringContaining("Quota Hospital") },
    });
  });
});

describe("the publishing check", () => {
  async function weekSchedule(h: Awaited<ReturnType<typeof hospital>>) {
    const created = (await createSchedule(testDb(), h.manager, { service: "d:general" })) as { id: string };
    for (let weekday = 0; weekday < 7; weekday++) {
      await addScheduleRule(testDb(), h.manager, {
        scheduleId: created.id,
        weekday: String(weekday),
        start: "09:00",
        end: "10:00",
        slotMinutes: "60",
        capacity: "2",
      });
    }
    return created.id;
  }
  // Publishing "now" at the start of M: one week is 7 slots of 2 places, 14 units, all in M.
  const startOfM = () => beijing(M, 1, 0, 1);

  it("beyond the cap is refused (and reported); at the cap it is allowed", async () => {
    const beyond = await hospital();
    await beyond.volume(M, 100); // cap 10
    const id = await weekSchedule(beyond);
    const report = await publishSchedule(testDb(), beyond.manager, { scheduleId: id, weeks: 1 }, startOfM());
    expect(report.quota).toEqual([
      {
        month: monthKey(M),
        cap: 10,
        used: 0,
        published: 0,
        added: 10,
        refused: 4,
        remaining: 0,
        noVolume: false,
      },
    ]);
    const slots = await testDb().slot.findMany({ where: { scheduleId: id }, orderBy: { startsAt: "asc" } });
    expect(slots.map((s) => s.capacity)).toEqual([2, 2, 2, 2, 2]);

    const exact = await hospital();
    await exact.volume(M, 140); // cap 14 = what one week offers
    const id2 = await weekSchedule(exact);
    const ok = await publishSchedule(testDb(), exact.manager, { scheduleId: id2, weeks: 1 }, startOfM());
    expect(ok.quota[0]).toMatchObject({ cap: 14, added: 14, refused: 0, remaining: 0 });
    expect(await testDb().slot.count({ where: { scheduleId: id2 } })).toBe(7);
    // A second week finds no room left in the month.
    const more = await publishSchedule(testDb(), exact.manager, { scheduleId: id2, weeks: 2 }, startOfM());
    expect(more.quota[0]).toMatchObject({ added: 0, refused: 14, remaining: 0 });
    expect(await testDb().slot.count({ where: { scheduleId: id2 } })).toBe(7);
    // Bookings turn published places into used units: used + published never exceeds the cap.
    const first = await testDb().slot.findFirstOrThrow({
      where: { scheduleId: id2 },
      orderBy: { startsAt: "asc" },
    });
    await book(first.id);
    const [state] = await quotaMonthStates(testDb(), [exact.inst.id], [M], startOfM());
    expect(state).toMatchObject({ cap: 14, used: 1, published: 13, remaining: 0 });
  });

  it("a month without a declared volume publishes nothing, and says so", async () => {
    const h = await hospital();
    const id = await weekSchedule(h);
    const report = await publishSchedule(testDb(), h.manager, { scheduleId: id, weeks: 1 }, startOfM());
    expect(report.created).toBe(0);
    expect(report.quota[0]).toMatchObject({ cap: 0, added: 0, refused: 14, noVolume: true });
  });

  it("two publications racing for the same room do not both get it", async () => {
    const h = await hospital();
    await h.volume(M, 100); // 10 units
    const one = await weekSchedule(h);
    const created = (await createSchedule(testDb(), h.manager, { service: "d:cardio" })) as { id: string };
    for (let weekday = 0; weekday < 7; weekday++)
      await addScheduleRule(testDb(), h.manager, {
        scheduleId: created.id,
        weekday: String(weekday),
        start: "11:00",
        end: "12:00",
        slotMinutes: "60",
        capacity: "2",
      });
    const reports = await Promise.all(
      [one, created.id].map((scheduleId) =>
        publishSchedule(testDb(), h.manager, { scheduleId, weeks: 1 }, startOfM()),
      ),
    );
    expect(reports.reduce((sum, r) => sum + r.quota[0]!.added, 0)).toBe(10);
    const [state] = await quotaMonthStates(testDb(), [h.inst.id], [M], startOfM());
    expect(state).toMatchObject({ cap: 10, published: 10, remaining: 0 });
  });
});

describe("declared volumes", () => {
  it("a manager declares, a city admin locks; lowering below what is booked is refused with the numbers", async () => {
    const h = await hospital();
    const month = monthKey(M);
    await declareVolume(testDb(), h.manager, { month, volume: "100" });
    const s = await h.slot(beijing(M, 9, 9));
    for (let i = 0; i < 7; i++) await book(s.id);
    const refused = await declareVolume(testDb(), h.manager, { month, volume: "50" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: "VOLUME_BELOW_USED",
      fields: { volume: "belowBooked" },
      values: { volume: 50, percent: 10, cap: 5, used: 7, minimum: 70 },
    });
    await declareVolume(testDb(), h.manager, { month, volume: "70" }); // exactly enough
    await verifyVolume(testDb(), cityAdmin, { institution: h.inst.slug, month, action: "lock" });
    await expect(declareVolume(testDb(), h.manager, { month, volume: "200" })).rejects.toMatchObject({
      code: "VOLUME_LOCKED",
    });
    await verifyVolume(testDb(), cityAdmin, { institution: h.inst.slug, month, action: "unlock" });
    await declareVolume(testDb(), h.manager, { month, volume: "200" });

    const events = await testDb().auditEvent.findMany({
      where: { institutionId: h.inst.id, entityType: "quota_period" },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorRole: true, before: true, after: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      "quota.volume.declare",
      "quota.volume.declare",
      "quota.volume.lock",
      "quota.volume.unlock",
      "quota.volume.declare",
    ]);
    expect(events[1]).toMatchObject({
      actorRole: "HOSPITAL_MANAGER",
      before: { volume: 100 },
      after: { volume: 70, cap: 7 },
    });
    expect(events[2]).toMatchObject({ actorRole: "CITY_ADMIN" });
  });

  it("bad input names the field and changes nothing", async () => {
    const h = await hospital();
    const month = monthKey(M);
    const fields = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).fields;
    expect(await fields(declareVolume(testDb(), h.manager, { month, volume: "-5" }))).toEqual({
      volume: "outOfRange",
    });
    expect(await fields(declareVolume(testDb(), h.manager, { month, volume: "99999999" }))).toEqual({
      volume: "outOfRange",
    });
    expect(await fields(declareVolume(testDb(), h.manager, { month, volume: "12.5" }))).toEqual({
      volume: "invalid",
    });
    expect(await fields(declareVolume(testDb(), h.manager, { month: "2026-13", volume: "10" }))).toEqual({
      month: "invalid",
    });
    expect(
      await fields(declareVolume(testDb(), h.manager, { month: monthKey(addMonths(M, 30)), volume: "10" })),
    ).toEqual({
      month: "outOfRange",
    });
    expect(await testDb().quotaPeriod.count({ where: { institutionId: h.inst.id } })).toBe(0);
  });
});

describe("quota rules: bad input and who may set them", () => {
  it("percentages outside 0-100, past dates and overlapping rules are refused with the field named", async () => {
    const h = await hospital();
    const from = isoDate(day(M, 1));
    const fields = async (input: Record<string, string>, actor: Actor = cityAdmin) =>
      ((await setQuotaRule(testDb(), actor, input).catch((e: unknown) => e)) as AppError).fields;
    expect(await fields({ scope: "CITY", city: city.slug, percent: "120", effectiveFrom: from })).toEqual({
      percent: "outOfRange",
    });
    expect(await fields({ scope: "CITY", city: city.slug, percent: "-1", effectiveFrom: from })).toEqual({
      percent: "outOfRange",
    });
    expect(await fields({ scope: "CITY", city: city.slug, percent: "8.125", effectiveFrom: from })).toEqual({
      percent: "invalid",
    });
    expect(
      await fields({ scope: "CITY", city: city.slug, percent: "8", effectiveFrom: "2020-01-01" }),
    ).toEqual({
      effectiveFrom: "inPast",
    });
    expect(await fields({ scope: "CITY", percent: "8", effectiveFrom: from })).toEqual({ city: "required" });
    expect(await fields({ scope: "CITY", city: "atlantis", percent: "8", effectiveFrom: from })).toEqual({
      city: "invalid",
    });

    // Planned from the 10th; another from the 5th would overlap it. From the 20th it follows on.
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "INSTITUTION",
      institution: h.inst.slug,
      percent: "9",
      effectiveFrom: isoDate(day(M, 10)),
    });
    expect(
      await fields({
        scope: "INSTITUTION",
        institution: h.inst.slug,
        percent: "7",
        effectiveFrom: isoDate(day(M, 5)),
      }),
    ).toEqual({ effectiveFrom: "overlap" });
    await setQuotaRule(testDb(), cityAdmin, {
      scope: "INSTITUTION",
      institution: h.inst.slug,
      percent: "7",
      effectiveFrom: isoDate(day(M, 20)),
    });
    const rules = await testDb().quotaRule.findMany({
      where: { institutionId: h.inst.id },
      orderBy: { effectiveFrom: "asc" },
    });
    expect(
      rules.map((r) => [
        Number(r.capPercent),
        isoDate({
          year: r.effectiveFrom.getUTCFullYear(),
          month: r.effectiveFrom.getUTCMonth() + 1,
          day: r.effectiveFrom.getUTCDate(),
        }),
        r.effectiveTo?.toISOString().slice(0, 10) ?? null,
      ]),
    ).toEqual([
      [9, isoDate(day(M, 10)), isoDate(day(M, 19))],
      [7, isoDate(day(M, 20)), null],
    ]);
    // The database holds the line too: a direct overlapping insert fails the exclusion constraint.
    await expect(
      testDb().quotaRule.create({
        data: {
          scope: "INSTITUTION",
          institutionId: h.inst.id,
          capPercent: 5,
          effectiveFrom: new Date(`${isoDate(day(M, 25))}T00:00:00Z`),
        },
      }),
    ).rejects.toThrow(/quota_rule_no_overlap|exclusion/i);

    // Concurrent rules for one scope and day: one wins, the others are told it overlaps.
    const race = await Promise.allSettled(
      ["6", "5", "4"].map((percent) =>
        setQuotaRule(testDb(), cityAdmin, {
          scope: "CITY",
          city: city.slug,
          percent,
          effectiveFrom: isoDate(day(addMonths(M, 3), 1)),
        }),
      ),
    );
    expect(tally(race)).toEqual({ OK: 1, VALIDATION_FAILED: 2 });
    const audit = await testDb().auditEvent.count({
      where: { entityType: "quota_rule", cityId: city.id, action: "quota.rule.set" },
    });
    expect(audit).toBeGreaterThanOrEqual(3);
    await testDb().quotaRule.deleteMany({ where: { cityId: city.id } });
  });

  it("a city admin rules only their city; the national default is the system admin's; hospitals only read", async () => {
    const h = await hospital();
    const from = isoDate(day(addMonths(M, 6), 1));
    const codeOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).code;
    expect(
      await codeOf(
        setQuotaRule(testDb(), otherCityAdmin, {
          scope: "CITY",
          city: city.slug,
          percent: "5",
          effectiveFrom: from,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        setQuotaRule(testDb(), otherCityAdmin, {
          scope: "INSTITUTION",
          institution: h.inst.slug,
          percent: "5",
          effectiveFrom: from,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        setQuotaRule(testDb(), cityAdmin, { scope: "NATIONAL", percent: "5", effectiveFrom: from }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        setQuotaRule(testDb(), h.manager, {
          scope: "CITY",
          city: city.slug,
          percent: "5",
          effectiveFrom: from,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        setQuotaRule(testDb(), null, { scope: "CITY", city: city.slug, percent: "5", effectiveFrom: from }),
      ),
    ).toBe("UNAUTHENTICATED");
    expect(await codeOf(declareVolume(testDb(), h.staff, { month: monthKey(M), volume: "10" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(declareVolume(testDb(), cityAdmin, { month: monthKey(M), volume: "10" }))).toBe(
      "FORBIDDEN",
    );
    await h.volume(M, 100);
    expect(
      await codeOf(
        verifyVolume(testDb(), otherCityAdmin, {
          institution: h.inst.slug,
          month: monthKey(M),
          action: "lock",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        verifyVolume(testDb(), h.manager, { institution: h.inst.slug, month: monthKey(M), action: "lock" }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(complianceReport(testDb(), otherCityAdmin, { city: city.slug }, "en"))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(complianceReport(testDb(), h.manager, {}, "en"))).toBe("FORBIDDEN");

    // The system admin sets a national rule far ahead, then withdraws it before it starts.
    const national = await setQuotaRule(testDb(), systemAdmin, {
      scope: "NATIONAL",
      percent: "9",
      effectiveFrom: from,
    });
    await endQuotaRule(testDb(), systemAdmin, { ruleId: national.id });
    expect(await testDb().quotaRule.count({ where: { id: national.id } })).toBe(0);
    expect(await codeOf(endQuotaRule(testDb(), cityAdmin, { ruleId: "nope" }))).toBe("NOT_FOUND");
  });
});

describe("meters and the compliance report read the booking's own numbers", () => {
  it("by department and package the meter adds up to the counter; warnings at 80% and 95%", async () => {
    const h = await hospital();
    const now = beijing(M, 1, 0, 1);
    await h.volume(M, 100); // cap 10
    const g = await h.slot(beijing(M, 3, 9));
    const c = await h.slot(beijing(M, 3, 10), 50, { departmentId: h.cardio.id });
    const p = await h.slot(beijing(M, 3, 11), 50, { packageId: h.pkg.id });
    await book(g.id);
    await book(g.id);
    await book(c.id);
    await book(p.id); // 3 units
    const view = await institutionQuota(testDb(), h.staff, "en", now);
    const meter = view.meters[0]!;
    expect(meter.state).toMatchObject({ month: monthKey(M), cap: 10, used: 6 });
    expect(meter.services.reduce((sum, s) => sum + s.used, 0)).toBe(meter.state.used);
    expect(meter.services.map((s) => [s.slug, s.used])).toEqual([
      [h.pkg.slug, 3],
      ["general", 2],
      ["cardio", 1],
    ]);
    expect(view.canDeclare).toBe(false); // staff read; managers declare
    expect(meterLevel({ cap: 10, used: 7 })).toBe("ok");
    expect(meterLevel({ cap: 10, used: 8 })).toBe("warning");
    expect(meterLevel({ cap: 100, used: 95 })).toBe("critical");
    expect(meterLevel({ cap: 0, used: 0 })).toBe("ok");
  });

  it("the report covers the city's public institutions month by month, flags a month over its cap, and exports CSV", async () => {
    const db = testDb();
    const reportCity = await db.city.create({
      data: { slug: "report-city", nameZh: "报告市", province: "Test" },
    });
    const admin = (await loadActor(db, (await createUser(db, "CITY_ADMIN", { cityId: reportCity.id })).id))!;
    const a = await hospital({ cityId: reportCity.id });
    const b = await hospital({ cityId: reportCity.id });
    await hospital({ cityId: reportCity.id, ownership: "PRIVATE" });
    await a.volume(M, 100);
    const s = await a.slot(beijing(M, 4, 9));
    for (let i = 0; i < 10; i++) await book(s.id); // at its cap
    await b.volume(M, 50, 9); // over its cap of 5 (e.g. bookings made before a stricter rule)
    await verifyVolume(db, admin, { institution: a.inst.slug, month: monthKey(M), action: "lock" });

    const report = await complianceReport(
      db,
      admin,
      { from: monthKey(M), to: monthKey(addMonths(M, 1)) },
      "en",
    );
    expect(report.city.slug).toBe("report-city");
    expect(report.months).toEqual([monthKey(M), monthKey(addMonths(M, 1))]);
    expect(report.institutions.map((i) => i.slug).sort()).toEqual([a.inst.slug, b.inst.slug].sort());
    const rowA = report.institutions.find((i) => i.slug === a.inst.slug)!.months[0]!;
    expect(rowA).toMatchObject({ declaredVolume: 100, cap: 10, used: 10, share: 0.1, overCap: false });
    expect(rowA.lockedAt).not.toBeNull();
    expect(report.institutions.find((i) => i.slug === b.inst.slug)!.months[0]).toMatchObject({
      overCap: true,
    });
    expect(report.overCap).toBe(1);
    const csv = complianceCsv(report);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "city,institution,institution_zh,month,declared_volume,verified,cap_percent,cap_units,used_units,share_percent,over_cap",
    );
    expect(lines).toContain(
      `report-city,${a.inst.slug},${a.inst.nameZh},${monthKey(M)},100,yes,10,10,10,10.00,no`,
    );
    expect(lines.length).toBe(1 + 2 * 2);
    await expect(
      complianceReport(db, admin, { from: monthKey(M), to: monthKey(addMonths(M, 30)) }, "en"),
    ).rejects.toMatchObject({
      fields: { to: "outOfRange" },
    });
  });
});
