// Use case: the TCM package finder, with content in a locale (fallback en -> zh).
// One statement over the package search documents (lib/catalogue/package-search-document.ts):
// the page, the total, the city counts and the page's names; then the booking
// status of the page's institutions (bookingAvailability, live).
import type { DbClient } from "../db/create-client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { nameFields, pickLocalizedName, pickTranslation, translationLocales } from "../i18n/content";
import { bookingAvailability, takesOnlineBookings } from "./booking-availability";
import type { PackageQuery } from "./package-filters";
import {
  offeredPackageCities,
  packageCityCounts,
  packageCityFilter,
  packageCityOffers,
  packageFilters,
  packageOrder,
} from "./package-search-document";
import { translationsJson } from "./translations-json";
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

interface TranslationRow {
  locale: string;
  name: string;
  description?: string;
}

interface ItemRow {
  slug: string;
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceFen: number;
  translations: (TranslationRow & { description: string })[];
  institution: { slug: string; nameZh: string; translations: TranslationRow[] };
  city: { slug: string; nameZh: string; translations: TranslationRow[] };
}

interface CityRow {
  id: string;
  slug: string;
  nameZh: string;
  translations: TranslationRow[];
  count: number;
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
  const cityFilter = packageCityFilter(q);
  const cityOffers = packageCityOffers(q);
  const filters = [...packageFilters(q), ...(cityFilter && cityOffers ? [cityFilter, cityOffers] : [])];
  const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const order = packageOrder(q.sort);

  // One statement: the page's documents (an index walk in the list's order), the
  // per-city counts under every filter but the city (the total is their sum, or
  // the asked city's), the cities that offer packages, and the page's names
  // (the cities' names read once, for the page and the city list).
  const [row] = await db.$queryRaw<{ total: number; items: ItemRow[]; cities: CityRow[] }[]>`
    WITH page AS (
      SELECT d.package_id, d.institution_id, d.city_id, d.guide_listed, d.slug, d.conditions, d.therapies,
        d.sessions, d.duration_days, d.price_fen
      FROM package_search d ${where}
      ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}
    ), counts AS MATERIALIZED (${packageCityCounts(q)}),
    city_names AS MATERIALIZED (
      SELECT t.city_id, json_agg(json_build_object('locale', t.locale, 'name', t.name)) AS names
      FROM city_translation t WHERE t.locale = ANY(${wanted}::text[]) GROUP BY t.city_id)
    SELECT
      (SELECT COALESCE(sum(c.n), 0)::int FROM counts c ${
        cityFilter ? Prisma.sql`WHERE ${packageCityFilter(q, "c")}` : Prisma.empty
      }) AS total,
      (SELECT COALESCE(json_agg(json_build_object(
          'slug', d.slug, 'conditions', d.conditions, 'therapies', d.therapies, 'sessions', d.sessions,
          'durationDays', d.duration_days, 'priceFen', d.price_fen,
          'translations', ${translationsJson("tcm_package_translation", Prisma.sql`d.package_id`, wanted, { description: true })},
          'institution', json_build_object('slug', i.slug, 'nameZh', i.name_zh,
            'translations', ${translationsJson("institution_translation", Prisma.sql`i.id`, wanted)}),
          'city', json_build_object('slug', ci.slug, 'nameZh', ci.name_zh,
            'translations', COALESCE(cn.names, '[]')))
        ORDER BY ${order}), '[]')
        FROM page d JOIN institution i ON i.id = d.institution_id JOIN city ci ON ci.id = d.city_id
        LEFT JOIN city_names cn ON cn.city_id = d.city_id) AS items,
      (SELECT COALESCE(json_agg(json_build_object('id', ci.id, 'slug', ci.slug, 'nameZh', ci.name_zh,
          'translations', COALESCE(cn.names, '[]'), 'count', COALESCE(c.n, 0))), '[]')
        FROM (${offeredPackageCities}) o JOIN city ci ON ci.id = o.city_id LEFT JOIN counts c ON c.city_id = o.city_id
        LEFT JOIN city_names cn ON cn.city_id = o.city_id
      ) AS cities`;
  const cityRows = row?.cities ?? [];
  if (q.city && !cityRows.some((c) => c.slug === q.city)) {
    throw new AppError("VALIDATION_FAILED", { fields: { city: "invalid" } });
  }
  const items = row?.items ?? [];
  const availability = await bookingAvailability(
    db,
    items.map((p) => p.institution.slug),
  );
  const total = Number(row?.total ?? 0);
  return {
    query: q,
    total,
    page: q.page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
    items: items.map((p) => {
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
          slug: p.city.slug,
          ...nameFields(pickLocalizedName(p.city.translations, locale, p.city.nameZh)),
        },
      };
    }),
    cities: cityRows
      .map((c) => ({
        slug: c.slug,
        name: pickTranslation(c.translations, locale)?.value.name ?? c.nameZh,
        count: Number(c.count),
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
