// The search documents (ADR 0029): the triggers keep institution_search,
// institution_sort and institution_facet_total equal to a full recompute after
// every kind of catalogue edit, Han terms of one and two characters and pinyin
// in any spelling are found, and the one-pass facet counts equal a brute-force
// count from the catalogue tables over random filter combinations.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  hospitalFilterKeys,
  hospitalQuerySchema,
  type HospitalFacetKey,
} from "../../lib/catalogue/hospital-filters";
import { searchHospitals } from "../../lib/catalogue/search-hospitals";
import { walksListOrder } from "../../lib/catalogue/facet-bits";
import { locales } from "../../lib/i18n/locales";
import { isAgreementActiveOn } from "../../lib/payment/agreement-active";
import { addDays, calendarDateOf, dbDate, type CalendarDate } from "../../lib/time/zone";
import { Prisma } from "../../lib/db/generated/client";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

const search = (query: Record<string, unknown>, locale = "en", now = new Date()) =>
  searchHospitals(testDb(), hospitalQuerySchema.parse({ pageSize: 100, ...query }), locale, now);
const slugs = async (query: Record<string, unknown>, locale = "en", now = new Date()) =>
  (await search(query, locale, now)).items.map((i) => i.slug).sort();

/** Every document, sort row and facet total as text, in a fixed order. */
async function snapshot(): Promise<string[]> {
  const rows = await testDb().$queryRaw<{ t: string }[]>`
    SELECT 'doc ' || s::text AS t FROM (SELECT * FROM institution_search ORDER BY institution_id) s
    UNION ALL SELECT 'sort ' || s::text FROM (SELECT * FROM institution_sort ORDER BY locale, institution_id) s
    UNION ALL SELECT 'total ' || s::text FROM (SELECT facet, value, days, n FROM institution_facet_total WHERE n <> 0 ORDER BY 1, 2, 3) s`;
  return rows.map((r) => r.t);
}

/** What the triggers kept equals a recompute from the catalogue tables, and the totals a count of the documents. */
async function expectDocumentsRight(): Promise<void> {
  const kept = await snapshot();
  const db = testDb();
  await db.$executeRaw`SELECT institution_search_refresh(ARRAY(SELECT id FROM institution ORDER BY id))`;
  expect(await snapshot()).toEqual(kept);
  const totals = await db.$queryRaw<{ t: string }[]>`
    SELECT facet || '|' || value || '|' || days::text || '|' || n AS t
    FROM institution_facet_total WHERE n <> 0 ORDER BY 1`;
  const counted = await db.$queryRaw<{ t: string }[]>`
    WITH docs AS MATERIALIZED (SELECT d FROM institution_search d)
    SELECT v.facet || '|' || v.value || '|' || v.days::text || '|' || count(*) AS t
    FROM docs CROSS JOIN LATERAL institution_facet_values(docs.d) v
    GROUP BY v.facet, v.value, v.days ORDER BY 1`;
  expect(totals.map((r) => r.t)).toEqual(counted.map((r) => r.t));
  // The facet bit strings (migration 20261207090000_facet_bits): each value's
  // set positions are the positions of the documents that have it.
  const bits = await db.$queryRaw<{ t: string }[]>`
    SELECT b.facet || '|' || b.value || '|' || b.days::text || '|' || p.positions AS t
    FROM institution_facet_bits b CROSS JOIN LATERAL (
      SELECT array_agg(g ORDER BY g)::text AS positions FROM generate_series(0, length(b.bits) - 1) g
      WHERE get_bit(b.bits, g) = 1) p
    WHERE p.positions IS NOT NULL ORDER BY 1`;
  const positions = await db.$queryRaw<{ t: string }[]>`
    WITH docs AS MATERIALIZED (SELECT d FROM institution_search d)
    SELECT v.facet || '|' || v.value || '|' || v.days::text || '|' || array_agg(o.ord ORDER BY o.ord)::text AS t
    FROM docs CROSS JOIN LATERAL institution_facet_values(docs.d) v
    JOIN institution_ord o ON o.institution_id = (docs.d).institution_id
    GROUP BY v.facet, v.value, v.days ORDER BY 1`;
  expect(bits.map((r) => r.t)).toEqual(positions.map((r) => r.t));
}

beforeAll(async () => {
  await loadDemoSeed();
});

describe("search documents", () => {
  it("cover the same locales as the app", async () => {
    const rows = await testDb().$queryRaw<{ list: string[] }[]>`SELECT catalogue_locales() AS list`;
    expect(rows[0]!.list).toEqual([...locales]);
    await expectDocumentsRight();
  });

  it("follow edits of the institution, its names and its city's names", async () => {
    const db = testDb();
    const pumch = await db.institution.findUniqueOrThrow({ where: { slug: "pumch-international" } });
    await db.institution.update({
      where: { id: pumch.id },
      data: { ownership: "PRIVATE", languages: ["zh", "mn"], emergency24h: false },
    });
    expect(await slugs({ ownership: "PRIVATE", language: "mn" })).toContain("pumch-international");
    expect(await slugs({ emergency: "0" })).toContain("pumch-international");
    await expectDocumentsRight();

    await db.institutionTranslation.update({
      where: { institutionId_locale: { institutionId: pumch.id, locale: "en" } },
      data: { name: "Aardvark Union Medical College Hospital" },
    });
    expect(await slugs({ q: "aardvark" })).toEqual(["pumch-international"]);
    expect((await search({ sort: "name" }, "en")).items[0]!.slug).toBe("pumch-international");
    await db.institutionTranslation.delete({
      where: { institutionId_locale: { institutionId: pumch.id, locale: "ru" } },
    });
    await expectDocumentsRight();

    const beijing = await db.city.findUniqueOrThrow({ where: { slug: "beijing" } });
    await db.cityTranslation.update({
      where: { cityId_locale: { cityId: beijing.id, locale: "en" } },
      data: { name: "Zzz Beijing" },
    });
    const byCity = await search({ sort: "city" }, "en");
    expect(byCity.items.at(-1)!.city.slug).toBe("beijing");
    await expectDocumentsRight();
  });

  it("follow departments and packages offered and retired", async () => {
    const db = testDb();
    const inst = await db.institution.findUniqueOrThrow({
      where: { slug: "sir-run-run-shaw" },
      include: { departments: true },
    });
    const specialty = ["dentistry", "rehabilitation", "oncology", "neurology", "pediatrics"].find(
      (s) => !inst.departments.some((d) => d.specialty === s),
    )!;
    expect(await slugs({ specialty })).not.toContain(inst.slug);
    const department = await db.department.create({
      data: { institutionId: inst.id, slug: "kidney", specialty, consultationFeeFen: 10_000 },
    });
    await db.departmentTranslation.create({
      data: { departmentId: department.id, locale: "en", name: "Quokka Kidney Clinic" },
    });
    expect(await slugs({ specialty })).toContain(inst.slug);
    expect(await slugs({ q: "quokka kidney" })).toEqual([inst.slug]);
    await expectDocumentsRight();
    await db.department.update({ where: { id: department.id }, data: { retiredAt: new Date() } });
    expect(await slugs({ specialty })).not.toContain(inst.slug);
    expect(await slugs({ q: "quokka kidney" })).toEqual([]);
    await expectDocumentsRight();

    const wasTcm = (await slugs({ tcm: "1" })).includes(inst.slug);
    const pkg = await db.tcmPackage.create({
      data: {
        slug: "search-doc-test-package",
        institutionId: inst.id,
        conditions: ["insomnia"],
        therapies: ["acupuncture"],
        sessions: 5,
        durationDays: 7,
        priceFen: 100_000,
      },
    });
    await db.tcmPackageTranslation.create({
      data: {
        packageId: pkg.id,
        locale: "zh",
        name: "睡眠调理包",
        description: "x",
        treatmentPlan: "x",
        expectedOutcome: "x",
        contraindications: "x",
      },
    });
    expect(await slugs({ tcm: "1" })).toContain(inst.slug);
    expect(await slugs({ q: "睡眠" })).toEqual([inst.slug]);
    expect(await slugs({ q: "眠" })).toContain(inst.slug);
    await expectDocumentsRight();
    await db.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: new Date() } });
    expect((await slugs({ tcm: "1" })).includes(inst.slug)).toBe(wasTcm);
    expect(await slugs({ q: "睡眠" })).toEqual([]);
    await expectDocumentsRight();
  });

  it("follow agreements, exact on the day asked about", async () => {
    const db = testDb();
    const now = new Date();
    const today = calendarDateOf(now);
    const inst = await db.institution.findUniqueOrThrow({ where: { slug: "suifenhe-peoples-hospital" } });
    const insurer = await db.insurer.findUniqueOrThrow({ where: { slug: "geoblue" } });
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const agreement = await db.directBillingAgreement.create({
      data: {
        institutionId: inst.id,
        insurerId: insurer.id,
        scope: "OUTPATIENT",
        validFrom: dbDate(addDays(today, 1)),
        validTo: dbDate(addDays(today, 1)),
      },
    });
    expect(await slugs({ insurer: "geoblue" }, "en", now)).not.toContain(inst.slug);
    expect(await slugs({ insurer: "geoblue" }, "en", tomorrow)).toContain(inst.slug);
    expect(await slugs({ payment: "direct" }, "en", tomorrow)).toContain(inst.slug);
    const later = await search({}, "en", tomorrow);
    const geoblueToday = (await search({}, "en", now)).facets.insurer.find(
      (f) => f.value === "geoblue",
    )!.count;
    expect(later.facets.insurer.find((f) => f.value === "geoblue")!.count).toBe(geoblueToday + 1);
    await expectDocumentsRight();
    await db.directBillingAgreement.delete({ where: { id: agreement.id } });
    expect(await slugs({ insurer: "geoblue" }, "en", tomorrow)).not.toContain(inst.slug);
    await expectDocumentsRight();
  });

  it("follow an institution created and deleted", async () => {
    const db = testDb();
    const city = await db.city.findUniqueOrThrow({ where: { slug: "sanya" } });
    const before = (await search({})).total;
    const inst = await db.institution.create({
      data: {
        slug: "search-doc-test-hospital",
        cityId: city.id,
        nameZh: "三亚测试医院",
        namePinyin: "san ya ce shi yi yuan",
        addressZh: "测试路1号",
        latitude: 18,
        longitude: 109,
        ownership: "PUBLIC",
        intlDeptPhone: "+86 898 0000 0000",
      },
    });
    expect((await search({})).total).toBe(before + 1);
    expect(await slugs({ q: "测" })).toEqual(["search-doc-test-hospital"]);
    expect(await slugs({ q: "ce shi" })).toEqual(["search-doc-test-hospital"]);
    await expectDocumentsRight();
    await db.institution.delete({ where: { id: inst.id } });
    expect((await search({})).total).toBe(before);
    await expectDocumentsRight();
  });
});

describe("text", () => {
  it.each([
    ["协", "zh"],
    ["协和", "en"],
    ["北京协和", "en"],
    ["xiehe", "en"],
    ["xie he", "en"],
    ["Xié Hé", "en"],
    ["XIEHE", "en"],
  ])("finds PUMCH by %s", async (q, locale) => {
    expect(await slugs({ q }, locale)).toContain("pumch-international");
  });

  it("matches the whole Han term, not only its bigrams", async () => {
    // 和协 shares no bigram order with 协和: the real match decides.
    expect(await slugs({ q: "和协" })).not.toContain("pumch-international");
  });

  it("says the total is exact when the text matches at most the limit", async () => {
    const result = await search({ q: "hospital" });
    expect(result.moreThanTotal).toBe(false);
    expect(result.total).toBe(result.items.length);
  });
});

/** The brute-force oracle: every filter as a predicate over the catalogue tables, read whole. */
async function catalogue(today: CalendarDate) {
  const rows = await testDb().institution.findMany({
    select: {
      slug: true,
      ownership: true,
      languages: true,
      accreditations: true,
      services: true,
      emergency24h: true,
      city: { select: { slug: true } },
      departments: { select: { specialty: true, retiredAt: true } },
      packages: { select: { retiredAt: true } },
      agreements: { select: { validFrom: true, validTo: true, insurer: { select: { slug: true } } } },
    },
  });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return rows.map((i) => {
    const specialties = i.departments.filter((d) => !d.retiredAt).map((d) => d.specialty);
    const active = i.agreements.filter((a) =>
      isAgreementActiveOn({ validFrom: day(a.validFrom), validTo: a.validTo ? day(a.validTo) : null }, today),
    );
    const values: Record<HospitalFacetKey, string[]> = {
      city: [i.city.slug],
      specialty: specialties,
      language: i.languages,
      insurer: active.map((a) => a.insurer.slug),
      payment: active.length ? ["direct", "self"] : ["self"],
      ownership: [i.ownership],
      accreditation: i.accreditations,
      service: i.services,
      tcm: [String(i.packages.some((p) => !p.retiredAt) || specialties.includes("tcm"))],
      emergency: [String(i.emergency24h)],
    };
    return { slug: i.slug, values };
  });
}

describe("facet counts", () => {
  it("equal a brute-force count over random filter combinations", async () => {
    const now = new Date();
    const all = await catalogue(calendarDateOf(now));
    const pool = (key: HospitalFacetKey) => [...new Set(all.flatMap((i) => i.values[key]))].sort();
    const arbitraries = Object.fromEntries(
      hospitalFilterKeys.map((key) => [key, fc.option(fc.constantFrom(...pool(key)), { nil: undefined })]),
    ) as Record<HospitalFacetKey, fc.Arbitrary<string | undefined>>;
    const passes = (
      i: (typeof all)[number],
      filters: Partial<Record<HospitalFacetKey, string>>,
      except?: string,
    ) =>
      hospitalFilterKeys.every(
        (key) => key === except || filters[key] === undefined || i.values[key].includes(filters[key]!),
      );
    await fc.assert(
      fc.asyncProperty(fc.record(arbitraries), async (drawn) => {
        const filters = Object.fromEntries(
          Object.entries(drawn).filter(([key, v]) => v !== undefined && !(key === "payment" && v === "self")),
        ) as Partial<Record<HospitalFacetKey, string>>;
        const query = Object.fromEntries(
          Object.entries(filters).map(([k, v]) => [
            k,
            k === "tcm" || k === "emergency" ? (v === "true" ? "1" : "0") : v,
          ]),
        );
        const result = await search(query, "en", now);
        const matching = all.filter((i) => passes(i, filters));
        expect(result.total).toBe(matching.length);
        expect(result.items.map((i) => i.slug).sort()).toEqual(matching.map((i) => i.slug).sort());
        for (const key of hospitalFilterKeys) {
          const others = all.filter((i) => passes(i, filters, key));
          const expected = new Map<string, number>();
          for (const i of others)
            for (const v of new Set(i.values[key])) expected.set(v, (expected.get(v) ?? 0) + 1);
          const got = new Map(result.facets[key].map((f) => [f.value, f.count]));
          for (const [value, count] of expected) expect(got.get(value) ?? 0, `${key}=${value}`).toBe(count);
          for (const [value, count] of got) expect(count, `${key}=${value}`).toBe(expected.get(value) ?? 0);
        }
      }),
      { seed: 20261205, numRuns: 60 },
    );
  });
});

describe("pages with filters", () => {
  // Enough institutions that a filter can keep few (the page read from the
  // matching positions) or many (the sort order walked), the two ways
  // lib/catalogue/facet-bits.ts reads a page.
  beforeAll(async () => {
    await seedSynthetic(testDb(), 300);
  });

  it("hold the matches in the list's order, page by page, however many a filter keeps", async () => {
    const now = new Date();
    const all = await catalogue(calendarDateOf(now));
    const size = all.length;
    const pool = (key: HospitalFacetKey) => [...new Set(all.flatMap((i) => i.values[key]))].sort();
    const keys = ["city", "specialty", "language", "insurer", "ownership", "tcm"] as const;
    const seen = { few: 0, many: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...keys], { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom("relevance", "name", "city"),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom("en", "ar", "zh"),
        async (chosen, pickAt, sort, page, locale) => {
          const filters = Object.fromEntries(
            chosen.map((key) => [key, pool(key)[pickAt % pool(key).length]!]),
          ) as Partial<Record<HospitalFacetKey, string>>;
          const query = { ...filters, ...(filters.tcm ? { tcm: filters.tcm === "true" ? "1" : "0" } : {}) };
          const matching = all
            .filter((i) => chosen.every((key) => i.values[key].includes(filters[key]!)))
            .map((i) => i.slug);
          const order =
            sort === "name"
              ? Prisma.sql`name, slug`
              : sort === "city"
                ? Prisma.sql`city_name, name, slug`
                : Prisma.sql`guide_listed DESC, name, slug`;
          const expected = await testDb().$queryRaw<{ slug: string }[]>`
            SELECT slug FROM institution_sort WHERE locale = ${locale} AND slug = ANY(${matching}::text[])
            ORDER BY ${order} LIMIT 20 OFFSET ${(page - 1) * 20}`;
          const result = await searchHospitals(
            testDb(),
            hospitalQuerySchema.parse({ ...query, sort, page, pageSize: 20 }),
            locale,
            now,
          );
          expect(result.total).toBe(matching.length);
          expect(result.items.map((i) => i.slug)).toEqual(expected.map((r) => r.slug));
          seen[walksListOrder(matching.length, size, page * 20) ? "many" : "few"]++;
        },
      ),
      { seed: 20261207, numRuns: 80 },
    );
    expect(seen.few, "pages read from the matching positions").toBeGreaterThan(5);
    expect(seen.many, "pages read by walking the list's order").toBeGreaterThan(5);
    await expectDocumentsRight();
  });

  it("keep the bit strings right when a statement deletes and inserts hundreds of institutions", async () => {
    // The synthetic seed replaces its catalogue: many positions cleared, then set, in one statement each.
    await seedSynthetic(testDb(), 200);
    await expectDocumentsRight();
    expect((await search({})).total).toBe(await testDb().institution.count());
  });
});
