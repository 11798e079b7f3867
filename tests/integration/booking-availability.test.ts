// Whether an institution takes international bookings online (issue 16), on
// the demo seed and on institutions put in each state: nothing published and
// no volume declared is "not yet", a declared quota used up is "limit
// reached", and a hospital with times and room is bookable. The lists that
// offer booking (finder, packages, payment checker) follow the same answer.
import { beforeAll, describe, expect, it } from "vitest";
import { bookingAvailability } from "../../lib/catalogue/booking-availability";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { searchPackages } from "../../lib/catalogue/search-packages";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { packageQuerySchema } from "../../lib/catalogue/package-filters";
import { paymentOptions } from "../../lib/payment/payment-options";
import { addMonths, monthDbDate, monthKey } from "../../lib/quota/month";
import { seedDemo } from "../../lib/seed/seed-demo";
import { DEMO_ONBOARDING } from "../../lib/seed/demo-data";
import {
  addDays,
  beijingMonthOf,
  calendarDateOf,
  isoDate,
  zonedToUtc,
  type CalendarDate,
} from "../../lib/time/zone";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";

const CJFH = "china-japan-friendship-international";
const now = new Date();
/** A month comfortably ahead, so its slots are in the future and its window does not touch today. */
const M = addMonths(beijingMonthOf(now), 1);
const inM = (day: number, hour = 10): Date => zonedToUtc({ ...M, day }, hour * 60);
const windowOfM = { from: inM(1, 0), to: inM(14, 23) };

let n = 0;
async function institution(options: {
  ownership?: "PUBLIC" | "PRIVATE";
  slot?: Date | null;
  closed?: boolean;
  volume?: { month: CalendarDate; declared: number | null; used?: number };
}) {
  const db = testDb();
  const { inst, dept } = await createHospital(db, {
    slug: `availability-${++n}`,
    nameZh: `测试医院${n}`,
    ownership: options.ownership,
  });
  if (options.slot !== null) {
    const startsAt = options.slot ?? inM(10);
    await db.slot.create({
      data: {
        institutionId: inst.id,
        departmentId: dept.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        capacity: 5,
        closed: options.closed ?? false,
      },
    });
  }
  if (options.volume) {
    await db.quotaPeriod.create({
      data: {
        institutionId: inst.id,
        month: monthDbDate(options.volume.month),
        declaredVolume: options.volume.declared,
        usedUnits: options.volume.used ?? 0,
      },
    });
  }
  return inst.slug;
}

const statusOf = async (slug: string, window?: Parameters<typeof bookingAvailability>[2]) =>
  (await bookingAvailability(testDb(), [slug], window, now)).get(slug);

beforeAll(async () => {
  await seedDemo(testDb(), now);
}, 180_000);

describe("bookingAvailability", () => {
  it("the seed's just-onboarded hospital (no slots, no volume) is not yet taking bookings; the others are", async () => {
    expect(DEMO_ONBOARDING).toContain(CJFH);
    const today = calendarDateOf(now);
    const window = { from: zonedToUtc(today, 0), to: zonedToUtc(addDays(today, 13), 24 * 60 - 1) };
    const result = await bookingAvailability(
      testDb(),
      [CJFH, "pumch-international", "beijing-united-family"],
      window,
      now,
    );
    expect(result.get(CJFH)).toEqual({ status: "notYet", fullMonths: [] });
    expect(result.get("pumch-international")).toEqual({ status: "bookable", fullMonths: [] });
    expect(result.get("beijing-united-family")).toEqual({ status: "bookable", fullMonths: [] });
  });

  it("a public hospital with no slot and no declared volume is not yet taking bookings (not 'limit reached')", async () => {
    const slug = await institution({ slot: null });
    expect(await statusOf(slug, windowOfM)).toEqual({ status: "notYet", fullMonths: [] });
  });

  it("a public hospital with times but no volume declared for this month or later is not yet taking bookings", async () => {
    const slug = await institution({
      volume: { month: addMonths(beijingMonthOf(now), -1), declared: 60_000 },
    });
    expect((await statusOf(slug, windowOfM))?.status).toBe("notYet");
    const undeclared = await institution({ volume: { month: M, declared: null } });
    expect((await statusOf(undeclared, windowOfM))?.status).toBe("notYet");
  });

  it("a declared volume without any published time ahead is not yet either (nothing to book)", async () => {
    const past = await institution({
      slot: new Date(now.getTime() - 86_400_000),
      volume: { month: M, declared: 60_000 },
    });
    expect((await statusOf(past, windowOfM))?.status).toBe("notYet");
    const closed = await institution({ closed: true, volume: { month: M, declared: 60_000 } });
    expect((await statusOf(closed, windowOfM))?.status).toBe("notYet");
  });

  it("a declared quota that is used up is 'limit reached' for its month, and only with a window that holds it", async () => {
    // 10% (the seed's national rule) of 10 is a cap of 1 unit, and it is used.
    const slug = await institution({ volume: { month: M, declared: 10, used: 1 } });
    expect(await statusOf(slug, windowOfM)).toEqual({ status: "limitReached", fullMonths: [monthKey(M)] });
    // A package of 3 sessions needs 3 units: with a cap of 10 units and 8 used, it no longer fits.
    const roomy = await institution({ volume: { month: M, declared: 100, used: 8 } });
    expect(await statusOf(roomy, windowOfM)).toEqual({ status: "bookable", fullMonths: [] });
    expect(await statusOf(roomy, { ...windowOfM, units: 3 })).toEqual({
      status: "limitReached",
      fullMonths: [monthKey(M)],
    });
    // The lists ask without a window: the hospital still takes bookings.
    expect(await statusOf(slug)).toEqual({ status: "bookable", fullMonths: [] });
  });

  it("a public hospital with times and room is bookable; a private one needs no declared volume", async () => {
    const pub = await institution({ volume: { month: M, declared: 60_000, used: 5 } });
    expect(await statusOf(pub, windowOfM)).toEqual({ status: "bookable", fullMonths: [] });
    const priv = await institution({ ownership: "PRIVATE" });
    expect(await statusOf(priv, windowOfM)).toEqual({ status: "bookable", fullMonths: [] });
    const privNothing = await institution({ ownership: "PRIVATE", slot: null });
    expect((await statusOf(privNothing))?.status).toBe("notYet");
  });

  it("an unknown slug has no answer", async () => {
    expect(await statusOf("no-such-hospital")).toBeUndefined();
  });
});

describe("the lists offer booking only where it is taken", () => {
  it("the finder's cards say whether the hospital takes bookings online", async () => {
    const result = await searchHospitals(
      testDb(),
      hospitalQuerySchema.parse({ city: "beijing", pageSize: 100 }),
      "en",
      now,
      { facets: false },
    );
    const cjfh = result.items.find((i) => i.slug === CJFH)!;
    const pumch = result.items.find((i) => i.slug === "pumch-international")!;
    expect(cjfh.takesOnlineBookings).toBe(false);
    expect(pumch.takesOnlineBookings).toBe(true);
  });

  it("the packages finder marks the package of a hospital that does not take bookings yet", async () => {
    const result = await searchPackages(testDb(), packageQuerySchema.parse({ pageSize: 100 }), "en");
    expect(result.items.find((p) => p.slug === "cjfh-metabolic-syndrome")?.takesOnlineBookings).toBe(false);
    expect(result.items.filter((p) => p.institution.slug !== CJFH).every((p) => p.takesOnlineBookings)).toBe(
      true,
    );
  });

  it("the payment checker still explains payment there, but not as a place to book", async () => {
    const result = await paymentOptions(
      testDb(),
      {
        city: "beijing",
        insurer: "axa",
        date: isoDate(addDays(calendarDateOf(now), 10)),
        visit: "OUTPATIENT",
      },
      "en",
      now,
    );
    const cjfh = result.institutions.find((i) => i.slug === CJFH)!;
    expect(cjfh.directBilling?.available).toBe(true);
    expect(cjfh.takesOnlineBookings).toBe(false);
    expect(result.institutions.find((i) => i.slug === "pumch-international")?.takesOnlineBookings).toBe(true);
  });
});
