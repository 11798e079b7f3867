// Use case: the TCM package finder, with content in a locale (fallback en -> zh).
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import { offeredPackage, offeredSql } from "./offered";
import type { PackageQuery } from "./package-filters";
import { containsPattern, foldText } from "./text-search";
import { tracedUseCase } from "../observability/trace";

export interface PackageCard {
  slug: string;
  name: string;
  nameLocale: string;
  nameIsFallback: boolean;
  description: string;
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceFen: number;
  institution: { slug: string; name: string; nameLocale: string; nameZh: string };
  city: { slug: string; name: string; nameLocale: string };
  /** False: its institution is not yet taking international bookings online. */
  takesOnlineBookings: boolean;
}

export interface PackageSearchResult {
  query: PackageQuery;
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  items: PackageCard[];
  cities: { slug: string; name: string; count: number }[];
}

async function searchPackagesUntraced(
  db: DbClient,
  q: PackageQuery,
  locale: string,
): Promise<PackageSearchResult> {
  if (q.minPrice !== undefined && q.maxPrice !== undefined && q.minPrice > q.maxPrice) {
    throw new AppError("VALIDATION_FAILED", { fields: { maxPrice: "invalid" } });
  }
  const wanted = translationLocales(locale);

  const cityRows = await db.city.findMany({
    where: { institutions: { some: { packages: { some: offeredPackage } } } },
    select: { id: true, slug: true, nameZh: true, translations: { where: { locale: { in: wanted } } } },
  });
  const city = q.city ? cityRows.find((c) => c.slug === q.city) : undefined;
  if (q.city && !city) throw new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });

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
  const where = (list: Prisma.Sql[]) =>
    list.length ? Prisma.sql`WHERE ${Prisma.join(list, " AND ")}` : Prisma.empty;
  const from = Prisma.sql`FROM tcm_package p JOIN institution i ON i.id = p.institution_id`;
  const order =
    q.sort === "price"
      ? Prisma.sql`p.price_fen ASC, p.slug`
      : q.sort === "days"
        ? Prisma.sql`p.duration_days ASC, p.slug`
        : q.sort === "sessions"
          ? Prisma.sql`p.sessions DESC, p.slug`
          : Prisma.sql`i.guide_listed DESC, p.price_fen ASC, p.slug`;

  const [[countRow], pageRows, cityCounts] = await Promise.all([
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total ${from} ${where(parts)}`),
    db.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT p.id ${from} ${where(parts)} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    ),
    db.$queryRaw<{ city_id: string; count: number }[]>(
      Prisma.sql`SELECT i.city_id, count(*)::int AS count ${from} ${where(cityless)} GROUP BY i.city_id`,
    ),
  ]);

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

/** searchPackages with a "catalogue.searchPackages" span around each call (lib/observability/trace.ts). */
export const searchPackages = tracedUseCase(
  "catalogue.searchPackages",
  searchPackagesUntraced,
  (_db, _q, locale) => ({ locale }),
);
