// The package finder's search documents (migration 20261206090000_package_search):
// the triggers keep package_search and package_facet_total equal to a full
// recompute after every kind of catalogue edit (package, translation, retire and
// restore, institution moves and renames, the synthetic seed's bulk load), and
// searchPackages answers exactly what the finder answered before the documents
// (the old queries over the catalogue tables are kept here as the oracle) for
// many combinations of filters, text, sorts, pages and locales.
import { beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../../lib/db/create-client";
import { Prisma } from "../../lib/db/generated/client";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../../lib/i18n/content";
import { bookingAvailability, takesOnlineBookings } from "../../lib/catalogue/booking-availability";
import { offeredPackage, offeredSql } from "../../lib/catalogue/offered";
import { packageQuerySchema, type PackageQuery } from "../../lib/catalogue/package-filters";
import { searchPackages } from "../../lib/catalogue/search-packages";
import { containsPattern, foldText } from "../../lib/catalogue/text-search";
import { seedSynthetic } from "../../lib/seed/seed-synthetic";
import { loadDemoSeed } from "../setup/demo-db";
import { testDb } from "../helpers/db";

/** The finder before the documents (12 statements over the catalogue tables): the oracle. */
async function oracle(db: DbClient, q: PackageQuery, locale: string) {
  const wanted = translationLocales(locale);
  const cityRows = await db.city.findMany({
    where: { institutions: { some: { packages: { some: offeredPackage } } } },
    select: { id: true, slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } },
  });
  const city = q.city ? cityRows.find((c) => c.slug === q.city) : undefined;
  if (q.city && !city) return "invalid city";
  const parts: Prisma.Sql[] = [];
  const cityless: Prisma.Sql[] = [];
  const add = (sql: Prisma.Sql, isCity = false) => {
    parts.push(sql);
    if (!isCity) cityless.push(sql);
  };
  add(offeredSql("p"));
  if (city) add(Prisma.sql`i.city_id = ${city.id}`, true);
  if (q.condition) add(Prisma.sql`p.conditions @> ARRAY[${q.condition}]::text[]`);
  if (q.therapy) add(Prisma.sql`p.therapies @> ARRAY[${q.therapy}]::text[]`);
  if (q.maxDays !== undefined) add(Prisma.sql`p.duration_days <= ${q.maxDays}`);
  if (q.minPrice !== undefined) add(Prisma.sql`p.price_fen >= ${q.minPrice * 100}`);
  if (q.maxPrice !== undefined) add(Prisma.sql`p.price_fen <= ${q.maxPrice * 100}`);
  if (q.q) {
    const pattern = containsPattern(foldText(q.q));
    add(Prisma.sql`(EXISTS (SELECT 1 FROM tcm_package_translation t WHERE t.package_id = p.id AND t.name ILIKE ${pattern})
      OR i.name_zh ILIKE ${pattern}
      OR EXISTS (SELECT 1 FROM institution_translation t WHERE t.institution_id = i.id AND t.name ILIKE ${pattern}))`);
  }
  const where = (list: Prisma.Sql[]) => Prisma.sql`WHERE ${Prisma.join(list, " AND ")}`;
  const from = Prisma.sql`FROM tcm_package p JOIN institution i ON i.id = p.institution_id`;
  const order =
    q.sort === "price"
      ? Prisma.sql`p.price_fen ASC, p.slug`
      : q.sort === "days"
        ? Prisma.sql`p.duration_days ASC, p.slug`
        : q.sort === "sessions"
          ? Prisma.sql`p.sessions DESC, p.slug`
          : Prisma.sql`i.guide_listed DESC, p.price_fen ASC, p.slug`;
  const [countRow] = await db.$queryRaw<{ total: number }[]>(
    Prisma.sql`SELECT count(*)::int AS total ${from} ${where(parts)}`,
  );
  const pageRows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT p.id ${from} ${where(parts)} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const cityCounts = await db.$queryRaw<{ city_id: string; count: number }[]>(
    Prisma.sql`SELECT i.city_id, count(*)::int AS count ${from} ${where(cityless)} GROUP BY i.city_id`,
  );
  const ids = pageRows.map((r) => r.id);
  const rows = await db.tcmPackage.findMany({
    where: { id: { in: ids } },
    include: {
      translations: {
        where: { locale: { in: wanted } },
        select: { locale: true, name: true, description: true },
      },
      institution: {
        select: {
          slug: true,
          nameZh: true,
          translations: { where: { locale: { in: wanted } }, select: { locale: true, name: true } },
          city: { select: { slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } } },
        },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const availability = await bookingAvailability(
    db,
    rows.map((r) => r.institution.slug),
  );
  const counts = new Map(cityCounts.map((c) => [c.city_id, Number(c.count)]));
  const total = Number(countRow?.total ?? 0);
  return {
    query: q,
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    items: ids.map((id) => {
      const p = byId.get(id)!;
      const n = pickTranslation(p.translations, locale);
      return {
        slug: p.slug,
        name: n?.value.name ?? p.slug,
        nameLocale: n?.locale ?? "en",
        nameIsFallback: n ? n.isFallback : true,
        description: n?.value.description ?? "",
        conditions: p.conditions,
        therapies: p.therapies,
        sessions: p.sessions,
        durationDays: p.durationDays,
        priceFen: p.priceFen,
        institution: {
          slug: p.institution.slug,
          ...nameFields(pickLocalizedName(p.institution.translations, locale, p.institution.nameZh)),
          nameZh: p.institution.nameZh,
        },
        takesOnlineBookings: takesOnlineBookings(availability.get(p.institution.slug)),
        city: {
          slug: p.institution.city.slug,
          ...nameFields(
            pickLocalizedName(p.institution.city.translations, locale, p.institution.city.nameZh),
          ),
        },
      };
    }),
    cities: cityRows
      .map((c) => ({
        slug: c.slug,
        name: pickTranslation(c.translations, locale)?.value.name ?? c.nameZh,
        count: counts.get(c.id) ?? 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}

async function current(q: PackageQuery, locale: string) {
  try {
    return await searchPackages(testDb(), q, locale);
  } catch (error) {
    if ((error as { code?: string }).code === "VALIDATION_FAILED") return "invalid city";
    throw error;
  }
}

/** Every document and total as text, in a fixed order. */
async function snapshot(): Promise<string[]> {
  const rows = await testDb().$queryRaw<{ t: string }[]>`
    SELECT 'doc ' || s::text AS t FROM (SELECT * FROM package_search ORDER BY package_id) s
    UNION ALL SELECT 'total ' || s::text FROM (SELECT * FROM package_facet_total WHERE n <> 0
      ORDER BY condition, therapy, city_id) s`;
  return rows.map((r) => r.t);
}

/** What the triggers kept equals a recompute, the documents are the offered packages, the totals their count. */
async function expectDocumentsRight(): Promise<void> {
  const db = testDb();
  const kept = await snapshot();
  await db.$executeRaw`SELECT package_search_refresh(ARRAY(SELECT id FROM institution ORDER BY id))`;
  expect(await snapshot()).toEqual(kept);
  const [counts] = await db.$queryRaw<{ docs: number; offered: number }[]>`
    SELECT (SELECT count(*)::int FROM package_search) AS docs,
      (SELECT count(*)::int FROM tcm_package p WHERE ${offeredSql("p")}) AS offered`;
  expect(counts!.docs).toBe(counts!.offered);
  const totals = await db.$queryRaw<{ t: string }[]>`
    SELECT f.condition || '|' || f.therapy || '|' || f.city_id || '|' || k || '|' || f.by_days[k] AS t
    FROM package_facet_total f, generate_subscripts(f.by_days, 1) k WHERE f.by_days[k] <> 0
    UNION ALL SELECT f.condition || '|' || f.therapy || '|' || f.city_id || '|all|' || f.n
    FROM package_facet_total f WHERE f.n <> 0 ORDER BY 1`;
  const counted = await db.$queryRaw<{ t: string }[]>`
    WITH cell AS (
      SELECT c.v AS condition, th.v AS therapy, d.city_id, LEAST(GREATEST(d.duration_days, 1), 366) AS day
      FROM package_search d
      CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(d.conditions) x UNION ALL SELECT '') c(v)
      CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(d.therapies) x UNION ALL SELECT '') th(v))
    SELECT condition || '|' || therapy || '|' || city_id || '|' || day || '|' || count(*) AS t
    FROM cell GROUP BY condition, therapy, city_id, day
    UNION ALL SELECT condition || '|' || therapy || '|' || city_id || '|all|' || count(*)
    FROM cell GROUP BY condition, therapy, city_id ORDER BY 1`;
  expect(totals.map((r) => r.t)).toEqual(counted.map((r) => r.t));
  const [bad] = await db.$queryRaw<{ negative: number }[]>`
    SELECT count(*)::int AS negative FROM package_facet_total f
    WHERE f.n < 0 OR EXISTS (SELECT 1 FROM unnest(f.by_days) x WHERE x < 0)`;
  expect(bad!.negative).toBe(0);
}

beforeAll(async () => {
  await loadDemoSeed();
  await seedSynthetic(testDb(), 150);
}, 600_000);

describe("package search documents", () => {
  it("are built for the demo catalogue and the synthetic seed's bulk load", async () => {
    const [built] = await testDb().$queryRaw<{ synthetic: number }[]>`
      SELECT count(*)::int AS synthetic FROM package_search WHERE slug LIKE 'synthetic-%'`;
    expect(built!.synthetic).toBeGreaterThan(10);
    await expectDocumentsRight();
  });

  it("answer what the catalogue tables answered, for filters, text, sorts, pages and locales", async () => {
    const db = testDb();
    const cities = (await db.city.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map(
      (c) => c.slug,
    );
    const pick = <T>(list: readonly T[], k: number) => list[k % list.length]!;
    const texts = ["合成", "中医", "协和", "synthetic", "pain", "Sanya", "he cheng", "xyz", "三亚", "%", "_"];
    const sorts = ["relevance", "price", "days", "sessions"] as const;
    const locales = ["en", "ru", "zh", "ar", "de"];
    let found = 0;
    for (let k = 0; k < 120; k++) {
      const raw: Record<string, unknown> = {
        sort: pick(sorts, k),
        pageSize: pick([5, 20, 100], k),
        page: k % 5 === 4 ? 2 : 1,
      };
      if (k % 3 === 1) raw.city = pick(cities, k * 7);
      if (k % 3 === 0)
        raw.condition = pick(["neck_back_pain", "insomnia", "metabolic_syndrome", "wellness"], k);
      if (k % 4 === 1)
        raw.therapy = pick(["acupuncture", "moxibustion", "tuina", "cupping", "herbal_medicine"], k);
      if (k % 5 === 2) raw.maxDays = pick([7, 12, 14, 21, 30], k);
      if (k % 7 === 3) raw.minPrice = pick([2000, 4000, 6000], k);
      if (k % 6 === 4) raw.maxPrice = pick([5000, 8000, 100_000], k);
      if (k % 4 === 3) raw.q = pick(texts, k);
      const q = packageQuerySchema.parse(raw);
      const locale = pick(locales, k);
      const expected = await oracle(db, q, locale);
      expect(await current(q, locale), JSON.stringify({ raw, locale })).toEqual(expected);
      if (typeof expected !== "string" && expected.items.length > 0) found++;
    }
    expect(found).toBeGreaterThan(50);
  }, 300_000);

  it("follow package, translation, retire, restore, institution and delete edits", async () => {
    const db = testDb();
    const pkg = await db.tcmPackage.findFirstOrThrow({
      where: { retiredAt: null, slug: { startsWith: "synthetic-" } },
      include: { institution: true },
    });
    const otherCity = await db.city.findFirstOrThrow({ where: { id: { not: pkg.institution.cityId } } });
    const find = async (query: Record<string, unknown>) =>
      (await searchPackages(db, packageQuerySchema.parse({ pageSize: 100, ...query }), "en")).items.map(
        (i) => i.slug,
      );

    await db.tcmPackage.update({
      where: { id: pkg.id },
      data: {
        priceFen: 123_400,
        durationDays: 3,
        conditions: ["insomnia", "wellness"],
        therapies: ["cupping"],
      },
    });
    expect(await find({ maxDays: 3, condition: "wellness", therapy: "cupping" })).toContain(pkg.slug);
    await expectDocumentsRight();

    await db.tcmPackageTranslation.update({
      where: { packageId_locale: { packageId: pkg.id, locale: "en" } },
      data: { name: "Quietude Retreat" },
    });
    expect(await find({ q: "quietude" })).toEqual([pkg.slug]);

    await db.institution.update({
      where: { id: pkg.institutionId },
      data: { cityId: otherCity.id, guideListed: true },
    });
    await db.institutionTranslation.updateMany({
      where: { institutionId: pkg.institutionId, locale: "en" },
      data: { name: "Zephyr Wellness Hospital" },
    });
    expect(await find({ q: "zephyr", city: otherCity.slug })).toContain(pkg.slug);
    await expectDocumentsRight();

    await db.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: new Date() } });
    expect(await find({ q: "quietude" })).toEqual([]);
    await expectDocumentsRight();
    await db.tcmPackage.update({ where: { id: pkg.id }, data: { retiredAt: null } });
    expect(await find({ q: "quietude" })).toEqual([pkg.slug]);
    await expectDocumentsRight();

    const created = await db.tcmPackage.create({
      data: {
        slug: "package-search-new",
        institutionId: pkg.institutionId,
        conditions: ["neck_back_pain"],
        therapies: ["tuina"],
        sessions: 3,
        durationDays: 2,
        priceFen: 50_000,
        translations: {
          create: [
            {
              locale: "en",
              name: "Brand new course",
              description: "",
              treatmentPlan: "",
              expectedOutcome: "",
              contraindications: "",
            },
          ],
        },
      },
    });
    expect(await find({ q: "brand new", maxDays: 2 })).toEqual([created.slug]);
    await expectDocumentsRight();
    await db.tcmPackage.delete({ where: { id: created.id } });
    expect(await find({ q: "brand new" })).toEqual([]);
    await expectDocumentsRight();

    await db.institution.delete({ where: { id: pkg.institutionId } });
    expect(await find({ q: "quietude" })).toEqual([]);
    await expectDocumentsRight();
  });

  it("follow set-wise writes as the catalogue import makes them, and concurrent edits of one institution", async () => {
    const db = testDb();
    const [a, b] = await db.institution.findMany({
      where: { slug: { startsWith: "synthetic-" }, packages: { some: { retiredAt: null } } },
      orderBy: { slug: "asc" },
      take: 2,
    });
    const made = await db.$transaction(async (tx) => {
      const created = await tx.tcmPackage.createManyAndReturn({
        data: [a!, a!, b!].map((inst, k) => ({
          slug: `package-search-import-${k}`,
          institutionId: inst.id,
          conditions: ["insomnia"],
          therapies: ["moxibustion", "tuina"],
          sessions: 4 + k,
          durationDays: 5 + k,
          priceFen: 99_000 + k,
        })),
      });
      await tx.tcmPackageTranslation.createMany({
        data: created.map((p) => ({
          packageId: p.id,
          locale: "en",
          name: `Imported calm ${p.slug}`,
          description: "",
          treatmentPlan: "",
          expectedOutcome: "",
          contraindications: "",
        })),
      });
      return created;
    });
    const find = async (query: Record<string, unknown>) =>
      (await searchPackages(db, packageQuerySchema.parse({ pageSize: 100, ...query }), "en")).items.map(
        (i) => i.slug,
      );
    expect(await find({ q: "imported calm", therapy: "moxibustion", sort: "sessions" })).toEqual(
      made.map((p) => p.slug).reverse(),
    );
    await expectDocumentsRight();

    // Two transactions editing packages of one institution at once: neither edit is lost.
    const [first, second] = made;
    await Promise.all([
      db.$transaction(async (tx) => {
        await tx.tcmPackage.update({ where: { id: first!.id }, data: { priceFen: 77_700 } });
        await tx.$executeRaw`SELECT pg_sleep(0.2)`;
      }),
      db.$transaction(async (tx) => {
        await tx.tcmPackageTranslation.update({
          where: { packageId_locale: { packageId: second!.id, locale: "en" } },
          data: { name: "Imported serenity" },
        });
        await tx.institution.update({ where: { id: a!.id }, data: { guideListed: true } });
      }),
    ]);
    expect(await find({ q: "imported serenity" })).toEqual([second!.slug]);
    expect(await find({ maxPrice: 777, q: "imported" })).toEqual([first!.slug]);
    await expectDocumentsRight();

    // Retiring every package of an institution in one statement empties its city counts of them.
    await db.tcmPackage.updateMany({ where: { institutionId: a!.id }, data: { retiredAt: new Date() } });
    expect(await find({ q: "imported" })).toEqual([made[2]!.slug]);
    await expectDocumentsRight();
  });
});
