// The admin console's home on the real database: institutions by admission
// status, the published guide's version and complete languages, quota months
// near (≥ 90 %) or over the cap, and the exchange rates' age and staleness.
import { beforeAll, describe, expect, it } from "vitest";
import { cityOverview, RATES_STALE_AFTER_DAYS } from "../../lib/catalogue/city-overview";
import { guideCriteria, guideSectionKeys } from "../../lib/guide/codes";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { beijingMonthOf, calendarDateOf, addDays, dbDate } from "../../lib/time/zone";
import { monthDbDate } from "../../lib/quota/month";
import { testDb } from "../helpers/db";
import { createHospital } from "../helpers/hospital";
import { createUser } from "../helpers/staff-fixtures";

const NOW = new Date();
let cityId: string;
let citySlug: string;
let cityAdmin: Actor;
let otherCityAdmin: Actor;
let systemAdmin: Actor;
let staff: Actor;

async function actor(role: Parameters<typeof createUser>[1], scope: Parameters<typeof createUser>[2]) {
  const user = await createUser(testDb(), role, scope);
  return (await loadActor(testDb(), user.id))!;
}

beforeAll(async () => {
  const db = testDb();
  citySlug = `overview-${Date.now()}`;
  const city = await db.city.create({
    data: {
      slug: citySlug,
      nameZh: "概览市",
      province: "Test",
      translations: { create: [{ locale: "en", name: "Overview City" }] },
    },
  });
  cityId = city.id;
  const other = await db.city.create({
    data: { slug: `${citySlug}-other`, nameZh: "他市", province: "Test" },
  });

  // Admission: one listed, one meeting the standard, one partly, one not checked.
  const criteria = (n: number) => guideCriteria.slice(0, n).map((criterion) => ({ criterion, met: true }));
  const listed = await createHospital(db, { slug: `${citySlug}-listed`, nameZh: "甲医院", cityId });
  await db.institution.update({
    where: { id: listed.inst.id },
    data: { guideListed: true, criteria: { create: criteria(guideCriteria.length) } },
  });
  const ready = await createHospital(db, { slug: `${citySlug}-ready`, nameZh: "乙医院", cityId });
  await db.institution.update({
    where: { id: ready.inst.id },
    data: { criteria: { create: criteria(guideCriteria.length) } },
  });
  const partly = await createHospital(db, { slug: `${citySlug}-partly`, nameZh: "丙医院", cityId });
  await db.institution.update({ where: { id: partly.inst.id }, data: { criteria: { create: criteria(3) } } });
  await createHospital(db, { slug: `${citySlug}-new`, nameZh: "丁医院", cityId, ownership: "PRIVATE" });
  await createHospital(db, { slug: `${citySlug}-elsewhere`, nameZh: "戊医院", cityId: other.id });

  // Quota, this month: 9 of a cap of 10 (10 % of 100) at the listed one, 8 of 10 at the ready one.
  const month = monthDbDate(beijingMonthOf(NOW));
  await db.quotaPeriod.create({
    data: { institutionId: listed.inst.id, month, declaredVolume: 100, usedUnits: 9 },
  });
  await db.quotaPeriod.create({
    data: { institutionId: ready.inst.id, month, declaredVolume: 100, usedUnits: 8 },
  });

  // The guide: version 2 published, complete in English and Chinese, Arabic missing a section; a draft.
  const guide = await db.guide.create({ data: { cityId } });
  await db.guideVersion.create({
    data: {
      guideId: guide.id,
      version: 1,
      status: "ARCHIVED",
      publishedAt: new Date("2026-01-05T02:00:00Z"),
    },
  });
  await db.guideVersion.create({
    data: {
      guideId: guide.id,
      version: 2,
      status: "PUBLISHED",
      publishedAt: new Date("2026-03-01T02:00:00Z"),
      sections: {
        create: guideSectionKeys.map((key, position) => ({
          key,
          position,
          translations: {
            create: ["en", "zh", ...(key === "PRIVACY" ? [] : ["ar"])].map((locale) => ({
              locale,
              title: `${key} ${locale}`,
              body: "Text",
            })),
          },
        })),
      },
    },
  });
  await db.guideVersion.create({ data: { guideId: guide.id, version: 3, status: "DRAFT" } });

  // Rates: USD entered long ago, EUR today.
  const today = calendarDateOf(NOW);
  await db.exchangeRate.create({
    data: {
      currency: "USD",
      unitsPerCny: 0.14,
      effectiveOn: dbDate(addDays(today, -(RATES_STALE_AFTER_DAYS + 3))),
    },
  });
  await db.exchangeRate.create({ data: { currency: "EUR", unitsPerCny: 0.13, effectiveOn: dbDate(today) } });

  cityAdmin = await actor("CITY_ADMIN", { cityId });
  otherCityAdmin = await actor("CITY_ADMIN", { cityId: other.id });
  systemAdmin = await actor("SYSTEM_ADMIN", {});
  staff = await actor("HOSPITAL_STAFF", { institutionId: listed.inst.id });
});

describe("the city at a glance", () => {
  it("counts the city's institutions by admission status", async () => {
    const overview = await cityOverview(testDb(), cityAdmin, undefined, "en", NOW);
    expect(overview.city).toMatchObject({ slug: citySlug, name: "Overview City" });
    expect(overview.institutions).toEqual({
      total: 4,
      byStatus: { listed: 1, meetsStandard: 1, partly: 1, notChecked: 1 },
    });
  });

  it("gives the published version and the languages every section is written in", async () => {
    const { guide } = await cityOverview(testDb(), cityAdmin, undefined, "en", NOW);
    expect(guide.published).toEqual({ version: 2, publishedAt: new Date("2026-03-01T02:00:00Z") });
    expect(guide.hasDraft).toBe(true);
    expect(guide.completeLanguages).toEqual(["en", "zh"]);
    expect(guide.incompleteLanguages).toContain("ar");
    // Every other locale: the twelve of lib/i18n/locales.ts besides en and zh.
    expect(guide.incompleteLanguages).toHaveLength(12);
  });

  it("flags the months at 90 % of the cap or more, and no other", async () => {
    const { quota } = await cityOverview(testDb(), cityAdmin, undefined, "en", NOW);
    const month = `${beijingMonthOf(NOW).year}-${String(beijingMonthOf(NOW).month).padStart(2, "0")}`;
    expect(quota.alerts).toEqual([
      {
        institution: "甲医院",
        slug: `${citySlug}-listed`,
        month,
        used: 9,
        cap: 10,
        share: 0.9,
        over: false,
      },
    ]);
    expect(quota.from < month && month < quota.to).toBe(true);
    // One more unit than the cap (a lowered rule, say) is over it, and listed first.
    const ready = await testDb().institution.findUniqueOrThrow({ where: { slug: `${citySlug}-ready` } });
    await testDb().quotaPeriod.update({
      where: { institutionId_month: { institutionId: ready.id, month: monthDbDate(beijingMonthOf(NOW)) } },
      data: { usedUnits: 11 },
    });
    const after = await cityOverview(testDb(), cityAdmin, undefined, "en", NOW);
    expect(after.quota.alerts.map((a) => [a.slug, a.over])).toEqual([
      [`${citySlug}-ready`, true],
      [`${citySlug}-listed`, false],
    ]);
  });

  it("says how old the oldest rate is and which are stale", async () => {
    const { rates } = await cityOverview(testDb(), cityAdmin, undefined, "en", NOW);
    expect(rates.currencies).toBe(2);
    expect(rates.ageDays).toBe(RATES_STALE_AFTER_DAYS + 3);
    expect(rates.stale).toEqual(["USD"]);
  });

  it("is the commission's: a city admin of another city is refused, staff too; a system admin chooses the city", async () => {
    const db = testDb();
    await expect(cityOverview(db, otherCityAdmin, citySlug, "en", NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(cityOverview(db, staff, undefined, "en", NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cityOverview(db, null, undefined, "en", NOW)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const chosen = await cityOverview(db, systemAdmin, citySlug, "zh", NOW);
    expect(chosen.city.slug).toBe(citySlug);
    expect(chosen.institutions.total).toBe(4);
  });
});
