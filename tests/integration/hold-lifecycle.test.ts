// A patient's own hold, after it is placed: let go when they go back or choose
// another time (releaseHold), kept 10 minutes longer once (extendHold), shown
// to them as theirs on the time list (listSlots with their client key), and
// never touched by anyone else's token or browser.
import { beforeAll, describe, expect, it } from "vitest";
import { bookFromBody } from "../helpers/book";
import { getHeldSlot } from "../../lib/booking/booking-context";
import { extendHold } from "../../lib/booking/extend-hold";
import { createHold, HOLD_MINUTES } from "../../lib/booking/holds";
import { listSlots } from "../../lib/booking/list-slots";
import { releaseHold } from "../../lib/booking/release-hold";
import { countWorkingDays } from "../../lib/payment/working-days";
import { loadHolidayCalendar } from "../../lib/holidays/holiday-calendar";
import { addDays, beijingMonthOf, calendarDateOf, dbDate, isoDate, zonedToUtc } from "../../lib/time/zone";
import { testDb } from "../helpers/db";

let n = 0;
let cityId: string;

beforeAll(async () => {
  const city = await testDb().city.create({ data: { slug: "hold-city", nameZh: "测试", province: "Test" } });
  cityId = city.id;
});

/** A public institution with a one-place slot next month and room in that month's quota. */
async function oneSlot(capacity = 1) {
  const db = testDb();
  const slug = `hold-test-${++n}`;
  const inst = await db.institution.create({
    data: {
      slug,
      cityId,
      nameZh: `测试医院${n}`,
      addressZh: "测试路",
      latitude: 30,
      longitude: 120,
      ownership: "PUBLIC",
      intlDeptPhone: "+86 10 1234 5678",
    },
  });
  const dept = await db.department.create({
    data: {
      institutionId: inst.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
    },
  });
  const today = new Date();
  const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const period = await db.quotaPeriod.create({
    data: { institutionId: inst.id, month, declaredVolume: 100 },
  });
  const startsAt = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 10, 2));
  const slot = await db.slot.create({
    data: {
      institutionId: inst.id,
      departmentId: dept.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      capacity,
    },
  });
  const list = (clientKey: string | null = null) =>
    listSlots(
      db,
      { hospital: slug, department: "general", from: startsAt.toISOString().slice(0, 10) },
      { clientKey },
    ).then((slots) => slots.find((s) => s.id === slot.id)!);
  const heldUnits = async () =>
    Number(
      (
        await db.$queryRaw<{ units: number }[]>`
          SELECT COALESCE(sum(units), 0)::int AS units FROM hold WHERE quota_period_id = ${period.id} AND expires_at > now()`
      )[0]!.units,
    );
  return { slot, list, heldUnits };
}

function patient(slotId: string, holdToken: string) {
  return {
    slotId,
    holdToken,
    locale: "ar",
    name: "ليلى حداد",
    nationality: "JO",
    dateOfBirth: "1990-02-01",
    email: `layla-${crypto.randomUUID()}@example.com`,
    phone: "+962 7 9123 4567",
    preferredLanguage: "ar",
    reasonForVisit: "ألم في الظهر",
    paymentMethod: "SELF_PAY",
    consentTerms: true,
    consentSensitive: true,
  };
}

describe("releasing a hold", () => {
  it("frees the place and its quota units at once; twice is harmless; another browser or token cannot", async () => {
    const { slot, list, heldUnits } = await oneSlot();
    const a = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    expect((await list()).available).toBe(0);
    expect(await heldUnits()).toBe(1);
    await expect(createHold(testDb(), { slotId: slot.id }, "browser-b")).rejects.toMatchObject({
      code: "SLOT_FULL",
    });

    // Someone else's browser with the token, or this browser with another token: nothing happens.
    expect(await releaseHold(testDb(), { holdToken: a.token }, "browser-b")).toBe(false);
    const other = await createHold(testDb(), { slotId: (await oneSlot()).slot.id }, "browser-b");
    expect(await releaseHold(testDb(), { holdToken: other.token }, "browser-a")).toBe(false);
    expect((await list()).available).toBe(0);

    expect(await releaseHold(testDb(), { holdToken: a.token }, "browser-a")).toBe(true);
    expect((await list()).available).toBe(1);
    expect(await heldUnits()).toBe(0);
    expect(await releaseHold(testDb(), { holdToken: a.token }, "browser-a")).toBe(false);
    expect((await list()).available).toBe(1);

    // The place is free for the next patient, who books it.
    const b = await createHold(testDb(), { slotId: slot.id }, "browser-b");
    const booked = await bookFromBody(testDb(), patient(slot.id, b.token), {
      idempotencyKey: crypto.randomUUID(),
      clientKey: "browser-b",
    });
    expect(booked.status).toBe("CONFIRMED");
    // The released token books nothing.
    await expect(
      bookFromBody(testDb(), patient(slot.id, a.token), {
        idempotencyKey: crypto.randomUUID(),
        clientKey: "browser-a",
      }),
    ).rejects.toMatchObject({ code: "HOLD_EXPIRED" });
  });

  it("while held, the time list shows the slot as the holder's own and as taken to everyone else", async () => {
    const { slot, list } = await oneSlot();
    await createHold(testDb(), { slotId: slot.id }, "browser-a");
    expect(await list("browser-a")).toMatchObject({ available: 1, heldByYou: true });
    expect(await list("browser-b")).toMatchObject({ available: 0, heldByYou: false });
    expect(await list()).toMatchObject({ available: 0, heldByYou: false });
    // Choosing it again replaces the hold, never stacks a second.
    await createHold(testDb(), { slotId: slot.id }, "browser-a");
    expect(await testDb().hold.count({ where: { slotId: slot.id } })).toBe(1);
  });
});

describe("extending a hold", () => {
  it("adds 10 minutes once, then refuses; the hold keeps its place meanwhile", async () => {
    const { slot, list } = await oneSlot();
    const a = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    await expect(extendHold(testDb(), { holdToken: a.token }, "browser-b")).rejects.toMatchObject({
      code: "HOLD_EXPIRED",
    });
    const extended = await extendHold(testDb(), { holdToken: a.token }, "browser-a");
    expect(extended.expiresAt.getTime() - a.expiresAt.getTime()).toBe(HOLD_MINUTES * 60_000);
    await expect(extendHold(testDb(), { holdToken: a.token }, "browser-a")).rejects.toMatchObject({
      code: "HOLD_ALREADY_EXTENDED",
    });
    const row = await testDb().hold.findFirstOrThrow({ where: { slotId: slot.id } });
    expect(row.expiresAt.getTime()).toBe(extended.expiresAt.getTime());
    expect((await list()).available).toBe(0);
  });

  it("refuses a hold that has run out, even before anyone takes the place; holding again starts afresh", async () => {
    const { slot } = await oneSlot();
    const a = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    await testDb()
      .$executeRaw`UPDATE hold SET expires_at = now() - interval '1 second' WHERE slot_id = ${slot.id}`;
    await expect(extendHold(testDb(), { holdToken: a.token }, "browser-a")).rejects.toMatchObject({
      code: "HOLD_EXPIRED",
    });
    // Still free: the same browser holds it again, and may extend that new hold once.
    const again = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    await expect(extendHold(testDb(), { holdToken: again.token }, "browser-a")).resolves.toMatchObject({
      slotId: slot.id,
    });
  });

  it("refuses once the place is taken by someone else after the hold ran out", async () => {
    const { slot } = await oneSlot();
    const a = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    await testDb()
      .$executeRaw`UPDATE hold SET expires_at = now() - interval '1 second' WHERE slot_id = ${slot.id}`;
    const b = await createHold(testDb(), { slotId: slot.id }, "browser-b");
    await bookFromBody(testDb(), patient(slot.id, b.token), {
      idempotencyKey: crypto.randomUUID(),
      clientKey: "browser-b",
    });
    await expect(extendHold(testDb(), { holdToken: a.token }, "browser-a")).rejects.toMatchObject({
      code: "HOLD_EXPIRED",
    });
    await expect(createHold(testDb(), { slotId: slot.id }, "browser-a")).rejects.toMatchObject({
      code: "SLOT_FULL",
    });
  });

  it("a shortened hold (two minutes left) extends from its own end", async () => {
    const { slot } = await oneSlot();
    const a = await createHold(testDb(), { slotId: slot.id }, "browser-a");
    const [short] = await testDb().$queryRaw<{ expires_at: Date }[]>`
      UPDATE hold SET expires_at = now() + interval '2 minutes' WHERE slot_id = ${slot.id} RETURNING expires_at`;
    const extended = await extendHold(testDb(), { holdToken: a.token }, "browser-a");
    expect(extended.expiresAt.getTime() - short!.expires_at.getTime()).toBe(HOLD_MINUTES * 60_000);
    await expect(extendHold(testDb(), { holdToken: a.token }, "browser-a")).rejects.toMatchObject({
      code: "HOLD_ALREADY_EXTENDED",
    });
  });
});

describe("the details page's hold and payment (getHeldSlot)", () => {
  it("says whether the hold was extended, and which insurers need pre-authorization longer ahead than the visit", async () => {
    const db = testDb();
    const { slot } = await oneSlot();
    const inst = await db.institution.findUniqueOrThrow({ where: { id: slot.institutionId } });
    const insurer = await db.insurer.create({ data: { slug: `preauth-${n}`, name: "Preauth Health" } });
    await db.directBillingAgreement.create({
      data: {
        institutionId: inst.id,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        preauthRequired: true,
        preauthLeadDays: 5,
        validFrom: new Date(Date.UTC(2020, 0, 1)),
      },
    });
    const dept = await db.department.findFirstOrThrow({ where: { institutionId: inst.id } });
    const today = calendarDateOf(new Date());
    const soon = await db.slot.create({
      data: {
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt: zonedToUtc(addDays(today, 1), 10 * 60),
        endsAt: zonedToUtc(addDays(today, 1), 10 * 60 + 30),
        capacity: 1,
      },
    });
    // Tomorrow may be in this month, whose quota the institution must have declared too.
    await db.quotaPeriod.createMany({
      data: [{ institutionId: inst.id, month: dbDate(beijingMonthOf(soon.startsAt)), declaredVolume: 100 }],
      skipDuplicates: true,
    });
    const hold = await createHold(db, { slotId: soon.id }, "browser-a");
    const first = await getHeldSlot(db, soon.id, hold.token, "en");
    expect(first.holdExtended).toBe(false);
    expect(first.insurers).toEqual([]);
    // Counted with the holiday calendar; flagged when the count reaches a year it does not cover.
    const lead = countWorkingDays(today, 5, await loadHolidayCalendar(db));
    expect(first.preauthTooSoon).toEqual([
      {
        slug: insurer.slug,
        name: "Preauth Health",
        leadDays: 5,
        earliestDate: isoDate(lead.date),
        holidaysUnknown: lead.holidaysUnknown,
      },
    ]);
    await extendHold(db, { holdToken: hold.token }, "browser-a");
    expect((await getHeldSlot(db, soon.id, hold.token, "en")).holdExtended).toBe(true);

    // The slot next month is far enough ahead: the insurer bills directly, after its approval.
    const later = await createHold(db, { slotId: slot.id }, "browser-a");
    const far = await getHeldSlot(db, slot.id, later.token, "en");
    expect(far.insurers).toEqual([{ slug: insurer.slug, name: "Preauth Health", preauthRequired: true }]);
    expect(far.preauthTooSoon).toEqual([]);
  });
});
