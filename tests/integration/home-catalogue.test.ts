// The home page's use case (getHomeCatalogue) reads the finder's kept city totals
// (institution_facet_total) and an index walk of the first institutions: after
// each kind of catalogue change (institutions created, moved, guide-listed and
// deleted, packages added and retired, names edited, the synthetic seed's bulk
// load) it must equal what counting the catalogue tables directly gives: the
// same cities with the same counts in the same order, the same institutions in
// the same order with the same names and package counts.
import { beforeAll, describe, expect, it } from "vitest";
import { getHomeCatalogue, type HomeCatalogue } from "../../lib/catalogue/get-home-catalogue";
import { offeredPackage } from "../../lib/catalogue/offered";
import { locales } from "../../lib/i18n/locales";
import { nameFields, pickLocalizedName, pickTranslation } from "../../lib/i18n/content";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

/** The home page counted from the catalogue tables themselves: every institution, every package. */
async function counted(locale: string, limit = 12): Promise<HomeCatalogue> {
  const db = testDb();
  const cities = await db.city.findMany({
    select: { slug: true, nameZh: true, translations: true, _count: { select: { institutions: true } } },
  });
  const institutions = await db.institution.findMany({
    include: {
      translations: true,
      city: { include: { translations: true } },
      _count: { select: { packages: { where: offeredPackage } } },
    },
  });
  const bySlug = (a: { slug: string }, b: { slug: string }) =>
    a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
  return {
    cities: cities
      .filter((c) => c._count.institutions > 0)
      .sort((a, b) => b._count.institutions - a._count.institutions || bySlug(a, b))
      .slice(0, 60)
      .map((c) => ({
        slug: c.slug,
        ...nameFields(pickLocalizedName(c.translations, locale, c.nameZh)),
        nameZh: c.nameZh,
        institutionCount: c._count.institutions,
      })),
    institutions: institutions
      .sort((a, b) => +b.guideListed - +a.guideListed || +b.isDemo - +a.isDemo || bySlug(a, b))
      .slice(0, limit)
      .map((i) => {
        const name = pickTranslation(i.translations, locale);
        const city = pickLocalizedName(i.city.translations, locale, i.city.nameZh);
        return {
          slug: i.slug,
          name: name?.value.name ?? i.nameZh,
          nameLocale: name?.locale ?? "zh",
          nameIsFallback: name ? name.isFallback : locale !== "zh",
          nameZh: i.nameZh,
          cityName: city.value,
          cityNameLocale: city.locale,
          ownership: i.ownership,
          grade: i.grade,
          languages: i.languages,
          emergency24h: i.emergency24h,
          accreditations: i.accreditations,
          packageCount: i._count.packages,
        };
      }),
  };
}

async function expectAsCounted(only: readonly string[] = locales): Promise<HomeCatalogue> {
  for (const locale of only) {
    expect(await getHomeCatalogue(testDb(), locale), locale).toEqual(await counted(locale));
  }
  return getHomeCatalogue(testDb(), "en");
}

beforeAll(async () => {
  await loadDemoSeed();
});

describe("getHomeCatalogue", () => {
  it("shows the demo catalogue as counted, in every locale", async () => {
    const home = await expectAsCounted();
    expect(home.cities.length).toBeGreaterThan(1);
    expect(home.institutions).toHaveLength(12);
  });

  it("follows institutions created, moved, guide-listed and deleted", async () => {
    const db = testDb();
    const city = await db.city.create({
      data: {
        slug: "aaa-home-test-city",
        nameZh: "测试市",
        province: "测试省",
        translations: { create: [{ locale: "en", name: "Home Test City" }] },
      },
    });
    const before = await getHomeCatalogue(db, "en");
    expect(before.cities.map((c) => c.slug)).not.toContain(city.slug);

    const base = {
      cityId: city.id,
      addressZh: "测试路1号",
      latitude: 30,
      longitude: 120,
      ownership: "PRIVATE" as const,
      intlDeptPhone: "+86 10 0000 0000",
    };
    await db.institution.createMany({
      data: [
        { ...base, slug: "home-test-a", nameZh: "测试医院甲" },
        { ...base, slug: "home-test-b", nameZh: "测试医院乙" },
      ],
    });
    let home = await expectAsCounted(["en", "zh", "ar"]);
    expect(home.cities.find((c) => c.slug === city.slug)).toMatchObject({ institutionCount: 2 });

    // Guide-listed (and demo) first, then by slug: "aaa" is shown at the top, the unlisted ones not at all.
    expect(home.institutions.map((i) => i.slug)).not.toContain("home-test-a");
    const listed = await db.institution.create({
      data: { ...base, slug: "aaa-home-test-listed", nameZh: "测试医院丙", guideListed: true, isDemo: true },
    });
    home = await expectAsCounted(["en", "zh", "ar"]);
    expect(home.institutions[0]!.slug).toBe(listed.slug);
    expect(home.institutions.slice(1)).toEqual(before.institutions.slice(0, 11));
    expect(home.cities.find((c) => c.slug === city.slug)).toMatchObject({ institutionCount: 3 });

    // Named in English: its card shows that name on an English page, the Chinese one on a Chinese page.
    await db.institutionTranslation.create({
      data: { institutionId: listed.id, locale: "en", name: "Home Test Listed Hospital" },
    });
    await expectAsCounted(["en", "zh", "de"]);
    expect((await getHomeCatalogue(db, "de")).institutions.find((i) => i.slug === listed.slug)).toMatchObject(
      {
        name: "Home Test Listed Hospital",
        nameLocale: "en",
        nameIsFallback: true,
      },
    );

    // Moved to another city: both counts change; a city left with none leaves the list.
    const other = before.cities[0]!;
    const otherCity = await db.city.findUniqueOrThrow({ where: { slug: other.slug } });
    await db.institution.updateMany({ where: { cityId: city.id }, data: { cityId: otherCity.id } });
    home = await expectAsCounted(["en", "zh"]);
    expect(home.cities.map((c) => c.slug)).not.toContain(city.slug);
    expect(home.cities.find((c) => c.slug === other.slug)!.institutionCount).toBe(other.institutionCount + 3);

    await db.institution.deleteMany({ where: { slug: { startsWith: "home-test-" } } });
    await db.institution.delete({ where: { id: listed.id } });
    home = await expectAsCounted(["en", "ar"]);
    expect(home).toEqual(before);
  });

  it("counts only offered packages of the shown institutions", async () => {
    const db = testDb();
    const shown = (await getHomeCatalogue(db, "en")).institutions[0]!;
    const inst = await db.institution.findUniqueOrThrow({ where: { slug: shown.slug } });
    const pkg = await db.tcmPackage.create({
      data: {
        slug: "home-test-package",
        institutionId: inst.id,
        conditions: ["insomnia"],
        therapies: ["acupuncture"],
        sessions: 5,
        durationDays: 7,
        priceFen: 100_000,
      },
    });
    const count = async () =>
      (await getHomeCatalogue(db, "en")).institutions.find((i) => i.slug === shown.slug)!.packageCount;
    expect(await count()).toBe(shown.packageCount + 1);
    await db.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: new Date() } });
    expect(await count()).toBe(shown.packageCount);
    await expectAsCounted(["en"]);
    await db.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: null } });
    expect(await count()).toBe(shown.packageCount + 1);
    await expectAsCounted(["en", "zh"]);
  });

  it("follows city names edited", async () => {
    const db = testDb();
    const first = (await getHomeCatalogue(db, "ko")).cities[0]!;
    const city = await db.city.findUniqueOrThrow({ where: { slug: first.slug } });
    await db.cityTranslation.upsert({
      where: { cityId_locale: { cityId: city.id, locale: "ko" } },
      create: { cityId: city.id, locale: "ko", name: "시험 도시" },
      update: { name: "시험 도시" },
    });
    expect((await getHomeCatalogue(db, "ko")).cities[0]).toMatchObject({
      name: "시험 도시",
      nameLocale: "ko",
    });
    await expectAsCounted(["ko", "en"]);
  });

  it("covers the synthetic seed's bulk load: more than 60 cities, ties by slug", async () => {
    const db = testDb();
    await seedSynthetic(db, 850);
    const home = await expectAsCounted(["en", "zh", "ar", "ja"]);
    expect(home.cities).toHaveLength(60);
    expect(await db.city.count()).toBeGreaterThan(60);
  }, 180_000);
});
