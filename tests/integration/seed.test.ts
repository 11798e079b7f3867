import { describe, expect, it } from "vitest";
import { generateSlots } from "../../lib/booking/generate-slots";
import { getHomeCatalogue } from "../../lib/catalogue/get-home-catalogue";
import { DEMO_CATALOGUE_FILES, DEMO_ONBOARDING, demoCities } from "../../lib/seed/demo-data";
import { monthsFrom } from "../../lib/quota/month";
import { quotaMonthStates } from "../../lib/quota/month-state";
import { isDatabaseEmpty, seedDemo } from "../../lib/seed/seed-demo";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { hospitalQuerySchema } from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { testDb } from "../helpers/db";

describe("demo seed", () => {
  it("fills an empty database with the demo catalogue, slots for 8 weeks, guides and accounts", async () => {
    const db = testDb();
    expect(await isDatabaseEmpty(db)).toBe(true);
    // How long it takes is printed at start and is no business of a test: a loaded machine took 34 s.
    const summary = await seedDemo(db);
    expect(await isDatabaseEmpty(db)).toBe(false);

    expect(summary.institutions).toBeGreaterThanOrEqual(12);
    const cities = await db.city.findMany({
      select: { slug: true, _count: { select: { institutions: true } } },
    });
    expect(cities.map((c) => c.slug).sort()).toEqual(demoCities.map((c) => c.slug).sort());
    expect(cities.every((c) => c._count.institutions > 0)).toBe(true);

    const institutions = await db.institution.findMany({
      include: { translations: true, departments: true, _count: { select: { slots: true } } },
    });
    for (const inst of institutions) {
      expect(
        inst.translations.map((t) => t.locale),
        inst.slug,
      ).toEqual(expect.arrayContaining(["en", "zh"]));
      expect(inst.departments.length, inst.slug).toBeGreaterThan(0);
      expect(inst.languages.length, inst.slug).toBeGreaterThan(0);
      expect(inst.isDemo).toBe(true);
      // A just-onboarded institution starts with nothing published (its staff publish, within the quota).
      if (DEMO_ONBOARDING.includes(inst.slug)) expect(inst._count.slots, inst.slug).toBe(0);
      else expect(inst._count.slots, inst.slug).toBeGreaterThan(0);
    }
    expect(await db.tcmPackage.count()).toBeGreaterThanOrEqual(4);
    expect(await db.directBillingAgreement.count()).toBeGreaterThan(10);
    // The catalogue came through the importer, one audited file at a time, keyed by credit code.
    const imports = await db.auditEvent.findMany({ where: { action: "catalogue.import.apply" } });
    expect(imports.map((e) => (e.after as { fileName: string }).fileName).sort()).toEqual(
      [...DEMO_CATALOGUE_FILES].sort(),
    );
    expect(institutions.every((inst) => inst.creditCode !== null)).toBe(true);

    const lastSlot = await db.slot.findFirstOrThrow({ orderBy: { startsAt: "desc" } });
    expect(lastSlot.startsAt.getTime() - Date.now()).toBeGreaterThan(7 * 7 * 86_400_000);

    const published = await db.guideVersion.findMany({
      where: { status: "PUBLISHED" },
      include: { sections: { include: { translations: true } } },
    });
    expect(published).toHaveLength(demoCities.length);
    for (const version of published) {
      expect(version.sections).toHaveLength(9);
      expect(
        version.sections.every(
          (s) =>
            s.translations.some((t) => t.locale === "en") && s.translations.some((t) => t.locale === "zh"),
        ),
      ).toBe(true);
    }

    const roles = await db.roleAssignment.findMany({ select: { role: true } });
    expect([...new Set(roles.map((r) => r.role))].sort()).toEqual([
      "CITY_ADMIN",
      "HOSPITAL_MANAGER",
      "HOSPITAL_STAFF",
      "SYSTEM_ADMIN",
    ]);

    // Rule 3 holds in the demo data too: no public month offers more than its cap leaves.
    const publicIds = institutions.filter((i) => i.ownership === "PUBLIC").map((i) => i.id);
    const states = await quotaMonthStates(db, publicIds, monthsFrom(new Date(), 4));
    expect(states.length).toBe(publicIds.length * 4);
    for (const state of states) {
      expect(state.used + state.published, `${state.institutionId} ${state.month}`).toBeLessThanOrEqual(
        state.cap!,
      );
    }
    const credential = await db.account.findFirstOrThrow({ where: { providerId: "credential" } });
    expect(credential.password).toMatch(/^\$argon2id\$/);

    // Generating slots again adds nothing: the generator is idempotent.
    const live = await db.schedule.findMany({
      where: { institution: { slug: { notIn: [...DEMO_ONBOARDING] } } },
      select: { id: true },
    });
    const again = await generateSlots(db, { weeks: 8, scheduleIds: live.map((s) => s.id) });
    expect(again.planned).toBeGreaterThan(0);
    expect(again.created).toBe(0);

    // The home page's use case reads it back with locale fallback.
    const home = await getHomeCatalogue(db, "ar");
    expect(home.cities.length).toBe(demoCities.length);
    const pumch = home.institutions.find((i) => i.slug === "pumch-international")!;
    expect(pumch).toMatchObject({ name: "مستشفى كلية بكين الاتحادية الطبية", nameIsFallback: false });
    const xinhua = home.institutions.find((i) => i.slug === "xinhua-hospital")!;
    expect(xinhua).toMatchObject({ nameLocale: "en", nameIsFallback: true });
  }, 180_000);

  it("generates a synthetic catalogue at scale, replacing an earlier one", async () => {
    const db = testDb();
    const first = await seedSynthetic(db, 850);
    expect(first).toMatchObject({ institutions: 850, cities: 57 });
    await seedSynthetic(db, 100);
    expect(await db.institution.count({ where: { slug: { startsWith: "synthetic-" } } })).toBe(100);
    expect(await db.city.count({ where: { slug: { startsWith: "synthetic-" } } })).toBe(7);
    // The bulk load builds the finder's search documents with triggers off: the unfiltered
    // finder's counts (institution_facet_total, ADR 0029) must still cover every institution.
    // (The file's demo seed ran first in the same database: count every institution.)
    const institutions = await db.institution.count();
    const all = await searchHospitals(db, hospitalQuerySchema.parse({}), "en");
    expect(all.total).toBe(institutions);
    expect(all.facets.ownership.reduce((sum, f) => sum + f.count, 0)).toBe(institutions);
    expect(all.facets.city.reduce((sum, f) => sum + f.count, 0)).toBe(institutions);
  });
});
