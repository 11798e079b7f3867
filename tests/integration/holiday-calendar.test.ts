// The mainland's holiday calendar on the real database (issue 17): the
// migration's 2025–2026 arrangement (chinese-days 1.5.7, the State Council's
// notices) counts pre-authorization lead times across National Day and Spring
// Festival, make-up Saturdays count as working days, a year not covered falls
// back to Monday to Friday and is flagged — through the payment checker's use
// case too; the package refresh; and the system admin's import (dry run, save,
// a malformed file refused per field with nothing changed).
import { beforeAll, describe, expect, it } from "vitest";
import { staffCommands } from "../../app/[locale]/_console/commands";
import type { AppError } from "../../lib/errors";
import { listHolidayYears, loadHolidayCalendar } from "../../lib/holidays/holiday-calendar";
import { packageArrangements, refreshFromPackage } from "../../lib/holidays/package-calendar";
import { parseInput } from "../../lib/http/request";
import { paymentOptions, paymentQuerySchema } from "../../lib/payment/payment-options";
import { countWorkingDays, isWorkingDay, type HolidayCalendar } from "../../lib/payment/working-days";
import { testDb } from "../helpers/db";
import { createWorld, type World } from "../helpers/staff-fixtures";

const d = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
};
const iso = (c: { year: number; month: number; day: number }) =>
  `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
const count = (calendar: HolidayCalendar, from: string, days: number) => {
  const r = countWorkingDays(d(from), days, calendar);
  return { date: iso(r.date), holidaysUnknown: r.holidaysUnknown };
};
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e as AppError).code,
  );
const failure = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as AppError;

let world: World;
beforeAll(async () => {
  world = await createWorld(testDb());
});

describe("the calendar the migration seeds (2025 and 2026)", () => {
  it("5 working days from Monday 28 September 2026 cross the National Day week to Saturday 10 October, a make-up working day", async () => {
    const calendar = await loadHolidayCalendar(testDb());
    expect([...calendar.years].sort()).toEqual([2025, 2026]);
    // Tue 29 (1), Wed 30 (2), 1–7 October off, Thu 8 (3), Fri 9 (4), Sat 10 worked (5).
    expect(count(calendar, "2026-09-28", 5)).toEqual({ date: "2026-10-10", holidaysUnknown: false });
    expect(count(calendar, "2026-09-28", 3)).toEqual({ date: "2026-10-08", holidaysUnknown: false });
    // Mid-Autumn Festival, Friday 25 September 2026, is a day off too.
    expect(count(calendar, "2026-09-24", 1)).toEqual({ date: "2026-09-28", holidaysUnknown: false });
  });

  it("make-up weekend days count as working days; the holiday week's weekdays do not", async () => {
    const calendar = await loadHolidayCalendar(testDb());
    expect(isWorkingDay(d("2026-09-20"), calendar)).toBe(true); // Sunday, worked for National Day
    expect(isWorkingDay(d("2026-10-10"), calendar)).toBe(true); // Saturday, worked
    expect(isWorkingDay(d("2026-10-11"), calendar)).toBe(false); // an ordinary Sunday
    expect(isWorkingDay(d("2026-10-05"), calendar)).toBe(false); // Monday in the National Day week
    expect(isWorkingDay(d("2026-10-08"), calendar)).toBe(true);
  });

  it("Spring Festival 2026 (2027's notice is not published yet): 5 working days from Thursday 12 February end on Thursday 26 February", async () => {
    const calendar = await loadHolidayCalendar(testDb());
    // Fri 13 (1), Sat 14 worked (2), 15–23 February off, Tue 24 (3), Wed 25 (4), Thu 26 (5).
    expect(count(calendar, "2026-02-12", 5)).toEqual({ date: "2026-02-26", holidaysUnknown: false });
    expect(isWorkingDay(d("2026-02-28"), calendar)).toBe(true); // Saturday, worked after the festival
  });

  it("a count into 2027, not covered, falls back to Monday to Friday and is flagged", async () => {
    const calendar = await loadHolidayCalendar(testDb());
    expect(count(calendar, "2026-12-28", 5)).toEqual({ date: "2027-01-04", holidaysUnknown: true });
    expect(count(calendar, "2026-12-21", 5)).toEqual({ date: "2026-12-28", holidaysUnknown: false });
  });
});

describe("the payment checker counts the lead time with the calendar", () => {
  let insurerSlug: string;
  beforeAll(async () => {
    const db = testDb();
    await db.institution.update({ where: { id: world.a.institutionId }, data: { grade: "TERTIARY_A" } });
    const insurer = await db.insurer.create({ data: { slug: "holiday-preauth", name: "Holiday Preauth" } });
    insurerSlug = insurer.slug;
    await db.directBillingAgreement.create({
      data: {
        institutionId: world.a.institutionId,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        preauthRequired: true,
        preauthLeadDays: 5,
        validFrom: new Date("2020-01-01T00:00:00Z"),
        documents: ["passport", "guarantee_letter"],
      },
    });
  });
  const billing = async (date: string, now: Date) =>
    (
      await paymentOptions(
        testDb(),
        parseInput(paymentQuerySchema, {
          hospital: world.a.slug,
          visit: "OUTPATIENT",
          insurer: insurerSlug,
          date,
        }),
        "en",
        now,
      )
    ).institutions[0]!.directBilling;

  it("asked on Monday 28 September 2026, the first day with direct billing is Saturday 10 October, not Monday 5 October", async () => {
    const monday = new Date("2026-09-28T02:00:00Z"); // 10:00 in Beijing
    expect(await billing("2026-10-09", monday)).toEqual(
      expect.objectContaining({
        available: false,
        reason: "PREAUTH_TOO_SOON",
        earliestDate: "2026-10-10",
        leadDays: 5,
      }),
    );
    expect(await billing("2026-10-09", monday)).not.toHaveProperty("holidaysUnknown");
    expect(await billing("2026-10-10", monday)).toMatchObject({ available: true, preauthRequired: true });
  });

  it("a lead time reaching into 2027 is answered, and marked as counted Monday to Friday", async () => {
    const monday = new Date("2026-12-28T02:00:00Z");
    expect(await billing("2026-12-30", monday)).toMatchObject({
      reason: "PREAUTH_TOO_SOON",
      earliestDate: "2027-01-04",
      holidaysUnknown: true,
    });
    expect(await billing("2027-01-04", monday)).toMatchObject({ available: true, holidaysUnknown: true });
  });
});

describe("npm run holidays:update: every year of the installed package", () => {
  it("loads 2004–2026 and leaves the migration's 2026 as it was", async () => {
    const db = testDb();
    const before = await db.holidayDay.findMany({ where: { year: 2026 }, orderBy: { date: "asc" } });
    const years = await refreshFromPackage(db);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(await db.holidayYear.count()).toBe(years.length);
    const after = await db.holidayDay.findMany({ where: { year: 2026 }, orderBy: { date: "asc" } });
    expect(after).toEqual(before);
    const nationalDay2026 = packageArrangements().find((a) => a.year === 2026)!;
    expect(nationalDay2026.days.filter((x) => x.name === "国庆节").map((x) => `${x.date} ${x.kind}`)).toEqual(
      [
        "2026-09-20 MAKEUP_WORKDAY",
        ...["01", "02", "03", "04", "05", "06", "07"].map((day) => `2026-10-${day} HOLIDAY`),
        "2026-10-10 MAKEUP_WORKDAY",
      ],
    );
  });
});

describe("the system admin imports a year's arrangement (holiday-cn JSON)", () => {
  const file = {
    year: 2033,
    papers: ["https://www.gov.cn/zhengce/example-2033"],
    days: [
      { name: "国庆节", date: "2033-10-01", isOffDay: true },
      { name: "国庆节", date: "2033-10-03", isOffDay: true },
      { name: "国庆节", date: "2033-10-04", isOffDay: true },
      { name: "国庆节", date: "2033-10-05", isOffDay: true },
      { name: "国庆节", date: "2033-10-06", isOffDay: true },
      { name: "国庆节", date: "2033-10-07", isOffDay: true },
      { name: "国庆节", date: "2033-10-08", isOffDay: false },
    ],
  };
  const send = (actor: World["actors"][keyof World["actors"]] | null, form: Record<string, string>) =>
    staffCommands.importHolidayYear(testDb(), actor, form);
  const snapshot = async () => ({
    years: await testDb().holidayYear.findMany({ orderBy: { year: "asc" } }),
    days: await testDb().holidayDay.count(),
    audit: await testDb().auditEvent.count({ where: { action: "holiday.year.import" } }),
  });

  it("a check (no save) summarizes and changes nothing; saving lists the year and the count uses it", async () => {
    const admin = world.actors.systemAdmin;
    const before = await snapshot();
    const checked = await send(admin, { arrangement: JSON.stringify(file) });
    expect(checked).toMatchObject({ year: 2033, saved: false, replaced: null });
    expect(checked.holidays.map((x) => x.date)).toHaveLength(6);
    expect(checked.workdays.map((x) => x.date)).toEqual(["2033-10-08"]);
    expect(await snapshot()).toEqual(before);

    const saved = await send(admin, { arrangement: JSON.stringify(file), save: "on" });
    expect(saved).toMatchObject({ year: 2033, saved: true, replaced: null });
    const listed = await listHolidayYears(testDb(), admin);
    expect(listed[0]).toMatchObject({ year: 2033, source: "https://www.gov.cn/zhengce/example-2033" });
    expect(listed[0]!.days).toHaveLength(7);
    expect((await snapshot()).audit).toBe(before.audit + 1);
    // Friday 30 September 2033 + 1 working day: the week off, then Saturday 8 October, worked.
    expect(count(await loadHolidayCalendar(testDb()), "2033-09-30", 1)).toEqual({
      date: "2033-10-08",
      holidaysUnknown: false,
    });

    // Importing the year again replaces it, and says what it replaced.
    const again = await send(admin, {
      arrangement: JSON.stringify({ ...file, days: file.days.slice(0, 2) }),
      save: "on",
    });
    expect(again.replaced).toEqual({ holidays: 6, workdays: 1 });
    expect(await testDb().holidayDay.count({ where: { year: 2033 } })).toBe(2);
  });

  it("a malformed file is refused (400) naming each field, and nothing changes", async () => {
    const admin = world.actors.systemAdmin;
    const before = await snapshot();
    const bad = {
      ...file,
      year: 2034,
      days: [
        { name: "国庆节", date: "2034-10-01", isOffDay: true },
        { name: "国庆节", date: "2034-10-32", isOffDay: true },
        { name: "", date: "2034-10-03", isOffDay: true },
        { name: "国庆节", date: "2035-01-01", isOffDay: true },
        { name: "国庆节", date: "2034-10-09", isOffDay: false },
      ],
    };
    const error = await failure(send(admin, { arrangement: JSON.stringify(bad), save: "on" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({
      "days.1.date": "invalid",
      "days.2.name": "required",
      "days.3.date": "outOfRange",
      // Monday 9 October 2034 is a working day already: it cannot be a make-up working day.
      "days.4.isOffDay": "invalid",
    });
    const notJson = await failure(send(admin, { arrangement: "{ year: 2034,", save: "on" }));
    expect(notJson.fields).toEqual({ arrangement: "invalid" });
    const noYear = await failure(
      send(admin, { arrangement: JSON.stringify({ days: file.days }), save: "on" }),
    );
    expect(noYear.fields).toEqual({ year: "required" });
    const empty = await failure(send(admin, { save: "on" }));
    expect(empty.fields).toEqual({ arrangement: "required" });
    expect(await snapshot()).toEqual(before);
  });

  it("only the system admin may import: the calendar is national", async () => {
    const form = { arrangement: JSON.stringify({ ...file, year: 2035 }), save: "on" };
    expect(await codeOf(send(world.actors.cityAdmin, form))).toBe("FORBIDDEN");
    expect(await codeOf(send(world.actors.managerA, form))).toBe("FORBIDDEN");
    expect(await codeOf(send(null, form))).toBe("UNAUTHENTICATED");
    expect(await codeOf(listHolidayYears(testDb(), world.actors.cityAdmin))).toBe("FORBIDDEN");
    expect(await testDb().holidayYear.findUnique({ where: { year: 2035 } })).toBeNull();
  });
});
